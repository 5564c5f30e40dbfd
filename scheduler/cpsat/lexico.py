"""Lexicographic solving: one level at a time, each fixed before the next is optimised.

A level is Σ weight × term over terms of different scales; it is made integral with the lcm
of the scales. After a level is solved its objective is bounded by the best value found (or
fixed to it when proven optimal) and the next level starts from the previous solution as a
complete hint, so no level ever trades away an earlier one. Values are recomputed exactly
from the final solution, so the report equals what the validator computes on the roster.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from ..problem import Progress
from .context import ModelContext
from .expr import flat_value, has_vars
from .hints import OPTIONS, extend, first_hint
from .model import LAZY_TERMS, ensure_terms
from .runner import run_once
from .zsearch import Run, candidates, probe_search

TIME_WEIGHT = {"max_excess": 3, "abs_dev": 2}
"""Share of the time limit per level (default 1): the fairness levels are the hard ones."""


@dataclass
class Level:
    """One lexicographic level as an integer objective ``expr / scale``."""

    name: str
    expr: object
    scale: int
    exact: Callable[[list[int]], int]
    weight: int = 1
    value: int | None = None
    bound: int | None = None
    seconds: float = 0.0
    solved: bool = False
    ended_at: float = 0.0


@dataclass
class Outcome:
    """What the loop produced: final solution vector, levels, status and timings."""

    status: str
    solution: list[int] | None
    levels: list[Level] = field(default_factory=list)
    seconds_to_best: float = 0.0
    stopped: bool = False


def make_level(ctx: ModelContext, spec: tuple[tuple[str, int], ...]) -> Level:
    """Σ weight × term of one level, on the lcm of the terms' scales."""
    present = [(ctx.terms[t], w) for t, w in spec if t in ctx.terms and w]
    scale = math.lcm(*[term.scale for term, _ in present]) if present else 1
    parts = [(w * (scale // term.scale), term) for term, w in present]
    expr = sum((c * term.expr for c, term in parts), 0)

    def exact(sol: list[int]) -> int:
        return sum(c * (term.exact(sol) if term.exact else flat_value(term.expr, sol))
                   for c, term in parts)

    weight = max((TIME_WEIGHT.get(t, 1) for t, _ in spec), default=1)
    return Level("+".join(t for t, _ in spec), expr, scale, exact, weight)


def _plain(ctx: ModelContext, lv: Level, budget: float, runner, hint) -> Run:
    """One minimisation of the level within ``budget`` (retried once if no solution at all)."""
    status, solver, cb = runner(budget, hint)
    out = Run(status, stopped=cb.stopped)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        out.solution = list(solver.response_proto.solution)
        out.value = lv.exact(out.solution)
        out.bound = min(out.value, math.ceil(solver.best_objective_bound - 1e-6))
        if status == cp_model.OPTIMAL:
            out.bound = out.value
        out.improved_at = cb.last_improvement
    elif status == cp_model.UNKNOWN and solver.best_objective_bound > -1e300:
        out.bound = math.ceil(solver.best_objective_bound - 1e-6)
    return out


def _level_run(ctx: ModelContext, lv: Level, spec, budget: float, runner, hint,
               report=None) -> Run:
    """Solve one level: bounded probes for a lone max-excess term, plain minimisation else."""
    if OPTIONS["probes"] and len(spec) == 1 and spec[0][0] == "max_excess" and "z" in ctx.info \
            and candidates(ctx, 0) is not None:
        w = spec[0][1]
        term = ctx.terms["max_excess"]
        out = probe_search(ctx, runner, term.exact, budget, hint, report)
        if out.value is not None:
            out.value *= w
            out.bound = None if out.bound is None else out.bound * w
        return out
    return _plain(ctx, lv, budget, runner, hint)


def solve_lexico(ctx: ModelContext, specs, time_limit: float, on_progress=None,
                 should_stop=None, t0: float | None = None) -> Outcome:
    """Solve ``specs`` (levels of (term, weight)) one after the other on ``ctx.model``.

    Terms the model was built without (``build_model(lazy=True)``) are added just before
    their level, so earlier levels search a smaller model; the best roster so far is then
    completed for the new variables before it serves as the next hint.
    """
    t0 = time.monotonic() if t0 is None else t0
    deadline = t0 + time_limit
    levels: list[Level | None] = [None] * len(specs)
    out = Outcome("unknown", None, [])
    best_time = None

    def level_at(k: int) -> Level:
        if levels[k] is None:
            if ensure_terms(ctx, [t for t, _ in specs[k]]) and out.solution is not None:
                out.solution = extend(ctx, out.solution)
            levels[k] = make_level(ctx, specs[k])
        return levels[k]

    def weight_of(k: int) -> int:
        lv = levels[k]
        if lv is not None and not has_vars(lv.expr):
            return 0
        return max((TIME_WEIGHT.get(t, 1) for t, _ in specs[k]), default=1)

    for k in range(len(specs)):
        if not any(t in LAZY_TERMS and t not in ctx.terms for t, _ in specs[k]):
            level_at(k)
    all_optimal, ran = True, False
    for k, spec in enumerate(specs):
        if out.stopped:
            break
        lv = level_at(k)
        if not has_vars(lv.expr):
            continue
        ran = True
        remaining = deadline - time.monotonic()
        budget = remaining * lv.weight / max(1, sum(weight_of(j) for j in range(k, len(specs))))
        ctx.model.minimize(lv.expr)
        start = time.monotonic()

        def runner(b, hint, lv=lv, model=None):
            return run_once(ctx, lv, b, t0, on_progress if model is None else None, should_stop,
                        hint, model)

        hint = out.solution if out.solution is not None else first_hint(
            ctx, max(0.2, min(2.0, 0.3 * remaining)))
        if out.solution is None and isinstance(hint, list) and on_progress is not None:
            # The greedy roster is already a complete roster: report it as the first one.
            best_time = time.monotonic()
            on_progress(Progress(lv.name, lv.exact(hint) / lv.scale, 0.0, best_time - t0))
        run = _level_run(ctx, lv, spec, budget, runner, hint,
                         _progress(on_progress, lv, spec[0][1], t0))
        if run.value is None and run.status == cp_model.UNKNOWN and out.solution is None \
                and not run.stopped:
            run = _plain(ctx, lv, deadline - time.monotonic(), runner, None)
        lv.seconds = time.monotonic() - start
        lv.ended_at = time.monotonic() - t0
        lv.solved = True
        out.stopped = run.stopped
        if run.value is not None:
            if run.improved_at is not None and (out.solution is None
                                                or run.value < lv.exact(out.solution)):
                best_time = run.improved_at
            out.solution = run.solution
            lv.bound = run.bound
            if run.bound is not None and run.bound >= run.value:
                ctx.model.add(lv.expr == run.value)
            else:
                all_optimal = False
                ctx.model.add(lv.expr <= run.value)
        elif run.status == cp_model.INFEASIBLE and out.solution is None:
            out.status = "infeasible"
            return out
        elif out.solution is not None:
            all_optimal = False
            value = lv.exact(out.solution)
            lv.bound = None if run.bound is None else min(value, run.bound)
            ctx.model.add(lv.expr <= value)
        else:
            out.status = "stopped" if run.stopped else "unknown"
            return out
    if not ran:
        status, solver, cb = run_once(ctx, None, deadline - time.monotonic(), t0, on_progress,
                                  should_stop, first_hint(ctx))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            out.solution = list(solver.response_proto.solution)
            best_time = cb.last_improvement
        out.status = _status(status, out.solution, cb.stopped, all_optimal=True)
        out.stopped = cb.stopped
    if out.solution is not None:
        for k in range(len(specs)):
            level_at(k)
        for lv in levels:
            lv.value = lv.exact(out.solution)
            if not lv.solved:
                lv.bound = lv.value if not has_vars(lv.expr) else None
    out.levels = [lv for lv in levels if lv is not None]
    if ran:
        out.status = _status(cp_model.FEASIBLE, out.solution, out.stopped,
                             all_optimal and all(lv.solved for lv in out.levels
                                                 if has_vars(lv.expr)))
    out.seconds_to_best = (best_time - t0) if best_time is not None else 0.0
    return out


def _progress(on_progress, lv: Level, w: int, t0: float):
    """Report a probe's outcome (value and bound of z) as a progress event of the level."""
    if on_progress is None:
        return None

    def report(value: int, bound: int) -> None:
        on_progress(Progress(lv.name, w * value / lv.scale, w * bound / lv.scale,
                             time.monotonic() - t0))

    return report


def _status(status, solution, stopped: bool, all_optimal: bool) -> str:
    """Map CP-SAT's status and our own flags to the result's status word."""
    if stopped:
        return "stopped"
    if status == cp_model.INFEASIBLE:
        return "infeasible"
    if solution is None:
        return "unknown"
    return "optimal" if all_optimal else "feasible"
