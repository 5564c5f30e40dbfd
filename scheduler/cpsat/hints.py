"""Hints for the lexicographic loop: the greedy first roster and completed solutions."""

from __future__ import annotations

from ortools.sat.python import cp_model

from .context import ModelContext
from .safe_solve import solve_model
from .zsearch import complete

OPTIONS = {"greedy": True, "probes": True}
"""Strategy switches, only for benchmarking against the direct model (both on by default)."""


def first_hint(ctx: ModelContext, budget: float = 2.0):
    """The greedy roster, completed to a full solution vector when the model accepts it.

    CP-SAT makes poor use of a partial hint on large models (its first solution can be far
    worse than the greedy one), so the duty variables are fixed to the greedy values and
    the rest (work, loads, deviations) is filled in by a quick solve. When the greedy roster
    breaks a rule it does not know (benchmark sequence rules), the partial hint is returned.
    """
    if ctx.info.get("no_greedy") or not OPTIONS["greedy"]:
        return None
    from .greedy import greedy_roster

    values = {ctx.x[k]: v for k, v in greedy_roster(ctx).items()}
    return complete(ctx, values, budget) or values


def extend(ctx: ModelContext, sol: list[int]) -> list[int]:
    """Complete a solution vector for variables added after it was found (lazy terms)."""
    n = len(sol)
    if n >= len(ctx.model.proto.variables):
        return sol
    m = ctx.model
    m.clear_hints()
    h = m.proto.solution_hint
    h.vars.extend(range(n))
    h.values.extend(sol)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.max_time_in_seconds = 5.0
    solver.parameters.num_workers = 1
    status = solve_model(solver, m)
    m.clear_hints()
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return list(solver.response_proto.solution)
    return sol
