"""The reported objective of a weighted solve is the roster's exact one (as the validator's)."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from scheduler.cpsat.expr import flat_value
from scheduler.cpsat.lexico import make_level
from scheduler.cpsat.lns import Tracker, _variables, objective_of, result_of
from scheduler.cpsat.model import build_model
from scheduler.problem import Assignment, Roster
from scheduler.validate import validate
from shells.curtois_reader import read_instance

from ..shells.test_curtois_reader import SHARED


def _loose_solution():
    """Instance1 solved, then one under-cover variable raised above max(0, required − n):
    still a feasible CP-SAT solution of the same roster, with a higher objective value."""
    problem = read_instance(SHARED / "Instance1.txt")
    ctx = build_model(problem)
    spec = problem.levels[0]
    ctx.model.minimize(objective_of(ctx, spec))
    variables = _variables(ctx)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 20
    assert solver.solve(ctx.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    solution = [solver.value(v) for v in variables]
    index = next(v.index for v in variables if v.name.startswith("under_")
                 and solution[v.index] < list(ctx.model.proto.variables[v.index].domain)[-1])
    solution[index] += 1
    loose = flat_value(objective_of(ctx, spec), solution)
    roster = Roster.of(Assignment(k[1], k[2], k[0])
                       for k, v in ctx.x.items() if solution[v.index])
    return problem, ctx, spec, solution, loose, validate(problem, roster).levels[0][1]


def test_result_reports_the_exact_objective_not_a_loose_cover_variable():
    """With the level's exact value the result equals the validator's objective; the loose
    CP-SAT value (what was reported before) is higher, so the check can fail."""
    problem, ctx, spec, solution, loose, truth = _loose_solution()
    assert loose > truth
    plain = Tracker(_variables(ctx), time.monotonic(), None)
    plain.best, plain.objective = solution, loose
    assert result_of(cp_model.FEASIBLE, plain, 0, plain.t0, ()).objective == loose
    exact = Tracker(_variables(ctx), time.monotonic(), None, make_level(ctx, spec).exact)
    exact.best, exact.objective = list(solution), loose
    assert result_of(cp_model.FEASIBLE, exact, 0, exact.t0, ()).objective == truth
