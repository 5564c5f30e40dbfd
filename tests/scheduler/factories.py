"""Tiny hand-made roster problems for tests: a few people, a post or two, a week or so.

Import with ``from tests.scheduler.factories import make_problem, roster, day`` (pytest puts
the repository root on ``sys.path``). Days are built directly (no holiday package) so a test
states its own calendar: plain Monday-start weeks unless ``holidays`` names festival days.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from office.calendar import Day
from office.people import Leave, Staff
from scheduler.build import township_slots
from scheduler.problem import Assignment, Post, Problem, Roster

MONDAY = dt.date(2026, 3, 2)
"""Default first day: a Monday in a month without official holidays."""

ALL_TYPES = frozenset({"workday", "weekend", "holiday"})


def day(k: int, start: dt.date = MONDAY) -> dt.date:
    """The date ``k`` days after ``start`` (day 0 = ``start``)."""
    return start + dt.timedelta(days=k)


def calendar(n: int, start: dt.date = MONDAY, holidays: dict[dt.date, str] | None = None
             ) -> tuple[Day, ...]:
    """``n`` days from ``start``: Saturday/Sunday are weekends; ``holidays`` maps a date to
    its festival key (the day becomes a ``holiday`` carrying that festival)."""
    holidays = holidays or {}
    out = []
    for k in range(n):
        d = day(k, start)
        if d in holidays:
            out.append(Day(d, "holiday", holiday_name=holidays[d], festival=holidays[d]))
        else:
            out.append(Day(d, "weekend" if d.weekday() >= 5 else "workday"))
    return tuple(out)


def person(staff_id: str, *, rank: str = "worker", quals=(), fte=1, **kw) -> Staff:
    """A staff member (rank ``worker``, full time) with optional qualifications."""
    return Staff(staff_id=staff_id, name=f"Name {staff_id}", rank=rank,
                 qualifications=frozenset(quals), fte=Fraction(fte), **kw)


def post(post_id: str, *, day_types=ALL_TYPES, headcount: int = 1, points: float = 1,
         **kw) -> Post:
    """A post running every day (by default) for one person, worth ``points``."""
    return Post(post_id=post_id, name=f"Post {post_id}", day_types=frozenset(day_types),
                headcount=headcount, points100=round(points * 100), **kw)


def make_problem(n_days: int = 7, *, staff=("A", "B", "C"), posts=None, start=MONDAY,
                 holidays=None, slots=None, **kw) -> Problem:
    """A problem over ``n_days`` days; ``staff`` items may be ids or :class:`Staff`.

    ``slots`` defaults to every day each post lists, with its headcount; other keyword
    arguments (``leave``, ``pins``, ``requests``, ``history``, ``limits``, ``rules``,
    ``levels``) go to :class:`Problem` unchanged.
    """
    days = calendar(n_days, start, holidays)
    people = tuple(s if isinstance(s, Staff) else person(s) for s in staff)
    posts = tuple(posts) if posts is not None else (post("P"),)
    if slots is None:
        slots = township_slots(days, posts)
    return Problem(days=days, staff=people, posts=posts, slots=tuple(slots), **kw)


def roster(*items, start: dt.date = MONDAY) -> Roster:
    """A roster from ``(day index or date, post_id, staff_id)`` triples."""
    out = []
    for d, p, s in items:
        date = day(d, start) if isinstance(d, int) else d
        out.append(Assignment(date, p, s))
    return Roster.of(out)


def rotate(problem: Problem, people: list[str] | None = None) -> Roster:
    """Fill every slot by cycling through ``people`` (default: all staff) in order."""
    ids = people or [s.staff_id for s in problem.staff]
    out = []
    k = 0
    for s in problem.slots:
        for _ in range(s.required):
            out.append(Assignment(s.date, s.post_id, ids[k % len(ids)]))
            k += 1
    return Roster.of(out)


def leave(staff_id: str, first: int, last: int, kind: str = "annual") -> Leave:
    """A leave from day index ``first`` to ``last`` (inclusive) of the default week."""
    return Leave(staff_id, day(first), day(last), kind)
