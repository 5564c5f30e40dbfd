"""The person-by-person first roster: exact residual cover, legal rosters, infeasibility."""

from __future__ import annotations

import dataclasses
import time
from collections import Counter

from scheduler.cpsat.person_start import best_schedule, person_sweeps, residual_problem, soft_cover
from scheduler.problem import Assignment, PersonLimits, Roster
from scheduler.validate import validate
from shells.curtois_reader import read_instance

from ..shells.test_curtois_reader import SHARED


def _roster(schedules) -> Roster:
    return Roster.of(Assignment(d, post, sid) for sid, s in schedules.items() for d, post in s)


def _objective(problem, schedules) -> int:
    v = validate(problem, _roster(schedules))
    assert v.ok, v.violations
    return int(v.levels[0][1])


def test_residual_cover_differs_from_full_by_a_constant():
    """For one person, full objective − residual objective is the same for any schedule.

    So minimising the residual one-person problem minimises the true objective with the
    others fixed. Two different legal schedules of the same person are compared.
    """
    problem = read_instance(SHARED / "Instance2.txt")
    status, base = person_sweeps(problem, time.monotonic() + 20, workers=1, max_sweeps=1)
    assert status == "FEASIBLE"
    sid = problem.staff[0].staff_id
    others = Counter(d for p, s in base.items() if p != sid for d in s)
    # Schedules that ignore the others or see them twice over differ from the base one.
    alts = [best_schedule(problem, sid, c, 5.0)[1] for c in (Counter(), others + others)]
    alt = next(a for a in alts if a is not None and a != base[sid])
    sub = residual_problem(problem, sid, others)
    diffs = {_objective(problem, {**base, sid: s}) - _objective(sub, {sid: s})
             for s in (base[sid], alt)}
    assert len(diffs) == 1


def test_sweeps_give_a_legal_roster_that_never_gets_worse():
    """With one worker each step is exact, so every sweep keeps or lowers the objective."""
    problem = read_instance(SHARED / "Instance4.txt")
    seen: list[int] = []
    status, schedules = person_sweeps(
        problem, time.monotonic() + 30, workers=1, max_sweeps=3,
        on_sweep=lambda _i, s: seen.append(_objective(problem, s)))
    assert status == "FEASIBLE" and len(schedules) == len(problem.staff)
    assert seen == sorted(seen, reverse=True) and len(seen) >= 2


def test_two_threads_still_give_a_legal_roster():
    """Threads see slightly stale cover, but every schedule keeps the person's rules."""
    problem = read_instance(SHARED / "Instance8.txt")
    status, schedules = person_sweeps(problem, time.monotonic() + 20, workers=2,
                                      max_sweeps=1)
    assert status == "FEASIBLE"
    _objective(problem, schedules)


def test_a_person_without_any_legal_schedule_makes_the_roster_infeasible():
    """Feasible/infeasible pair: minimum minutes above what the horizon allows → INFEASIBLE."""
    problem = read_instance(SHARED / "Instance1.txt")
    status, _ = person_sweeps(problem, time.monotonic() + 10, workers=1, max_sweeps=1)
    assert status == "FEASIBLE"
    sid = problem.staff[0].staff_id
    limits = tuple((s, PersonLimits(min_minutes=10**6) if s == sid else lm)
                   for s, lm in problem.limits)
    bad = dataclasses.replace(problem, limits=limits)
    status, schedules = person_sweeps(bad, time.monotonic() + 10, workers=1, max_sweeps=1)
    assert status == "INFEASIBLE" and schedules is None


def test_soft_cover_only_when_every_slot_has_both_weights():
    """The person-by-person start needs soft cover; a hard slot couples people."""
    problem = read_instance(SHARED / "Instance1.txt")
    assert soft_cover(problem)
    hard = dataclasses.replace(problem.slots[0], weight_under=None)
    assert not soft_cover(dataclasses.replace(problem, slots=(hard, *problem.slots[1:])))
