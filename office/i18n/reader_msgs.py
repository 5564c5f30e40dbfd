"""Catalogue part: the scenario reader's locations, errors and warnings (each says what to do)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # where a problem is
    "reader.where.cell": ("{sheet} 表第 {row} 行，{column} 列", "{sheet} row {row}, column {column}"),
    "reader.where.row": ("{sheet} 表第 {row} 行", "{sheet} row {row}"),
    "reader.where.column": ("{sheet} 表，{column} 列", "{sheet}, column {column}"),
    "reader.where.sheet": ("{sheet} 表", "{sheet}"),
    "reader.severity.error": ("错误", "error"),
    "reader.severity.warning": ("提醒", "warning"),
    # files and sheets
    "reader.no_source": ("找不到文件或文件夹 {file}：请检查路径。", "file or folder {file} not found: check the path."),
    "reader.not_xlsx": ("{file} 不是 .xlsx 工作簿：请另存为 .xlsx，或给出每表一个 CSV 的文件夹。", "{file} is not an .xlsx workbook: save it as .xlsx, or give a folder with one CSV per sheet."),
    "reader.unreadable_workbook": ("无法打开工作簿 {file}（{reason}）：请确认它是完好的 .xlsx 文件。", "cannot open workbook {file} ({reason}): make sure it is an intact .xlsx file."),
    "reader.bad_encoding": ("{file} 的编码无法识别：请另存为 UTF-8 或 GBK/GB18030 编码的 CSV。", "the encoding of {file} is not recognised: save it as CSV in UTF-8 or GBK/GB18030."),
    "reader.unreadable_csv": ("无法读取 CSV 文件 {file}（{reason}）：请检查引号和逗号。", "cannot read CSV file {file} ({reason}): check quotes and commas."),
    "reader.missing_sheet": ("缺少必需的工作表 {sheet}：请添加该表（表头见模板 data/template.xlsx）。", "required sheet {sheet} is missing: add it (see data/template.xlsx for its header row)."),
    "reader.missing_csv": ("缺少必需的文件 {sheet}.csv：请在文件夹中添加（表头见模板）。", "required file {sheet}.csv is missing: add it to the folder (see the template for its header row)."),
    "reader.unknown_sheet": ("未知的工作表 {sheet}，已忽略（可用的表：{known}）。如是拼写错误请更正。", "unknown sheet {sheet} is ignored (known sheets: {known}); correct the name if it is a typo."),
    "reader.missing_column": ("缺少必需的列 {column}：请在第 1 行（表头）添加该列。", "required column {column} is missing: add it to the header row (row 1)."),
    "reader.no_rows": ("该表没有数据行：请至少填写一行。", "the sheet has no data rows: fill in at least one row."),
    # cells
    "reader.required_value": ("{column} 必须填写。", "{column} must not be empty."),
    "reader.bad_date": ("“{value}” 不是日期：请填写 YYYY-MM-DD 格式（如 2026-01-05）或 Excel 日期。", "\"{value}\" is not a date: write YYYY-MM-DD (e.g. 2026-01-05) or use an Excel date cell."),
    "reader.bad_time": ("“{value}” 不是时间：请填写 HH:MM（如 08:30）。", "\"{value}\" is not a time: write HH:MM (e.g. 08:30)."),
    "reader.bad_number": ("“{value}” 不是数字：请填写数字。", "\"{value}\" is not a number: write a number."),
    "reader.bad_integer": ("“{value}” 不是整数：请填写整数。", "\"{value}\" is not a whole number: write a whole number."),
    "reader.negative": ("{value} 为负数：请填写 0 或正数。", "{value} is negative: write 0 or more."),
    "reader.too_small": ("{value} 太小：至少为 {minimum}。", "{value} is too small: it must be at least {minimum}."),
    "reader.points_decimals": ("分值 {value} 超过两位小数：最多保留两位小数（如 1.25）。", "points {value} have more than two decimals: use at most two (e.g. 1.25)."),
    "reader.fte_range": ("fte “{value}” 应大于 0 且不超过 1（全职填 1，半职填 0.5）。", "fte \"{value}\" must be above 0 and at most 1 (1 = full time, 0.5 = half time)."),
    "reader.end_before_start": ("结束日期 {end} 早于开始日期 {start}：请交换或更正日期。", "end {end} is before start {start}: swap or correct the dates."),
    "reader.min_above_max": ("最少分钟数 {low} 大于最多分钟数 {high}：请更正。", "min_minutes {low} is above max_minutes {high}: correct one of them."),
    "reader.duplicate_id": ("“{value}” 重复（第 {first} 行已出现）：每个编号只能出现一次。", "\"{value}\" is a duplicate (already in row {first}): each id may appear only once."),
    "reader.bad_day_type": ("日期类型 “{value}” 无效：只能是 {known}。", "day type \"{value}\" is not valid: use one of {known}."),
    "reader.unknown_rank": ("职级 “{value}” 不是已知职级（{known}），按其自身作为公平分组。", "rank \"{value}\" is not a known rank ({known}); it is used as its own fairness group."),
    "reader.unknown_leave_kind": ("假别 “{value}” 不是已知类型（{known}），仍按请假处理。", "leave kind \"{value}\" is not a known kind ({known}); it still counts as leave."),
    "reader.bad_max_per_post": ("“{value}” 格式不对：请写成 岗位编号=次数，多个用分号分隔（如 NIGHT=2;HOL=0）。", "\"{value}\" is not in the form POST=n: write e.g. NIGHT=2;HOL=0."),
    "reader.horizon_too_long": ("排班周期长达 {days} 天，超过上限 {most} 天：请检查年份是否写错。", "the horizon is {days} days long, more than the {most} allowed: check the years for a typo."),
    "reader.horizon_years": ("排班周期应在 {low} 年至 {high} 年之间：请检查年份。", "the horizon must lie between the years {low} and {high}: check the years."),
    "reader.horizon_one_row": ("排班周期表只能有一行：请删除多余的行。", "the horizon sheet takes exactly one row: delete the extra rows."),
    # references
    "reader.unknown_staff": ("人员编号 “{value}” 不在 staff 表中：请先在 staff 表添加此人或更正编号。", "staff_id \"{value}\" is not in staff: add the person to the staff sheet or correct the id."),
    "reader.unknown_post": ("岗位编号 “{value}” 不在 posts 表中：请先在 posts 表添加该岗位或更正编号。", "post_id \"{value}\" is not in posts: add the post to the posts sheet or correct the id."),
    "reader.outside_horizon": ("日期 {value} 不在排班周期 {start} 至 {end} 之内：请更正日期或删除该行。", "date {value} is outside the horizon {start} to {end}: correct the date or delete the row."),
    "reader.bad_request_kind": ("申请类型 “{value}” 无效：只能是 want（希望值班）或 avoid（希望不值班）。", "request kind \"{value}\" is not valid: use want or avoid."),
    "reader.last_duty_in_horizon": ("上次值班日期 {value} 不早于排班开始日 {start}：这里只填周期开始前的最后一次值班。", "last_duty {value} is not before the horizon start {start}: give the last duty before the horizon."),
    "reader.request_unavailable": ("{staff} 希望 {date} 值班，但此人当天请假或不在岗，这个意愿无法满足。", "{staff} wants a duty on {date} but is on leave or not active that day, so the wish cannot be met."),
    "reader.request_post_not_running": ("岗位 {post} 在 {date}（{day_type}）不设值班，这个意愿不起作用：请检查日期或岗位。", "post {post} does not run on {date} ({day_type}), so this wish has no effect: check the date or the post."),
    # pins that break a rule on their own
    "reader.pin_on_leave": ("指定 {staff} 于 {date} 值 {post}，但此人当天请假：请改派他人或调整请假。", "pin {staff} on {post} on {date}, but the person is on leave that day: pin someone else or change the leave."),
    "reader.pin_unqualified": ("指定 {staff} 于 {date} 值 {post}，但此人不具备该岗位要求的资格 “{qualification}”：请改派有资格的人员。", "pin {staff} on {post} on {date}, but the person lacks the post's qualification \"{qualification}\": pin a qualified person."),
    "reader.pin_inactive": ("指定 {staff} 于 {date} 值 {post}，但此人当天不在岗（到岗/离岗日期之外）：请改派他人。", "pin {staff} on {post} on {date}, but the person is not active that day (outside active_from/active_to): pin someone else."),
    "reader.pin_post_not_running": ("指定 {staff} 于 {date} 值 {post}，但该岗位在这一天（{day_type}）不设值班：请更正日期或岗位。", "pin {staff} on {post} on {date}, but the post does not run that day ({day_type}): correct the date or the post."),
    "reader.duplicate_pin": ("与第 {first} 行的指定值班完全相同，已忽略。", "same pin as row {first}; ignored."),
    # rules sheet
    "reader.unknown_rule": ("未知的规则 “{value}”，已忽略（可用的规则：{known}）。", "unknown rule \"{value}\" is ignored (known rules: {known})."),
    "reader.bad_pair": ("“{value}” 应为两个不同人员编号，用分号分隔（如 W001;W002），每行一对。", "\"{value}\" must be two different staff ids separated by a semicolon (e.g. W001;W002), one pair per row."),
    # warnings about the whole scenario
    "reader.post_shared_groups": ("岗位 {post} 可由不同公平分组（{groups}）的人员担任：公平性只在组内平衡，各组之间的分担不做平衡。建议用资格要求把各组的岗位分开。", "post {post} is open to people of several fairness groups ({groups}): fairness is balanced within each group, not between them. Keep each group's posts apart by qualification."),
    # summaries (CLI / UI)
    "reader.summary": ("发现 {errors} 个错误、{warnings} 个提醒。", "{errors} error(s) and {warnings} warning(s) found."),
}
