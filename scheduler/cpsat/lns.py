"""Solving one weighted objective level fast: strong model, quick first roster, then proof.

Used by the benchmark (one level ``cover + requests``) on top of the model helper's
:func:`~scheduler.cpsat.model.build_model`, so the benchmark exercises exactly the township
rule functions. Why the phases:

1. *Strengthen*: the redundant pattern automata (:mod:`.sequence_automaton`) give CP-SAT's
   LP the convex hull of each person's run/weekend patterns.
2. *First roster*: with two workers CP-SAT runs one full-search worker; the one with the
   strong LP (``max_lp``) is slow to find any roster, and feasibility jump rarely finds one
   with minimum-minutes and run rules. A short LP-free run finds good rosters in seconds.
3. *Improve and prove*: the main run starts from that roster as a hint, with ``max_lp``
   (linearization level 2, so clauses such as run-start implications enter the LP) as the
   full-search worker and CP-SAT's own neighbourhood search on the other thread.
4. *LNS over days or people* (:func:`lns_round`): fix everyone outside a window of days or
   a set of people to the incumbent and re-solve the rest, while time remains and the
   proof stalls.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .context import ModelContext
from .expr import flat_value
from .sequence_automaton import add_sequence_automata


@dataclass
class WeightedResult:
    """Outcome of :func:`solve_weighted`: objective, bound and the final solution vector."""

    status: str
    objective: int | None
    bound: int
    solution: list[int] | None
    seconds: float
    seconds_to_best: float
    phases: tuple[tuple[str, float, int | None, int], ...] = ()


class _Tracker(cp_model.CpSolverSolutionCallback):
    """Keeps the best solution vector and when it was found (wall clock since ``t0``)."""

    def __init__(self, variables: list, t0: float, on_solution: Callable | None):
        super().__init__()
        self.variables, self.t0, self.on_solution = variables, t0, on_solution
        self.best: list[int] | None = None
        self.objective: int | None = None
        self.when = 0.0

    def on_solution_callback(self) -> None:
        obj = int(round(self.objective_value))
        if self.objective is None or obj < self.objective:
            self.best = [self.value(v) for v in self.variables]
            self.objective = obj
            self.when = time.monotonic() - self.t0
            if self.on_solution is not None:
                self.on_solution(obj, self.when)


def _objective(ctx: ModelContext, spec) -> object:
    return sum(w * ctx.terms[t].expr for t, w in spec if t in ctx.terms)


def _variables(ctx: ModelContext) -> list:
    proto = ctx.model.proto
    return [ctx.model.get_int_var_from_proto_index(i) for i in range(len(proto.variables))]


def _solver(workers: int, seed: int, limit: float, lp: bool | None) -> cp_model.CpSolver:
    """CP-SAT with ``max_lp`` as full-search worker (``lp``), none, or defaults (None)."""
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.num_workers = max(1, workers)
    prm.random_seed = seed
    prm.max_time_in_seconds = max(0.1, limit)
    if lp is None:
        return solver
    if workers >= 2:
        prm.subsolvers.append("max_lp" if lp else "no_lp")
    else:
        prm.linearization_level = 2 if lp else 0
    return solver


def _hint(ctx: ModelContext, variables: list, values: list[int]) -> None:
    ctx.model.clear_hints()
    for v, val in zip(variables, values, strict=True):
        ctx.model.add_hint(v, val)


def solve_weighted(ctx: ModelContext, spec, time_limit: float, workers: int = 2, seed: int = 0,
                   on_solution: Callable | None = None, strengthen: bool = True,
                   first_share: float = 0.15, improve_share: float = 0.3) -> WeightedResult:
    """Minimise Σ weight × term of ``spec`` on ``ctx`` within ``time_limit`` seconds."""
    t0 = time.monotonic()
    if strengthen:
        add_sequence_automata(ctx)
    objective = _objective(ctx, spec)
    ctx.model.minimize(objective)
    variables = _variables(ctx)
    tracker = _Tracker(variables, t0, on_solution)
    phases = []

    # Phase 1: any legal roster, fast: a feasibility search without the objective.
    ctx.model.clear_objective()
    first = _solver(workers, seed, time_limit * first_share, lp=None)
    st = first.solve(ctx.model) if first_share > 0 else cp_model.UNKNOWN
    ctx.model.minimize(objective)
    if st in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
        return WeightedResult(first.status_name(st), None, 0, None,
                              time.monotonic() - t0, 0.0, tuple(phases))
    bound = 0
    if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        values = [first.value(v) for v in variables]
        tracker.best, tracker.objective = values, value_of(ctx, spec, values)
        tracker.when = time.monotonic() - t0
    phases.append(("first", round(time.monotonic() - t0, 2), tracker.objective, 0))

    # Phase 2: LNS over days and people, then the strong LP proves.
    if improve_share > 0 and tracker.best is not None:
        rounds = lns(ctx, spec, tracker, variables, t0 + time_limit * (first_share + improve_share),
                     workers, seed)
        phases.append(("lns", round(time.monotonic() - t0, 2), tracker.objective, rounds))
    bound = 0
    st = cp_model.UNKNOWN
    for name, lp, share in (("main", True, 1.0),):
        left = time_limit - (time.monotonic() - t0)
        if share <= 0 or left <= 0.1:
            continue
        if tracker.best is not None:
            _hint(ctx, variables, tracker.best)
        solver = _solver(workers, seed, left * share if name != "main" else left, lp=lp)
        st = solver.solve(ctx.model, tracker)
        if st != cp_model.UNKNOWN:
            bound = max(bound, int(solver.best_objective_bound))
        phases.append((name, round(time.monotonic() - t0, 2), tracker.objective, bound))
        if st in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
            break
    status = "FEASIBLE" if tracker.best is not None else "UNKNOWN"
    if st == cp_model.OPTIMAL or (tracker.objective is not None and bound >= tracker.objective):
        status = "OPTIMAL"
    elif st == cp_model.INFEASIBLE and tracker.best is None:
        status = "INFEASIBLE"
    return WeightedResult(status, tracker.objective, bound, tracker.best,
                          time.monotonic() - t0, tracker.when, tuple(phases))


def value_of(ctx: ModelContext, spec, solution: list[int]) -> int:
    """The objective of ``spec`` recomputed from a solution vector (no solver needed)."""
    return sum(w * flat_value(ctx.terms[t].expr, solution) for t, w in spec if t in ctx.terms)


def _x_indices(ctx: ModelContext) -> dict[tuple, int]:
    return {key: var.index for key, var in ctx.x.items()}


def _neighbourhood(ctx: ModelContext, rng: random.Random, size: float) -> set:
    """Duty keys left free: a window of days for everyone, or some people for all days.

    ``size`` in (0, 1] is the share of the duty variables to free; it adapts to how fast
    the sub-problems solve.
    """
    dates = [d.date for d in ctx.problem.days]
    people = [s.staff_id for s in ctx.problem.staff]
    kind = rng.random()
    if kind < 0.4:
        width = max(2, round(size * len(dates)))
        start = rng.randrange(0, max(1, len(dates) - width + 1))
        days = set(dates[start:start + width])
        return {k for k in ctx.x if k[1] in days}
    if kind < 0.8:
        chosen = set(rng.sample(people, max(2, min(len(people), round(size * len(people))))))
        return {k for k in ctx.x if k[0] in chosen}
    width = max(2, round(min(1.0, 2 * size) * len(dates)))
    start = rng.randrange(0, max(1, len(dates) - width + 1))
    days = set(dates[start:start + width])
    n = max(2, min(len(people), round(min(1.0, 2 * size) * len(people))))
    chosen = set(rng.sample(people, n))
    return {k for k in ctx.x if k[1] in days and k[0] in chosen}


def lns(ctx: ModelContext, spec, tracker: _Tracker, variables: list, deadline: float,
        workers: int, seed: int) -> int:
    """Large-neighbourhood search over days and people until ``deadline``; returns rounds.

    Each round fixes every duty outside the neighbourhood to the incumbent and re-solves
    the rest with the full model (strong LP included, so small sub-problems solve to
    optimality quickly). The neighbourhood grows when sub-problems are solved to optimality
    and shrinks when they time out.
    """
    rng = random.Random(seed)
    index = _x_indices(ctx)
    size, rounds = 0.2, 0
    while time.monotonic() < deadline - 0.2 and tracker.best is not None:
        free = _neighbourhood(ctx, rng, size)
        sub = ctx.model.clone()
        best = tracker.best
        for key, i in index.items():
            if key not in free:
                sub.add(sub.get_int_var_from_proto_index(i) == best[i])
        sub.clear_hints()
        for v, val in zip(variables, best, strict=True):
            sub.add_hint(sub.get_int_var_from_proto_index(v.index), val)
        limit = min(max(0.5, 0.05 * (deadline - time.monotonic())), deadline - time.monotonic())
        solver = _solver(workers, seed + rounds, limit, lp=None)
        solver.parameters.linearization_level = 2
        sub_tracker = _Tracker([sub.get_int_var_from_proto_index(v.index) for v in variables],
                               tracker.t0, None)
        st = solver.solve(sub, sub_tracker)
        if sub_tracker.objective is not None and sub_tracker.objective < tracker.objective:
            tracker.best, tracker.objective = sub_tracker.best, sub_tracker.objective
            tracker.when = sub_tracker.when
            if tracker.on_solution is not None:
                tracker.on_solution(tracker.objective, tracker.when)
        size = min(0.9, size * 1.15) if st == cp_model.OPTIMAL else max(0.05, size / 1.3)
        rounds += 1
    return rounds
