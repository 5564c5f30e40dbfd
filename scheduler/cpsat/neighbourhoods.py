"""The sets the window search draws its neighbourhoods from: days (:func:`day_groups`, and
all of a model's sets at once, :func:`window_sets`), weekends and people.

The weekend and people sets adapt like the window width: each grows after a round solved
to optimality (the neighbourhood was too easy) and shrinks after a time-out.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from .context import ModelContext


def day_groups(keys: Sequence[tuple], dates: Sequence) -> list[list[int]]:
    """Positions in ``keys`` (duty keys ``(person, date, post)``) grouped by date order."""
    where = {d: i for i, d in enumerate(dates)}
    groups: list[list[int]] = [[] for _ in dates]
    for pos, key in enumerate(keys):
        i = where.get(key[1])
        if i is not None:
            groups[i].append(pos)
    return groups


def window_sets(ctx: ModelContext) -> tuple[list[int], list[list[int]], list, list]:
    """The duty indices and the day, weekend and people sets of every window search on
    ``ctx`` (:func:`.window_lns.window_search`): the large path's and the repair's."""
    keys = list(ctx.x)
    dates = [d.date for d in ctx.problem.days]
    return ([ctx.x[k].index for k in keys], day_groups(keys, dates),
            weekend_blocks(dates), person_groups(keys))


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


def person_groups(keys: Sequence[tuple]) -> list[list[int]]:
    """Positions in ``keys`` (duty keys ``(person, date, post)``) grouped by person."""
    by_person: dict[object, list[int]] = {}
    for pos, key in enumerate(keys):
        by_person.setdefault(key[0], []).append(pos)
    return list(by_person.values())


class PeopleSets:
    """Random sets of people, all of whose duties a round frees on every day.

    Why: a roster can stall where every weekend is worked up to the limit and one more
    shift of cover needs several people to trade whole stretches of their month: moving a
    worked weekend, then re-spreading the minutes and runs around it. Neither a window
    nor the weekend blocks free that. From an Instance10 roster stalled at 4750 (all 80
    allowed weekends worked), 20 s of rounds freeing all four weekends for everyone stayed
    at 4750 (every round optimal), while 6 or 10 random people of 40 on every day reached
    4648–4658 in 3 of 4 runs (README, change 16). The set starts at an eighth of the staff.
    """

    def __init__(self, groups: Sequence[Sequence[int]]):
        self.groups = [list(g) for g in groups if g]
        self.count = min(len(self.groups), max(1, len(self.groups) // 8))

    def draw(self, rng: random.Random) -> list[int]:
        """Duty positions of one round: every duty of ``count`` random people."""
        return [pos for g in rng.sample(self.groups, self.count) for pos in g]

    def adapt(self, optimal: bool) -> None:
        """Grow after a round solved to optimality (too easy), shrink after a time-out."""
        if optimal:
            self.count = min(len(self.groups), self.count + 1)
        else:
            self.count = max(1, self.count - 1)
