"""The redundant cut on the weekend and holiday shortfall (scheduler.cpsat.shortfall)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.cpsat.lns import lp_solver, objective_of, solution_vector
from scheduler.cpsat.model import build_model
from scheduler.cpsat.shortfall import (
    REPAIR_WEIGHT,
    _least_scarce,
    add_shortfall_cut,
    dominant_shortfall,
    objective_floor,
    repair_model,
    scarce_minimum,
    scarce_shortfall,
)
from shells.curtois_reader import parse_instance, read_instance

from ..shells.test_curtois_reader import SHARED
from .factories import make_problem

# Two people, one shift type, each may work one weekend of two; every weekend day asks for
# two people, so at most 4 of the 8 weekend shifts can be covered (4 short × 100).
WEEKENDS = """SECTION_HORIZON
14

SECTION_SHIFTS
D,480,

SECTION_STAFF
A,D=14,6720,0,5,1,1,1
B,D=14,6720,0,5,1,1,1

SECTION_DAYS_OFF

SECTION_SHIFT_ON_REQUESTS

SECTION_SHIFT_OFF_REQUESTS

SECTION_COVER
""" + "".join(f"{d},D,{2 if d % 7 >= 5 else 1},100,1\n" for d in range(14))


def _ctx():
    problem = parse_instance(WEEKENDS, "weekends")
    return problem, build_model(problem)


def _optimum(problem, ctx) -> tuple[str, int]:
    ctx.model.minimize(objective_of(ctx, problem.levels[0]))
    solver = lp_solver(2, 0, 20.0, lp=True)
    status = solver.solve(ctx.model)
    return solver.status_name(status), int(solver.objective_value)


def test_cut_is_the_least_weekend_shortfall_and_keeps_the_optimum():
    """The cut is exactly 4 shifts × weight 100 short on the weekends, and the full model's
    optimum is the same with and without it (the cut removes no roster)."""
    problem, ctx = _ctx()
    assert len(scarce_shortfall(ctx)) == 4
    assert add_shortfall_cut(ctx, 5.0, 2, 0) == 400
    _, plain = _ctx()
    with_cut, without = _optimum(problem, ctx), _optimum(problem, plain)
    assert with_cut == without == ("OPTIMAL", without[1])
    assert without[1] >= 400


def test_a_roster_one_shift_less_short_is_infeasible():
    """Feasible/infeasible pair: the model with the cut has a roster exactly 400 short on
    the weekends, and none 300 short (one more weekend shift covered)."""
    for most, expected in ((400, cp_model.OPTIMAL), (300, cp_model.INFEASIBLE)):
        _, ctx = _ctx()
        add_shortfall_cut(ctx, 5.0, 2, 0)
        terms = scarce_shortfall(ctx)
        ctx.model.add(sum(w * v for v, w in terms) <= most)
        status = lp_solver(2, 0, 10.0, lp=True).solve(ctx.model)
        assert status == expected


def test_hard_cover_gets_no_cut():
    """A township roster whose cover is hard has no shortfall to bound: nothing is added."""
    ctx = build_model(make_problem(14))
    before = len(ctx.model.proto.constraints)
    assert scarce_shortfall(ctx) == []
    assert add_shortfall_cut(ctx, 1.0, 2, 0) == 0
    assert len(ctx.model.proto.constraints) == before


def test_objective_floor_follows_the_weight_of_cover_in_the_objective():
    """With ``cover + requests`` the cut of 400 bounds the objective by 400, with the cover
    counted three times by 1 200, and a term that can be −1 lowers the bound by 1."""
    problem, ctx = _ctx()
    cut = add_shortfall_cut(ctx, 5.0, 2, 0)
    ctx.model.minimize(objective_of(ctx, problem.levels[0]))
    assert objective_floor(ctx, cut) == 400
    ctx.model.minimize(3 * objective_of(ctx, problem.levels[0]))
    assert objective_floor(ctx, cut) == 1200
    first = next(iter(ctx.x.values()))
    ctx.model.minimize(objective_of(ctx, problem.levels[0]) - first)
    assert objective_floor(ctx, cut) == 399


def test_objective_floor_counts_wishes_as_met():
    """Instance1's requests term is a constant minus the weights of the wishes met: taken
    at its least (every wish met, 0), a cut of 200 on its weekends bounds the objective by
    exactly 200, and no cut by nothing."""
    problem = read_instance(SHARED / "Instance1.txt")
    ctx = build_model(problem)
    ctx.model.minimize(objective_of(ctx, problem.levels[0]))
    assert objective_floor(ctx, 200) == 200
    assert objective_floor(ctx, 0) == 0


def test_no_time_left_adds_no_cut():
    """Called at the deadline (no time left for the shortfall solve), nothing is solved or
    added, so the caller's time limit holds."""
    _, ctx = _ctx()
    before = len(ctx.model.proto.constraints)
    assert add_shortfall_cut(ctx, 0.0, 2, 0) == 0
    assert add_shortfall_cut(ctx, -1.0, 2, 0) == 0
    assert len(ctx.model.proto.constraints) == before


def _roster_short(ctx, most: int, least: int = 0) -> list[int]:
    """A complete solution vector of the WEEKENDS model whose weekend shortfall is between
    ``least`` and ``most`` (as a stuck search might have left it)."""
    copy = ctx.model.clone()
    terms = scarce_shortfall(ctx)
    copy.add(sum(w * v for v, w in terms) <= most)
    copy.add(sum(w * v for v, w in terms) >= least)
    solver = lp_solver(2, 0, 10.0, lp=True)
    assert solver.solve(copy) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return solution_vector(solver.response_proto, len(copy.proto.variables))


def _shortfall(ctx, values: list[int]) -> int:
    return sum(values[v.index] * w for v, w in scarce_shortfall(ctx))


def test_repair_reaches_the_least_weekend_shortfall_from_a_stuck_roster():
    """Feasible side: from a roster 800 short on the weekends (nobody works one), the
    repair copy's best roster is at the least shortfall (400, the floor it is handed
    with), and that roster keeps every rule of the original model (fixed into it, the
    model is still feasible)."""
    problem, ctx = _ctx()
    ctx.model.minimize(objective_of(ctx, problem.levels[0]))
    stuck = _roster_short(ctx, 800, 800)
    copy, floor = repair_model(ctx, stuck, 400, 5.0, 2, 0)
    assert copy is not None
    assert floor == 400 and not copy.proto.solution_hint.vars
    solver = lp_solver(2, 0, 10.0, lp=True)
    assert solver.solve(copy) == cp_model.OPTIMAL
    repaired = solution_vector(solver.response_proto, len(stuck))
    assert _shortfall(ctx, repaired) == 400
    check = ctx.model.clone()
    for var in ctx.x.values():
        check.add(var == repaired[var.index])
    assert lp_solver(2, 0, 10.0, lp=True).solve(check) == cp_model.OPTIMAL


def _value_with_duties(model, ctx, roster: list[int]) -> tuple[int, int]:
    """The least objective of ``model`` with every duty fixed to ``roster``'s, and the
    weekend shortfall of those duties."""
    check = model.clone()
    for var in ctx.x.values():
        check.add(var == roster[var.index])
    solver = lp_solver(2, 0, 10.0, lp=True)
    assert solver.solve(check) == cp_model.OPTIMAL
    values = solution_vector(solver.response_proto, len(roster))
    return int(solver.objective_value), _shortfall(ctx, values)


def test_repair_copy_charges_the_shortfall_and_keeps_every_rule():
    """The repair copy's objective of a roster is the model's plus
    :data:`REPAIR_WEIGHT` times its weekend shortfall, for a roster at the least (400
    short) and the empty one (800 short); the copy has the same rules (one more weekend shift
    covered than the least, 300 short, has no roster in it either), and ``ctx.model``
    keeps its own objective."""
    problem, ctx = _ctx()
    ctx.model.minimize(objective_of(ctx, problem.levels[0]))
    before = list(ctx.model.proto.objective.coeffs)
    copy, _ = repair_model(ctx, _roster_short(ctx, 800, 800), 400, 5.0, 2, 0)
    idle = ctx.model.clone()  # nobody works: every weekend shift is short
    for var in ctx.x.values():
        idle.add(var == 0)
    solver = lp_solver(2, 0, 10.0, lp=True)
    assert solver.solve(idle) == cp_model.OPTIMAL
    nobody = solution_vector(solver.response_proto, len(idle.proto.variables))
    shorts = set()
    for roster in (_roster_short(ctx, 400), nobody):
        value, short = _value_with_duties(ctx.model, ctx, roster)
        assert _value_with_duties(copy, ctx, roster)[0] == value + REPAIR_WEIGHT * short
        shorts.add(short)
    assert shorts == {400, 800}
    terms = scarce_shortfall(ctx)
    copy.add(sum(w * v for v, w in terms) <= 300)
    assert lp_solver(2, 0, 10.0, lp=True).solve(copy) == cp_model.INFEASIBLE
    assert list(ctx.model.proto.objective.coeffs) == before


def test_no_repair_at_the_minimum_or_where_the_minimum_is_a_small_part():
    """No copy where the roster is already at the least shortfall, where the minimum
    (400) is under 90 % of the objective's bound (1 000: known without a solve, since the
    roster's own 800 is under it; 600: once a roster under 540 is found), or without time
    to bound it; with a bound of 440 (400 is 91 % of it) there is one. The floor handed back
    is the least (400) where it was proven, and 0 where it was not sought."""
    problem, ctx = _ctx()
    ctx.model.minimize(objective_of(ctx, problem.levels[0]))
    assert repair_model(ctx, _roster_short(ctx, 400), 400, 5.0, 2, 0) == (None, 400)
    stuck = _roster_short(ctx, 800, 800)
    assert repair_model(ctx, stuck, 1000, 5.0, 2, 0) == (None, 0)  # no search: no floor
    assert repair_model(ctx, stuck, 600, 5.0, 2, 0)[0] is None
    assert repair_model(ctx, stuck, 440, 5.0, 2, 0)[0] is not None
    assert repair_model(ctx, stuck, 400, 0.0, 2, 0) == (None, 0)


def test_dominant_shortfall_inverts_objective_floor():
    """The least shortfall whose objective floor reaches a value: 396 for 396 with the cover
    counted once, 132 with it counted three times; every smaller shortfall's floor is
    under the value, so the repair's threshold and the floor agree."""
    problem, ctx = _ctx()
    ctx.model.minimize(objective_of(ctx, problem.levels[0]))
    assert dominant_shortfall(ctx, 396) == 396
    assert objective_floor(ctx, 395) < 396 <= objective_floor(ctx, 396)
    ctx.model.minimize(3 * objective_of(ctx, problem.levels[0]))
    assert dominant_shortfall(ctx, 396) == 132
    assert objective_floor(ctx, 131) < 396 <= objective_floor(ctx, 132)


def test_least_scarce_stops_once_a_roster_is_under_the_threshold():
    """Asked only whether the least weekend shortfall reaches 540, the search ends unproven
    as soon as it finds a roster under 540, and returns that roster; without the
    threshold it proves 400."""
    _, ctx = _ctx()
    assert scarce_minimum(ctx, 5.0, 2, 0) == (400, True)
    bound, proven, found = _least_scarce(ctx, 5.0, 2, 0, stop_below=540)
    assert not proven and bound <= 400 and _shortfall(ctx, found) < 540


def test_least_scarce_from_a_roster_ends_at_the_least_with_a_complete_roster():
    """Started from a roster 800 short (as the repair starts from the incumbent), the
    search proves 400 and returns a complete roster exactly 400 short."""
    problem, ctx = _ctx()
    ctx.model.minimize(objective_of(ctx, problem.levels[0]))
    stuck = _roster_short(ctx, 800, 800)
    bound, proven, found = _least_scarce(ctx, 5.0, 2, 0, hint=stuck)
    assert (bound, proven) == (400, True)
    assert len(found) == len(stuck) and _shortfall(ctx, found) == 400


def test_least_scarce_stops_once_its_bound_reaches_a_value():
    """Asked only whether the least weekend shortfall is at least 360, the search from a
    roster 800 short ends with a bound of at least 360 and at most the least (400)."""
    problem, ctx = _ctx()
    ctx.model.minimize(objective_of(ctx, problem.levels[0]))
    stuck = _roster_short(ctx, 800, 800)
    bound, _, _ = _least_scarce(ctx, 5.0, 2, 0, hint=stuck, stop_at_bound=360)
    assert 360 <= bound <= 400
