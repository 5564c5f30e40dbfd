"""Solving one weighted objective level: quick first roster, then strong LP and proof.

Used by the benchmark (one level ``cover + requests``) on top of the model helper's
:func:`~scheduler.cpsat.model.build_model`, so the benchmark exercises exactly the township
rule functions. Why the phases (each was measured, see docs/readme_parts/benchmark.md):

1. *First roster* (only when phase 3 uses automata): the plain model with CP-SAT's
   default portfolio finds a roster in about a second and improves it with its
   neighbourhood search. The strong model below is slow to find any roster: feasibility
   jump rarely finds one with minimum-minutes and run rules, and its full-search worker
   first spends seconds on a large LP. Models too large for the automata skip this phase
   and run ``max_lp`` on the plain model for the whole time (measured better).
2. *LNS over days or people* (:func:`lns`, optional, off by default): fix everyone outside
   a window of days or a set of people and re-solve the rest. Measured: it does not beat
   CP-SAT's own neighbourhoods here, so it is kept only as an option.
3. *Strong LP and proof*: the redundant pattern automata (:mod:`.sequence_automaton`) give
   the LP the convex hull of each person's run/weekend patterns, and ``max_lp``
   (linearization level 2, so clauses such as run-start implications enter the LP) is the
   full-search worker. It runs *without* the incumbent as hint (the LP-guided dive and
   CP-SAT's LP-based neighbourhoods find better rosters than a walk from a mediocre one)
   but with a cutoff below it, so "infeasible" proves the incumbent optimal.
4. *Windows of days* (only without automata): :mod:`.window_lns` frees all duties of a few
   consecutive days for everyone, since cover couples employees within a day; measured
   on Instance8/10/12 it improves on max_lp's incumbent where max_lp alone stalls.
"""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .context import ModelContext
from .safe_solve import solve_model
from .sequence_automaton import add_sequence_automata, plan_automata
from .window_lns import day_groups, window_search

WINDOW_SHARE = 0.35
"""Share of the time for window LNS after max_lp on models too large for the automata."""

AUTOMATON_BUDGET = 120_000
"""Largest automaton expansion (Σ transitions × days) worth its LP cost in a one-minute run."""


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
                   first_share: float = 0.25, improve_share: float = 0.0,
                   window_share: float = WINDOW_SHARE) -> WeightedResult:
    """Minimise Σ weight × term of ``spec`` on ``ctx`` within ``time_limit`` seconds."""
    t0 = time.monotonic()
    objective = _objective(ctx, spec)
    ctx.model.minimize(objective)
    variables = _variables(ctx)
    tracker = _Tracker(variables, t0, on_solution)
    phases: list = []
    bound, st = 0, cp_model.UNKNOWN

    # Phase 1: the plain model (no automata) finds good rosters fast. Only worth it when the
    # strong phase uses automata; otherwise max_lp on the plain model does better alone.
    plans, size = plan_automata(ctx) if strengthen else ([], 0)
    strong = bool(plans) and size <= AUTOMATON_BUDGET
    if first_share > 0 and strong:
        solver = _solver(workers, seed, time_limit * first_share, lp=None)
        st = solve_model(solver, ctx.model, tracker)
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE):
            bound = int(solver.best_objective_bound) if st != cp_model.INFEASIBLE else 0
        phases.append(("first", round(time.monotonic() - t0, 2), tracker.objective, bound))
    if st in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID, cp_model.OPTIMAL):
        return _result(st, tracker, bound, t0, phases)

    # Phase 2 (optional): LNS over days and people.
    if improve_share > 0 and tracker.best is not None:
        rounds = lns(ctx, spec, tracker, variables,
                     t0 + time_limit * (first_share + improve_share), workers, seed)
        phases.append(("lns", round(time.monotonic() - t0, 2), tracker.objective, rounds))

    # Phase 3: strong LP (automata, max_lp). No hint: the LP-guided dive and CP-SAT's
    # LP-based neighbourhoods find better rosters than a walk from a mediocre incumbent;
    # a cutoff below the incumbent instead prunes, and "infeasible" then proves it optimal.
    # (The cutoff stays in ``ctx.model``: this is the last solve on it.) Without automata
    # (model too large) max_lp runs on the plain model and the last ``window_share`` of the
    # time goes to windows of days (:mod:`.window_lns`), which keep improving where max_lp's
    # search has stalled or its root LP never finished.
    if strong:
        add_sequence_automata(ctx, max_size=AUTOMATON_BUDGET)
    left = time_limit - (time.monotonic() - t0)
    if left > 0.1:
        cutoff = None
        if tracker.objective is not None and strong:
            cutoff = ctx.model.add(objective <= tracker.objective - 1)
        elif tracker.best is not None:  # plain model: keep improving the incumbent
            _hint(ctx, variables, tracker.best)
        tail = window_share * time_limit if not strong and window_share > 0 else 0.0
        solver = _solver(workers, seed, max(0.1, left - tail), lp=True)
        st = solve_model(solver, ctx.model, tracker)
        if tail and tracker.best is not None and st == cp_model.FEASIBLE:
            bound = max(bound, int(solver.best_objective_bound))
            ctx.model.clear_hints()
            _windows(ctx, variables, tracker, t0 + time_limit, workers, seed, phases, t0)
        elif tail and tracker.best is None and st == cp_model.UNKNOWN:  # no roster yet
            solver = _solver(workers, seed + 1, time_limit - (time.monotonic() - t0), lp=True)
            st = solve_model(solver, ctx.model, tracker)
        if st == cp_model.INFEASIBLE and cutoff is not None:
            st, bound = cp_model.OPTIMAL, tracker.objective
        elif st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            bound = max(bound, int(solver.best_objective_bound))
        elif st == cp_model.UNKNOWN and cutoff is not None:
            bound = max(bound, min(int(solver.best_objective_bound), tracker.objective))
        phases.append(("main", round(time.monotonic() - t0, 2), tracker.objective, bound))
    return _result(st, tracker, bound, t0, phases)


def _windows(ctx: ModelContext, variables: list, tracker: _Tracker, deadline: float,
             workers: int, seed: int, phases: list, t0: float) -> None:
    """Improve the tracker's incumbent by :func:`.window_lns.window_search` until ``deadline``."""
    keys = list(ctx.x)
    groups = day_groups(keys, [d.date for d in ctx.problem.days])

    def accept(solution: list[int], objective: int) -> None:
        tracker.best, tracker.objective = solution, objective
        tracker.when = time.monotonic() - t0
        if tracker.on_solution is not None:
            tracker.on_solution(objective, tracker.when)

    stats = window_search(ctx.model, [ctx.x[k].index for k in keys], groups, tracker.best,
                          tracker.objective, deadline, accept, workers, seed)
    phases.append(("windows", round(time.monotonic() - t0, 2), tracker.objective,
                   stats.rounds))


def _result(st, tracker: _Tracker, bound: int, t0: float, phases) -> WeightedResult:
    if tracker.best is None:
        status = "INFEASIBLE" if st == cp_model.INFEASIBLE else "UNKNOWN"
    elif st == cp_model.OPTIMAL or bound >= tracker.objective:
        status, bound = "OPTIMAL", tracker.objective
    else:
        status = "FEASIBLE"
    return WeightedResult(status, tracker.objective, bound, tracker.best,
                          time.monotonic() - t0, tracker.when, tuple(phases))


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
    strong = dataclasses.replace(ctx, model=ctx.model.clone())
    add_sequence_automata(strong)  # sub-problems are small: the strong LP is cheap there
    size, rounds = 0.15, 0
    while time.monotonic() < deadline - 0.2 and tracker.best is not None:
        free = _neighbourhood(ctx, rng, size)
        sub = strong.model.clone()
        best = tracker.best
        for key, i in index.items():
            if key not in free:
                sub.add(sub.get_int_var_from_proto_index(i) == best[i])
        sub.clear_hints()
        for v, val in zip(variables, best, strict=True):
            sub.add_hint(sub.get_int_var_from_proto_index(v.index), val)
        limit = min(max(0.5, 0.05 * (deadline - time.monotonic())), deadline - time.monotonic())
        solver = _solver(workers, seed + rounds, limit, lp=True)
        sub_tracker = _Tracker([sub.get_int_var_from_proto_index(v.index) for v in variables],
                               tracker.t0, None)
        st = solve_model(solver, sub, sub_tracker)
        if sub_tracker.objective is not None and sub_tracker.objective < tracker.objective:
            tracker.best, tracker.objective = sub_tracker.best, sub_tracker.objective
            tracker.when = sub_tracker.when
            if tracker.on_solution is not None:
                tracker.on_solution(tracker.objective, tracker.when)
        size = min(0.9, size * 1.15) if st == cp_model.OPTIMAL else max(0.05, size / 1.3)
        rounds += 1
    return rounds
