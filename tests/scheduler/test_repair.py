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
    of it and lower; from a roster at the least already it returns no roster, within the
    3 s (half its limit) its bound on the least may take. Both times it hands back the
    least, 400, as the floor every roster is held to."""
    ctx, tracker = _weekends_tracker()
    stuck = tracker.best
    repaired = repair.repair(ctx, tracker, 400, 6.0, 2, 0)
    assert repaired.start is not None and repaired.floor == 400
    roster, objective = repaired.start
    assert len(roster) == len(stuck) and _shortfall(ctx, roster) == 400
    check = ctx.model.clone()
    for var in ctx.x.values():
        check.add(var == roster[var.index])
    solver = lp_solver(2, 0, 10.0, lp=True)
    solver.solve(check)
    assert solver.objective_value == objective < 800
    tracker.best = roster
    t = time.monotonic()
    assert repair.repair(ctx, tracker, 400, 6.0, 2, 0) == repair.Repaired(None, 400)
    assert time.monotonic() - t < 3.0


def _weekends_tracker():
    """The WEEKENDS model with a tracker whose incumbent is 800 short on the weekends."""
    problem = parse_instance(WEEKENDS, "weekends")
    ctx = build_model(problem)
    ctx.model.minimize(objective_of(ctx, problem.levels[0]))
    tracker = Tracker(_variables(ctx), time.monotonic(), None)
    tracker.offer(_roster_short(ctx, 800, 800), 10**6)
    return ctx, tracker


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
    ctx, tracker = _weekends_tracker()
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


def test_last_step_is_one_slot_above_the_floor_and_not_at_it():
    """The repair goes on past its limit only one slot (100) or less above the floor (400):
    at 450 and 500, not at 400 itself nor at 600."""
    assert repair._last_step(500, 400, 100) and repair._last_step(450, 400, 100)
    assert not repair._last_step(400, 400, 100)
    assert not repair._last_step(600, 400, 100)


def _goal_checks(monkeypatch, extra: float) -> tuple[float, list[bool]]:
    """Run :func:`repair.repair` (limit 4 s) from a roster 800 short with its windows
    replaced by a stand-in that, once the limit is up, reports a roster one slot above
    the least (500) and then one at it (400), asking ``until`` after each; returns the
    seconds the windows were given beyond the limit and the answers."""
    ctx, tracker = _weekends_tracker()
    answers: list[bool] = []
    given = []

    def stand_in(model, duty_index, groups, best, objective, deadline, accept, *args,
                 until=None, **kw):
        given.append(deadline)
        time.sleep(max(0.0, began + 4.0 - time.monotonic()) + 0.05)
        for most, least in ((500, 500), (400, 400)):
            accept(_roster_short(ctx, most, least), 0)
            answers.append(until())

    monkeypatch.setattr(repair, "window_search", stand_in)
    began = time.monotonic()
    repair.repair(ctx, tracker, 400, 4.0, 2, 0, extra=extra)
    return given[0] - (began + 4.0), answers


def test_repair_goes_on_past_its_limit_one_slot_above_the_least(monkeypatch):
    """With time to spare, the windows are given it, and past the limit they go on while
    the roster is one slot above the least (``until`` false) and stop at the least."""
    beyond, answers = _goal_checks(monkeypatch, extra=4.0)
    assert 4.0 <= beyond < 4.5
    assert answers == [False, True]


def test_repair_without_extra_time_ends_at_its_limit(monkeypatch):
    """Counterpart: without extra time the windows' deadline is the limit itself."""
    beyond, _ = _goal_checks(monkeypatch, extra=0.0)
    assert 0.0 <= beyond < 0.5
