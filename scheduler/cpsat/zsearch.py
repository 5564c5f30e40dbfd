"""Level 2 (largest excess over fair share) solved by bounded probes on z.

With constant group totals each person's excess takes values on a known grid, so the optimum
is one of finitely many candidate values of z, and the analytic lower bound (see
:func:`scheduler.cpsat.fair.lower_bound_max_excess`) is one of them. Plain minimisation of z
finds good rosters quickly but struggles to reach, let alone prove, the bound. Bounded probes
("is there a roster with z ≤ c?") are much easier for CP-SAT: a roster at the bound proves
optimality at once, and a proven-infeasible probe raises the bound to the next candidate.
An inconclusive probe hands the remaining time to plain minimisation between the bounds.
"""

from __future__ import annotations

import bisect
import math
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .context import ModelContext

MAX_CANDIDATES = 200_000


@dataclass
class Run:
    """The outcome of one level's search: best solution, its exact value and the bound."""

    status: int
    solution: list[int] | None = None
    value: int | None = None
    bound: int | None = None
    stopped: bool = False
    improved_at: float | None = None


def candidates(ctx: ModelContext, hi: int) -> list[int] | None:
    """Sorted values z can take at an optimum (≤ hi), or None when totals are not constant."""
    ms, info = ctx.info.get("measure_load"), ctx.info.get("fair")
    if ms is None or info is None or any(i not in ms.const_k for i in ms.dev):
        return None
    d = info["D"]
    vals: set[int] = set()
    for i in ms.dev:
        b, st, k = ms.base[i], ms.step[i] or 1, ms.const_k[i]
        top = min(ms.high[i], (hi + k) // d)
        if top >= b:
            vals.update(d * v - k for v in range(b, top + 1, st))
        if len(vals) > MAX_CANDIDATES:
            return None
    return sorted(vals)


def _set_domain(ctx: ModelContext, var, lo: int, hi: int) -> None:
    dom = ctx.model.proto.variables[var.index].domain
    dom.clear()
    dom.extend([lo, hi])


def _ceil(x: float) -> int:
    return math.ceil(x - 1e-6)


def probe_search(ctx: ModelContext, run, exact, budget: float, hint) -> Run:
    """Minimise z in ``budget`` seconds: a short free run, probes upward from the bound, then
    free minimisation between the bounds with whatever time is left.

    ``run(budget, hint)`` makes one CP-SAT call and returns (status, solver, callback);
    ``exact(solution)`` is z's exact value in a solution vector.
    """
    z = ctx.info["z"]
    dom = list(ctx.model.proto.variables[z.index].domain)
    lo0, hi0 = dom[0], dom[-1]
    deadline = time.monotonic() + budget
    out = Run(cp_model.UNKNOWN, bound=lo0)

    def take(status, solver, cb) -> None:
        out.stopped = out.stopped or cb.stopped
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            sol = list(solver.response_proto.solution)
            v = exact(sol)
            if out.value is None or v < out.value:
                out.solution, out.value = sol, v
                out.improved_at = cb.last_improvement
            out.bound = max(out.bound, _ceil(solver.best_objective_bound))
            if status == cp_model.OPTIMAL:
                out.bound = max(out.bound, min(out.value, int(round(solver.objective_value))))

    # A free run until the first rosters arrive (doubling its time if none came yet).
    first = max(0.5, 0.1 * budget)
    while out.value is None and not out.stopped:
        left = deadline - time.monotonic()
        if left < 0.05:
            break
        status, solver, cb = run(min(left, first), hint)
        take(status, solver, cb)
        if status == cp_model.INFEASIBLE:
            out.status = status
            return out
        first *= 2
    probe_budget = max(1.0, 0.3 * budget)
    while out.value is not None and out.bound < out.value and not out.stopped:
        left = deadline - time.monotonic()
        if left < 0.2:
            break
        cands = candidates(ctx, out.value - 1) or []
        k = bisect.bisect_left(cands, out.bound)
        if k >= len(cands):
            out.bound = out.value
            break
        c = cands[k]
        _set_domain(ctx, z, out.bound, c)
        status, solver, cb = run(min(left, probe_budget), out.solution)
        _set_domain(ctx, z, lo0, hi0)
        if status == cp_model.INFEASIBLE:
            out.stopped = out.stopped or cb.stopped
            nxt = bisect.bisect_right(cands, c)
            out.bound = cands[nxt] if nxt < len(cands) else out.value
            continue
        take(status, solver, cb)
        if status == cp_model.UNKNOWN:
            break
    left = deadline - time.monotonic()
    if out.value is not None and out.bound < out.value and not out.stopped and left > 0.2:
        _set_domain(ctx, z, out.bound, hi0)
        take(*run(left, out.solution))
        _set_domain(ctx, z, lo0, hi0)
    if out.value is not None:
        out.status = cp_model.OPTIMAL if out.bound >= out.value else cp_model.FEASIBLE
    return out
