"""People of the office: staff members and their leave.

These are frozen, validated value objects. Readers (shells) build them from sheets;
both cores only read them, so a roster and an appraisal agree on who is active when.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

RANKS = ("leader", "cadre", "worker")
LEAVE_KINDS = ("annual", "sick", "trip", "training", "other")


@dataclass(frozen=True)
class Staff:
    """One staff member.

    ``fte`` is a Fraction in (0, 1] so that fair shares stay exact; ``fairness_group``
    defaults to the rank, so leaders are compared with leaders.
    """

    staff_id: str
    name: str
    department: str = ""
    rank: str = ""
    fairness_group: str = ""
    qualifications: frozenset[str] = field(default_factory=frozenset)
    fte: Fraction = Fraction(1)
    active_from: dt.date | None = None
    active_to: dt.date | None = None
    phone: str = ""
    category: str = ""
    post: str = ""

    def __post_init__(self) -> None:
        if not self.staff_id:
            raise ValueError("staff_id must not be empty")
        if not (0 < self.fte <= 1):
            raise ValueError(f"fte of {self.staff_id} must be in (0, 1], got {self.fte}")
        if self.active_from and self.active_to and self.active_to < self.active_from:
            raise ValueError(f"active_to before active_from for {self.staff_id}")

    @property
    def group(self) -> str:
        """The fairness group: explicit ``fairness_group`` or else the rank."""
        return self.fairness_group or self.rank

    def is_active(self, day: dt.date) -> bool:
        """Whether the person belongs to the office on ``day`` (both ends inclusive)."""
        if self.active_from and day < self.active_from:
            return False
        return not (self.active_to and day > self.active_to)


@dataclass(frozen=True)
class Leave:
    """A leave period, both ends inclusive."""

    staff_id: str
    start: dt.date
    end: dt.date
    kind: str = "other"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"leave of {self.staff_id} ends before it starts")

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside this leave."""
        return self.start <= day <= self.end


def days_on_leave(leaves: tuple[Leave, ...] | list[Leave], staff_id: str) -> set[dt.date]:
    """All dates on which ``staff_id`` is on leave (used for availability and validation)."""
    out: set[dt.date] = set()
    for lv in leaves:
        if lv.staff_id != staff_id:
            continue
        d = lv.start
        while d <= lv.end:
            out.add(d)
            d += dt.timedelta(days=1)
    return out
