"""The Chinese working calendar: weekends, official holidays and adjusted working days (调休).

Official data comes from the ``holidays`` package; a scenario's ``calendar`` sheet overrides it
day by day, because next year's schedule is published late and users must be able to type it in.
A day inside an official holiday block (a run of consecutive non-working days that contains an
official holiday) is a ``holiday`` even if it falls on a weekend, and the whole block carries the
festival's name so that rotation rules ("who worked Spring Festival last year") cover all of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays as _holidays

DAY_TYPES = ("workday", "weekend", "holiday")
ONE_DAY = dt.timedelta(days=1)

# Canonical festival keys and the names by which the package or a user may call them.
FESTIVAL_ALIASES: dict[str, tuple[str, ...]] = {
    "new_year": ("元旦", "new year's day", "new year"),
    "spring": ("春节", "spring festival", "chinese new year", "农历除夕", "除夕"),
    "qingming": ("清明节", "清明", "qingming", "tomb-sweeping day", "tomb-sweeping"),
    "labour": ("劳动节", "labour day", "labor day", "五一"),
    "dragon_boat": ("端午节", "端午", "dragon boat festival", "dragon boat"),
    "mid_autumn": ("中秋节", "中秋", "mid-autumn festival", "mid-autumn"),
    "national": ("国庆节", "国庆", "national day"),
}


def festival_key(name: str | None) -> str | None:
    """Map a holiday name (Chinese or English, package or user spelling) to a festival key.

    Unknown names are kept as their own key (a user-defined festival such as a local one),
    so rotation still works for them.
    """
    if not name:
        return None
    low = name.strip().lower()
    for key, aliases in FESTIVAL_ALIASES.items():
        if any(low == a or low.startswith(a) for a in aliases):
            return key
    if low.startswith("day off") or low.startswith("休息日"):
        return None
    return name.strip()


@dataclass(frozen=True)
class Day:
    """One calendar day of a horizon with its type and, in a holiday block, the festival."""

    date: dt.date
    day_type: str
    holiday_name: str = ""
    festival: str | None = None
    adjusted_workday: bool = False

    @property
    def is_weekend_or_holiday(self) -> bool:
        """Weekend and holiday duties are balanced together, so one test serves both."""
        return self.day_type in ("weekend", "holiday")


@dataclass(frozen=True)
class CalendarOverride:
    """A user's override of one day (from the ``calendar`` sheet)."""

    date: dt.date
    day_type: str
    holiday_name: str = ""


def _official(years: range) -> tuple[dict[dt.date, str], set[dt.date]]:
    """Official holidays (date -> English name) and adjusted working days for ``years``."""
    cn = _holidays.China(years=list(years), language="en_US")
    offs = {d: str(n) for d, n in cn.items()}
    workdays = {d for d in getattr(cn, "weekend_workdays", set()) if d.year in years}
    return offs, workdays


def unpublished_years(start: dt.date, end: dt.date, overrides=()) -> list[int]:
    """Years of the horizon for which neither the package nor the overrides know 调休 days.

    The package lists adjusted working days only for years whose schedule is published; a
    year without any is almost surely not yet known, and planning it silently with plain
    weekends would be wrong around Spring Festival, so callers turn this into a warning.
    """
    years = range(start.year, end.year + 1)
    _, workdays = _official(years)
    known = {d.year for d in workdays} | {o.date.year for o in overrides}
    return [y for y in years if y not in known]


def build_calendar(
    start: dt.date, end: dt.date, overrides: tuple[CalendarOverride, ...] | list = ()
) -> tuple[Day, ...]:
    """Classify every day from ``start`` to ``end`` (inclusive).

    Holiday blocks are found on a range padded by two weeks each side, so a block that starts
    before the horizon still makes its in-horizon weekend days holidays.
    """
    pad = dt.timedelta(days=14)
    lo, hi = start - pad, end + pad
    offs, workdays = _official(range(lo.year, hi.year + 1))
    by_date = {o.date: o for o in overrides}

    kind: dict[dt.date, str] = {}
    names: dict[dt.date, str] = {}
    d = lo
    while d <= hi:
        if d in by_date:
            o = by_date[d]
            kind[d] = o.day_type
            names[d] = o.holiday_name or ("" if o.day_type != "holiday" else offs.get(d, ""))
        elif d in workdays:
            kind[d] = "workday"
        elif d in offs:
            kind[d] = "holiday"
            names[d] = offs[d]
        else:
            kind[d] = "weekend" if d.weekday() >= 5 else "workday"
        d += ONE_DAY

    # Promote whole blocks of non-working days that contain a holiday.
    festival: dict[dt.date, str | None] = {}
    d = lo
    while d <= hi:
        if kind[d] == "workday":
            d += ONE_DAY
            continue
        block = []
        while d <= hi and kind[d] != "workday":
            block.append(d)
            d += ONE_DAY
        holidays_in = [b for b in block if kind[b] == "holiday"]
        if not holidays_in:
            continue
        keys = [festival_key(names.get(b)) for b in holidays_in]
        fest = next((k for k in keys if k), None)
        label = next((names[b] for b in holidays_in if festival_key(names.get(b))), "")
        for b in block:
            kind[b] = "holiday"
            festival[b] = fest
            names.setdefault(b, label)
            if not names[b]:
                names[b] = label

    days = []
    d = start
    while d <= end:
        days.append(
            Day(
                date=d,
                day_type=kind[d],
                holiday_name=names.get(d, "") if kind[d] == "holiday" else "",
                festival=festival.get(d) if kind[d] == "holiday" else None,
                adjusted_workday=kind[d] == "workday" and d.weekday() >= 5,
            )
        )
        d += ONE_DAY
    return tuple(days)
