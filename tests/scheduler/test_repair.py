"""The repair towards the least weekend shortfall (:mod:`scheduler.cpsat.repair`)."""

from __future__ import annotations

import time

from scheduler.cpsat import repair
from scheduler.cpsat.lns import Tracker, _variables, lp_solver, objective_of
from scheduler.cpsat.model import build_model
from shells.curtois_reader import parse_instance

from .test_shortfall import WEEKENDS, _roster_short, _shortfall


def test_repair_hands_the_windows_a_roster_at_the_least_weekend_shortfall():
    """From an incumbent 800 short on the weekends (a stuck search), :func:`repair.repair`
    returns a complete roster 400 short (the least) whose objective is the model's value
    of it and lower; from a roster at the least already it returns nothing, within the
    3 s (half its limit) its bound on the least may take."""
    problem = parse_instance(WEEKENDS, "weekends")
    ctx = build_model(problem)
    ctx.model.minimize(objective_of(ctx, problem.levels[0]))
    variables = _variables(ctx)
    tracker = Tracker(variables, time.monotonic(), None)
    stuck = _roster_short(ctx, 800, 800)
    tracker.offer(stuck, 10**6)
    start = repair.repair(ctx, tracker, 400, 6.0, 2, 0)
    assert start is not None
    roster, objective = start
    assert len(roster) == len(stuck) and _shortfall(ctx, roster) == 400
    check = ctx.model.clone()
    for var in ctx.x.values():
        check.add(var == roster[var.index])
    solver = lp_solver(2, 0, 10.0, lp=True)
    solver.solve(check)
    assert solver.objective_value == objective < 800
    tracker.best = roster
    t = time.monotonic()
    assert repair.repair(ctx, tracker, 400, 6.0, 2, 0) is None
    assert time.monotonic() - t < 3.0


def _people_rounds(monkeypatch, after: int) -> int:
    """People rounds among the first six rounds of the repair's windows from a roster 800
    short on the weekends, with people rounds allowed after ``after`` idle rounds."""
    monkeypatch.setattr(repair, "REPAIR_PEOPLE_AFTER", after)
    seen = []
    search = repair.window_search

    def six(*args, **kw):
        seen.append(search(*args, **{**kw, "max_rounds": 6}))
        return seen[-1]

    monkeypatch.setattr(repair, "window_search", six)
    problem = parse_instance(WEEKENDS, "weekends")
    ctx = build_model(problem)
    ctx.model.minimize(objective_of(ctx, problem.levels[0]))
    tracker = Tracker(_variables(ctx), time.monotonic(), None)
    tracker.offer(_roster_short(ctx, 800, 800), 10**6)
    repair.repair(ctx, tracker, 400, 6.0, 2, 0)
    assert len(seen) == 1
    return seen[0].people_rounds


def test_repair_windows_free_people_from_the_first_rounds(monkeypatch):
    """With :data:`repair.REPAIR_PEOPLE_AFTER` at 0 (as shipped), people rounds are among
    the repair's first six rounds: trading weekends needs two people's whole months."""
    assert repair.REPAIR_PEOPLE_AFTER == 0
    assert _people_rounds(monkeypatch, 0) >= 1


def test_repair_windows_without_idle_rounds_free_no_people(monkeypatch):
    """Counterpart: with people rounds only after many idle rounds, none of the first six
    rounds frees people (so the first test sees the setting, not chance)."""
    assert _people_rounds(monkeypatch, 10**6) == 0
