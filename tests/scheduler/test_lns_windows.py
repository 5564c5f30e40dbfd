"""Window LNS (:mod:`scheduler.cpsat.window_lns`): sweeps, grouping and real improvement."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time

import pytest
from ortools.sat.python import cp_model

from scheduler.cpsat.neighbourhoods import (
    PeopleSets,
    WeekendSets,
    day_groups,
    person_groups,
    weekend_blocks,
)
from scheduler.cpsat.window_lns import window_search, windows


def test_sweep_visits_every_start_once():
    """One sweep over 10 days with 3-day windows starts each window 0..7 exactly once."""
    starts = windows(10, 3, random.Random(1))
    assert sorted(starts) == list(range(8))


def test_day_groups_follow_date_order_and_skip_unknown_dates():
    """Positions are grouped by the date's place in ``dates``; unknown dates are ignored."""
    keys = [("a", "d2", "p"), ("b", "d1", "p"), ("a", "d1", "q"), ("c", "zz", "p")]
    assert day_groups(keys, ["d1", "d2"]) == [[1, 2], [0]]


def _chain(n_days: int):
    """A toy roster: one person-shift per day, neighbours may not both work, reward work.

    The optimum works every other day (n_days // 2 rounded up); the all-off roster is a
    feasible but poor incumbent, so any window that frees two neighbouring days improves.
    """
    m = cp_model.CpModel()
    xs = [m.new_bool_var(f"x{d}") for d in range(n_days)]
    for a, b in zip(xs, xs[1:], strict=False):
        m.add_bool_or([a.Not(), b.Not()])
    m.minimize(-sum(xs))
    return m, xs


def _falling(xs, seen: list[int]):
    """An ``accept`` for :func:`_chain` that checks each reported objective against its
    roster and against the previous report (strictly lower), and records it in ``seen``."""

    def accept(solution, objective):
        assert objective == -sum(solution[x.index] for x in xs)
        assert not seen or objective < seen[-1]
        seen.append(objective)

    return accept


def test_window_search_improves_and_reports_each_improvement():
    """From the all-off roster, window search reaches the optimum and ``accept`` sees it.

    Every reported objective is strictly below the previous one and matches the solution.
    """
    n = 12
    m, xs = _chain(n)
    seen: list[int] = []
    accept = _falling(xs, seen)

    stats = window_search(m, [x.index for x in xs], [[d] for d in range(n)], [0] * n, 0,
                          time.monotonic() + 3.0, accept, workers=1, width=3, sub_limit=0.5)
    assert stats.improved == len(seen) >= 1
    assert seen[-1] == -(n // 2)
    assert len(m.proto.constraints) == n - 1  # the caller's model is not changed


def test_window_search_gives_up_after_its_patience():
    """From the optimum nothing improves: with 0.5 s patience the search ends long before
    its 10-s deadline, having improved nothing."""
    n = 12
    m, xs = _chain(n)
    best = [1 if d % 2 == 0 else 0 for d in range(n)]
    t = time.monotonic()
    stats = window_search(m, [x.index for x in xs], [[d] for d in range(n)], best,
                          -(n // 2), t + 10.0, lambda *_: None, workers=1, width=3,
                          sub_limit=0.2, patience=0.5)
    assert stats.improved == 0 and stats.rounds >= 1
    assert time.monotonic() - t < 5.0


def test_window_search_ends_once_its_goal_is_met():
    """With ``until`` true after the first improvement, the search ends at the next round
    start, long before its 10-s deadline, with that one improvement."""
    n = 12
    m, xs = _chain(n)
    seen: list[int] = []
    t = time.monotonic()
    stats = window_search(m, [x.index for x in xs], [[d] for d in range(n)], [0] * n, 0,
                          t + 10.0, _falling(xs, seen), workers=1, width=3, sub_limit=0.5,
                          until=lambda: bool(seen))
    assert stats.improved == len(seen) == 1 and stats.rounds >= 1
    assert time.monotonic() - t < 5.0


def test_window_search_goes_on_while_its_goal_is_unmet():
    """Counterpart: with ``until`` never true, the same search runs its rounds (here 8)
    and improves more than once."""
    n = 12
    m, xs = _chain(n)
    seen: list[int] = []
    stats = window_search(m, [x.index for x in xs], [[d] for d in range(n)], [0] * n, 0,
                          time.monotonic() + 10.0, _falling(xs, seen), workers=1, width=3,
                          sub_limit=0.5, max_rounds=8, until=lambda: False)
    assert stats.rounds == 8 and len(seen) >= 2


@pytest.mark.parametrize("rounds", [12, 3])
def test_patience_counts_only_after_the_patient_rounds(monkeypatch, rounds):
    """With no patience at all, from the optimum, the search still has exactly
    ``PATIENT_ROUNDS`` rounds before it gives up (12 as set, or 3 when lowered): where
    rounds are slow, a patience in seconds alone would end a turn before the window width
    has adapted."""
    from scheduler.cpsat import window_lns

    monkeypatch.setattr(window_lns, "PATIENT_ROUNDS", rounds)
    n = 12
    m, xs = _chain(n)
    best = [1 if d % 2 == 0 else 0 for d in range(n)]
    stats = window_search(m, [x.index for x in xs], [[d] for d in range(n)], best,
                          -(n // 2), time.monotonic() + 30.0, lambda *_: None, workers=1,
                          width=3, sub_limit=0.2, patience=0.0)
    assert stats.improved == 0 and stats.rounds == rounds


def test_windows_are_solved_with_the_lp_worker_and_keep_the_fixed_duties():
    """A window sub-solve runs ``max_lp`` (2 workers) or linearization level 2 (1 worker), as
    the full model does, and every duty outside the window keeps its incumbent value."""
    from scheduler.cpsat.window_lns import _solve_fixed

    n = 8
    m, xs = _chain(n)
    best = [1 if d % 3 == 0 else 0 for d in range(n)]
    index = [x.index for x in xs]
    for workers in (1, 2):
        st, solver, sub = _solve_fixed(m, index, {2, 3, 4}, best, 1.0, workers, 0)
        assert st in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        prm = solver.parameters
        assert ("max_lp" in prm.subsolvers) if workers == 2 else prm.linearization_level == 2
        values = [solver.value(sub.get_int_var_from_proto_index(i)) for i in index]
        assert [v for d, v in enumerate(values) if d not in {2, 3, 4}] == \
            [v for d, v in enumerate(best) if d not in {2, 3, 4}]


def test_a_reused_copy_fixes_exactly_what_a_fresh_copy_fixes():
    """Over rounds whose free sets and incumbents change, the thread's reused copy has the
    same domains as a fresh copy of the round would: a duty fixed in one round and freed in
    the next gets its model domain back, one freed and then fixed is fixed again, and a
    fixed duty whose incumbent value changed follows the new value; the model itself is
    never changed, and a solve of the reused copy keeps every fixed duty."""
    from scheduler.cpsat.window_lns import FixedCopy, _solve_fixed

    n = 8
    m, xs = _chain(n)
    index = [x.index for x in xs]
    reused = FixedCopy(m, index)
    rounds = [({2, 3, 4}, [1, 0, 0, 0, 0, 1, 0, 1]), ({0, 1}, [1, 0, 1, 0, 1, 0, 1, 0]),
              ({5, 6, 7}, [0, 1, 0, 1, 0, 1, 0, 1]), (set(), [0, 1, 0, 1, 0, 1, 0, 1])]
    for free, best in rounds:
        got = reused.fix(free, best)
        fresh = FixedCopy(m, index).fix(free, best)
        domains = [list(got.proto.variables[i].domain) for i in index]
        assert domains == [list(fresh.proto.variables[i].domain) for i in index]
        assert domains == [[0, 1] if d in free else [best[d]] * 2 for d in range(n)]
        assert [list(m.proto.variables[i].domain) for i in index] == [[0, 1]] * n
        st, solver, sub = _solve_fixed(m, index, free, best, 1.0, 1, 0, copy=reused)
        assert sub is got and st == cp_model.OPTIMAL
        values = [solver.value(sub.get_int_var_from_proto_index(i)) for i in index]
        assert [v for d, v in enumerate(values) if d not in free] == \
            [v for d, v in enumerate(best) if d not in free]


def test_weekend_blocks_run_friday_to_monday_and_are_clipped_to_the_horizon():
    """Each weekend gives its Friday–Monday positions; a horizon starting on a Sunday or
    ending on a Saturday clips the block instead of dropping the weekend."""
    monday = dt.date(2024, 1, 1)
    two_weeks = [monday + dt.timedelta(days=i) for i in range(14)]
    assert weekend_blocks(two_weeks) == [[4, 5, 6, 7], [11, 12, 13]]
    from_sunday = [dt.date(2024, 1, 7) + dt.timedelta(days=i) for i in range(7)]
    assert weekend_blocks(from_sunday) == [[0, 1], [5, 6]]
    assert weekend_blocks(two_weeks[:5]) == []


def test_weekend_sets_grow_to_every_weekend_then_add_days_and_shrink_back():
    """Solved to optimality the set grows (more weekends, then extra days); a time-out
    shrinks it in the reverse order, never below one weekend."""
    sets = WeekendSets([[4, 5, 6, 7], [11, 12, 13], [18, 19, 20]], 21)
    rng = random.Random(0)
    assert sets.count == 2 and len(sets.draw(rng)) in (6, 7)
    sets.adapt(True)
    assert (sets.count, sets.extra) == (3, 0)
    assert sorted(sets.draw(rng)) == [4, 5, 6, 7, 11, 12, 13, 18, 19, 20]
    sets.adapt(True)
    assert (sets.count, sets.extra) == (3, 1) and len(sets.draw(rng)) == 11
    for _ in range(4):
        sets.adapt(False)
    assert (sets.count, sets.extra) == (1, 0)


def _two_weekends():
    """A toy where the only improvement changes both weekends at once.

    14 days from a Monday, one duty a day; the duties of the two Saturdays must be equal
    (as a weekend limit ties a person's weekends together) and each worked Saturday is
    rewarded. From the all-off incumbent no window of one or two days can improve.
    """
    m = cp_model.CpModel()
    xs = [m.new_bool_var(f"x{d}") for d in range(14)]
    m.add(xs[5] == xs[12])
    m.minimize(-xs[5] - xs[12])
    return m, xs


def test_weekend_round_finds_the_move_that_short_windows_cannot():
    """Feasible/infeasible pair: in two rounds, with weekends the second (a weekend round)
    improves the toy to its optimum; without them the windows (2 then 3 days) cannot."""
    dates = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(14)]
    for weekends, expected in ((weekend_blocks(dates), -2), ((), 0)):
        m, xs = _two_weekends()
        seen: list[int] = [0]
        stats = window_search(m, [x.index for x in xs], [[d] for d in range(14)], [0] * 14,
                              0, time.monotonic() + 5.0, lambda _s, o, seen=seen: seen.append(o),
                              workers=1, width=2, sub_limit=0.5, weekends=weekends,
                              max_rounds=2)
        assert stats.rounds == 2
        assert seen[-1] == expected
        assert stats.weekend_rounds == stats.weekend_improved == (1 if weekends else 0)


def test_two_threads_share_one_incumbent_and_split_the_workers(monkeypatch):
    """With ``threads=2`` two searches run at once, each sub-solve with one CP-SAT worker
    (``workers // threads``); they share the incumbent, so every reported objective is
    strictly below the previous one, the optimum is reached, and the round limit counts
    the rounds of both threads together."""
    from scheduler.cpsat import window_lns

    calls: list[tuple[int, int]] = []
    real = window_lns._solve_fixed

    def spy(model, duty_index, free, best, limit, workers, seed, deadline, copy):
        calls.append((threading.get_ident(), workers))
        return real(model, duty_index, free, best, limit, workers, seed, deadline, copy)

    monkeypatch.setattr(window_lns, "_solve_fixed", spy)
    n = 12
    m, xs = _chain(n)
    seen: list[int] = []
    accept = _falling(xs, seen)

    stats = window_search(m, [x.index for x in xs], [[d] for d in range(n)], [0] * n, 0,
                          time.monotonic() + 10.0, accept, workers=2, width=3,
                          sub_limit=0.5, max_rounds=40, threads=2)
    assert seen[-1] == -(n // 2) and stats.improved == len(seen)
    assert stats.rounds == len(calls) <= 40
    assert {w for _, w in calls} == {1}
    assert len({ident for ident, _ in calls}) == 2


def test_person_groups_collect_each_persons_duty_positions():
    """Duty positions are grouped by the person in the key, in order of first appearance."""
    d1, d2 = dt.date(2024, 1, 1), dt.date(2024, 1, 2)
    keys = [("B", d1, "E"), ("A", d1, "E"), ("B", d2, "N"), ("A", d2, "E")]
    assert person_groups(keys) == [[0, 2], [1, 3]]


def test_people_sets_start_at_an_eighth_grow_to_everyone_and_shrink_to_one():
    """16 people start at 2; optimal rounds grow the set up to all 16, time-outs shrink it
    to one person, never below; a draw frees every duty of exactly ``count`` people."""
    sets = PeopleSets([[2 * i, 2 * i + 1] for i in range(16)] + [[]])
    rng = random.Random(0)
    assert sets.count == 2 and len(sets.groups) == 16
    drawn = sets.draw(rng)
    assert len(drawn) == 4 and {p // 2 for p in drawn} == {p // 2 for p in drawn[::2]}
    for _ in range(20):
        sets.adapt(True)
    assert sets.count == 16 and sorted(sets.draw(rng)) == list(range(32))
    for _ in range(20):
        sets.adapt(False)
    assert sets.count == 1


def _far_apart_days():
    """A toy where the only improvement changes one person's days far apart.

    Two people, 14 days from a Monday; each person's Wednesday 2 and Friday 11 duties must
    be equal (as a limit on a person's total work ties distant days together), and each
    worked one is rewarded. No window of two days, and no Friday–Monday weekend block,
    holds both days.
    """
    m = cp_model.CpModel()
    xs = {(p, d): m.new_bool_var(f"x{p}{d}") for p in "AB" for d in range(14)}
    for p in "AB":
        m.add(xs[p, 2] == xs[p, 11])
    m.minimize(-sum(xs[p, d] for p in "AB" for d in (2, 11)))
    return m, xs


def test_people_round_finds_the_move_that_windows_and_weekends_cannot():
    """Feasible/infeasible pair: in three rounds (window, weekend, then people once two
    rounds in a row improved nothing) the people round frees one person's whole fortnight
    and improves the toy; without people rounds, or while fewer idle rounds than
    ``people_after`` have passed, the window and weekend rounds cannot."""
    dates = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(14)]
    for with_people, after, expected in ((True, 2, -2), (False, 2, 0), (True, 3, 0)):
        m, xs = _far_apart_days()
        keys = list(xs)
        index = [xs[k].index for k in keys]
        groups = day_groups([(p, dates[d]) for p, d in keys], dates)
        people = person_groups(keys) if with_people else ()
        seen: list[int] = [0]
        stats = window_search(m, index, groups, [0] * len(keys), 0, time.monotonic() + 5.0,
                              lambda _s, o, seen=seen: seen.append(o), workers=1, width=2,
                              sub_limit=0.5, weekends=weekend_blocks(dates),
                              max_rounds=3, people=people, people_after=after)
        assert stats.rounds == 3 and stats.weekend_rounds == 1
        assert seen[-1] == expected
        assert stats.people_rounds == stats.people_improved == -expected // 2


def test_an_error_in_a_search_thread_reaches_the_caller(monkeypatch):
    """A failing sub-solve in one of two threads is raised by ``window_search`` itself, as
    it would be without threads, instead of dying silently with its thread."""
    from scheduler.cpsat import window_lns

    def broken(*_args):
        raise RuntimeError("sub-solve failed")

    monkeypatch.setattr(window_lns, "_solve_fixed", broken)
    m, xs = _chain(6)
    with pytest.raises(RuntimeError, match="sub-solve failed"):
        window_search(m, [x.index for x in xs], [[d] for d in range(6)], [0] * 6, 0,
                      time.monotonic() + 5.0, lambda *_: None, workers=2, threads=2)
