"""The greedy hint and its load repair: valid rosters, and caps reached where they can be."""

from __future__ import annotations

from fractions import Fraction

from scheduler.cpsat.greedy import construct, repair
from scheduler.cpsat.model import build_model
from scheduler.problem import Assignment, History, Roster, Rules, SolveParams
from scheduler.validate import validate
from tests.scheduler.factories import leave, make_problem, person, post


def _roster(state) -> Roster:
    return Roster.of(Assignment(d, p, s) for (s, d, p), v in state.values().items() if v)


def _problem():
    staff = ("A", "B", person("C", fte=Fraction(1, 2)), "D", "E", "F", "G")
    return make_problem(
        14, staff=staff, posts=(post("P", rest_days_after=1), post("W", points=2,
                                                                    day_types=("weekend",))),
        leave=(leave("D", 3, 6),), history=(History("A", points100=300),),
        rules=Rules(min_gap_days=1, max_duties_per_week=3))


def test_construct_gives_a_valid_roster():
    """The greedy roster breaks no hard rule on a roomy problem and fills every slot."""
    problem = _problem()
    ctx = build_model(problem, SolveParams())
    roster = _roster(construct(ctx))
    assert validate(problem, roster).violations == ()


def test_repair_reaches_the_lower_bound_caps():
    """Repair moves duties until no load exceeds the caps of the analytic bound, and the
    resulting roster's largest excess equals that bound (so it is optimal)."""
    problem = _problem()
    ctx = build_model(problem, SolveParams())
    ms, d = ctx.info["measure_load"], ctx.info["fair"]["D"]
    z = ctx.info["z"]
    lb = list(ctx.model.proto.variables[z.index].domain)[0]
    caps = {i: (lb + ms.const_k[i]) // d for i in ms.dev}
    state = construct(ctx)
    assert repair(state, caps) == 0
    v = validate(problem, _roster(state))
    assert v.violations == ()
    assert v.terms["max_excess"] == Fraction(lb, 100 * d)
