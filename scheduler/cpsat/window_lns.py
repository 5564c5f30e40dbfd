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

The rounds take turns with two other kinds (:mod:`.neighbourhoods`): whole weekends, as
the limit on worked weekends couples days weeks apart, and all days of a few people, as a
roster that works every allowed weekend can only gain cover by people trading whole
stretches of their month.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .lns import lp_solver, set_hint, solution_vector
from .neighbourhoods import PeopleSets, WeekendSets
from .safe_solve import solve_model


@dataclass
class WindowStats:
    """What a :func:`window_search` run did: rounds, improvements, final width in days,
    and how many of the rounds (and improvements) were weekend and people rounds."""

    rounds: int = 0
    improved: int = 0
    width: int = 0
    weekend_rounds: int = 0
    weekend_improved: int = 0
    people_rounds: int = 0
    people_improved: int = 0

    def count(self, kind: str, improved: bool) -> None:
        """Add one finished round of ``kind`` (window, weekend or people)."""
        self.improved += improved
        if kind == "weekend":
            self.weekend_rounds += 1
            self.weekend_improved += improved
        elif kind == "people":
            self.people_rounds += 1
            self.people_improved += improved


def windows(n_days: int, width: int, rng: random.Random) -> list[int]:
    """Start days of one shuffled sweep: every start of a ``width``-day window once."""
    starts = list(range(max(1, n_days - width + 1)))
    rng.shuffle(starts)
    return starts


def fix_booleans(model: cp_model.CpModel, values: dict[int, int]) -> None:
    """Fix Boolean variables (model index → 0/1) in their domains, not by constraints:
    presolve drops them at once, and nothing is added that a copy would carry along."""
    variables = model.proto.variables
    for i, value in values.items():
        domain = variables[i].domain  # a Boolean: [0, 1]
        domain[0] = domain[1] = value


class FixedCopy:
    """One search thread's copy of the model, in which every duty outside a round's free
    set is fixed to the incumbent; between rounds only the domains that change are
    rewritten.

    Why: a fresh copy per round, fixed duty by duty, cost 0.525 s a round on average on
    a year with 150 people (Syn24, 122 672 duties: copy 0.05–0.8 s, fixing and hint
    0.2–1.0 s, the two threads taking turns at the interpreter) against solves of
    0.4–2 s; with the reused copy it is 0.054 s. Most duties stay fixed, and at the same
    value, from one round to the next. The copy's duty variables are Booleans, as in
    :func:`fix_booleans`.
    """

    def __init__(self, model: cp_model.CpModel, duty_index: Sequence[int]):
        self.base, self.model = model, model.clone()
        self.duty_index = list(duty_index)
        self.fixed: list[int | None] = [None] * len(self.duty_index)  # None: free

    def fix(self, free: set[int], best: list[int]) -> cp_model.CpModel:
        """The copy with the duties at positions outside ``free`` fixed to ``best`` and
        those in ``free`` back at their domain in the model, hinted with ``best``."""
        variables, base = self.model.proto.variables, self.base.proto.variables
        for pos, i in enumerate(self.duty_index):
            want = None if pos in free else best[i]
            if want == self.fixed[pos]:
                continue
            lo, hi = (want, want) if want is not None else (base[i].domain[0],
                                                              base[i].domain[1])
            domain = variables[i].domain  # a Boolean: [0, 1]
            domain[0], domain[1] = lo, hi
            self.fixed[pos] = want
        set_hint(self.model, range(len(best)), best)
        return self.model


def _solve_fixed(model: cp_model.CpModel, duty_index: Sequence[int], free: set[int],
                 best: list[int], limit: float, workers: int, seed: int,
                 deadline: float | None = None, copy: FixedCopy | None = None):
    """Solve ``model`` with every duty outside ``free`` fixed to ``best``; status, solver
    and the copy solved (``copy``'s model when given, which the next round changes).

    The time limit is cut to ``deadline`` after the copy is built: on a year-long model
    with 150 people a new copy and its hint take a noticeable part of a second, which
    otherwise ran past the caller's deadline (Syn24 ended at 62.7 s of 60)."""
    sub = (copy or FixedCopy(model, duty_index)).fix(free, best)
    if deadline is not None:
        limit = min(limit, deadline - time.monotonic())
    solver = lp_solver(workers, seed, limit, lp=True)
    return solve_model(solver, sub, None), solver, sub


PATIENT_ROUNDS = 12
"""The patience of :func:`window_search` counts only once it has had this many rounds (all
threads together).

Why: the patience is in seconds, and where rounds are slow it ran out before the width
had adapted. On a synthetic 28 days × 120 people × 18 shift types (Syn13) the first
windows turn ended after 6 rounds, all at the 2-s limit and none better, and the next
turn, 9 s later, took 9555 to 9161. 60-s runs with 12 rounds first, seeds 0–3: Syn13
9055 / 8958 / 9061 / 8863 against 9159 / 8964 / 9067 (seeds 0, 2, 3); seeds 0 / 1: Syn15
15 629 / 15 829 against 15 732 / 15 825, Syn19 13 892 / 13 883 against 13 988 / 13 879.
Where rounds take under a second (Instance8–11) twelve take less than the patience."""

PEOPLE_AFTER = 4
"""People rounds join the turns only after this many rounds in a row improved nothing.

Why: while windows and weekends still improve, a people round is mostly wasted. From the
same 24-s Instance12 roster (6007), 30 s with people rounds in every turn gave 4493 (2 of
12 people rounds improved) against 4290 without them; they pay where the others stall
(README, change 16)."""


@dataclass
class _Search:
    """One :func:`window_search`: its settings, and the incumbent and counters that its
    threads share (changed only under ``lock``)."""

    model: cp_model.CpModel
    duty_index: Sequence[int]
    groups: list[list[int]]
    deadline: float
    workers: int
    sub_limit: float
    patience: float | None
    weekends: Sequence[Sequence[int]]
    people: Sequence[Sequence[int]]
    people_after: int
    max_rounds: int | None
    best: list[int]
    objective: int
    accept: Callable[[list[int], int], None]
    stats: WindowStats
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = field(default_factory=time.monotonic)
    idle: int = 0  # rounds since the last improvement, all threads together
    until: Callable[[], bool] | None = None

    def offer(self, kind: str, solver: cp_model.CpSolver | None) -> None:
        """Count a finished round; keep the roster of ``solver`` (None: no roster found),
        the first variables of the copy it solved, if it beats the incumbent *now*
        (another thread may have improved it meanwhile; the roster is complete and
        feasible either way)."""
        with self.lock:
            value = None if solver is None else int(round(solver.objective_value))
            better = value is not None and value < self.objective
            self.stats.count(kind, better)
            self.idle = 0 if better else self.idle + 1
            if not better:
                return
            self.best = solution_vector(solver.response_proto, len(self.best))
            self.objective = value
            self.last = time.monotonic()
            self.accept(self.best, self.objective)


def window_search(model: cp_model.CpModel, duty_index: Sequence[int],
                  groups: list[list[int]], best: list[int], objective: int,
                  deadline: float, accept: Callable[[list[int], int], None],
                  workers: int = 2, seed: int = 0, width: int = 7,
                  sub_limit: float = 2.0, patience: float | None = None,
                  weekends: Sequence[Sequence[int]] = (),
                  max_rounds: int | None = None, threads: int = 1,
                  people: Sequence[Sequence[int]] = (),
                  people_after: int = PEOPLE_AFTER,
                  until: Callable[[], bool] | None = None) -> WindowStats:
    """Improve the incumbent ``best`` (full solution vector of ``model``) until ``deadline``.

    ``duty_index[pos]`` is the model index of the duty variable at position ``pos`` and
    ``groups`` lists the positions per day (see :func:`.neighbourhoods.day_groups`). Each
    round frees the duties of a window of days, fixes all others to the incumbent, hints
    the incumbent and keeps the result only when its objective is strictly better;
    ``accept(solution, objective)`` is called on each improvement. The search also ends
    after ``patience`` seconds without an improvement, once it has had
    :data:`PATIENT_ROUNDS` rounds, so that the caller can hand over to another search,
    or after ``max_rounds`` rounds (for reproducible experiments and tests), or once
    ``until()`` is true at the start of a round (the caller's own goal). ``model`` itself
    is not changed.

    The rounds take turns between the kinds of neighbourhood given: windows, then whole
    weekends when ``weekends`` (day positions per weekend, see
    :func:`.neighbourhoods.weekend_blocks`) is given, then people when ``people`` (duty
    positions per person, :func:`.neighbourhoods.person_groups`) is given and the last
    ``people_after`` rounds improved nothing (see :data:`PEOPLE_AFTER`).

    With ``threads`` > 1 that many searches run side by side, each with its own seed,
    width and sets and ``max(1, workers // threads)`` CP-SAT workers per sub-solve, all
    starting every round from the shared incumbent. Why: a window is small, so a second
    CP-SAT worker inside it adds little, while a second window solved at the same time
    doubles the rounds (README, change 15).
    """
    search = _Search(model, duty_index, groups, deadline, max(1, workers // max(1, threads)),
                     sub_limit, patience, weekends, people, people_after, max_rounds, best,
                     objective, accept, WindowStats(width=max(1, min(width, len(groups)))),
                     until=until)
    if threads <= 1:
        _rounds(search, seed)
        return search.stats
    errors: list[BaseException] = []

    def run(k: int) -> None:
        try:
            _rounds(search, seed + 7919 * k)
        except BaseException as exc:  # handed to the caller below, as without threads
            errors.append(exc)

    pool = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    if errors:
        raise errors[0]
    return search.stats


def _rounds(search: _Search, seed: int) -> None:
    """One thread of :func:`window_search`: rounds until the deadline, patience or count."""
    rng = random.Random(seed)
    groups, n_days = search.groups, len(search.groups)
    width = search.stats.width
    sets = {"weekend": WeekendSets(search.weekends, n_days),
            "people": PeopleSets(search.people)}
    kinds = ["window"] + ["weekend"] * bool(search.weekends)
    stalled = kinds + ["people"] * bool(sets["people"].groups)
    queue: list[int] = []
    mine = 0
    copy = FixedCopy(search.model, search.duty_index)
    while time.monotonic() < search.deadline - 0.3:
        with search.lock:
            if (search.patience is not None and search.stats.rounds >= PATIENT_ROUNDS
                    and time.monotonic() - search.last > search.patience):
                break
            if search.max_rounds is not None and search.stats.rounds >= search.max_rounds:
                break
            if search.until is not None and search.until():
                break
            search.stats.rounds += 1
            best = search.best
            turn = stalled if search.idle >= search.people_after else kinds
        kind = turn[mine % len(turn)]
        if kind == "people":
            free = set(sets["people"].draw(rng))
        else:
            if kind == "weekend":
                days = sets["weekend"].draw(rng)
            else:
                if not queue:
                    queue = windows(n_days, width, rng)
                start = queue.pop()
                days = list(range(start, min(n_days, start + width)))
            free = {pos for day in days for pos in groups[day]}
        st, solver, _ = _solve_fixed(search.model, search.duty_index, free, best,
                                     search.sub_limit, search.workers, seed + mine,
                                     search.deadline, copy)
        mine += 1
        found = st in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        search.offer(kind, solver if found else None)
        if kind != "window":
            sets[kind].adapt(st == cp_model.OPTIMAL)
            continue
        old = width
        width = min(n_days, width + 1) if st == cp_model.OPTIMAL else max(2, width - 1)
        if width != old:
            queue = []
        search.stats.width = width
