"""Fair shares, exactly: the one definition that the CP model and the validator both use.

A person's fair share of their group's load is proportional to ``fte × available days``
(calendar days of the horizon on which they are active and not on leave). People with no
available day are left out. Everything is a ``Fraction`` so that the validator's figures are
exact; the CP model multiplies by :func:`common_denominator` to stay integral.
"""

from __future__ import annotations

import math
from collections import defaultdict
from fractions import Fraction

from office.people import days_on_leave

from .problem import Problem, Roster


def available_days(problem: Problem) -> dict[str, int]:
    """Days of the horizon each person is active and not on leave (ends inclusive)."""
    out: dict[str, int] = {}
    for s in problem.staff:
        off = days_on_leave(problem.leave, s.staff_id)
        out[s.staff_id] = sum(1 for d in problem.days if s.is_active(d.date) and d.date not in off)
    return out


def weights(problem: Problem) -> dict[str, Fraction]:
    """w_i = fte_i × available days_i."""
    avail = available_days(problem)
    return {s.staff_id: Fraction(s.fte) * avail[s.staff_id] for s in problem.staff}


def fairness_groups(problem: Problem) -> dict[str, tuple[str, ...]]:
    """Group -> staff ids with positive weight (people with w = 0 are left out)."""
    w = weights(problem)
    groups: dict[str, list[str]] = defaultdict(list)
    for s in problem.staff:
        if w[s.staff_id] > 0:
            groups[s.group].append(s.staff_id)
    return {g: tuple(ids) for g, ids in groups.items()}


def shares(problem: Problem, values: dict[str, Fraction]) -> dict[str, Fraction]:
    """share_i = (group total of ``values``) × w_i / Σ_group w, for people with w_i > 0."""
    w = weights(problem)
    out: dict[str, Fraction] = {}
    for ids in fairness_groups(problem).values():
        total_w = sum((w[i] for i in ids), Fraction(0))
        total_v = sum((Fraction(values.get(i, 0)) for i in ids), Fraction(0))
        for i in ids:
            out[i] = total_v * w[i] / total_w
    return out


def common_denominator(problem: Problem) -> int:
    """One integer D such that D × share_i is integral for every person of every group.

    With loads in hundredths, ``100 × share_i = (Σ_g 100·load) × w_i / W_g``; multiplying by
    D = lcm over groups of the reduced denominators of w_i / W_g makes every excess an integer
    in units of 1 / (100·D), so people of different groups compare exactly.
    """
    w = weights(problem)
    d = 1
    for ids in fairness_groups(problem).values():
        total_w = sum((w[i] for i in ids), Fraction(0))
        for i in ids:
            d = math.lcm(d, (w[i] / total_w).denominator)
    return d


def duty_loads(problem: Problem, roster: Roster) -> dict[str, Fraction]:
    """load_i = history points + Σ points of i's duties (in points, not hundredths)."""
    posts = problem.post_by_id()
    days = problem.day_by_date()
    hist = problem.history_by_id()
    load = {s.staff_id: Fraction(hist[s.staff_id].points100, 100) if s.staff_id in hist
            else Fraction(0) for s in problem.staff}
    for a in roster.assignments:
        if a.staff_id in load and a.post_id in posts and a.date in days:
            load[a.staff_id] += Fraction(posts[a.post_id].points100, 100)
    return load


def duty_counts(problem: Problem, roster: Roster) -> dict[str, dict[str, int]]:
    """Per person: duties, weekend/holiday duties and night duties in the horizon."""
    posts = problem.post_by_id()
    days = problem.day_by_date()
    out = {s.staff_id: {"duties": 0, "weekend_holiday": 0, "night": 0} for s in problem.staff}
    for a in roster.assignments:
        c = out.get(a.staff_id)
        if c is None or a.post_id not in posts or a.date not in days:
            continue
        c["duties"] += 1
        c["weekend_holiday"] += int(days[a.date].is_weekend_or_holiday)
        c["night"] += int(posts[a.post_id].is_night)
    return out
