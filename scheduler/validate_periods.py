"""Hard rules over periods and runs: caps per week/month/post, minutes, runs, weekends.

One function per rule key of ``docs/ROSTER_RULES.md``, same signature as in
:mod:`scheduler.validate_hard`. Counting uses horizon days only (known assignments are always
inside the horizon) and a person's :class:`~scheduler.problem.PersonLimits` value wins over the
global :class:`~scheduler.problem.Rules` value; ``None`` means no limit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from .problem import Finding
from .validate_facts import Facts, Scope, length, runs

ONE_DAY = dt.timedelta(days=1)


def _pick(person_value: int | None, rule_value: int | None) -> int | None:
    return person_value if person_value is not None else rule_value


def _first_in_horizon(f: Facts, candidates: list[dt.date]) -> dt.date:
    """The first day of a period that lies inside the horizon (where its finding is dated)."""
    return min(d for d in candidates if d in f.days)


def _cap(f: Facts, scope: Scope, rule: str, limit: int | None, key, label: str,
         only_weekend_holiday: bool = False) -> list[Finding]:
    """Shared body of the per-period caps: count duties per period key and compare."""
    out: list[Finding] = []
    if limit is None:
        return out
    for i in f.people_in(scope):
        counts: Counter = Counter()
        first: dict = {}
        for d, _p in f.by_person.get(i, ()):
            if only_weekend_holiday and not f.days[d].is_weekend_or_holiday:
                continue
            k = key(d)
            counts[k] += 1
            first[k] = min(first.get(k, d), d)
        for k, n in sorted(counts.items()):
            if n > limit:
                out.append(Finding(rule, _period_start(f, first[k], label), "", (i,), (
                    (label, _period_name(k, label)), ("limit", limit), ("actual", n))))
    return out


def _period_start(f: Facts, d: dt.date, label: str) -> dt.date:
    if label == "week":
        monday = d - d.weekday() * ONE_DAY
        return _first_in_horizon(f, [monday + k * ONE_DAY for k in range(7)])
    return _first_in_horizon(f, [d.replace(day=k) for k in range(1, d.day + 1)])


def _period_name(k: tuple[int, int], label: str) -> str:
    return f"{k[0]}-W{k[1]:02d}" if label == "week" else f"{k[0]}-{k[1]:02d}"


def _iso_week(d: dt.date) -> tuple[int, int]:
    iso = d.isocalendar()
    return (iso[0], iso[1])


def _month(d: dt.date) -> tuple[int, int]:
    return (d.year, d.month)


def max_per_week(f: Facts, scope: Scope) -> list[Finding]:
    """At most ``max_duties_per_week`` duties per ISO week (Monday–Sunday)."""
    return _cap(f, scope, "max_per_week", f.problem.rules.max_duties_per_week, _iso_week, "week")


def max_per_month(f: Facts, scope: Scope) -> list[Finding]:
    """At most ``max_duties_per_month`` duties per calendar month."""
    return _cap(f, scope, "max_per_month", f.problem.rules.max_duties_per_month, _month, "month")


def max_weekend_holiday_per_month(f: Facts, scope: Scope) -> list[Finding]:
    """At most so many duties on weekend or holiday days per calendar month."""
    limit = f.problem.rules.max_weekend_holiday_duties_per_month
    return _cap(f, scope, "max_weekend_holiday_per_month", limit, _month, "month", True)


def max_per_post(f: Facts, scope: Scope) -> list[Finding]:
    """Per person and post, at most the person's ``max_per_post`` duties (0 = never)."""
    out = []
    for i in f.people_in(scope):
        caps = f.person_limits(i).max_per_post
        if not caps:
            continue
        counts = Counter(p for _d, p in f.by_person.get(i, ()))
        for post_id, limit in caps:
            if counts[post_id] > limit:
                out.append(Finding("max_per_post", None, post_id, (i,), (
                    ("limit", limit), ("actual", counts[post_id]))))
    return out


def minutes(f: Facts, scope: Scope) -> list[Finding]:
    """The person's total duty minutes stay within ``min_minutes`` … ``max_minutes``."""
    out = []
    for i in f.people_in(scope):
        lim = f.person_limits(i)
        if lim.min_minutes is None and lim.max_minutes is None:
            continue
        total = sum(f.posts[p].minutes for _d, p in f.by_person.get(i, ()))
        low = lim.min_minutes is not None and total < lim.min_minutes
        high = lim.max_minutes is not None and total > lim.max_minutes
        if low or high:
            out.append(Finding("minutes", None, "", (i,), (
                ("actual", total), ("min_minutes", lim.min_minutes),
                ("max_minutes", lim.max_minutes))))
    return out


def max_consecutive(f: Facts, scope: Scope) -> list[Finding]:
    """No run of working days longer than ``max_consecutive_days``."""
    out = []
    rule = f.problem.rules.max_consecutive_days
    for i in f.people_in(scope):
        limit = _pick(f.person_limits(i).max_consecutive_days, rule)
        if limit is None:
            continue
        for a, b in runs(f.duty_dates(i)):
            if length(a, b) > limit:
                out.append(Finding("max_consecutive", a, "", (i,), (
                    ("end", b), ("limit", limit), ("actual", length(a, b)))))
    return out


def min_consecutive(f: Facts, scope: Scope) -> list[Finding]:
    """Working runs with a horizon day off on both sides last ``min_consecutive_days``."""
    out = []
    rule = f.problem.rules.min_consecutive_days
    start, end = f.problem.start, f.problem.end
    for i in f.people_in(scope):
        limit = _pick(f.person_limits(i).min_consecutive_days, rule)
        if limit is None:
            continue
        for a, b in runs(f.duty_dates(i)):
            if a > start and b < end and length(a, b) < limit:
                out.append(Finding("min_consecutive", a, "", (i,), (
                    ("end", b), ("limit", limit), ("actual", length(a, b)))))
    return out


def min_days_off(f: Facts, scope: Scope) -> list[Finding]:
    """Runs of days off between two working days last ``min_consecutive_days_off``."""
    out = []
    rule = f.problem.rules.min_consecutive_days_off
    for i in f.people_in(scope):
        limit = _pick(f.person_limits(i).min_consecutive_days_off, rule)
        if limit is None:
            continue
        dates = f.duty_dates(i)
        for d1, d2 in zip(dates, dates[1:], strict=False):
            off = (d2 - d1).days - 1
            if 0 < off < limit:
                out.append(Finding("min_days_off", d1 + ONE_DAY, "", (i,), (
                    ("end", d2 - ONE_DAY), ("limit", limit), ("actual", off))))
    return out


def _weekends_worked(f: Facts, staff_id: str) -> dict[tuple[int, int], dt.date]:
    """ISO week -> the date that dates the worked weekend (its Saturday, else its Sunday)."""
    out: dict[tuple[int, int], dt.date] = {}
    for d in f.duty_dates(staff_id):
        if d.weekday() < 5:
            continue
        sat = d - (d.weekday() - 5) * ONE_DAY
        owner = sat if sat in f.days else sat + ONE_DAY
        out[_iso_week(d)] = owner
    return out


def max_weekends(f: Facts, scope: Scope) -> list[Finding]:
    """At most ``max_weekends`` weekends worked (Saturday or Sunday) over the horizon."""
    out = []
    rule = f.problem.rules.max_weekends
    for i in f.people_in(scope):
        limit = _pick(f.person_limits(i).max_weekends, rule)
        if limit is None:
            continue
        n = len(_weekends_worked(f, i))
        if n > limit:
            out.append(Finding("max_weekends", None, "", (i,),
                               (("limit", limit), ("actual", n))))
    return out


def max_weekends_per_month(f: Facts, scope: Scope) -> list[Finding]:
    """At most so many weekends worked per month (a weekend belongs to its Saturday's month)."""
    out = []
    limit = f.problem.rules.max_weekends_per_month
    if limit is None:
        return out
    for i in f.people_in(scope):
        owners = sorted(_weekends_worked(f, i).values())
        months = Counter(_month(d) for d in owners)
        for k, n in sorted(months.items()):
            if n > limit:
                first = next(d for d in owners if _month(d) == k)
                out.append(Finding("max_weekends_per_month", _period_start(f, first, "month"),
                                   "", (i,), (("month", _period_name(k, "month")),
                                              ("limit", limit), ("actual", n))))
    return out
