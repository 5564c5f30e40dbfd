"""Checks of the sheets that define things: staff, posts, horizon and calendar overrides.

Each function reads every row, records every problem, and returns the objects of the rows
that are fully valid together with *all* ids seen, so that a staff row with, say, a bad
``fte`` does not also make every leave of that person "unknown" — one mistake, one message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from office.calendar import DAY_TYPES, CalendarOverride
from office.people import RANKS, Staff
from scheduler.problem import PersonLimits, Post

from .scenario_cells import Row, SheetView, split_items

DAY_TYPE_ALIASES = {"工作日": "workday", "周末": "weekend", "节假日": "holiday", "假日": "holiday"}
MAX_HORIZON_DAYS = 1100
"""Three years: a longer horizon is almost surely a typo in a year (2062 for 2026)."""
YEARS = (1950, 2200)
"""Plausible planning years; far outside, the calendar cannot be built (and it is a typo)."""
LIMIT_COLUMNS = ("max_consecutive_days", "min_consecutive_days", "min_consecutive_days_off",
                 "max_weekends", "min_minutes", "max_minutes")


@dataclass
class StaffSheet:
    """Valid staff, every id seen, per-person limits, and ``max_per_post`` cells to check."""

    staff: dict[str, Staff] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    limits: dict[str, PersonLimits] = field(default_factory=dict)
    per_post: list[tuple[int, str, str]] = field(default_factory=list)  # (row, staff_id, post)


@dataclass
class PostSheet:
    """Valid posts, every id seen, and ``cannot_follow`` references to check."""

    posts: dict[str, Post] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    rows: dict[str, int] = field(default_factory=dict)


def _unique_id(row: Row, column: str, seen: dict[str, int]) -> str:
    """Read an id and report it if an earlier row already used it."""
    value = row.text(column, required=True)
    if value and value in seen:
        row.error(column, "reader.duplicate_id", value=value, first=seen[value])
    elif value:
        seen[value] = row.number
    return value


def _per_post(row: Row, out: StaffSheet, staff_id: str) -> tuple[tuple[str, int], ...]:
    """Parse ``POST=n;POST=n``; each n is the most duties of that post over the horizon."""
    pairs: list[tuple[str, int]] = []
    for item in row.items("max_per_post"):
        post, sep, count = item.replace("＝", "=").partition("=")
        post, count = post.strip(), count.strip()
        if not sep or not post or not count.isdigit():
            row.error("max_per_post", "reader.bad_max_per_post", value=item)
            continue
        pairs.append((post, int(count)))
        out.per_post.append((row.number, staff_id, post))
    return tuple(pairs)


def read_staff(view: SheetView) -> StaffSheet:
    """Staff rows to :class:`Staff`; optional limit columns to :class:`PersonLimits`."""
    out = StaffSheet()
    if not view.require("staff_id", "name"):
        return out
    seen: dict[str, int] = {}
    for row in view.rows():
        sid = _unique_id(row, "staff_id", seen)
        if sid:
            out.ids.add(sid)
        name = row.text("name", required=True)
        rank = row.text("rank").lower()
        if rank and rank not in RANKS:
            row.warn("rank", "reader.unknown_rank", value=rank, known=", ".join(RANKS))
        fte = row.fraction("fte", Fraction(1))
        if fte is not None and not 0 < fte <= 1:
            row.error("fte", "reader.fte_range", value=row.text("fte"))
        start, end = row.date("active_from"), row.date("active_to")
        if start and end and end < start:
            row.error("active_to", "reader.end_before_start", start=start.isoformat(),
                      end=end.isoformat())
        lim = {c: row.integer(c) for c in LIMIT_COLUMNS}
        if lim["min_minutes"] is not None and lim["max_minutes"] is not None \
                and lim["min_minutes"] > lim["max_minutes"]:
            row.error("min_minutes", "reader.min_above_max", low=lim["min_minutes"],
                      high=lim["max_minutes"])
        per_post = _per_post(row, out, sid)
        if not row.ok or sid in out.staff:
            continue
        out.staff[sid] = Staff(
            staff_id=sid, name=name, department=row.text("department"), rank=rank,
            fairness_group=row.text("fairness_group"),
            qualifications=frozenset(row.items("qualifications")), fte=fte,
            active_from=start, active_to=end, phone=row.text("phone"),
            category=row.text("category"), post=row.text("post"),
        )
        if per_post or any(v is not None for v in lim.values()):
            out.limits[sid] = PersonLimits(max_per_post=per_post, **lim)
    if not seen:
        view.add(None, "", "reader.no_rows")
    return out


def _day_types(row: Row) -> frozenset[str]:
    items = [DAY_TYPE_ALIASES.get(i, i.lower()) for i in row.items("day_types")]
    if not items:
        row.error("day_types", "reader.required_value", column="day_types")
    for item in items:
        if item not in DAY_TYPES:
            row.error("day_types", "reader.bad_day_type", value=item, known=", ".join(DAY_TYPES))
    return frozenset(items)


def _minutes(row: Row) -> int | None:
    """Duty length: ``minutes`` if given, else ``hours`` × 60, else 0 (unknown length)."""
    if row.raw("minutes") is not None:
        return row.integer("minutes")
    hours = row.decimal("hours", minimum=0)
    return 0 if hours is None else int(round(hours * 60))


def read_posts(view: SheetView) -> PostSheet:
    """Post rows to :class:`Post`; ``cannot_follow`` names are checked against all post ids."""
    out = PostSheet()
    if not view.require("post_id", "name", "day_types", "headcount"):
        return out
    seen: dict[str, int] = {}
    follows: list[tuple[Row, str]] = []
    for row in view.rows():
        pid = _unique_id(row, "post_id", seen)
        if pid:
            out.ids.add(pid)
        name = row.text("name", required=True)
        day_types = _day_types(row)
        headcount = row.integer("headcount", required=True)
        start = row.time("start")
        minutes = _minutes(row)
        points = row.points100("points", default=100)
        rest = row.integer("rest_days_after", default=0)
        cannot = frozenset(row.items("cannot_follow"))
        follows.extend((row, c) for c in sorted(cannot))
        if not row.ok or pid in out.posts:
            continue
        out.rows[pid] = row.number
        out.posts[pid] = Post(
            post_id=pid, name=name, day_types=day_types, headcount=headcount,
            qualification=row.text("qualification"), start=start, minutes=minutes or 0,
            points100=points, rest_days_after=rest, cannot_follow=cannot,
        )
    for row, other in follows:
        if other not in out.ids:
            row.error("cannot_follow", "reader.unknown_post", value=other)
    if not seen:
        view.add(None, "", "reader.no_rows")
    return out


def read_horizon(view: SheetView) -> tuple[dt.date, dt.date] | None:
    """The planning period from the sheet's single row, both ends inclusive."""
    if not view.require("start", "end"):
        return None
    rows = list(view.rows())
    if not rows:
        view.add(None, "", "reader.no_rows")
        return None
    for extra in rows[1:]:
        extra.error("", "reader.horizon_one_row")
    row = rows[0]
    start, end = row.date("start", required=True), row.date("end", required=True)
    if start and end and end < start:
        row.error("end", "reader.end_before_start", start=start.isoformat(), end=end.isoformat())
    elif start and end and not (YEARS[0] <= start.year and end.year <= YEARS[1]):
        row.error("start", "reader.horizon_years", low=YEARS[0], high=YEARS[1])
    elif start and end and (end - start).days + 1 > MAX_HORIZON_DAYS:
        row.error("end", "reader.horizon_too_long", days=(end - start).days + 1,
                  most=MAX_HORIZON_DAYS)
    return (start, end) if row.ok and all(r.ok for r in rows) else None


def read_calendar(view: SheetView | None) -> list[CalendarOverride]:
    """User overrides of the official calendar (one row per date)."""
    if view is None or not view.require("date", "day_type"):
        return []
    out: list[CalendarOverride] = []
    seen: dict[str, int] = {}
    for row in view.rows():
        day = row.date("date", required=True)
        if day is not None:
            if day.isoformat() in seen:
                row.error("date", "reader.duplicate_id", value=day.isoformat(),
                          first=seen[day.isoformat()])
            seen.setdefault(day.isoformat(), row.number)
        kind = row.text("day_type", required=True)
        kind = DAY_TYPE_ALIASES.get(kind, kind.lower())
        if kind and kind not in DAY_TYPES:
            row.error("day_type", "reader.bad_day_type", value=kind, known=", ".join(DAY_TYPES))
        if row.ok:
            out.append(CalendarOverride(day, kind, row.text("holiday_name")))
    return out


__all__ = ["PostSheet", "StaffSheet", "read_calendar", "read_horizon", "read_posts",
           "read_staff", "split_items"]
