"""Indexes of one roster that every validator rule reads, built once per roster.

A hand-edited roster may name people, posts or dates the problem does not know. Those entries
are kept apart (``stray``) and reported by the structural rules; every other rule sees only
*known* assignments, so one typo gives one clear finding instead of a cascade of odd ones.

The indexes are plain dicts of tuples so that :meth:`Facts.with_change` can derive the facts
of a roster that differs in one cell by copying two small dicts, which is what makes the
"who could take this cell" check of :mod:`scheduler.candidates` cheap.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, replace

from office.calendar import Day
from office.people import Leave, Staff

from .problem import Assignment, History, PersonLimits, Post, Problem, Roster

Cell = tuple[dt.date, str]  # (date, post_id)


@dataclass(frozen=True)
class Scope:
    """Which part of the roster a rule function must look at (``None`` = all of it).

    Rules about people look at ``people``; rules about slots look at ``slots``. A full
    validation passes ``Scope()``; the candidate check passes one person and one cell.
    """

    people: Collection[str] | None = None
    slots: Collection[Cell] | None = None

    def has_person(self, staff_id: str) -> bool:
        return self.people is None or staff_id in self.people

    def has_slot(self, cell: Cell) -> bool:
        return self.slots is None or cell in self.slots


@dataclass(frozen=True)
class Facts:
    """A problem, the known part of a roster indexed by person and by cell, and options."""

    problem: Problem
    staff: dict[str, Staff]
    posts: dict[str, Post]
    days: dict[dt.date, Day]
    history: dict[str, History]
    leave: dict[str, tuple[Leave, ...]]
    by_person: dict[str, tuple[Cell, ...]]
    by_cell: dict[Cell, tuple[str, ...]]
    stray: tuple[Assignment, ...]
    allow_gaps: bool = False

    def person_limits(self, staff_id: str) -> PersonLimits:
        return self.problem.limits_of(staff_id)

    def duty_dates(self, staff_id: str) -> list[dt.date]:
        """Distinct dates on which the person has at least one duty, ascending."""
        return sorted({d for d, _ in self.by_person.get(staff_id, ())})

    def people_in(self, scope: Scope) -> list[str]:
        """Known people inside the scope, in staff order (so findings come out stably)."""
        return [s.staff_id for s in self.problem.staff if scope.has_person(s.staff_id)]

    def known_roster(self) -> Roster:
        """The known assignments as a roster (what fairness figures are computed from)."""
        return Roster.of(
            Assignment(d, p, i) for i, cells in self.by_person.items() for d, p in cells
        )

    def with_change(self, add: Assignment, remove: str | None = None) -> Facts:
        """Facts of the roster with ``add`` placed and ``remove`` (a person) taken off its cell.

        ``add`` must be known (person, post and date of the problem); only the two people and
        the one cell change, so the copies stay small.
        """
        cell = (add.date, add.post_id)
        by_person = dict(self.by_person)
        by_cell = dict(self.by_cell)
        occupants = [s for s in by_cell.get(cell, ()) if s != remove and s != add.staff_id]
        by_cell[cell] = tuple(sorted([*occupants, add.staff_id]))
        if remove is not None and remove != add.staff_id:
            by_person[remove] = tuple(c for c in by_person.get(remove, ()) if c != cell)
        mine = {c for c in by_person.get(add.staff_id, ())} | {cell}
        by_person[add.staff_id] = tuple(sorted(mine))
        return replace(self, by_person=by_person, by_cell=by_cell)


def build_facts(problem: Problem, roster: Roster, *, allow_gaps: bool = False) -> Facts:
    """Index ``roster`` against ``problem``; entries naming unknown things go to ``stray``."""
    staff = problem.staff_by_id()
    posts = problem.post_by_id()
    days = problem.day_by_date()
    leave: dict[str, list[Leave]] = defaultdict(list)
    for lv in problem.leave:
        leave[lv.staff_id].append(lv)
    person: dict[str, set[Cell]] = defaultdict(set)
    cell: dict[Cell, set[str]] = defaultdict(set)
    stray = []
    for a in roster.assignments:
        if a.staff_id not in staff or a.post_id not in posts or a.date not in days:
            stray.append(a)
            continue
        person[a.staff_id].add((a.date, a.post_id))
        cell[(a.date, a.post_id)].add(a.staff_id)
    return Facts(
        problem=problem,
        staff=staff,
        posts=posts,
        days=days,
        history=problem.history_by_id(),
        leave={k: tuple(v) for k, v in leave.items()},
        by_person={k: tuple(sorted(v)) for k, v in person.items()},
        by_cell={k: tuple(sorted(v)) for k, v in cell.items()},
        stray=tuple(stray),
        allow_gaps=allow_gaps,
    )


def runs(dates: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Maximal runs of consecutive dates in an ascending list, as (first, last)."""
    out: list[tuple[dt.date, dt.date]] = []
    for d in dates:
        if out and (d - out[-1][1]).days == 1:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def length(first: dt.date, last: dt.date) -> int:
    """Days from ``first`` to ``last``, both inclusive."""
    return (last - first).days + 1
