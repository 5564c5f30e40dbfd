"""Sequence rules: feasible/infeasible pairs (benchmark and township style), exhaustive checks.

The exhaustive tests enumerate every work/off pattern of one person over nine days that
start on a Friday (so weekends are cut by both horizon edges) and compare three readings of
the rules: the CP-SAT rule functions, the redundant pattern automaton, and the validator
(the specification). Any disagreement on the horizon-edge exemptions shows up there.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from ortools.sat.python import cp_model

from office.calendar import DAY_TYPES, Day
from office.people import Leave, Staff
from scheduler.build import township_slots
from scheduler.cpsat import sequence
from scheduler.cpsat.context import ModelContext
from scheduler.cpsat.model import build_model
from scheduler.cpsat.sequence_automaton import add_sequence_automata, pattern_automaton
from scheduler.problem import (
    Assignment,
    PersonLimits,
    Post,
    Problem,
    Roster,
    Rules,
    Slot,
    SolveParams,
)
from scheduler.validate import validate

FRIDAY = dt.date(2024, 1, 5)
MONDAY = dt.date(2024, 1, 1)
RUN_RULES = ("max_consecutive", "min_consecutive", "min_days_off", "max_weekends")


def _days(start: dt.date, n: int) -> tuple[Day, ...]:
    dates = [start + dt.timedelta(days=i) for i in range(n)]
    return tuple(Day(d, "weekend" if d.weekday() >= 5 else "workday") for d in dates)


def _bench_problem(n_days=9, start=FRIDAY, limits=PersonLimits(), posts=None, people=("A",),  # noqa: B008
                   leave=(), rules=Rules(fairness=False)) -> Problem:  # noqa: B008
    """Benchmark style: soft cover (under 100, over 1), so only the sequence rules bind."""
    days = _days(start, n_days)
    posts = posts or (Post("D", "D", frozenset(DAY_TYPES), 1, minutes=480),)
    slots = tuple(Slot(d.date, p.post_id, 1, 100, 1) for d in days for p in posts)
    return Problem(days=days, staff=tuple(Staff(s, s) for s in people), posts=posts,
                   slots=slots, leave=tuple(leave), limits=tuple((s, limits) for s in people),
                   rules=rules, levels=((("cover", 1), ("requests", 1)),))


def _feasible(problem: Problem, fixed: dict | None = None) -> bool:
    """Whether build_model's model admits a roster with the ``fixed`` duties (key -> 0/1)."""
    ctx = build_model(problem, SolveParams(workers=1))
    for key, val in (fixed or {}).items():
        ctx.model.add(ctx.x[key] == val)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10
    return solver.solve(ctx.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def _pattern(problem: Problem, bits: str, post="D", who="A") -> dict:
    return {(who, d.date, post): int(b) for d, b in zip(problem.days, bits, strict=True)}


# --- feasible / infeasible pairs, benchmark style -------------------------------------------
PAIRS = [
    # rule, limits, good pattern, bad pattern (Friday start: days 1,2 and 8 are weekend days)
    ("max_consecutive", PersonLimits(max_consecutive_days=3), "111011100", "111100000"),
    ("min_consecutive", PersonLimits(min_consecutive_days=3), "100111001", "011000000"),
    ("min_days_off", PersonLimits(min_consecutive_days_off=2), "011001100", "110111000"),
    ("max_weekends", PersonLimits(max_weekends=1), "011111000", "010000001"),
    ("minutes", PersonLimits(min_minutes=960, max_minutes=1440), "110100000", "111100000"),
    ("minutes", PersonLimits(min_minutes=960, max_minutes=1440), "110100000", "100000000"),
    ("max_per_post", PersonLimits(max_per_post=(("D", 2),)), "100000001", "100010001"),
]


@pytest.mark.parametrize(("rule", "limits", "good", "bad"), PAIRS)
def test_pair_benchmark_style(rule, limits, good, bad):
    """Each rule accepts a pattern that keeps it and rejects one that breaks it only there."""
    problem = _bench_problem(limits=limits)
    assert _feasible(problem, _pattern(problem, good))
    assert not _feasible(problem, _pattern(problem, bad))
    assert validate(problem, _roster(problem, good)).ok
    assert rule in {f.rule for f in validate(problem, _roster(problem, bad)).violations}


def test_edge_exemptions_benchmark_style():
    """Short runs touching day 0 or the last day are legal (FORMAT.md rules 6 and 7)."""
    limits = PersonLimits(min_consecutive_days=3, min_consecutive_days_off=3)
    problem = _bench_problem(limits=limits)
    for bits in ("100011100", "011100011", "000111000", "110001110"):
        assert _feasible(problem, _pattern(problem, bits)), bits
    for bits in ("111011100", "000110001"):
        assert not _feasible(problem, _pattern(problem, bits)), bits


def test_cannot_follow_pair():
    """Late then Early the next day is forbidden; Early then Late is fine."""
    posts = (Post("E", "E", frozenset(DAY_TYPES), 1, minutes=480),
             Post("L", "L", frozenset(DAY_TYPES), 1, minutes=480, cannot_follow=frozenset("E")))
    problem = _bench_problem(n_days=2, posts=posts)
    d0, d1 = (d.date for d in problem.days)
    assert _feasible(problem, {("A", d0, "E"): 1, ("A", d1, "L"): 1})
    assert not _feasible(problem, {("A", d0, "L"): 1, ("A", d1, "E"): 1})


def test_weekends_per_month_pair():
    """At one weekend a month: a January and a February weekend are fine, both days of one
    weekend count once, two January weekends are too many (a weekend belongs to the month
    of its Saturday)."""
    rules = Rules(fairness=False, max_weekends_per_month=1)

    def works(start: dt.date, on: set[dt.date]) -> bool:
        problem = _bench_problem(n_days=14, start=start, rules=rules)
        bits = "".join("1" if d.date in on else "0" for d in problem.days)
        return _feasible(problem, _pattern(problem, bits))

    jan22, jan15 = dt.date(2024, 1, 22), dt.date(2024, 1, 15)
    assert works(jan22, {dt.date(2024, 1, 27), dt.date(2024, 2, 4)})
    assert works(jan22, {dt.date(2024, 1, 27), dt.date(2024, 1, 28)})
    assert not works(jan15, {dt.date(2024, 1, 20), dt.date(2024, 1, 28)})


# --- township style: hard cover, two people, the rule decides -------------------------------
MARCH = [dt.date(2025, 3, 3) + dt.timedelta(days=i) for i in range(21)]  # from a Monday


def _township(rules: Rules, leave=(), n_days=8) -> Problem:
    """Two people, one post needing exactly one person every day from Monday 3 March 2025."""
    days = _days(MARCH[0], n_days)
    posts = (Post("duty", "值班", frozenset(DAY_TYPES), 1, minutes=1440),)
    return Problem(days=days, staff=(Staff("a", "甲"), Staff("b", "乙")), posts=posts,
                   slots=township_slots(days, posts), leave=tuple(leave), rules=rules)


def _off(who: str, *idx: int) -> tuple[Leave, ...]:
    return tuple(Leave(who, MARCH[i], MARCH[i]) for i in idx)


TOWNSHIP = [
    # rules, (leave, days) that can be kept, (leave, days) that force a break
    ("max_consecutive", Rules(max_consecutive_days=4),
     (_off("a", 1, 2, 3, 4), 8), (_off("a", 1, 2, 3, 4, 5), 8)),
    ("min_consecutive", Rules(min_consecutive_days=3),
     (_off("a", 2), 8), (_off("a", 2, 4) + _off("b", 3), 8)),
    ("min_days_off", Rules(min_consecutive_days_off=3),
     (_off("a", 2), 8), (_off("b", 1, 3) + _off("a", 2), 8)),
    ("max_weekends", Rules(max_weekends=1), ((), 14), ((), 21)),
    ("max_weekends_per_month", Rules(max_weekends_per_month=0), ((), 5), ((), 8)),
]


@pytest.mark.parametrize(("rule", "rules", "ok", "bad"), TOWNSHIP, ids=[c[0] for c in TOWNSHIP])
def test_township_pair(rule, rules, ok, bad):
    """A director's rule is kept when leave allows it and makes the roster impossible when
    leave (or the horizon) forces a break: e.g. with a away four days b works four in a row
    (allowed at max 4), with a away five days b would need five."""
    assert _feasible(_township(rules, leave=ok[0], n_days=ok[1])), rule
    assert not _feasible(_township(rules, leave=bad[0], n_days=bad[1])), rule
    assert _feasible(_township(Rules(), leave=bad[0], n_days=bad[1])), "rule must be the cause"


# --- exhaustive agreement: rule functions, automaton, validator -----------------------------
def _roster(problem: Problem, bits: str, post="D", who="A") -> Roster:
    return Roster.of(Assignment(d.date, post, who) for d, b in zip(problem.days, bits,
                                                                   strict=True) if b == "1")


def _cp_patterns(problem: Problem, automaton: bool) -> set[str]:
    """All patterns the rule functions (or the automaton alone) accept, by enumeration."""
    ctx = ModelContext(problem=problem, params=SolveParams())
    for d in problem.days:
        ctx.add_x(("A", d.date, "D"), ctx.model.new_bool_var(str(d.date)))
        ctx.work[("A", d.date)] = ctx.x[("A", d.date, "D")]
    if automaton:
        assert add_sequence_automata(ctx) == 1
    else:
        for key in RUN_RULES:
            getattr(sequence, f"add_{key}")(ctx)
    solver = cp_model.CpSolver()
    solver.parameters.enumerate_all_solutions = True
    found: set[str] = set()

    class Collect(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self):
            found.add("".join(str(self.value(ctx.work[("A", d.date)])) for d in problem.days))

    solver.solve(ctx.model, Collect())
    return found


LIMIT_SETS = [
    PersonLimits(max_consecutive_days=3, min_consecutive_days=2, min_consecutive_days_off=2,
                 max_weekends=1),
    PersonLimits(max_consecutive_days=4, min_consecutive_days=3, min_consecutive_days_off=1),
    PersonLimits(min_consecutive_days=2, min_consecutive_days_off=3, max_weekends=0),
    PersonLimits(max_consecutive_days=2, max_weekends=2),
]


@pytest.mark.parametrize("limits", LIMIT_SETS)
def test_rules_automaton_and_validator_agree_on_every_pattern(limits):
    """For all 512 patterns, linear rules, automaton and validator accept the same ones."""
    problem = _bench_problem(limits=limits)
    legal = {"".join(bits) for bits in itertools.product("01", repeat=9)
             if validate(problem, _roster(problem, "".join(bits))).ok}
    assert 0 < len(legal) < 512
    assert _cp_patterns(problem, automaton=False) == legal
    assert _cp_patterns(problem, automaton=True) == legal


def test_automaton_counts_a_weekend_once():
    """Saturday and Sunday of one weekend make one worked weekend, not two."""
    trans, start, _finals = pattern_automaton(None, None, None, 1)
    table = {(s, label): nxt for s, label, nxt in trans}
    state = start
    for label in (1 + 2 * 1, 1 + 2 * 2):  # worked Saturday, worked Sunday
        state = table[(state, label)]
    assert (state, 1 + 2 * 1) not in table  # a second worked Saturday is rejected


def test_explain_names_the_sequence_rule():
    """When a director's run rule makes the roster impossible, the explanation names it
    (the guarded instances of ``sequence.py`` reach the conflict finder)."""
    from scheduler.cpsat.explain import explain

    rules = Rules(max_consecutive_days=4)
    problem = _township(rules, leave=_off("a", 1, 2, 3, 4, 5), n_days=8)
    found = explain(problem, SolveParams(workers=1), time_limit=5.0)
    assert "max_consecutive" in {f.rule for f in found}
    assert any(f.staff_ids == ("b",) for f in found if f.rule == "max_consecutive")


def test_explain_names_cannot_follow_pair():
    """A pinned late shift followed by a pinned early one is explained as cannot_follow,
    with the later post and the earlier one named as the validator names them."""
    from scheduler.cpsat.explain import core
    from scheduler.problem import Pin

    posts = (Post("E", "E", frozenset(DAY_TYPES), 1, minutes=480),
             Post("L", "L", frozenset(DAY_TYPES), 1, minutes=480, cannot_follow=frozenset("E")))
    base = _bench_problem(n_days=2, posts=posts)
    d0, d1 = (d.date for d in base.days)
    problem = Problem(days=base.days, staff=base.staff, posts=posts, slots=base.slots,
                      limits=base.limits, rules=base.rules, levels=base.levels,
                      pins=(Pin(d0, "L", "A"), Pin(d1, "E", "A")))
    found = core(problem, SolveParams(workers=1), time_limit=5.0)
    follow = [f for f in found if f.rule == "cannot_follow"]
    assert follow and follow[0].post_id == "E" and dict(follow[0].params)["other_post"] == "L"
