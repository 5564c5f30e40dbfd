"""Capacity pre-check: more duties in a month (or week) than the eligible people can take.

For every calendar month (ISO week when a weekly cap is set) and every set of posts, the
duties the posts need are compared with what the people eligible for them can give at most:
per person the smallest of the period cap, the number of days they are eligible, and the
number of such days that can be chosen with the minimum gap between them. Each of these is a
hard rule, so "needed > available" proves infeasibility and names the period, the posts and
the people, which reads far better than a solver core ("January: the leader post needs 31
duties, the 7 leaders can do at most 21").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import combinations

from ..problem import Finding, Problem, SolveParams
from .eligibility import Facts, why_not

MAX_SUBSET_POSTS = 6
"""All subsets of posts up to this many posts; beyond, single posts and all posts only."""


def _max_spaced(days: list[dt.date], gap: int) -> int:
    """Most days that can be picked with at least ``gap`` free days between picks
    (earliest-first is optimal for this spacing problem)."""
    n, last = 0, None
    for d in sorted(days):
        if last is None or (d - last).days - 1 >= gap:
            n, last = n + 1, d
    return n


def _subsets(post_ids: list[str]) -> list[tuple[str, ...]]:
    if len(post_ids) <= MAX_SUBSET_POSTS:
        return [c for k in range(1, len(post_ids) + 1) for c in combinations(post_ids, k)]
    return [(p,) for p in post_ids] + [tuple(post_ids)]


def capacity_shortages(problem: Problem, params: SolveParams) -> list[Finding]:
    """One finding per (period, set of posts) whose demand exceeds the people's capacity."""
    facts = Facts.of(problem)
    posts = problem.post_by_id()
    day_of = problem.day_by_date()
    r = problem.rules
    hard = [s for s in problem.slots if s.post_id in posts and not params.allow_gaps
            and s.weight_under is None and s.required > 0]
    checks = [("month", r.max_duties_per_month, lambda d: (d.year, d.month), lambda d: True,
               "max_per_month")]
    if r.max_duties_per_week is not None:
        checks.append(("week", r.max_duties_per_week, lambda d: tuple(d.isocalendar()[:2]),
                       lambda d: True, "max_per_week"))
    if r.max_weekend_holiday_duties_per_month is not None:
        checks.append(("month", r.max_weekend_holiday_duties_per_month,
                       lambda d: (d.year, d.month), lambda d: day_of[d].is_weekend_or_holiday,
                       "max_weekend_holiday_per_month"))
    eligible = {}
    for slot in hard:
        eligible[(slot.date, slot.post_id)] = [
            s.staff_id for s in problem.staff
            if why_not(facts, s, slot.date, posts[slot.post_id]) is None]
    out: list[Finding] = []
    seen: set[tuple] = set()
    for label, cap, bucket, day_ok, rule in checks:
        periods: dict[tuple, list] = defaultdict(list)
        for slot in hard:
            if day_ok(slot.date):
                periods[bucket(slot.date)].append(slot)
        for key, slots in periods.items():
            ids = sorted({s.post_id for s in slots})
            for subset in _subsets(ids):
                chosen = [s for s in slots if s.post_id in subset]
                need = sum(s.required for s in chosen)
                days_of: dict[str, set[dt.date]] = defaultdict(set)
                for s in chosen:
                    for sid in eligible[(s.date, s.post_id)]:
                        days_of[sid].add(s.date)
                give, why = 0, set()
                for days in days_of.values():
                    n = _max_spaced(list(days), r.min_gap_days)
                    give += n if cap is None else min(cap, n)
                    if cap is not None and cap < n:
                        why.add(rule)
                    elif n < len(days):
                        why.add("min_gap")
                    else:
                        why.add("one_per_day")
                if need > give:
                    name = f"{key[0]:04d}-W{key[1]:02d}" if label == "week" \
                        else f"{key[0]:04d}-{key[1]:02d}"
                    sig = (tuple(sorted(why)), name, subset)
                    if sig in seen:
                        continue
                    seen.add(sig)
                    out.append(Finding(
                        "sched_capacity", min(s.date for s in chosen), "",
                        tuple(sorted(days_of)),
                        (("period", name), (label, name), ("posts", subset),
                         ("required", need), ("actual", give),
                         ("limit", cap if cap is not None else "—"),
                         ("limited_by", tuple(sorted(why))))))
                    break  # the smallest failing set of posts of this period is enough
    return out
