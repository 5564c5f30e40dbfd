"""Properties of the validator on random small problems and random (even junk) rosters."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.describe import describe_finding, names_of
from scheduler.problem import Assignment, History, PersonLimits, Roster, Rules
from scheduler.validate import HARD_RULES, STRUCTURE_RULES, validate
from tests.scheduler.factories import day, leave, make_problem, person, post

STAFF = ["A", "B", "C", "D"]
POSTS = ["P", "N"]


@st.composite
def problems(draw):
    """Up to 10 days, four people (ranks, fte, leave, active dates), two posts, random rules."""
    n = draw(st.integers(3, 10))
    staff = [person(s, rank=draw(st.sampled_from(["leader", "worker"])),
                    fte=draw(st.sampled_from([1, Fraction(1, 2), Fraction(4, 5)])),
                    active_from=draw(st.sampled_from([None, day(1)])))
             for s in STAFF]
    posts = [post("P", rest_days_after=draw(st.integers(0, 2)), points=1.5),
             post("N", start=dt.time(20), minutes=720, day_types={"weekend", "holiday"},
                  cannot_follow=frozenset(draw(st.sampled_from([(), ("P",)]))))]
    opt = st.one_of(st.none(), st.integers(0, 3))
    rules = Rules(min_gap_days=draw(st.integers(0, 2)), max_duties_per_week=draw(opt),
                  max_duties_per_month=draw(opt), max_weekend_holiday_duties_per_month=draw(opt),
                  max_consecutive_days=draw(opt), min_consecutive_days=draw(opt),
                  min_consecutive_days_off=draw(opt), max_weekends=draw(opt),
                  max_weekends_per_month=draw(opt), never_together=(("A", "B"),),
                  spacing_days=draw(st.integers(0, 3)))
    leaves = tuple(leave(s, a, a + draw(st.integers(0, 3)))
                   for s in draw(st.lists(st.sampled_from(STAFF), max_size=2))
                   for a in [draw(st.integers(0, n - 1))])
    return make_problem(n, staff=staff, posts=posts, rules=rules, leave=leaves,
                        holidays={day(2): "qingming"} if draw(st.booleans()) else None,
                        history=(History("C", points100=150, last_duty=day(-1),
                                         holidays_worked=frozenset({"清明节"})),),
                        limits=(("D", PersonLimits(max_per_post=(("N", 1),), max_minutes=900)),))


@st.composite
def rosters(draw, problem):
    """Random assignments, now and then naming an unknown person, post or day."""
    items = draw(st.lists(st.tuples(st.integers(-2, len(problem.days) + 1),
                                    st.sampled_from([*POSTS, "X"]),
                                    st.sampled_from([*STAFF, "Z"])), max_size=25))
    return Roster.of(Assignment(day(d), p, s) for d, p, s in items)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_roster_is_judged_without_error_and_in_words(data) -> None:
    """Junk in, findings out: every finding has a known rule key and reads as a sentence."""
    problem = data.draw(problems())
    roster = data.draw(rosters(problem))
    v = validate(problem, roster)
    known = set(HARD_RULES) | set(STRUCTURE_RULES)
    names = names_of(problem)
    for f in v.violations:
        assert f.rule in known
        for lang in ("zh", "en"):
            assert "{" not in describe_finding(f, lang, names)
    assert v.ok == (not v.violations)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fair_shares_add_up_and_bound_the_terms(data) -> None:
    """In each group the shares add up to the group's load (deviations sum to 0), so the
    largest excess is ≥ 0 and the total deviation is at least twice the largest excess."""
    problem = data.draw(problems())
    v = validate(problem, data.draw(rosters(problem)))
    staff = problem.staff_by_id()
    by_group: dict[str, Fraction] = defaultdict(Fraction)
    for p in v.people:
        if p.share is not None:
            by_group[staff[p.staff_id].group] += p.deviation
    assert all(total == 0 for total in by_group.values())
    if by_group:
        assert v.terms["max_excess"] >= 0
        assert v.terms["abs_dev"] >= 2 * v.terms["max_excess"]
    assert all(value >= 0 for key, value in v.terms.items() if key != "max_excess")
