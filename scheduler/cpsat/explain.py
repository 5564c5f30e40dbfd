"""Why a roster is impossible: pre-checks first, then a small conflicting set from CP-SAT.

The model is rebuilt in explain mode, where every rule instance is enforced only under its own
guard literal. Assuming all guards, CP-SAT proves infeasibility and returns a sufficient subset
of assumptions; a deletion pass (drop one guard, still infeasible? then it was not needed)
shrinks it further within a small time budget, so the director reads a handful of rules, not
hundreds.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from ..problem import Finding, Problem, SolveParams
from .model import build_model
from .precheck import prechecks

__all__ = ["explain", "prechecks", "core", "UNEXPLAINED"]

UNEXPLAINED = "sched_unexplained"
"""Finding rule when the solver proved infeasibility but no core was found in time."""


def _solve(ctx, assumptions, budget: float, workers: int, seed: int) -> int:
    """Feasibility under the given guard literals only."""
    ctx.model.clear_assumptions()
    ctx.model.add_assumptions(assumptions)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, budget)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(ctx.model)
    return status, solver


def core(problem: Problem, params: SolveParams, time_limit: float = 10.0) -> list[Finding]:
    """A small set of rule instances that cannot hold together (empty if none was found)."""
    t0 = time.monotonic()
    ctx = build_model(problem, params, explain=True)
    lits = list(ctx.guard_lits)
    if not lits:
        return []
    status, solver = _solve(ctx, lits, time_limit * 0.5, 1, params.seed)
    if status != cp_model.INFEASIBLE:
        return []
    idx = set(solver.sufficient_assumptions_for_infeasibility())
    keep = [lit for lit in lits if lit.index in idx] or lits
    # Deletion pass: try without each guard; drop it when the rest is still infeasible.
    # Necessity is monotone (needed in a set => needed in any subset), so each guard is
    # tried at most once.
    necessary: set[int] = set()
    while time.monotonic() - t0 < time_limit:
        cand = next((lit for lit in keep if lit.index not in necessary), None)
        if cand is None:
            break
        trial = [lit for lit in keep if lit is not cand]
        left = time_limit - (time.monotonic() - t0)
        status, solver = _solve(ctx, trial, min(1.0, left), 1, params.seed)
        if status == cp_model.INFEASIBLE:
            idx = set(solver.sufficient_assumptions_for_infeasibility())
            smaller = [lit for lit in trial if lit.index in idx]
            keep = smaller if smaller else trial
        else:
            necessary.add(cand.index)
    return [_finding(ctx.guards[lit.index]) for lit in keep]


def _finding(g) -> Finding:
    """A guard is already the data of a finding; only the type differs."""
    return Finding(g.rule, g.date, g.post_id, g.staff_ids, g.params)


def explain(problem: Problem, params: SolveParams, time_limit: float = 10.0) -> list[Finding]:
    """Pre-check findings if any, else the CP-SAT core; never empty for an infeasible model."""
    found = prechecks(problem, params)
    if found:
        return found
    return core(problem, params, time_limit) or [Finding(UNEXPLAINED)]
