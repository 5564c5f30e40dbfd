"""Repair of a roster towards the least weekend and holiday shortfall, by windows on a
copy of the model that charges that shortfall more (:func:`.shortfall.repair_model`).

Why a step of its own: a roster one weekend shift shorter than necessary is a local
optimum that the windows on the objective itself do not leave (Instance10 ended there in
3 of the 12 full runs after change 16; README, changes 20 and 27). The large path
(:mod:`.large`) runs it once, after its first ``max_lp`` turn.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .context import ModelContext
from .expr import flat_value
from .lns import Tracker
from .neighbourhoods import window_sets
from .shortfall import objective_expr, repair_model, scarce_level, scarce_shortfall
from .window_lns import window_search

REPAIR_SHARE = 0.2
"""Most of the time the scarce-shortfall repair after the first ``max_lp`` turn may take
(:func:`repair`): up to half of it for the lower bound on the least shortfall (Instance10
and 11: 0.6–1.4 s), the rest for the windows that repair the roster. A repair that is
one slot above the least when this is up may go on for as long again (:func:`_last_step`)."""


REPAIR_PEOPLE_AFTER = 0
"""The repair's windows take turns with people (all days of a few people) from the first
round, not only after rounds without gain as the other windows do
(:data:`.window_lns.PEOPLE_AFTER`).

Why: a weekend shift more covered needs someone with a worked weekend to spare, which
mostly means moving the weekends of two people at once; windows of days and whole
weekends leave each person's other weekends fixed. From the same recorded first-turn
rosters, the repair reached the least shortfall in 10 of 12 tries on Instance10 and 6 of
6 on Instance11 with people from the start, against 7 of 12 and 2 of 6 after four idle
rounds (README, change 29)."""


@dataclass
class Repaired:
    """What :func:`repair` gives the large path."""

    start: tuple[list[int], int] | None
    """A roster nearer the least scarce shortfall for the windows to start from instead of
    the incumbent, as (solution vector, objective), or None."""
    floor: int
    """A lower bound on the weighted scarce shortfall of every roster (0: none sought).

    Why it is handed back: the search for the least proves it anyway, and through
    :func:`.shortfall.objective_floor` it bounds the objective. Where the root LP was
    stopped before it finished, its bound can be far lower (Instance11, full run of
    2026-11-23 08:31 UTC: 1779, while the least alone is 3400)."""


def repair(ctx: ModelContext, tracker: Tracker, bound: int, limit: float, workers: int,
           seed: int, extra: float = 0.0) -> Repaired:
    """A roster nearer the least scarce shortfall for the windows to start from instead of
    the incumbent, and the lower bound on that least found on the way (:class:`Repaired`).

    Window searches from the incumbent on :func:`.shortfall.repair_model`'s copy, whose
    objective charges the scarce shortfall more, for the rest of ``limit``; the roster
    they end with counts if it is less short than the incumbent. ``bound`` is the root
    LP's lower bound on the objective (:func:`.large.useful_bound`), which decides whether
    the repair is worth trying at all. Measured (README, change
    27): from the first turn's rosters, 47 short or less in 7 of 7 runs on Instance10
    and 11, all of which ended within 1 %.

    Where the roster is one scarce slot above the floor when ``limit`` is up, the windows
    go on for up to ``extra`` seconds more, until they reach it (:func:`_last_step`).
    """
    began = time.monotonic()
    model, floor = repair_model(ctx, tracker.best, bound, limit / 2, workers, seed)
    if model is None or limit - (time.monotonic() - began) <= 0.1:
        return Repaired(None, floor)
    step = max(w for _, w in scarce_shortfall(ctx))
    before = scarce_level(ctx, tracker.best)
    kept, level = [tracker.best], [before]

    def keep(roster: list[int], _) -> None:
        kept[0], level[0] = roster, scarce_level(ctx, roster)

    def done() -> bool:
        return time.monotonic() > began + limit and not _last_step(level[0], floor, step)

    duty_index, groups, weekends, people = window_sets(ctx)
    window_search(model, duty_index, groups, tracker.best,
                  flat_value(objective_expr(model), tracker.best),
                  began + limit + max(0.0, extra), keep, workers, seed,
                  weekends=weekends, threads=workers, people=people,
                  people_after=REPAIR_PEOPLE_AFTER, until=done)
    roster = kept[0]
    if level[0] >= before:
        return Repaired(None, floor)
    if tracker.exact is not None:
        return Repaired((roster, tracker.exact(roster)), floor)
    return Repaired((roster, flat_value(objective_expr(ctx.model), roster)), floor)


def _last_step(level: int, floor: int, step: int) -> bool:
    """Whether a repair at scarce shortfall ``level`` is within one slot's weight
    ``step`` above the ``floor`` it aims at (a lower bound on the least), and not at it.

    Why the repair goes on there, and only there: one weekend shift more short than the
    least is the local optimum the windows on the objective do not leave (the reason for
    the repair), while farther from the least they still improve the roster themselves.
    From recorded Instance10 first-turn rosters that 12 s of repair left one shift above
    the least, 24 s reached it in 3 of 3. In 60-s runs Instance10 was within 1 % in 4 of
    4 with this rule (repairs of 12.2–13.8 s), as in 4 of 4 going on at any distance
    (12.0–15.0 s); going on at any distance took one Instance11 repair the whole 24 s to
    end two shifts above the least (README, change 30). So the rule rests on that reason,
    not on a measured difference.
    """
    return floor < level <= floor + step
