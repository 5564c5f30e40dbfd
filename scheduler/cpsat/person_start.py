"""A first roster person by person: each one's best schedule against everyone else's.

Why: when cover is soft (every slot has under/over weights) the hard rules are all
personal — runs, minutes, weekends, per-post caps, days off, successions — so a roster is
feasible exactly when each person's own schedule is. On the largest models (a year, 150
people, 32 shift types) the full CP-SAT model finds no roster at all within a minute: the
presolve and the root LP alone take that long. One person's model, by contrast, is small
and solves to optimality in a fraction of a second.

The cover penalty stays exact for one person at a time: with ``A`` people already on a
slot that needs ``R``, the slot of the one-person problem needs ``max(0, R − A)`` and its
under/over penalties differ from the full ones by a constant (see
:func:`residual_problem`). So each step minimises the true objective over that person's
schedules with everyone else fixed — a coordinate descent, and a sweep over everyone is a
greedy construction when the others start empty. The same one-person problem and rule
functions as the full model are used, so nothing here knows the benchmark.
"""

from __future__ import annotations

import contextlib
import dataclasses
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from ortools.sat.python import cp_model

from office.people import days_on_leave

from ..problem import Problem
from .safe_solve import solve_model

Schedule = frozenset
"""One person's duties as a frozenset of ``(date, post_id)``."""

PERSON_LINEARIZATION = 2
"""CP-SAT's linearization level for one person's model.

At level 2 the LP holds the run-start clauses and the minutes and weekend sums at once; a
year-long one-person model then solves to optimality in well under a second, where the
default level often did not within 5 s (measured on synthetic year-long instances: 12
people of Syn23 in 2.7 s against 22.5 s, 6 of Syn24 in 4.6 s against 17.1 s with three
left unproven). On Instance12-sized people both take about 20 ms."""

FIRST_CAP = 2.0
"""Seconds at least that a person without any schedule may search past its share for one.

Why: a one-person year with 32 shift types needs 0.1–0.5 s for its first schedule. With
a smaller share the search used to end empty and start again for 1 s or more, so on a
slow machine the first sweep of Syn24 (150 people) took 37 s of its 15.6-s share and
left the windows 5 s. Going on to the first schedule past the share instead: 20.8 s, a
start of 550 340 against 540 106, and 504 705 against 538 596 after the full minute
(seed 0); Syn23 25.5 s → 15.8 s at the same start."""


class _FirstAfter(cp_model.CpSolverSolutionCallback):
    """Stops the search at ``after`` seconds if it has a solution, else at its first one;
    its timer runs while the ``with`` block does."""

    def __init__(self, solver: cp_model.CpSolver, after: float):
        super().__init__()
        self.solver, self.at, self.found = solver, time.monotonic() + after, False
        self.timer = threading.Timer(after, self._time_up)

    def on_solution_callback(self) -> None:
        self.found = True
        if time.monotonic() >= self.at:
            self.stop_search()

    def _time_up(self) -> None:
        if self.found:
            self.solver.stop_search()

    def __enter__(self) -> _FirstAfter:
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self.timer.cancel()


def soft_cover(problem: Problem) -> bool:
    """True when every slot has both penalty weights, so persons are only coupled softly."""
    return all(s.weight_under is not None and s.weight_over is not None for s in problem.slots)


def residual_problem(problem: Problem, staff_id: str, others: Counter) -> Problem:
    """``problem`` for ``staff_id`` alone, slots reduced by ``others`` (people per slot).

    With ``A`` others on a slot needing ``R`` and ``c`` ∈ {0, 1} for this person, the full
    penalty ``wu·max(0, R−A−c) + wo·max(0, A+c−R)`` equals the residual one with
    requirement ``max(0, R−A)`` plus a constant, because ``c`` never exceeds one.
    """
    mine = {staff_id}
    caps = dict(problem.limits_of(staff_id).max_per_post)
    away = days_on_leave(problem.leave, staff_id)
    # Slots this person can never take only add a constant: leaving them out keeps the
    # one-person model small on wide instances (32 shift types, a year).
    slots = tuple(
        dataclasses.replace(s, required=max(0, s.required - others[(s.date, s.post_id)]))
        for s in problem.slots if caps.get(s.post_id, 1) > 0 and s.date not in away)
    return dataclasses.replace(
        problem, staff=tuple(s for s in problem.staff if s.staff_id in mine), slots=slots,
        leave=tuple(lv for lv in problem.leave if lv.staff_id in mine),
        requests=tuple(r for r in problem.requests if r.staff_id in mine),
        pins=tuple(p for p in problem.pins if p.staff_id in mine),
        history=tuple(h for h in problem.history if h.staff_id in mine),
        limits=tuple(lm for lm in problem.limits if lm[0] in mine))


def linear_cover(ctx) -> cp_model.LinearExpr:
    """The cover penalty of a one-person model as a linear sum of its duties, less a
    constant.

    Why: with one person a slot has one duty ``x`` at most, so its penalty is
    ``wu·(R − x)`` when ``R ≥ 1`` and ``wo·x`` when ``R = 0``: no under/over variables
    and no cover constraints are needed. Building them was a quarter of the Python time
    of a one-person model on a year with 32 shift types, paid under the interpreter lock
    by both threads of a sweep. Without them (measured, 2 threads): Syn24's first sweep
    20.8 s → 17.9 s, Instance12's person start 3.5 s → 2.6 s at the same roster. Needs
    soft cover (:func:`soft_cover`)."""
    duties, weights = [], []
    for slot in ctx.problem.slots:
        for x in ctx.slot_vars(slot.date, slot.post_id):
            duties.append(x)
            weights.append(-slot.weight_under if slot.required > 0 else slot.weight_over)
    return cp_model.LinearExpr.weighted_sum(duties, weights)


def one_person_model(problem: Problem, staff_id: str, others: Counter):
    """The model context of :func:`residual_problem`, its objective set: the true
    objective with everyone else fixed, less a constant."""
    from .lns import objective_of  # late import: lns uses this module
    from .model import build_model

    sub = residual_problem(problem, staff_id, others)
    ctx = build_model(sub, skip=frozenset({"cover"}))  # so objective_of leaves it out
    spec = problem.levels[0]
    ctx.model.minimize(objective_of(ctx, spec) + dict(spec).get("cover", 0) * linear_cover(ctx))
    return ctx


def best_schedule(problem: Problem, staff_id: str, others: Counter, time_limit: float,
                  workers: int = 1, seed: int = 0, hint: Schedule | None = None,
                  cap: float | None = None) -> tuple[str, Schedule | None]:
    """Solve the one-person problem; returns the CP-SAT status name and the schedule.

    With ``cap``, a search that has no schedule at ``time_limit`` goes on to its first
    one, for ``cap`` seconds in all at most (see :data:`FIRST_CAP`)."""
    ctx = one_person_model(problem, staff_id, others)
    if hint is not None:
        for key, var in ctx.x.items():
            ctx.model.add_hint(var, 1 if (key[1], key[2]) in hint else 0)
    solver = cp_model.CpSolver()
    prm = solver.parameters
    prm.num_workers = max(1, workers)
    prm.random_seed = seed
    prm.max_time_in_seconds = max(0.05, time_limit, cap or 0.0)
    prm.linearization_level = PERSON_LINEARIZATION
    stopper = None if cap is None else _FirstAfter(solver, time_limit)
    with stopper or contextlib.nullcontext():
        st = solve_model(solver, ctx.model, stopper)
    if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver.status_name(st), None
    chosen = frozenset((k[1], k[2]) for k, v in ctx.x.items() if solver.value(v))
    return solver.status_name(st), chosen


def time_share(left: float, solves: int, threads: int) -> float:
    """Seconds one person's solve may take: ``left`` over the ``solves`` still planned,
    ``threads`` of them at a time (at least 0.05 s).

    Why every planned sweep counts, not only the rest of this one: the second sweep (each
    person re-solved against the others' first schedules) gains most, and it used to get
    only what the first left. On a synthetic year of 50 people and 10 shift types (Syn22),
    with the 18 s of a one-minute run, the first sweep took 12–14 s of it, so the second
    reached some people only: starts of 50 530–110 738 and, after the windows,
    20 551–49 181 (8 runs, 5 of them above 36 000). Planning both sweeps, the first takes
    about 7 s at the same quality (100 000–120 000 after it), the second is done by about
    14 s, and 7 runs ended at 19 336–25 399 (README, change 32).
    """
    return max(0.05, threads * left / max(1, solves))


def person_sweeps(problem: Problem, deadline: float, workers: int = 1, seed: int = 0,
                  max_sweeps: int = 3,
                  on_sweep: Callable[[int, dict[str, Schedule]], None] | None = None,
                  ) -> tuple[str, dict[str, Schedule] | None]:
    """Greedy construction and coordinate descent until ``deadline`` or no change.

    Returns ``("FEASIBLE", schedules)`` once everyone has a schedule, ``("INFEASIBLE",
    None)`` when some person has no legal schedule at all (then no roster exists), and
    ``("UNKNOWN", None)`` when time ran out first. Each person's time share is the
    remaining time over the solves still planned (times ``workers``): the rest of this
    sweep and every later one up to ``max_sweeps`` (:func:`time_share`), so the first
    sweep reaches everyone and leaves the next one its time. ``workers`` people are solved
    at once in threads, one CP-SAT worker each (CP-SAT releases the GIL while it solves):
    a person then sees the others as they were when their solve started, which costs a
    little cover on the first sweep and halves its time on two cores.
    """
    rng = random.Random(seed)
    ids = [s.staff_id for s in problem.staff]
    schedules: dict[str, Schedule] = {}
    counts: Counter = Counter()
    lock = threading.Lock()
    threads = max(1, workers)
    state = {"failed": None, "changed": False}

    def one(sid: str, position: int, remaining: int) -> None:
        left = deadline - time.monotonic()
        if state["failed"] or (left <= 0.05 and sid in schedules):
            return
        share = time_share(left, remaining, threads)
        with lock:
            old = schedules.get(sid)
            others = counts.copy()
            if old is not None:
                others.subtract(old)
        st, new = best_schedule(problem, sid, others, share, 1, seed + position, old,
                                cap=None if old is not None else max(FIRST_CAP, 4 * share))
        with lock:
            if new is None:
                if old is None:
                    state["failed"] = "INFEASIBLE" if st == "INFEASIBLE" else "UNKNOWN"
                return
            if old is not None:
                counts.subtract(old)
            counts.update(new)
            schedules[sid] = new
            state["changed"] |= new != old

    with ThreadPoolExecutor(max_workers=threads) as pool:
        for sweep in range(max_sweeps):
            order = ids[:]
            rng.shuffle(order)
            state["changed"] = False
            later = (max_sweeps - 1 - sweep) * len(order)  # solves of the sweeps to come
            jobs = [pool.submit(one, sid, sweep * len(ids) + i, len(order) - i + later)
                    for i, sid in enumerate(order)]
            for job in jobs:
                job.result()
            if state["failed"]:
                return state["failed"], None
            if on_sweep is not None:
                on_sweep(sweep, schedules)
            if not state["changed"] or time.monotonic() >= deadline - 0.05:
                break
    return "FEASIBLE", schedules
