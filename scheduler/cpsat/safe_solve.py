"""One guarded entry to ``CpSolver.solve`` for every CP-SAT run of the roster engine.

OR-Tools 9.15's presolve can fail inside C++ (``IndexError: absl::btree_map::at``) on some
small models that carry a complete, in-domain solution hint: hypothesis found such a scenario,
and the same model solves to optimality without the hint or without presolve. A hint only
speeds the search up, so on that internal error the run is repeated without the hint, and
then without presolve; the answer stays exact, only the speed-up is lost for that run.
"""

from __future__ import annotations

from ortools.sat.python import cp_model


def solve_model(solver: cp_model.CpSolver, model: cp_model.CpModel, callback=None):
    """``solver.solve(model, callback)``, retried without hint, then without presolve."""
    try:
        return solver.solve(model, callback)
    except IndexError:
        pass
    model.clear_hints()
    try:
        return solver.solve(model, callback)
    except IndexError:
        solver.parameters.cp_model_presolve = False
        return solver.solve(model, callback)
