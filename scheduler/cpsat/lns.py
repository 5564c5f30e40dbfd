"""Solving one weighted objective level: quick first roster, then strong LP and proof.

Used by the benchmark (one level ``cover + requests``) on top of the model helper's
:func:`~scheduler.cpsat.model.build_model`, so the benchmark exercises exactly the township
rule functions. Two paths, chosen by the model's size only (each phase was measured, see
the README's benchmark section):

*Models small enough for the pattern automata* (:mod:`.sequence_automaton`):

1. *First roster*: the plain model with CP-SAT's default portfolio finds a roster in about
   a second and improves it with its neighbourhood search. The strong model is slow to
   find any roster: feasibility jump rarely finds one with minimum-minutes and run rules,
   and its full-search worker first spends seconds on a large LP.
2. *Strong LP and proof*: the redundant automata give the LP the convex hull of each
   person's run/weekend patterns, and ``max_lp`` (linearization level 2, so clauses such
   as run-start implications enter the LP) is the full-search worker. It runs *without*
   the incumbent as hint (the LP-guided dive and CP-SAT's LP-based neighbourhoods find
   better rosters than a walk from a mediocre one) but with a cutoff below it, so
   "infeasible" proves the incumbent optimal.

*Larger models* go to :func:`.large.solve_large`: a person-by-person first roster, then
``max_lp``, then windows of days, each window search followed by a fresh one when it
stalls.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .context import ModelContext
from .lexico import make_level
from .safe_solve import solve_model
from .sequence_automaton import add_sequence_automata, plan_automata

ROOT_LP_ITERATIONS = 100_000
"""Simplex iterations ``max_lp`` may spend on the root LP (CP-SAT's default is 2 000).

With the default, Instance12's root LP (10 023 rows, 12 735 columns) never finished: later
calls only continued it a few iterations at a time (1 246 calls, 22 507 iterations, never
optimal in 30 s), so the bound stayed at 11. With this budget the bound was 3 684 after
30 s; models whose root LP needs fewer iterations are unchanged."""

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


class Tracker(cp_model.CpSolverSolutionCallback):
    """Keeps the best solution vector and when it was found (wall clock since ``t0``)."""

    def __init__(self, variables: list, t0: float, on_solution: Callable | None,
                 exact: Callable[[list[int]], int] | None = None):
        super().__init__()
        self.variables, self.t0, self.on_solution = variables, t0, on_solution
        self.exact = exact
        self.best: list[int] | None = None
        self.objective: int | None = None
        self.when = 0.0

    def on_solution_callback(self) -> None:
        obj = int(round(self.objective_value))
        if self.objective is None or obj < self.objective:
            self.offer(solution_vector(self.response_proto, len(self.variables)), obj)

    def offer(self, solution: list[int], objective: int, when: float | None = None) -> bool:
        """Keep ``solution`` if it beats the incumbent and tell ``on_solution``; True if kept.

        The one place every search (CP-SAT's callback, the person start, the windows)
        hands its rosters to, so the incumbent, its time and the progress report agree.
        """
        if self.objective is not None and objective >= self.objective:
            return False
        self.best, self.objective = solution, objective
        self.when = time.monotonic() - self.t0 if when is None else when
        if self.on_solution is not None:
            self.on_solution(objective, self.when)
        return True


def objective_of(ctx: ModelContext, spec) -> object:
    """Σ weight × term of ``spec`` (terms the model lacks are constant zero there)."""
    return sum(w * ctx.terms[t].expr for t, w in spec if t in ctx.terms)


def _variables(ctx: ModelContext) -> list:
    proto = ctx.model.proto
    return [ctx.model.get_int_var_from_proto_index(i) for i in range(len(proto.variables))]


def lp_solver(workers: int, seed: int, limit: float, lp: bool | None) -> cp_model.CpSolver:
    """CP-SAT with ``max_lp`` as full-search worker (``lp``), none, or defaults (None)."""
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.num_workers = max(1, workers)
    prm.random_seed = seed
    prm.max_time_in_seconds = max(0.1, limit)
    if lp is None:
        return solver
    if lp:
        prm.root_lp_iterations = ROOT_LP_ITERATIONS
    if workers >= 2:
        prm.subsolvers.append("max_lp" if lp else "no_lp")
    else:
        prm.linearization_level = 2 if lp else 0
    return solver


def hint_all(ctx: ModelContext, variables: list, values: list[int]) -> None:
    """Replace the model's hint by a complete solution vector (so CP-SAT starts from it)."""
    if len(variables) != len(values):
        raise ValueError(f"{len(values)} hint values for {len(variables)} variables")
    set_hint(ctx.model, [v.index for v in variables], values)


def set_hint(model: cp_model.CpModel, indices, values) -> None:
    """Replace ``model``'s hint by ``values`` for the variables at ``indices``, in bulk.

    Why not ``add_hint`` per variable: it wraps every index in a new Python variable
    object, about 0.2 s per 60 000 variables, paid on every window round of a year-long
    model (and by two threads under one interpreter lock); extending the proto's repeated
    fields takes a few milliseconds.
    """
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(indices)
    hint.values.extend(values)


def solution_vector(response, n: int) -> list[int]:
    """The values of model variables ``0 … n−1`` in a CP-SAT response, in bulk.

    ``response.solution`` holds one value per variable of the solved model, in index
    order; reading it whole is far cheaper than one ``value`` call per variable, and
    variables added after ``n`` (the pattern automata, copies' extras) are left out.
    """
    return list(response.solution)[:n]


def solve_weighted(ctx: ModelContext, spec, time_limit: float, workers: int = 2, seed: int = 0,
                   on_solution: Callable | None = None, strengthen: bool = True,
                   first_share: float = 0.25) -> WeightedResult:
    """Minimise Σ weight × term of ``spec`` on ``ctx`` within ``time_limit`` seconds."""
    t0 = time.monotonic()
    objective = objective_of(ctx, spec)
    ctx.model.minimize(objective)
    variables = _variables(ctx)
    tracker = Tracker(variables, t0, on_solution, make_level(ctx, spec).exact)
    plans, size = plan_automata(ctx) if strengthen else ([], 0)
    if not plans or size > AUTOMATON_BUDGET:
        from .large import solve_large  # late import: large builds on this module

        return solve_large(ctx, variables, tracker, time_limit, workers, seed)
    phases: list = []
    bound, st = 0, cp_model.UNKNOWN
    if first_share > 0:
        solver = lp_solver(workers, seed, time_limit * first_share, lp=None)
        st = solve_model(solver, ctx.model, tracker)
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE):
            bound = int(solver.best_objective_bound) if st != cp_model.INFEASIBLE else 0
        phases.append(("first", round(time.monotonic() - t0, 2), tracker.objective, bound))
    if st in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID, cp_model.OPTIMAL):
        return result_of(st, tracker, bound, t0, phases)

    # Strong LP, no hint, a cutoff below the incumbent (it stays in ``ctx.model``: this is
    # the last solve on it), so that "infeasible" proves the incumbent optimal.
    add_sequence_automata(ctx, max_size=AUTOMATON_BUDGET)
    left = time_limit - (time.monotonic() - t0)
    if left > 0.1:
        cutoff = None
        if tracker.objective is not None:
            cutoff = ctx.model.add(objective <= tracker.objective - 1)
        solver = lp_solver(workers, seed, left, lp=True)
        st = solve_model(solver, ctx.model, tracker)
        if st == cp_model.INFEASIBLE and cutoff is not None:
            st, bound = cp_model.OPTIMAL, tracker.objective
        elif st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            bound = max(bound, int(solver.best_objective_bound))
        elif st == cp_model.UNKNOWN and cutoff is not None:
            bound = max(bound, min(int(solver.best_objective_bound), tracker.objective))
        phases.append(("main", round(time.monotonic() - t0, 2), tracker.objective, bound))
    return result_of(st, tracker, bound, t0, phases)


def result_of(st, tracker: Tracker, bound: int, t0: float, phases) -> WeightedResult:
    """The :class:`WeightedResult` of a finished search (optimal once the bound meets it).

    The objective reported is the exact one of the final roster (the tracker's ``exact``),
    not CP-SAT's value: a solution that is feasible but not optimal may leave an
    under/over-cover variable above ``max(0, required − n)``, which only overstates the
    penalty of the same roster (seen on synthetic year-long instances, 100 too high).
    """
    if tracker.best is not None and tracker.exact is not None:
        tracker.objective = min(tracker.objective, tracker.exact(tracker.best))
    if tracker.best is None:
        status = "INFEASIBLE" if st == cp_model.INFEASIBLE else "UNKNOWN"
    elif st == cp_model.OPTIMAL or bound >= tracker.objective:
        status, bound = "OPTIMAL", tracker.objective
    else:
        status = "FEASIBLE"
    return WeightedResult(status, tracker.objective, bound, tracker.best,
                          time.monotonic() - t0, tracker.when, tuple(phases))
