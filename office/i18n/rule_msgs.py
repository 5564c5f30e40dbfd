"""Catalogue part: the roster rules in plain words (hard rules, objective terms, levels).

One entry per key of ``docs/ROSTER_RULES.md``: ``rule.<key>`` is a short label a director
understands; ``rule.<key>.detail`` describes one violation (or one instance of a soft term).
The validator, the CP-SAT explanation, the CLI and the UI all use these, so a rule is called
the same everywhere. ``scheduler.describe.describe_finding`` fills the placeholders:

- always available: ``{date}`` (ISO), ``{post}`` (post name), ``{staff}`` (names of all
  ``Finding.staff_ids`` joined by "、"/", "), ``{staff_a}``, ``{staff_b}`` (first two people);
- from ``Finding.params`` (dates rendered ISO, ``None`` as "—"): ``required``, ``actual``,
  ``limit``, ``other_date``, ``other_post`` (a post id, rendered as its name), ``month``
  (``YYYY-MM``), ``week`` (``YYYY-Www``), ``end`` (last day of a run), ``qualification``,
  ``active_from``, ``active_to``, ``leave_kind``, ``start``, ``min_minutes``,
  ``max_minutes``, ``posts`` (post ids, rendered as names), ``weight``, ``kind`` (want/avoid,
  rendered via ``rule.request.<kind>``), ``festival`` (festival key, rendered via
  ``festival.<key>`` when known), ``load``, ``share``, ``excess``, ``deviation`` (Fractions,
  rendered to two decimals), ``count``.

When a finding lacks a placeholder its detail is not used: ``describe_finding`` falls back to
"label: date post staff", so a caller with fewer params still gets a sensible sentence.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- hard rules ------------------------------------------------------------------------
    "rule.cover": ("每个班次按规定人数值班", "every duty gets exactly the required number of people"),
    "rule.cover.detail": ("{date} {post}：需要 {required} 人，实际 {actual} 人", "{date} {post}: needs {required}, has {actual}"),
    "rule.cover.eligible": ("{date} {post}：需要 {required} 人，但只有 {actual} 人能值这个班", "{date} {post}: needs {required}, but only {actual} can take it"),
    "rule.qualification": ("只能由具备资格的人值该岗位", "only qualified people take a post"),
    "rule.qualification.detail": ("{date} {post}：{staff} 不具备所需资格“{qualification}”", "{date} {post}: {staff} lacks the required qualification \"{qualification}\""),
    "rule.active": ("只在在岗期间值班", "only on days the person belongs to the office"),
    "rule.active.detail": ("{date} {post}：{staff} 当天不在岗（在岗期间 {active_from} 至 {active_to}）", "{date} {post}: {staff} is not with the office that day (active {active_from} to {active_to})"),
    "rule.leave": ("休假期间不值班", "no duty while on leave"),
    "rule.leave.detail": ("{date} {post}：{staff} 当天休假（{leave_kind}，{start} 至 {end}）", "{date} {post}: {staff} is on leave that day ({leave_kind}, {start} to {end})"),
    "rule.one_per_day": ("每人每天最多一个班次", "at most one duty per person per day"),
    "rule.one_per_day.detail": ("{date}：{staff} 同一天排了 {actual} 个班次（{posts}）", "{date}: {staff} has {actual} duties the same day ({posts})"),
    "rule.rest_after": ("值完该岗位后须休息规定天数", "the required rest days after a post"),
    "rule.rest_after.detail": ("{date} {post}：{staff} 在 {other_date} 值过 {other_post}，之后 {limit} 天内不能再值班", "{date} {post}: {staff} worked {other_post} on {other_date} and must rest {limit} day(s) after it"),
    "rule.more_people": ("等共 {count} 人", "… {count} people in all"),
    "rule.history.last_duty": ("历史记录中的最后一次值班", "the last duty on record"),
    "rule.min_gap": ("两次值班之间至少间隔规定天数", "the minimum number of free days between two duties"),
    "rule.min_gap.detail": ("{staff}：{other_date} 与 {date} 两次值班之间只隔 {actual} 天，至少需隔 {limit} 天", "{staff}: only {actual} free day(s) between the duties on {other_date} and {date}, at least {limit} needed"),
    "rule.max_per_week": ("每周值班次数上限", "at most so many duties per week"),
    "rule.max_per_week.detail": ("{staff}：{week} 周值班 {actual} 次，上限 {limit} 次", "{staff}: {actual} duties in week {week}, limit {limit}"),
    "rule.max_per_month": ("每月值班次数上限", "at most so many duties per month"),
    "rule.max_per_month.detail": ("{staff}：{month} 月值班 {actual} 次，上限 {limit} 次", "{staff}: {actual} duties in {month}, limit {limit}"),
    "rule.max_weekend_holiday_per_month": ("每月周末和节假日值班次数上限", "at most so many weekend/holiday duties per month"),
    "rule.max_weekend_holiday_per_month.detail": ("{staff}：{month} 月周末/节假日值班 {actual} 次，上限 {limit} 次", "{staff}: {actual} weekend/holiday duties in {month}, limit {limit}"),
    "rule.pin": ("指定的值班安排必须保留", "duties fixed in advance are kept"),
    "rule.pin.detail": ("{date} {post}：已指定 {staff} 值班，但排班中没有这一安排", "{date} {post}: {staff} was fixed for this duty but is not on it"),
    "rule.never_together": ("指定的两人不在同一天值班", "the named pair never on duty the same day"),
    "rule.never_together.detail": ("{date}：{staff_a} 和 {staff_b} 不能在同一天值班", "{date}: {staff_a} and {staff_b} may not be on duty the same day"),
    "rule.cannot_follow": ("某些班次之后次日不能接另一班次", "some duties may not follow another the next day"),
    "rule.cannot_follow.detail": ("{staff}：{other_date} 值 {other_post} 后，{date} 不能接着值 {post}", "{staff}: {post} on {date} may not follow {other_post} on {other_date}"),
    "rule.max_per_post": ("每人在某岗位上的值班次数上限", "at most so many duties per person on a post"),
    "rule.max_per_post.detail": ("{post}：{staff} 值了 {actual} 次，上限 {limit} 次", "{post}: {staff} has {actual} duties, limit {limit}"),
    "rule.minutes": ("每人值班总时长在规定范围内", "each person's total duty time within limits"),
    "rule.minutes.detail": ("{staff}：值班总时长 {actual} 分钟，允许范围 {min_minutes} 至 {max_minutes} 分钟", "{staff}: {actual} minutes of duty, allowed {min_minutes} to {max_minutes}"),
    "rule.max_consecutive": ("连续值班天数上限", "at most so many working days in a row"),
    "rule.max_consecutive.detail": ("{staff}：{date} 至 {end} 连续值班 {actual} 天，上限 {limit} 天", "{staff}: {actual} working days in a row from {date} to {end}, limit {limit}"),
    "rule.min_consecutive": ("连续值班天数下限", "at least so many working days in a row"),
    "rule.min_consecutive.detail": ("{staff}：{date} 至 {end} 只连续值班 {actual} 天，至少 {limit} 天", "{staff}: only {actual} working day(s) in a row from {date} to {end}, at least {limit}"),
    "rule.min_days_off": ("连续休息天数下限", "at least so many days off in a row"),
    "rule.min_days_off.detail": ("{staff}：{date} 至 {end} 只连续休息 {actual} 天，至少 {limit} 天", "{staff}: only {actual} day(s) off in a row from {date} to {end}, at least {limit}"),
    "rule.max_weekends": ("值班周末数上限", "at most so many weekends worked"),
    "rule.max_weekends.detail": ("{staff}：共值了 {actual} 个周末，上限 {limit} 个", "{staff}: {actual} weekends worked, limit {limit}"),
    "rule.max_weekends_per_month": ("每月值班周末数上限", "at most so many weekends worked per month"),
    "rule.max_weekends_per_month.detail": ("{staff}：{month} 月值了 {actual} 个周末，上限 {limit} 个", "{staff}: {actual} weekends worked in {month}, limit {limit}"),
    # --- roster entries that refer to nothing (hand-edited rosters) --------------------------
    "rule.unknown_staff": ("值班人员必须在人员名单中", "people on duty must be on the staff list"),
    "rule.unknown_staff.detail": ("{date} {post}：人员编号 {staff} 不在人员名单中", "{date} {post}: staff id {staff} is not on the staff list"),
    "rule.unknown_post": ("岗位必须在岗位表中", "posts must be on the post list"),
    "rule.unknown_post.detail": ("{date}：岗位编号 {post} 不在岗位表中（{staff}）", "{date}: post id {post} is not on the post list ({staff})"),
    "rule.outside_horizon": ("值班日期必须在排班周期内", "duty dates must lie inside the planning period"),
    "rule.outside_horizon.detail": ("{date} {post}：{staff} 的值班日期不在排班周期 {start} 至 {end} 内", "{date} {post}: the duty of {staff} is outside the planning period {start} to {end}"),
    # --- objective terms ---------------------------------------------------------------------
    "rule.max_excess": ("负担超出应得份额的最大值", "largest excess of load over fair share"),
    "rule.max_excess.detail": ("{staff}：负担 {load}，应得份额 {share}，超出 {excess}", "{staff}: load {load}, fair share {share}, excess {excess}"),
    "rule.abs_dev": ("负担与应得份额的偏差总和", "total deviation of load from fair share"),
    "rule.abs_dev.detail": ("{staff}：负担 {load}，应得份额 {share}，偏差 {deviation}", "{staff}: load {load}, fair share {share}, deviation {deviation}"),
    "rule.abs_dev_weekend_holiday": ("周末和节假日值班次数的偏差总和", "total deviation of weekend/holiday duty counts from fair share"),
    "rule.abs_dev_weekend_holiday.detail": ("{staff}：周末/节假日值班 {count} 次，应得份额 {share}，偏差 {deviation}", "{staff}: {count} weekend/holiday duties, fair share {share}, deviation {deviation}"),
    "rule.abs_dev_night": ("夜班次数的偏差总和", "total deviation of night duty counts from fair share"),
    "rule.abs_dev_night.detail": ("{staff}：夜班 {count} 次，应得份额 {share}，偏差 {deviation}", "{staff}: {count} night duties, fair share {share}, deviation {deviation}"),
    "rule.requests": ("未满足的值班意愿", "wishes not met"),
    "rule.requests.detail": ("{date} {post}：{staff} 的意愿（{kind}）未满足，权重 {weight}", "{date} {post}: the wish of {staff} ({kind}) is not met, weight {weight}"),
    "rule.request.want": ("希望值班", "wants duty"),
    "rule.request.avoid": ("希望不值班", "wants no duty"),
    "rule.spacing": ("值班间隔过近的次数", "duties too close together"),
    "rule.spacing.detail": ("{staff}：{other_date} 与 {date} 两次值班间隔过近（不超过 {limit} 天）", "{staff}: duties on {other_date} and {date} are close together (at most {limit} days apart)"),
    "rule.rotation": ("去年已在该节日值班又再值班", "festival duties by people who worked that festival last year"),
    "rule.rotation.detail": ("{date} {post}：{staff} 去年已在 {festival} 值班", "{date} {post}: {staff} already worked {festival} last year"),
    "rule.changes": ("与原排班相比的改动数", "changes against the published roster"),
    "rule.changes.detail": ("{date} {post}：原排班中的 {staff} 被换下", "{date} {post}: {staff} of the published roster was taken off"),
    # --- objective levels (scheduler.problem.LEVEL_NAMES) -------------------------------------
    "level.cover": ("缺岗", "uncovered duties"),
    "level.max_excess": ("最大超额负担", "largest excess load"),
    "level.abs_dev": ("负担偏差总和", "total load deviation"),
    "level.abs_dev_weekend_holiday": ("周末节假日偏差", "weekend/holiday deviation"),
    "level.abs_dev_night": ("夜班偏差", "night duty deviation"),
    "level.requests": ("未满足的意愿", "unmet wishes"),
    "level.spacing": ("间隔过近", "close duties"),
    "level.rotation": ("节日轮换", "festival rotation"),
    "level.changes": ("改动数", "changes"),
}
