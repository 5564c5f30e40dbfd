"""Property tests: on random small scenarios any roster the solver returns passes the
validator, keeps every pin, and reports the validator's level values; an infeasible answer
always comes with a named conflict."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.problem import History, Pin, Request, Rules, SolveParams
from scheduler.solve import solve
from scheduler.validate import validate
from tests.scheduler.factories import day, leave, make_problem, person, post

PARAMS = SolveParams(time_limit=3.0, workers=1)


@st.composite
def scenarios(draw):
    """A few people, one to three posts, up to ten days, random rules, leave, pins, wishes."""
    n_days = draw(st.integers(3, 10))
    n_staff = draw(st.integers(2, 6))
    quals = ("a", "b")
    staff = []
    for k in range(n_staff):
        staff.append(person(
            f"S{k}", rank=draw(st.sampled_from(("worker", "cadre"))),
            quals=draw(st.sets(st.sampled_from(quals))),
            fte=draw(st.sampled_from((1, Fraction(1, 2), Fraction(3, 4)))),
            active_from=day(draw(st.integers(0, 2))) if draw(st.booleans()) else None))
    posts = []
    for k in range(draw(st.integers(1, 3))):
        posts.append(post(
            f"P{k}", qualification=draw(st.sampled_from(("",) + quals)),
            day_types=draw(st.sampled_from((("workday", "weekend"), ("weekend",),
                                            ("workday",)))),
            headcount=draw(st.integers(1, 2)), points=draw(st.sampled_from((1, 1.5, 2))),
            rest_days_after=draw(st.integers(0, 1)),
            start=dt.time(18) if draw(st.booleans()) else None, minutes=720))
    ids = [s.staff_id for s in staff]
    lv = tuple(leave(i, a, a + draw(st.integers(0, 2)))
               for i in draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
               for a in [draw(st.integers(0, n_days - 1))])
    pins = tuple(Pin(day(draw(st.integers(0, n_days - 1))), draw(st.sampled_from(posts)).post_id,
                     draw(st.sampled_from(ids))) for _ in range(draw(st.integers(0, 2))))
    reqs = tuple(Request(draw(st.sampled_from(ids)), day(draw(st.integers(0, n_days - 1))),
                         draw(st.sampled_from(("want", "avoid"))))
                 for _ in range(draw(st.integers(0, 3))))
    hist = tuple(History(i, points100=draw(st.sampled_from((0, 100, 250))))
                 for i in ids[:2])
    rules = Rules(min_gap_days=draw(st.integers(0, 1)),
                  max_duties_per_week=draw(st.sampled_from((None, 3, 4))),
                  never_together=((ids[0], ids[1]),) if draw(st.booleans()) else (),
                  spacing_days=draw(st.integers(0, 2)))
    return make_problem(n_days, staff=tuple(staff), posts=tuple(posts), leave=lv, pins=pins,
                        requests=reqs, history=hist, rules=rules)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.booleans())
def test_any_returned_roster_is_valid_and_keeps_pins(problem, gaps):
    """Whatever the scenario: a roster breaks no hard rule, keeps the pins and the reported
    levels equal the validator's; no roster means named conflicts (or a timeout)."""
    params = SolveParams(time_limit=3.0, workers=1, allow_gaps=gaps)
    result = solve(problem, params)
    if result.roster is None:
        assert result.status in ("infeasible", "unknown")
        if result.status == "infeasible":
            assert result.conflicts
        return
    v = validate(problem, result.roster, allow_gaps=gaps)
    assert v.violations == ()
    got = {(a.date, a.post_id, a.staff_id) for a in result.roster.assignments}
    assert {(p.date, p.post_id, p.staff_id) for p in problem.pins} <= got
    assert tuple(lv.value for lv in result.levels) == tuple(val for _, val in v.levels)
