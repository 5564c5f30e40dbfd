"""Models too large for the pattern automata: person-by-person start, then LP and windows.

Why this path (measured on the benchmark, see the README's benchmark section):

1. *Person-by-person first roster* (:mod:`.person_start`, when cover is soft): on the
   largest models (a year, 150 people) the full model's presolve and root LP take longer
   than the whole time limit, and even where CP-SAT finds rosters the person sweeps give
   a complete incumbent within a second or two. Fixing its duties in a copy of the model
   yields every auxiliary value in a short solve.
2. ``max_lp`` from that incumbent (a complete hint) for the first 40 % of the time: it
   brings the person start down fast and gives the bound, and cutting it into shorter
   turns was worse (Instance8 1935 and Instance10 5167 with 12-s turns). Where its root
   LP is too large to be solved early in the turn, the turn ends early
   (:data:`LP_WAIT_SHARE`), and the model gets the weekend and holiday shortfall cut
   instead (:mod:`.shortfall`), so that a bound is known all the same. Where the person
   start has left the turn less than that wait (a year with 50 people or more), the
   windows start at once (:func:`first_turn_fits`).
3. *Windows of days* (:mod:`.window_lns`, all duties of a few consecutive days freed for
   everyone, each solved with ``max_lp`` too, taking turns with whole weekends and, once
   the search stalls, with all days of a few people; one search per worker side by side)
   for the rest: from the same incumbent they improve some models at nearly every round
   where ``max_lp`` had stalled. When the windows stall (no improvement for a tenth of the
   time limit) a *fresh* window search takes over from the incumbent (:data:`FRESH_TURNS`).
4. *Repair to the least weekend shortfall* (:mod:`.repair`), once, between the first
   ``max_lp`` turn and the first windows, where the root LP's bound (seen in the wait or
   by the end of the turn, :func:`useful_bound`) says the weekend and holiday cover is
   nearly the whole objective: a roster one weekend shift shorter than necessary is a
   local optimum that no window leaves (Instance10 ended there in 3 of the 12 full runs
   since change 16), so the first windows start from a roster at the least shortfall
   instead. The lower bound on that least, which the repair proves on the way, raises
   the objective's bound where the root LP was stopped before it was solved (change 31).
"""

from __future__ import annotations

import threading
import time

from ortools.sat.python import cp_model

from .context import ModelContext
from .lns import Tracker, WeightedResult, hint_all, lp_solver, result_of
from .neighbourhoods import window_sets
from .person_start import person_sweeps, soft_cover
from .repair import REPAIR_SHARE, repair
from .safe_solve import solve_model
from .shortfall import CUT_SHARE, add_shortfall_cut, objective_floor
from .window_lns import fix_booleans, window_search

PERSON_SHARE = 0.3
"""Most of the time the person-by-person first roster may take."""

PERSON_SWEEPS = 2
"""Sweeps of the person-by-person start: the construction and one descent over everyone."""

WINDOW_SHARE = 0.6
"""The first ``max_lp`` turn leaves this share of the time to the windows.

Since the windows are solved with ``max_lp`` they improve faster than the full ``max_lp``
search on the larger models; 60-s runs, seeds 0 and 1 (README, change 13): with 0.35
Instance8/10/11/12 gave 1530 1425 / 4843 4753 / 3550 3671 / 4907 4817, with 0.6
1615 1415 / 4750 4757 / 3550 3466 / 4518 4592, with 0.8 1632 1528 / 4860 4762 /
3670 3661 / 4397 4596 (and Instance12's root LP unfinished, bound 6–11)."""

STALL_SHARE = 0.1
"""A search hands over after this share of the time limit without an improvement."""

LP_WAIT_SHARE = 0.15
"""A ``max_lp`` turn hands over early if its root LP has given no bound (of at least
:data:`LP_USEFUL` times the incumbent) by this share of the time limit.

Why: ``max_lp``'s full-search thread does nothing but the root LP until it is solved, so
the turn is one thread of CP-SAT's neighbourhoods, which improve a roster more slowly
than the windows. Root LP solved after (2 workers, seed 0): Instance8 0.9 s, Instance10
3.4 s, Instance11 5.0 s, Instance12 22 s of its 22-s turn (bound 3633). Instance12,
seeds 0–3: 4608 4581 4389 4630 without the rule, 4288 4182 4299 4498 with it on the
first turn only, 4281 4078 4110 4086 as it is (README, change 17); the bound it
reports then stays near 0. Each turn solves its root LP afresh, so the rule holds for
every turn."""

LP_USEFUL = 0.1
"""A bound counts as the root LP's once it reaches this share of the incumbent's objective.

Why not any bound above 0: other reasoning reports tiny bounds too (Instance12: 4 or 5
within 4 s, against an incumbent near 6 000), and they came before the wait was over in
some runs. The root LP's bounds were 36 % (Instance8) to 91 % (Instance11) of the
incumbent when they arrived; a bound under a tenth of it says little about the roster."""


FRESH_TURNS = True
"""After the first ``max_lp`` turn every turn is a window search; one that stalls is
followed by a fresh one (its own seed, and the window width and the weekend and people
sets back at their starting sizes), not by ``max_lp`` again.

Why: a stalled search has grown its neighbourhoods to where every round is solved
without gain or times out, while the way out is often a small move. From a final
Instance8 roster at 1436 (13 weekend shifts short; its windows had stalled at 1442, and
``max_lp`` then gained 5 in 7 s), fresh searches left it in all eight tries (1352 after
2.6 s, 1343 after 4.5 s, ...). In 60-s runs, stalled searches were followed by fresh ones
that took Instance11 3575 → 3475 and 3653 → 3448, Instance10 4854 → 4749 and 4762 → 4659,
Instance12 5118 → 4208, where the ``max_lp`` turns after a stall gained 0 on Instance11 in
four of four and 5004 → 5002 on Instance12 (README, change 23). False restores the
earlier turns of ``max_lp`` and windows (for measurements)."""

def first_turn_fits(left: float, time_limit: float) -> bool:
    """Whether the first ``max_lp`` turn, with ``left`` seconds still to go, would last
    the :data:`LP_WAIT_SHARE` it waits for its root LP; where it would not, the windows
    start at once.

    Why: the turn is there for its root LP's bound (and the repair it decides) and for
    what ``max_lp`` improves after its presolve. A turn shorter than the wait ends
    before either: on a year with 50 people (Syn22) the presolve alone took 5.2 of the
    turn's 5.6 s, and on Syn22 and Syn23 the turn improved nothing in four of four runs.
    From the same person-start rosters, windows at once gave Syn22 41 262 / 46 146
    against 50 361 / 51 382 with the turn, and Syn23 235 502 / 237 809 against
    243 541 / 245 057 (seeds 0 / 1, README change 26). Instance8–12 have time enough.
    """
    return left - WINDOW_SHARE * time_limit >= LP_WAIT_SHARE * time_limit


def useful_bound(bound: float, tracker: Tracker) -> bool:
    """Whether ``bound`` is at least :data:`LP_USEFUL` times the incumbent's objective: the
    one test of "the root LP gave a bound", for the wait, for the shortfall cut after the
    turn and for the repair. After the turn it is asked of the turn's final bound, which
    also counts a root LP solved between the end of the wait and the end of the turn
    (Instance11 on the slower machine: 9.6 s against a 9-s wait).

    Why the cut's bound does not count for the repair: the cut is the least shortfall
    itself, so the bound it gives always makes the shortfall look dominant. On Instance12,
    repairs after the cut gave 4509 / 4733 / 5038 and 4309 / 4217 / 4501 (with and without
    changes 29 and 30), against 4210 / 4397 / 4498 without a repair (seeds 0–2;
    README, change 28)."""
    objective = tracker.objective
    return objective is not None and bound >= LP_USEFUL * objective


class _Watchdog:
    """Stops a running CP-SAT search once the tracker has not improved for ``stall`` s,
    or, with ``lp_wait``, once that many seconds have passed without a bound of at least
    :data:`LP_USEFUL` times the incumbent's objective.

    ``CpSolver.stop_search`` is safe to call from another thread; the search then returns
    FEASIBLE with what it found. Nothing is stopped while there is no incumbent at all.
    The bound is seen through ``best_bound_callback`` (set here, so before the solve).
    """

    def __init__(self, solver: cp_model.CpSolver, tracker: Tracker, stall: float,
                 lp_wait: float | None = None):
        self.solver, self.tracker, self.stall, self.lp_wait = solver, tracker, stall, lp_wait
        self.bound = 0.0
        self.no_lp = False  # set when the turn is stopped for want of an LP bound
        if lp_wait is not None:
            solver.best_bound_callback = self._bound
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def _bound(self, value: float) -> None:
        self.bound = max(self.bound, value)

    def _watch(self) -> None:
        start = time.monotonic()
        while not self.done.wait(0.2):
            now = time.monotonic()
            last = max(start, self.tracker.t0 + self.tracker.when)
            if self.tracker.best is None:
                continue
            no_lp = (self.lp_wait is not None and now - start > self.lp_wait
                     and not self.lp_bound_seen())
            self.no_lp = self.no_lp or no_lp
            if now - last > self.stall or no_lp:
                self.solver.stop_search()  # repeated until the search returns: a stop
                # asked for before CP-SAT has set up its search would otherwise be lost

    def lp_bound_seen(self) -> bool:
        """Whether a bound of at least :data:`LP_USEFUL` times the incumbent's objective
        has been seen during the turn: the test of "the root LP gave a bound" for the
        wait."""
        return useful_bound(self.bound, self.tracker)

    def __enter__(self) -> _Watchdog:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.thread.join()


def solve_large(ctx: ModelContext, variables: list, tracker: Tracker, time_limit: float,
                workers: int, seed: int) -> WeightedResult:
    """Minimise the objective already set on ``ctx.model`` within ``time_limit`` seconds."""
    t0 = tracker.t0
    deadline = t0 + time_limit
    phases: list = []
    if soft_cover(ctx.problem):
        person_start(ctx, variables, tracker, t0 + PERSON_SHARE * time_limit, workers, seed,
                     phases)
    stall = STALL_SHARE * time_limit
    bound, st, turn, cut_tried = 0, cp_model.UNKNOWN, 0, False
    start = None  # a roster the next windows start from instead of the incumbent
    if tracker.best is not None and not first_turn_fits(deadline - time.monotonic(),
                                                        time_limit):
        turn = 1  # straight to the windows
    while deadline - time.monotonic() > 0.5:
        if turn == 0 or tracker.best is None or (not FRESH_TURNS and turn % 2 == 0):
            if tracker.best is not None:
                hint_all(ctx, variables, tracker.best)
            left = deadline - time.monotonic()
            if turn == 0:  # the first turn runs up to the windows' share, stalled or not
                left -= WINDOW_SHARE * time_limit
            solver = lp_solver(workers, seed + turn, max(0.1, left), lp=True)
            with _Watchdog(solver, tracker, stall if turn else float("inf"),
                           lp_wait=LP_WAIT_SHARE * time_limit) as watchdog:
                st = solve_model(solver, ctx.model, tracker)
            if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                bound = max(bound, int(solver.best_objective_bound))
            phases.append(("max_lp", round(time.monotonic() - t0, 2), tracker.objective, bound))
            lp_bounded = useful_bound(bound, tracker)  # the root LP's, in time or not
            if watchdog.no_lp and not cut_tried and not lp_bounded:
                # the LP is too slow to bound the scarce days' cover; the cut gives that
                # part at once
                cut_tried = True
                cut = add_shortfall_cut(ctx, min(CUT_SHARE * time_limit,
                                                 deadline - time.monotonic()), workers, seed)
                bound = max(bound, objective_floor(ctx, cut))
                phases.append(("shortfall", round(time.monotonic() - t0, 2),
                               tracker.objective, bound))
            if st in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
                break
            if tracker.best is not None and bound >= tracker.objective:
                break
            if turn == 0 and (tracker.objective or 0) > 0 and lp_bounded:
                left = deadline - time.monotonic()
                limit = min(REPAIR_SHARE * time_limit, left)
                repaired = repair(ctx, tracker, bound, limit, workers, seed,
                                  extra=min(REPAIR_SHARE * time_limit, left - limit))
                start = repaired.start
                bound = max(bound, objective_floor(ctx, repaired.floor))
                phases.append(("repair", round(time.monotonic() - t0, 2),
                               start and start[1], bound))
                if bound >= tracker.objective:
                    break
        else:
            windows(ctx, tracker, deadline, workers, seed + turn, phases, stall, start)
            start = None
        turn += 1
    ctx.model.clear_hints()
    if st == cp_model.UNKNOWN and tracker.best is not None:
        st = cp_model.FEASIBLE
    return result_of(st, tracker, bound, t0, phases)


def person_start(ctx: ModelContext, variables: list, tracker: Tracker, deadline: float,
                 workers: int, seed: int, phases: list) -> None:
    """First roster by :func:`.person_start.person_sweeps`, completed to a full vector."""
    _, schedules = person_sweeps(ctx.problem, deadline, workers, seed,
                                 max_sweeps=PERSON_SWEEPS)
    t0 = tracker.t0
    if schedules is None:
        phases.append(("persons", round(time.monotonic() - t0, 2), None, 0))
        return
    chosen = {(sid, d, post) for sid, duties in schedules.items() for d, post in duties}
    fixed = ctx.model.clone()
    fix_booleans(fixed, {var.index: int(key in chosen) for key, var in ctx.x.items()})
    solver = lp_solver(workers, seed, max(1.0, deadline - time.monotonic()), lp=None)
    probe = Tracker(variables, t0, None)  # it reads values by index: the copy's are the same
    solve_model(solver, fixed, probe)
    if probe.best is not None:
        tracker.offer(probe.best, probe.objective, probe.when)
    phases.append(("persons", round(time.monotonic() - t0, 2), tracker.objective, 0))


def windows(ctx: ModelContext, tracker: Tracker, deadline: float, workers: int, seed: int,
            phases: list, patience: float | None = None,
            start: tuple[list[int], int] | None = None) -> None:
    """Improve the tracker's incumbent, or the roster ``start`` (solution vector and
    objective), by :func:`.window_lns.window_search`.

    ``start`` is offered to the tracker first (kept only if it beats the incumbent). Why:
    otherwise it counted only through an improvement on it, and where the first windows
    found none before they stalled, the fresh search went on from the older incumbent:
    Instance11 ended at 3656 from a first-turn roster at 4062, after a repair to 3658
    (README, change 28)."""
    t0 = tracker.t0
    if start is not None:
        tracker.offer(*start)
    best, objective = start if start is not None else (tracker.best, tracker.objective)
    duty_index, groups, weekends, people = window_sets(ctx)
    stats = window_search(ctx.model, duty_index, groups, best, objective, deadline,
                          tracker.offer, workers, seed, patience=patience,
                          weekends=weekends, threads=workers, people=people)
    phases.append(("windows", round(time.monotonic() - t0, 2), tracker.objective,
                   stats.rounds))
