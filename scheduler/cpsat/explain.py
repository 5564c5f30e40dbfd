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
from .safe_solve import solve_model

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
    status = solve_model(solver, ctx.model)
    return status, solver


def _set(ctx, lits, value: int | None) -> None:
    """Fix guard literals to 0/1 through their domains (None: free again)."""
    for lit in lits:
        dom = ctx.model.proto.variables[lit.index].domain
        dom.clear()
        dom.extend([0, 1] if value is None else [value, value])


def _needed_families(ctx, fams: dict, budget: float, seed: int) -> list[str] | None:
    """Rule families (all instances of one rule) that the infeasibility needs.

    Checked with the families' guards fixed on or off, without assumptions, so CP-SAT's
    presolve works at full strength: on large horizons this proves in seconds what an
    assumption search over tens of thousands of guards cannot. None: not proven infeasible.
    """
    t_end = time.monotonic() + budget

    def infeasible(on: set[str]) -> bool | None:
        for f, lits in fams.items():
            _set(ctx, lits, 1 if f in on else 0)
        ctx.model.clear_assumptions()
        left = t_end - time.monotonic()
        if left <= 0.05:
            return None
        status, _ = _solve(ctx, [], min(left, max(1.0, budget / 4)), 2, seed)
        if status == cp_model.INFEASIBLE:
            return True
        return False if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None

    needed = set(fams)
    if infeasible(needed) is not True:
        return None
    for f in sorted(fams, key=lambda f: -len(fams[f])):
        if len(needed) > 1 and infeasible(needed - {f}) is True:
            needed.discard(f)
    return sorted(needed)


def core(problem: Problem, params: SolveParams, time_limit: float = 10.0) -> list[Finding]:
    """A small set of rule instances that cannot hold together (empty if none was found).

    First the rule families that matter (fixed-guard checks), then an assumption core over
    the instances of those families only, then a deletion pass while time lasts. When the
    instance-level search runs out of time the families themselves are reported.
    """
    t0 = time.monotonic()
    ctx = build_model(problem, params, explain=True)
    lits = list(ctx.guard_lits)
    if not lits:
        return []
    fams: dict[str, list] = {}
    for lit in lits:
        fams.setdefault(ctx.guards[lit.index].rule, []).append(lit)
    needed = _needed_families(ctx, fams, time_limit * 0.4, params.seed)
    if needed is None:
        _set(ctx, lits, None)
        needed = sorted(fams)
    else:
        for f, fl in fams.items():
            _set(ctx, fl, None if f in needed else 0)
    pool = [lit for f in needed for lit in fams[f]]
    left = time_limit - (time.monotonic() - t0)
    status, solver = _solve(ctx, pool, max(0.5, left * 0.5), 1, params.seed)
    if status != cp_model.INFEASIBLE:
        return [Finding(f, params=(("count", len(fams[f])),)) for f in needed]
    idx = set(solver.sufficient_assumptions_for_infeasibility())
    keep = [lit for lit in pool if lit.index in idx] or pool
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
