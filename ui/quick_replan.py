"""Sick-call repair in well under a second: replace only the absent person's duties.

Every duty of the absent person inside the leave must change, so their number is a lower
bound on the changes of any re-plan; filling each of those cells with someone the engine
allows (``scheduler.candidates``) reaches that bound, so the repair is optimal on the first
two re-plan levels (cover, then fewest changes). Among the allowed people it takes the one
furthest below their fair share, which keeps the fairness close. When some cell has no legal
taker, the caller falls back to the full ``scheduler.replan``. Pure: no Streamlit.
"""

from __future__ import annotations

import time
from fractions import Fraction

from scheduler import Assignment, Roster, SolveResult
from scheduler.candidates import candidates
from scheduler.fairness import duty_loads, shares

STATUS = "repaired"


def quick_repair(problem, roster, staff_id: str, start, end, allow_gaps: bool = False):
    """The repaired roster as a :class:`SolveResult`, or None when a cell has no legal taker.

    ``problem`` must already contain the new leave.
    """
    t0 = time.monotonic()
    hit = sorted(a for a in roster.assignments
                 if a.staff_id == staff_id and start <= a.date <= end)
    if not hit:
        return SolveResult(STATUS, roster)
    posts = problem.post_by_id()
    load = duty_loads(problem, roster)
    share = shares(problem, load)
    current = set(roster.assignments)
    for a in hit:
        found = candidates(problem, Roster.of(current), a.date, a.post_id, replace=staff_id,
                           allow_gaps=allow_gaps)
        legal = [sid for sid, why in found if not why and sid in share]
        if not legal:
            return None
        best = min(legal, key=lambda s: (load[s] - share[s], s))
        current.discard(a)
        current.add(Assignment(a.date, a.post_id, best))
        points = Fraction(posts[a.post_id].points100, 100)
        load[best] += points
        load[staff_id] -= points
    return SolveResult(STATUS, Roster.of(current), seconds=time.monotonic() - t0)


def replan_after_leave(problem, roster, staff_id: str, start, end, params, full: bool = False):
    """Quick repair first; the solver's complete re-plan when asked (``full``) or needed."""
    from scheduler.solve import replan

    if not full:
        result = quick_repair(problem, roster, staff_id, start, end, params.allow_gaps)
        if result is not None:
            return result
    return replan(problem, roster, params)
