"""Level 2 (largest excess over fair share) solved by bounded probes on z.

With constant group totals each person's excess takes values on a known grid, so the optimum
is one of finitely many candidate values of z, and the analytic lower bound (see
:func:`scheduler.cpsat.bounds.lower_bound_max_excess`) is one of them. Plain minimisation of z
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
from .safe_solve import solve_model

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


def complete(ctx: ModelContext, values: dict, budget: float = 2.0) -> list[int] | None:
    """A full solution vector with the duty variables fixed to ``values`` (None if the model
    rejects them): CP-SAT fills in work, loads and deviations in a quick solve."""
    m = ctx.model
    m.clear_hints()
    for var, v in values.items():
        m.add_hint(var, v)
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.max_time_in_seconds = budget
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = ctx.params.seed
    status = solve_model(solver, m)
    m.clear_hints()
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return list(solver.response_proto.solution)
    return None


def greedy_probe(ctx: ModelContext, c: int, seconds: float) -> list[int] | None:
    """Try to reach "every excess ≤ c" by greedy construction and repair (no solver)."""
    from .greedy import greedy_roster

    ms, d = ctx.info["measure_load"], ctx.info["fair"]["D"]
    caps = {i: (c + ms.const_k[i]) // d for i in ms.dev}
    vals = greedy_roster(ctx, caps, seconds=seconds, seed=ctx.params.seed)
    return complete(ctx, {ctx.x[k]: v for k, v in vals.items()})


def _set_domain(ctx: ModelContext, var, lo: int, hi: int) -> None:
    """Narrow or restore a variable's domain in place: a probe must not leave a constraint
    behind in the shared model, and a domain can be put back exactly."""
    dom = ctx.model.proto.variables[var.index].domain
    dom.clear()
    dom.extend([lo, hi])


def _ceil(x: float) -> int:
    """Round a float objective bound up to the integer it proves (with float noise)."""
    return math.ceil(x - 1e-6)


def hard_probe(ctx: ModelContext, run, c: int, lo: int, budget: float, hint: list[int]):
    """"Is there a roster with z ≤ c?" as a bound on z: quick when the answer is easy."""
    z = ctx.info["z"]
    dom = list(ctx.model.proto.variables[z.index].domain)
    _set_domain(ctx, z, lo, c)
    try:
        status, solver, cb = run(budget, hint)
    finally:
        _set_domain(ctx, z, dom[0], dom[-1])
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return "yes", list(solver.response_proto.solution), cb.stopped
    if status == cp_model.INFEASIBLE:
        return "no", None, cb.stopped
    return "unknown", None, cb.stopped


def soft_probe(ctx: ModelContext, run, c: int, budget: float, hint: list[int]):
    """Is there a roster with every excess ≤ c? Returns (answer, solution or None, stopped).

    Asked as an optimisation on a clone of the model: minimise the total overflow of loads
    above the caps that z ≤ c implies, starting from the best roster. Unlike "z ≤ c" as a
    hard bound this has a slope that large-neighbourhood search can follow from a complete
    roster, and overflow 0 is the answer "yes"; a positive bound on it is a proof of "no".
    """
    ms, d = ctx.info["measure_load"], ctx.info["fair"]["D"]
    probe = ctx.model.clone()
    n0 = len(ctx.model.proto.variables)
    ovs, hints = [], list(hint)
    for i in ms.dev:
        val, k = ms.value[i], ms.const_k[i]
        cap = (c + k) // d
        if isinstance(val, int):
            if val > cap:
                return "no", None, False
            continue
        if ms.high[i] <= cap:
            continue
        ov = probe.new_int_var(0, ms.high[i] - cap, f"overflow_{i}")
        probe.add(ov >= probe.get_int_var_from_proto_index(val.index) - cap)
        ovs.append(ov)
        hints.append(max(0, hint[val.index] - cap))
    if not ovs:
        return "yes", hint, False
    probe.minimize(sum(ovs))
    status, solver, cb = run(budget, hints, model=probe)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        sol = list(solver.response_proto.solution)[:n0]
        if round(solver.objective_value) == 0:
            return "yes", sol, cb.stopped
        if solver.best_objective_bound > 0.5:
            return "no", sol, cb.stopped
        return "unknown", sol, cb.stopped
    if status == cp_model.INFEASIBLE:
        return "no", None, cb.stopped
    return "unknown", None, cb.stopped


def probe_search(ctx: ModelContext, run, exact, budget: float, hint, report=None) -> Run:
    """Minimise z in ``budget`` seconds: a free run until a first roster (unless the hint is
    one), then probes upward from the bound, each with all the time left (the bound is
    usually tight, and a "no" is proven quickly when it is not), then free minimisation
    between the bounds with whatever time remains.

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

    if isinstance(hint, list):  # a complete roster already: start probing from it
        out.solution, out.value = hint, exact(hint)
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
        start = out.solution
        greedy = greedy_probe(ctx, c, min(1.0, 0.05 * left))
        if greedy is not None and exact(greedy) <= c:
            answer, sol, stopped = "yes", greedy, False
        else:
            if greedy is not None and exact(greedy) < out.value:
                start = greedy
            answer, sol, stopped = hard_probe(ctx, run, c, out.bound,
                                              min(deadline - time.monotonic(),
                                                  max(2.0, 0.25 * left)), None)
            if answer == "unknown" and not stopped:
                answer, sol, stopped = soft_probe(ctx, run, c, deadline - time.monotonic(),
                                                  start)
        out.stopped = out.stopped or stopped
        if sol is not None and exact(sol) < out.value:
            out.solution, out.value = sol, exact(sol)
            out.improved_at = time.monotonic()
        if answer == "no":
            nxt = bisect.bisect_right(cands, c)
            out.bound = cands[nxt] if nxt < len(cands) else out.value
        if report is not None and out.value is not None:
            report(out.value, min(out.bound, out.value))
        if answer == "unknown":
            break
    left = deadline - time.monotonic()
    if out.value is not None and out.bound < out.value and not out.stopped and left > 0.2:
        _set_domain(ctx, z, out.bound, hi0)
        take(*run(left, out.solution))
        _set_domain(ctx, z, lo0, hi0)
    if out.value is not None:
        out.status = cp_model.OPTIMAL if out.bound >= out.value else cp_model.FEASIBLE
    return out
