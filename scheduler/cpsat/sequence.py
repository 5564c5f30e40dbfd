"""Sequence rules: successions, per-post caps, minutes, run lengths and weekends.

These are the rules the Curtois–Qu benchmark needs and that a township director may switch
on as well (``docs/ROSTER_RULES.md``). Each function takes a :class:`ModelContext` and adds
hard constraints, one guarded group per rule instance, so explain mode can name it.

Why these formulations: run-length rules are written as *implications from the start of a
run* (``work[d] - work[d-1] <= work[d+j]``) and *sliding windows* (``Σ work <= k``), not as
clauses forbidding every short pattern. Each start implication dominates all the pattern
clauses it replaces, there are only ``H·(m-1)`` of them per person, and their LP relaxation
is tight enough for CP-SAT's linear relaxation to see the run structure. The horizon-edge
exemptions of the benchmark fall out naturally: a run that starts on the first day has no
``d-1`` inside the horizon (no constraint), and ``d+j`` beyond the last day is simply not
constrained, as if the run went on.

Limits come from the person's ``PersonLimits`` value, else the ``Rules`` value; ``None``
switches a rule off.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..problem import PersonLimits, Rules
from .context import Guard, ModelContext

ONE_DAY = dt.timedelta(days=1)
SATURDAY, SUNDAY = 5, 6


def _limit(ctx: ModelContext, staff_id: str, name: str) -> int | None:
    """Person value if set, else the global rule (only fields both classes share)."""
    own = getattr(ctx.problem.limits_of(staff_id), name, None)
    if own is not None:
        return own
    if name in Rules.__dataclass_fields__:
        return getattr(ctx.problem.rules, name)
    return None


def _person_posts(ctx: ModelContext) -> dict[str, dict[dt.date, dict[str, object]]]:
    """``staff -> date -> post -> x``, from the context's index when it has one.

    Built once per set of duty variables and shared by the rules (read only): eight rules
    ask for it, and on a year with 150 people each build took 0.1–0.2 s."""
    cached = ctx.info.get("person_posts")
    if cached is not None and cached[0] == len(ctx.x):
        return cached[1]
    out: dict[str, dict[dt.date, dict[str, object]]] = defaultdict(lambda: defaultdict(dict))
    indexed = getattr(ctx, "by_person_day", None)
    items = (((s, d, p), v) for (s, d), posts in indexed.items() for p, v in posts.items()) \
        if indexed else ctx.x.items()
    for (sid, date, pid), var in items:
        out[sid][date][pid] = var
    ctx.info["person_posts"] = (len(ctx.x), out)
    return out


def _work_of(ctx: ModelContext, index, staff_id: str) -> dict[dt.date, object]:
    """``date -> work`` of one person; days on which nobody may put the person map to 0.

    ``ctx.work`` is used when the builder made it (the constant-zero variable counts as 0);
    otherwise the sum of the day's duty variables is exact because of one-duty-a-day.
    """
    out = {}
    per_day = index.get(staff_id, {})
    zero = getattr(ctx, "zero", None)
    for day in ctx.problem.days:
        var = ctx.work.get((staff_id, day.date))
        if var is None or (zero is not None and not isinstance(var, int)
                           and var.index == zero.index):
            posts = per_day.get(day.date)
            var = sum(posts.values()) if posts else 0
        out[day.date] = var
    return out


def _is_var(expr) -> bool:
    return not isinstance(expr, int)


def add_cannot_follow(ctx: ModelContext) -> None:
    """Post p on day d forbids the posts in ``p.cannot_follow`` on day d+1.

    One clique per (person, day, p): ``x[d,p] + Σ_{q in cf(p)} x[d+1,q] <= 1``. The day-d+1
    variables are already mutually exclusive (one duty a day), so this single row is both
    valid and stronger than one pairwise row per q.
    """
    follow = {p.post_id: p.cannot_follow for p in ctx.problem.posts if p.cannot_follow}
    if not follow:
        return
    index = _person_posts(ctx)
    dates = {d.date for d in ctx.problem.days}
    for staff in ctx.problem.staff:
        per_day = index.get(staff.staff_id, {})
        for date, posts in per_day.items():
            nxt = date + ONE_DAY
            if nxt not in dates:
                continue
            tomorrow = per_day.get(nxt, {})
            for pid, var in posts.items():
                banned = [q for q in sorted(follow.get(pid, ())) if q in tomorrow]
                if not banned:
                    continue
                if not ctx.explain:
                    ctx.model.add(var + sum(tomorrow[q] for q in banned) <= 1)
                    continue
                for q in banned:  # explain mode: one guard per pair, as the validator names it
                    g = Guard(rule="cannot_follow", date=nxt, post_id=q,
                              staff_ids=(staff.staff_id,),
                              params=(("other_date", date), ("other_post", pid)))
                    ctx.model.add(var + tomorrow[q] <= 1).only_enforce_if(ctx.guard(g))


def add_max_per_post(ctx: ModelContext) -> None:
    """``PersonLimits.max_per_post``: at most n duties on post p over the horizon."""
    index = _person_posts(ctx)
    for staff in ctx.problem.staff:
        caps = ctx.problem.limits_of(staff.staff_id).max_per_post
        if not caps:
            continue
        per_day = index.get(staff.staff_id, {})
        for pid, cap in caps:
            vars_ = [posts[pid] for posts in per_day.values() if pid in posts]
            if len(vars_) <= cap:
                continue
            g = Guard(rule="max_per_post", post_id=pid, staff_ids=(staff.staff_id,),
                      params=(("limit", cap),))
            ctx.model.add(sum(vars_) <= cap).only_enforce_if(ctx.guard(g))


def add_minutes(ctx: ModelContext) -> None:
    """``min_minutes <= Σ post.minutes of the person's duties <= max_minutes``."""
    minutes = {p.post_id: p.minutes for p in ctx.problem.posts}
    index = _person_posts(ctx)
    for staff in ctx.problem.staff:
        lim: PersonLimits = ctx.problem.limits_of(staff.staff_id)
        lo, hi = lim.min_minutes, lim.max_minutes
        if lo is None and hi is None:
            continue
        terms = [minutes[pid] * var for posts in index.get(staff.staff_id, {}).values()
                 for pid, var in posts.items() if minutes.get(pid)]
        total = sum(terms)
        g = Guard(rule="minutes", staff_ids=(staff.staff_id,),
                  params=(("min_minutes", lo), ("max_minutes", hi)))
        lits = ctx.guard(g)
        if lo is not None and lo > 0:
            ctx.model.add(total >= lo).only_enforce_if(lits)
        if hi is not None:
            ctx.model.add(total <= hi).only_enforce_if(lits)


def add_max_consecutive(ctx: ModelContext) -> None:
    """Every window of k+1 consecutive horizon days holds a day off (nothing carries in)."""
    index = _person_posts(ctx)
    dates = [d.date for d in ctx.problem.days]
    for staff in ctx.problem.staff:
        k = _limit(ctx, staff.staff_id, "max_consecutive_days")
        if k is None or k + 1 > len(dates):
            continue
        work = _work_of(ctx, index, staff.staff_id)
        for start in dates:
            window = [start + j * ONE_DAY for j in range(k + 1)]
            if window[-1] not in work:
                break
            vars_ = [work[d] for d in window if _is_var(work[d])]
            if len(vars_) <= k:
                continue
            g = Guard(rule="max_consecutive", date=start, staff_ids=(staff.staff_id,),
                      params=(("end", window[-1]), ("limit", k), ("actual", k + 1)))
            ctx.model.add(sum(vars_) <= k).only_enforce_if(ctx.guard(g))


def _run_starts(ctx: ModelContext, name: str, on: bool) -> None:
    """Minimum run length of working days (``on``) or days off (not ``on``).

    A run starting on d (d-1 inside the horizon with the opposite state) forces the same
    state on d+1 … d+m-1 as far as the horizon goes: ``s[d] - s[d-1] <= s[d+j]`` with
    ``s = work`` or ``s = 1 - work``. Runs starting on day 0 and runs cut by the last day
    are exempt, exactly as the benchmark's rules 6 and 7 say.
    """
    rule = "min_consecutive" if on else "min_days_off"
    index = _person_posts(ctx)
    for staff in ctx.problem.staff:
        m = _limit(ctx, staff.staff_id, name)
        if m is None or m <= 1:
            continue
        work = _work_of(ctx, index, staff.staff_id)
        for date, here in work.items():
            prev = date - ONE_DAY
            if prev not in work:
                continue
            before = work[prev]
            later = [work[date + j * ONE_DAY] for j in range(1, m)
                     if date + j * ONE_DAY in work]
            if not later:
                continue
            lits = ctx.guard(Guard(rule=rule, date=date, staff_ids=(staff.staff_id,),
                                   params=(("limit", m),)))
            for nxt in later:
                if on:  # work run starts at date -> works on nxt
                    ctx.model.add(here - before - nxt <= 0).only_enforce_if(lits)
                else:  # off run starts at date -> off on nxt
                    ctx.model.add(before - here + nxt <= 1).only_enforce_if(lits)


def add_min_consecutive(ctx: ModelContext) -> None:
    """Runs of working days inside the horizon last at least ``min_consecutive_days``."""
    _run_starts(ctx, "min_consecutive_days", on=True)


def add_min_days_off(ctx: ModelContext) -> None:
    """Runs of days off inside the horizon last at least ``min_consecutive_days_off``."""
    _run_starts(ctx, "min_consecutive_days_off", on=False)


def weekends(dates, by_month: bool = False) -> dict[object, list[list[dt.date]]]:
    """Group the horizon's Saturdays and Sundays into weekends (one list of days each).

    A weekend is the Saturday and Sunday of one ISO week, cut to the horizon. With
    ``by_month`` the weekends are grouped by the (year, month) of their Saturday, or of the
    Sunday when the Saturday lies outside the horizon; otherwise all fall in one group.
    Shared with the validator's reading so the two cannot drift apart.
    """
    inside = set(dates)
    found: dict[dt.date, list[dt.date]] = {}
    for d in sorted(inside):
        if d.weekday() == SATURDAY:
            found.setdefault(d, []).append(d)
        elif d.weekday() == SUNDAY:
            found.setdefault(d - ONE_DAY, []).append(d)
    groups: dict[object, list[list[dt.date]]] = defaultdict(list)
    for _, days in sorted(found.items()):
        key = (days[0].year, days[0].month) if by_month else None
        groups[key].append(days)
    return dict(groups)


def _add_weekend_cap(ctx: ModelContext, name: str, by_month: bool) -> None:
    rule = "max_weekends_per_month" if by_month else "max_weekends"
    index = _person_posts(ctx)
    groups = weekends([d.date for d in ctx.problem.days], by_month)
    for staff in ctx.problem.staff:
        k = _limit(ctx, staff.staff_id, name)
        if k is None:
            continue
        work = _work_of(ctx, index, staff.staff_id)
        for key, wkends in groups.items():
            if len(wkends) <= k:
                continue
            worked = []
            for days in wkends:
                vars_ = [work[d] for d in days if _is_var(work[d])]
                if len(vars_) == 1:
                    worked.append(vars_[0])
                elif vars_:
                    # ww >= each day is all a cap needs; ww <= Σ keeps it exact for callers.
                    ww = ctx.model.new_bool_var(f"wkend_{staff.staff_id}_{days[0]}")
                    for v in vars_:
                        ctx.model.add_implication(v, ww)
                    ctx.model.add(ww <= sum(vars_))
                    worked.append(ww)
            if len(worked) <= k:
                continue
            month = (("month", f"{key[0]}-{key[1]:02d}"),) if by_month else ()
            params = month + (("limit", k),)
            g = Guard(rule=rule, date=wkends[0][0], staff_ids=(staff.staff_id,), params=params)
            ctx.model.add(sum(worked) <= k).only_enforce_if(ctx.guard(g))


def add_max_weekends(ctx: ModelContext) -> None:
    """At most ``max_weekends`` worked weekends (Saturday or Sunday worked) in the horizon."""
    _add_weekend_cap(ctx, "max_weekends", by_month=False)


def add_max_weekends_per_month(ctx: ModelContext) -> None:
    """At most ``max_weekends_per_month`` worked weekends per calendar month."""
    _add_weekend_cap(ctx, "max_weekends_per_month", by_month=True)


SEQUENCE_RULES = {
    "cannot_follow": add_cannot_follow,
    "max_per_post": add_max_per_post,
    "minutes": add_minutes,
    "max_consecutive": add_max_consecutive,
    "min_consecutive": add_min_consecutive,
    "min_days_off": add_min_days_off,
    "max_weekends": add_max_weekends,
    "max_weekends_per_month": add_max_weekends_per_month,
}
"""Rule key -> function, for the model helper's ``RULES`` table."""
