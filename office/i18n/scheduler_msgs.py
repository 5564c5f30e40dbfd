"""Catalogue part: messages of the roster solver itself (not the rule labels, see rule_msgs)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "rule.sched_unexplained": (
        "排班规则之间存在冲突，但在限定时间内未能找出具体是哪几条",
        "the rules conflict, but the solver could not name which ones within the time limit",
    ),
    "rule.sched_unexplained.detail": (
        "排班规则之间存在冲突，请放宽时间限制后重试，或逐项放宽规则",
        "the rules conflict: retry with a longer time limit or relax rules one at a time",
    ),
    "rule.sched_capacity": (
        "班次需求超过人员在上限内能承担的总数",
        "more duties than the eligible people can take within the limits",
    ),
    "rule.sched_capacity.detail": (
        "{period} {posts}：需要 {required} 个班次，但能值这些班的人（{staff}）在上限内最多只能值 "
        "{actual} 个（每人每期上限 {limit}，并受休息间隔限制）",
        "{period} {posts}: {required} duties needed, but the people who can take them "
        "({staff}) can do at most {actual} within the limits ({limit} each per period, and the "
        "minimum gap)",
    ),
    "sched.status.optimal": ("已找到最优排班", "optimal roster found"),
    "sched.status.feasible": ("已找到排班（未证明最优）", "roster found (not proven optimal)"),
    "sched.status.stopped": ("已停止，返回目前最好的排班", "stopped; best roster so far"),
    "sched.status.infeasible": ("无法排班：规则之间存在冲突", "no roster possible: rules conflict"),
    "sched.status.unknown": ("在限定时间内未找到排班", "no roster found within the time limit"),
    "sched.excluded": ("其他人员无法担任的原因：{reasons}", "why nobody else can take it: {reasons}"),
    "sched.overflow": (
        "公平性计算所需的整数超出 64 位范围（{name}），请减少不同的工作量系数",
        "the exact fairness integers exceed 64 bits ({name}); use fewer distinct fte values",
    ),
    "sched.bench.scenario": (
        "== {name}：{staff} 人，{posts} 个岗位，{days} 天，{duties} 个班次",
        "== {name}: {staff} staff, {posts} posts, {days} days, {duties} duties",
    ),
    "sched.bench.summary": (
        "状态 {status}，总用时 {wall} 秒（建模 {build} 秒）；首个排班 {first}；第 2 级达到最终值 "
        "{reached}，证明最优 {proven}；与校验器一致：{agree}",
        "status {status}, wall {wall} s (model build {build} s); first roster {first}; level 2 "
        "at its final value {reached}, proven {proven}; validator agrees: {agree}",
    ),
    "sched.bench.replan": (
        "== 重新排班（{staff} 人，{days} 天，{cases} 次病假）：中位数 {median} 秒，最长 {worst} 秒；改动数 {changes}",
        "== re-planning ({staff} staff, {days} days, {cases} sick calls): median {median} s, "
        "worst {worst} s; changes {changes}",
    ),
    "sched.uncovered": ("{date} {post}：缺 {missing} 人", "{date} {post}: {missing} missing"),
}
