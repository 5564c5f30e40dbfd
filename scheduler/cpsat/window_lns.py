"""Large-neighbourhood search over windows of days, for everyone at once.

Why days: in rostering the soft cover of a day couples every employee working that day,
while the hard sequence rules couple each employee's neighbouring days. CP-SAT's own
neighbourhoods are generic (random variables, random constraints, graph walks); they rarely
free *all* duties of a few consecutive days together, which is exactly the move that can
trade cover between people without breaking anyone's runs. Freeing a window of days for
everyone, fixing all other duties to the incumbent, gives sub-problems small enough for
CP-SAT to improve or solve to optimality within a couple of seconds.

The window width adapts: it grows after a window was solved to optimality (the
neighbourhood was too easy) and shrinks after a time-out. Windows are drawn so that every
start day is visited before any is repeated (a shuffled sweep), so no part of the horizon
is starved.

Each window is solved with ``max_lp`` as the full-search worker (:func:`.lns.lp_solver`),
like the full model: the window's LP is small, and with the run-start clauses in it more
windows are solved to optimality, so they grow wider. Controlled test from the same 39-s
incumbents, 21 s of windows each: Instance8 1612 → 1412 (CP-SAT's default worker: 1516),
Instance10 4759 → 4651 (4759), Instance12 5330 → 4511 (5025).

Every second round frees whole weekends instead (:class:`WeekendSets`): the limit on
worked weekends couples days weeks apart, and the stalled benchmark rosters are short only
on weekends, so they need weekends traded between people across the whole horizon.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .lns import lp_solver
from .safe_solve import solve_model


@dataclass
class WindowStats:
    """What a :func:`window_search` run did: rounds, improvements, final width in days,
    and how many of the rounds (and improvements) were weekend rounds."""

    rounds: int = 0
    improved: int = 0
    width: int = 0
    weekend_rounds: int = 0
    weekend_improved: int = 0


def day_groups(keys: Sequence[tuple], dates: Sequence) -> list[list[int]]:
    """Positions in ``keys`` (duty keys ``(person, date, post)``) grouped by date order."""
    where = {d: i for i, d in enumerate(dates)}
    groups: list[list[int]] = [[] for _ in dates]
    for pos, key in enumerate(keys):
        i = where.get(key[1])
        if i is not None:
            groups[i].append(pos)
    return groups


def windows(n_days: int, width: int, rng: random.Random) -> list[int]:
    """Start days of one shuffled sweep: every start of a ``width``-day window once."""
    starts = list(range(max(1, n_days - width + 1)))
    rng.shuffle(starts)
    return starts


def weekend_blocks(dates: Sequence) -> list[list[int]]:
    """Day positions from the Friday to the Monday around each weekend in ``dates``.

    Why the Friday and Monday too: a weekend's work is a run that usually starts or ends
    next to it, so freeing Saturday and Sunday alone leaves no legal change (measured on a
    stalled Instance8 roster: about 300 rounds over Saturday–Sunday only, no gain).
    Positions are clipped to the horizon; a weekend only partly inside it still gets its
    block.
    """
    by_week: dict[tuple[int, int], list[int]] = {}
    for i, d in enumerate(dates):
        if d.weekday() >= 5:
            by_week.setdefault(d.isocalendar()[:2], []).append(i)
    n = len(dates)
    return [list(range(max(0, days[0] - 1), min(n, days[-1] + 2)))
            for days in by_week.values()]


class WeekendSets:
    """Random sets of whole weekends, grown after a set was solved to optimality.

    Why: a limit on worked weekends couples each person's weekends across the horizon, so
    giving a weekend to someone means taking another from them, often weeks away; no
    window of consecutive days spans both. From an Instance8 roster on which the windows
    had stalled at 1414, freeing the Friday–Monday blocks of all four weekends reached
    1321 within a second (README, change 14). Once every weekend is in the set, a window
    of ``extra`` more days is added at random, so the neighbourhood keeps growing.
    """

    def __init__(self, blocks: Sequence[Sequence[int]], n_days: int):
        self.blocks, self.n_days = list(blocks), n_days
        self.count, self.extra = min(2, len(self.blocks)), 0

    def draw(self, rng: random.Random) -> list[int]:
        """Day positions of one round: ``count`` random weekends and the extra window."""
        days = [j for b in rng.sample(self.blocks, self.count) for j in b]
        if self.extra:
            start = rng.randrange(max(1, self.n_days - self.extra + 1))
            days += range(start, min(self.n_days, start + self.extra))
        return days

    def adapt(self, optimal: bool) -> None:
        """Grow after a round solved to optimality (too easy), shrink after a time-out."""
        if optimal:
            if self.count < len(self.blocks):
                self.count += 1
            else:
                self.extra = min(self.n_days, self.extra + 1)
        elif self.extra:
            self.extra -= 1
        else:
            self.count = max(1, self.count - 1)


def fix_booleans(model: cp_model.CpModel, values: dict[int, int]) -> None:
    """Fix Boolean variables (model index → 0/1) in their domains, not by constraints:
    presolve drops them at once, and nothing is added that a copy would carry along."""
    for i, value in values.items():
        domain = model.proto.variables[i].domain  # a Boolean: [0, 1]
        domain[0] = domain[1] = value


def _solve_fixed(model: cp_model.CpModel, duty_index: Sequence[int], free: set[int],
                 best: list[int], limit: float, workers: int, seed: int):
    """Solve ``model`` with every duty outside ``free`` fixed to ``best``; status, solver."""
    sub = model.clone()
    fix_booleans(sub, {i: best[i] for pos, i in enumerate(duty_index) if pos not in free})
    sub.clear_hints()
    for i, val in enumerate(best):
        sub.add_hint(sub.get_int_var_from_proto_index(i), val)
    solver = lp_solver(workers, seed, limit, lp=True)
    return solve_model(solver, sub, None), solver, sub


class _Shared:
    """The incumbent and counters the threads of one :func:`window_search` share."""

    def __init__(self, best: list[int], objective: int, accept, width: int):
        self.best, self.objective, self.accept = best, objective, accept
        self.stats = WindowStats(width=width)
        self.lock = threading.Lock()
        self.last = time.monotonic()

    def offer(self, solution_of: Callable[[], list[int]], value: int, weekend: bool) -> None:
        """Keep a sub-solve's roster if it beats the incumbent *now* (another thread may
        have improved it meanwhile; the roster is complete and feasible either way)."""
        with self.lock:
            if value >= self.objective:
                return
            self.best, self.objective = solution_of(), value
            self.stats.improved += 1
            self.stats.weekend_improved += weekend
            self.last = time.monotonic()
            self.accept(self.best, self.objective)


def window_search(model: cp_model.CpModel, duty_index: Sequence[int],
                  groups: list[list[int]], best: list[int], objective: int,
                  deadline: float, accept: Callable[[list[int], int], None],
                  workers: int = 2, seed: int = 0, width: int = 7,
                  sub_limit: float = 2.0, patience: float | None = None,
                  weekends: Sequence[Sequence[int]] = (),
                  max_rounds: int | None = None, threads: int = 1) -> WindowStats:
    """Improve the incumbent ``best`` (full solution vector of ``model``) until ``deadline``.

    ``duty_index[pos]`` is the model index of the duty variable at position ``pos`` and
    ``groups`` lists the positions per day (see :func:`day_groups`). Each round frees the
    duties of a window of days, fixes all others to the incumbent, hints the incumbent and
    keeps the result only when its objective is strictly better; ``accept(solution,
    objective)`` is called on each improvement. The search also ends after ``patience``
    seconds without an improvement, so that the caller can hand over to another search,
    or after ``max_rounds`` rounds (for reproducible experiments and tests). ``model``
    itself is not changed.

    With ``weekends`` (day positions per weekend, see :func:`weekend_blocks`) every second
    round frees a random set of whole weekends instead (:class:`WeekendSets`).

    With ``threads`` > 1 that many searches run side by side, each with its own seed,
    width and weekend sets and ``max(1, workers // threads)`` CP-SAT workers per sub-solve,
    all starting every round from the shared incumbent. Why: a window is small, so a
    second CP-SAT worker inside it adds little, while a second window solved at the same
    time doubles the rounds (README, change 15).
    """
    shared = _Shared(best, objective, accept, max(1, min(width, len(groups))))
    sub_workers = max(1, workers // max(1, threads))
    args = (model, duty_index, groups, deadline, sub_workers, sub_limit, patience,
            weekends, max_rounds)
    if threads <= 1:
        _rounds(shared, seed, *args)
        return shared.stats
    pool = [threading.Thread(target=_rounds, args=(shared, seed + 7919 * k, *args))
            for k in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    return shared.stats


def _rounds(shared: _Shared, seed: int, model, duty_index, groups, deadline: float,
            workers: int, sub_limit: float, patience: float | None, weekends,
            max_rounds: int | None) -> None:
    """One thread of :func:`window_search`: rounds until the deadline, patience or count."""
    rng = random.Random(seed)
    n_days = len(groups)
    width = shared.stats.width
    sets = WeekendSets(weekends, n_days)
    queue: list[int] = []
    mine, n_vars = 0, len(shared.best)
    while time.monotonic() < deadline - 0.3:
        with shared.lock:
            if patience is not None and time.monotonic() - shared.last > patience:
                break
            if max_rounds is not None and shared.stats.rounds >= max_rounds:
                break
            shared.stats.rounds += 1
            best = shared.best
        weekend_round = bool(weekends) and mine % 2 == 1
        if weekend_round:
            days = sets.draw(rng)
        else:
            if not queue:
                queue = windows(n_days, width, rng)
            start = queue.pop()
            days = list(range(start, min(n_days, start + width)))
        free = {pos for day in days for pos in groups[day]}
        limit = min(sub_limit, deadline - time.monotonic())
        st, solver, sub = _solve_fixed(model, duty_index, free, best, limit, workers,
                                       seed + mine)
        mine += 1
        if weekend_round:
            with shared.lock:
                shared.stats.weekend_rounds += 1
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            shared.offer(lambda s=solver, m=sub: [s.value(m.get_int_var_from_proto_index(i))
                                                  for i in range(n_vars)],
                         int(round(solver.objective_value)), weekend_round)
        if weekend_round:
            sets.adapt(st == cp_model.OPTIMAL)
            continue
        old = width
        width = min(n_days, width + 1) if st == cp_model.OPTIMAL else max(2, width - 1)
        if width != old:
            queue = []
        shared.stats.width = width
