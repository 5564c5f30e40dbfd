"""A feasible/infeasible pair for every hard rule the CP-SAT model adds.

Each case is a tiny problem that the solver must roster (and the roster must pass the
validator), and a twin that differs only by tightening that one rule, which the solver must
report as infeasible with that rule named among the conflicts.
"""

from __future__ import annotations

import pytest

from scheduler.cpsat.rules import RULES
from scheduler.problem import History, PersonLimits, Pin, Rules, SolveParams
from scheduler.solve import solve
from scheduler.validate import validate
from tests.scheduler.factories import day, leave, make_problem, person, post

FAST = SolveParams(time_limit=5.0, workers=1)


def _two_posts(**kw):
    """Two posts every day (so everybody could be wanted twice the same day)."""
    kw.setdefault("posts", (post("P"), post("Q")))
    return make_problem(3, **kw)


CASES = {
    # rule: (feasible problem, infeasible problem)
    "cover": (
        make_problem(3, staff=("A", "B")),
        make_problem(3, staff=("A", "B"), posts=(post("P", headcount=3),)),
    ),
    "qualification": (
        make_problem(3, staff=("A", person("B", quals=("n",))), posts=(post("P"),),
                     pins=(Pin(day(0), "P", "A"),)),
        make_problem(3, staff=("A", person("B", quals=("n",))),
                     posts=(post("P", qualification="n"),), pins=(Pin(day(0), "P", "A"),)),
    ),
    "active": (
        make_problem(3, staff=(person("A", active_from=day(1)), "B"),
                     pins=(Pin(day(1), "P", "A"),)),
        make_problem(3, staff=(person("A", active_from=day(1)), "B"),
                     pins=(Pin(day(0), "P", "A"),)),
    ),
    "leave": (
        make_problem(3, staff=("A", "B"), leave=(leave("A", 1, 1),), pins=(Pin(day(0), "P", "A"),)),
        make_problem(3, staff=("A", "B"), leave=(leave("A", 0, 0),), pins=(Pin(day(0), "P", "A"),)),
    ),
    "one_per_day": (
        _two_posts(staff=("A", "B")),
        _two_posts(staff=(person("A", quals=("a",)), "B"),
                   posts=(post("P", qualification="a"), post("Q", qualification="a"))),
    ),
    "rest_after": (
        make_problem(4, staff=("A", "B"), posts=(post("P", rest_days_after=1),)),
        make_problem(4, staff=("A", "B"), posts=(post("P", rest_days_after=2),)),
    ),
    "min_gap": (
        make_problem(4, staff=("A", "B"), rules=Rules(min_gap_days=1)),
        make_problem(4, staff=("A", "B"), rules=Rules(min_gap_days=2)),
    ),
    "max_per_week": (
        make_problem(7, staff=("A", "B"), rules=Rules(max_duties_per_week=4)),
        make_problem(7, staff=("A", "B"), rules=Rules(max_duties_per_week=3)),
    ),
    "max_per_month": (
        make_problem(9, staff=("A", "B"), rules=Rules(max_duties_per_month=5)),
        make_problem(9, staff=("A", "B"), rules=Rules(max_duties_per_month=4)),
    ),
    "max_weekend_holiday_per_month": (
        make_problem(7, staff=("A", "B"), posts=(post("W", day_types=("weekend",)),),
                     rules=Rules(max_weekend_holiday_duties_per_month=1)),
        make_problem(7, staff=("A",), posts=(post("W", day_types=("weekend",)),),
                     rules=Rules(max_weekend_holiday_duties_per_month=1)),
    ),
    "pin": (
        make_problem(3, staff=("A", "B"), posts=(post("P", rest_days_after=1),),
                     pins=(Pin(day(0), "P", "A"),)),
        make_problem(3, staff=("A", "B"), posts=(post("P", rest_days_after=1),),
                     leave=(leave("B", 1, 1),), pins=(Pin(day(0), "P", "A"),)),
    ),
    "never_together": (
        _two_posts(staff=("A", "B", "C"), rules=Rules(never_together=(("A", "B"),))),
        _two_posts(staff=("A", "B"), rules=Rules(never_together=(("A", "B"),))),
    ),
}


_LIM2 = PersonLimits(max_per_post=(("P", 2),))
SEQUENCE_CASES = {
    # Benchmark-style rules (sequence.py) through the same RULES table and explanation.
    "max_consecutive": (
        make_problem(5, staff=("A", "B"), rules=Rules(max_consecutive_days=2)),
        make_problem(5, staff=("A",), rules=Rules(max_consecutive_days=2)),
    ),
    "max_per_post": (
        make_problem(5, staff=("A", "B", "C"), limits=(("A", _LIM2), ("B", _LIM2))),
        make_problem(5, staff=("A", "B"), limits=(("A", _LIM2), ("B", _LIM2))),
    ),
    "cannot_follow": (
        make_problem(2, staff=("A", "B"), posts=(post("P", cannot_follow=frozenset({"P"})),)),
        make_problem(2, staff=("A",), posts=(post("P", cannot_follow=frozenset({"P"})),)),
    ),
}
CASES.update({k: v for k, v in SEQUENCE_CASES.items() if k in RULES})


@pytest.mark.parametrize("rule", sorted(CASES))
def test_feasible_twin_is_rostered_and_valid(rule):
    """The loose twin gets a roster that breaks no hard rule and keeps every pin."""
    problem = CASES[rule][0]
    result = solve(problem, FAST)
    assert result.status in ("optimal", "feasible"), result.conflicts
    assert validate(problem, result.roster).violations == ()
    assert {(p.date, p.post_id, p.staff_id) for p in problem.pins} <= {
        (a.date, a.post_id, a.staff_id) for a in result.roster.assignments}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_infeasible_twin_names_the_rule(rule):
    """The tight twin is reported infeasible and the explanation names the tightened rule."""
    result = solve(CASES[rule][1], FAST)
    assert result.status == "infeasible"
    assert result.roster is None
    named = {c.rule for c in result.conflicts}
    excluded = {k for c in result.conflicts for key, v in c.params if key == "excluded"
                for k, _ in v}
    limited = {r for c in result.conflicts for key, v in c.params if key == "limited_by"
               for r in v}
    assert rule in named | excluded | limited, result.conflicts


def test_history_last_duty_counts_for_rest_and_gap():
    """A duty the day before the horizon blocks day 0 for that person (rest and gap)."""
    hist = (History("A", last_duty=day(-1)),)
    for kw in (dict(posts=(post("P", rest_days_after=1),)), dict(rules=Rules(min_gap_days=1))):
        problem = make_problem(3, staff=("A", "B", "C"), history=hist, **kw)
        result = solve(problem, FAST)
        assert result.status == "optimal"
        assert all(not (a.staff_id == "A" and a.date == day(0)) for a in result.roster.assignments)
        tight = make_problem(3, staff=("A",), history=hist, **kw)
        bad = solve(tight, FAST)
        assert bad.status == "infeasible"
        named = {c.rule for c in bad.conflicts} | {
            r for c in bad.conflicts for k, v in c.params if k == "limited_by" for r in v}
        assert named & {"rest_after", "min_gap"}


def test_core_is_small_and_names_the_interacting_rules():
    """A conflict no count can see (a pin, a gap and a leave on neighbouring days) is
    explained by the solver with a handful of rule instances."""
    problem = make_problem(3, staff=("A", "B"), rules=Rules(min_gap_days=1),
                           pins=(Pin(day(1), "P", "A"),), leave=(leave("B", 2, 2),))
    result = solve(problem, FAST)
    assert result.status == "infeasible"
    rules = {c.rule for c in result.conflicts}
    assert "min_gap" in rules and rules <= {"cover", "min_gap", "pin"}
    assert len(result.conflicts) <= 6


def test_capacity_shortage_names_period_posts_and_people():
    """More duties in a week than the people may take is found before solving, with the
    week, the post, the people and the binding rule."""
    problem = make_problem(7, staff=("A", "B"), rules=Rules(max_duties_per_week=3))
    result = solve(problem, FAST)
    assert result.status == "infeasible"
    (f,) = result.conflicts
    p = dict(f.params)
    assert f.rule == "sched_capacity" and f.staff_ids == ("A", "B")
    assert (p["required"], p["actual"], p["limit"]) == (7, 6, 3)
    assert p["week"] == "2026-W10" and p["limited_by"] == ("max_per_week",)
