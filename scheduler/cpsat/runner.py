"""One CP-SAT run with progress reports and a prompt, caller-driven stop."""

from __future__ import annotations

import threading
import time

from ortools.sat.python import cp_model

from ..problem import Progress
from .context import ModelContext
from .safe_solve import solve_model


class _Feasibility:
    """Stand-in level for a run without objective (name and scale for progress events)."""

    name = "feasibility"
    scale = 1


_FEASIBILITY = _Feasibility()


class _Callback(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution and stops the search when the caller asks."""

    def __init__(self, level, t0: float, on_progress, should_stop) -> None:
        super().__init__()
        self.level, self.t0 = level, t0
        self.on_progress, self.should_stop = on_progress, should_stop
        self.last_improvement: float | None = None
        self.stopped = False

    def on_solution_callback(self) -> None:
        now = time.monotonic()
        self.last_improvement = now
        if self.on_progress is not None:
            self.on_progress(Progress(self.level.name, self.objective_value / self.level.scale,
                                      self.best_objective_bound / self.level.scale, now - self.t0))
        if self.should_stop is not None and self.should_stop():
            self.stopped = True
            self.stop_search()


def _watch(solver: cp_model.CpSolver, should_stop, done: threading.Event, cb: _Callback):
    """Poll ``should_stop`` while no solution arrives, so a stop is honoured promptly."""
    while not done.wait(0.1):
        if should_stop():
            cb.stopped = True
            solver.stop_search()
            return


def run_once(ctx: ModelContext, level, budget: float, t0: float, on_progress,
         should_stop, hint: list[int] | None, model: cp_model.CpModel | None = None):
    """One CP-SAT run on ``model`` (default ``ctx.model``); returns (status, solver, callback)."""
    m = model if model is not None else ctx.model
    m.clear_hints()
    if hint is not None:
        h = m.proto.solution_hint
        if isinstance(hint, dict):
            h.vars.extend(v.index for v in hint)
            h.values.extend(hint.values())
        else:
            h.vars.extend(range(len(hint)))
            h.values.extend(hint)
    solver = cp_model.CpSolver()
    p = ctx.params
    solver.parameters.num_workers = max(1, p.workers)
    solver.parameters.random_seed = p.seed
    solver.parameters.max_time_in_seconds = max(0.05, budget)
    solver.parameters.log_search_progress = p.log_progress
    cb = _Callback(level or _FEASIBILITY, t0, on_progress, should_stop)
    done = threading.Event()
    watcher = None
    if should_stop is not None:
        watcher = threading.Thread(target=_watch, args=(solver, should_stop, done, cb),
                                   daemon=True)
        watcher.start()
    try:
        status = solve_model(solver, m, cb)
    finally:
        done.set()
        if watcher is not None:
            watcher.join()
    return status, solver, cb
