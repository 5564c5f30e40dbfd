"""Read a Curtois–Qu nurse-rostering instance into the township :class:`Problem`.

The benchmark is run on the *same* problem objects and rule functions as the township
roster, so this reader only translates: shift types become posts, employees staff, the
staff limits :class:`PersonLimits`, fixed days off leave, on/off requests weighted
requests and cover rows soft slots. Day 0 is a Monday (2024-01-01) and days are plain
workdays or weekends: the Chinese holiday calendar must not leak into a benchmark.

Bad input raises :class:`CurtoisFormatError` carrying every problem found with its line
number (1-based, as an editor shows it), so a user can fix the whole file in one pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from office.calendar import DAY_TYPES, Day
from office.i18n import t
from office.people import Leave, Staff
from scheduler.problem import PersonLimits, Post, Problem, Request, Rules, Slot

DAY0 = dt.date(2024, 1, 1)  # a Monday, as day 0 of every instance
SECTIONS = (
    "SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER",
)
LEVELS = ((("cover", 1), ("requests", 1)),)


@dataclass(frozen=True)
class FormatProblem:
    """One located problem: line number, catalogue key and its parameters."""

    line: int
    key: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "en") -> str:
        return t("bench.line", lang, line=self.line, msg=t(self.key, lang, **dict(self.params)))


class CurtoisFormatError(ValueError):
    """A malformed instance file; ``problems`` lists every problem, ``line`` the first."""

    def __init__(self, path: str, problems: list[FormatProblem]):
        self.path = path
        self.problems = tuple(problems)
        self.line = problems[0].line
        super().__init__(f"{path}: " + "; ".join(p.text("en") for p in problems))

    def text(self, lang: str = "en") -> str:
        """All problems in ``lang``, one per line, prefixed by the file name."""
        return "\n".join(f"{self.path}: {p.text(lang)}" for p in self.problems)


class _Lines:
    """Collects problems while parsing; a row that fails is skipped, parsing goes on."""

    def __init__(self) -> None:
        self.problems: list[FormatProblem] = []

    def bad(self, line: int, key: str, **params: object) -> None:
        self.problems.append(FormatProblem(line, key, tuple(params.items())))

    def int_(self, line: int, text: str, field: str, low: int = 0) -> int | None:
        try:
            value = int(text)
        except ValueError:
            self.bad(line, "bench.not_int", field=field, value=text)
            return None
        if value < low:
            self.bad(line, "bench.too_small", field=field, value=value, low=low)
            return None
        return value


def _sections(text: str, err: _Lines) -> dict[str, list[tuple[int, list[str]]]]:
    """Split into sections of (line number, comma fields); comments and blanks dropped."""
    out: dict[str, list[tuple[int, list[str]]]] = {}
    current = None
    expected = 0
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#"):
            continue
        if not line:
            current = None
            continue
        if line.startswith("SECTION_"):
            if expected < len(SECTIONS) and line == SECTIONS[expected]:
                current = line
                out[current] = []
                expected += 1
            else:
                want = SECTIONS[expected] if expected < len(SECTIONS) else "-"
                err.bad(no, "bench.bad_section", found=line, expected=want)
                current = None
            continue
        if current is None:
            err.bad(no, "bench.outside_section", text=line[:40])
            continue
        out[current].append((no, line.split(",")))
    for name in SECTIONS[expected:]:
        err.bad(len(text.splitlines()) or 1, "bench.missing_section", section=name)
    return out


def _fields(err: _Lines, no: int, fields: list[str], n: int, section: str) -> bool:
    if len(fields) != n:
        err.bad(no, "bench.field_count", section=section, expected=n, found=len(fields))
        return False
    return True


def parse_instance(text: str, name: str = "") -> Problem:
    """Parse the text of one instance; raise :class:`CurtoisFormatError` on any problem."""
    err = _Lines()
    sec = _sections(text, err)
    if err.problems:
        raise CurtoisFormatError(name, err.problems)

    horizon = sec["SECTION_HORIZON"]
    if len(horizon) != 1 or len(horizon[0][1]) != 1:
        no = horizon[0][0] if horizon else 1
        raise CurtoisFormatError(name, [FormatProblem(no, "bench.horizon")])
    horizon_len = err.int_(horizon[0][0], horizon[0][1][0], "horizon", low=1)
    if horizon_len is None:
        raise CurtoisFormatError(name, err.problems)
    dates = [DAY0 + dt.timedelta(days=i) for i in range(horizon_len)]
    days = tuple(Day(d, "weekend" if d.weekday() >= 5 else "workday") for d in dates)

    shifts: dict[str, tuple[int, list[str], int]] = {}
    for no, f in sec["SECTION_SHIFTS"]:
        if not _fields(err, no, f, 3, "SECTION_SHIFTS"):
            continue
        if f[0] in shifts or not f[0]:
            err.bad(no, "bench.duplicate", what="shift", id=f[0])
            continue
        length = err.int_(no, f[1], "LengthMinutes")
        shifts[f[0]] = (length or 0, [s for s in f[2].split("|") if s], no)
    for _, follow, no in shifts.values():
        for other in follow:
            if other not in shifts:
                err.bad(no, "bench.unknown_shift", id=other)

    staff: list[Staff] = []
    limits: list[tuple[str, PersonLimits]] = []
    for no, f in sec["SECTION_STAFF"]:
        if not _fields(err, no, f, 8, "SECTION_STAFF"):
            continue
        eid = f[0]
        if not eid or any(s.staff_id == eid for s in staff):
            err.bad(no, "bench.duplicate", what="employee", id=eid)
            continue
        caps: dict[str, int] = {}
        for item in (x for x in f[1].split("|") if x):
            key, _, val = item.partition("=")
            if key not in shifts:
                err.bad(no, "bench.unknown_shift", id=key)
                continue
            cap = err.int_(no, val, "MaxShifts")
            if cap is not None:
                caps[key] = cap
        missing = [s for s in shifts if s not in caps]
        if missing:
            err.bad(no, "bench.max_shifts_missing", ids="|".join(missing))
        names = ("MaxTotalMinutes", "MinTotalMinutes", "MaxConsecutiveShifts",
                 "MinConsecutiveShifts", "MinConsecutiveDaysOff", "MaxWeekends")
        vals = [err.int_(no, v, n) for v, n in zip(f[2:], names, strict=True)]
        if any(v is None for v in vals):
            continue
        staff.append(Staff(staff_id=eid, name=eid))
        limits.append((eid, PersonLimits(
            max_per_post=tuple(caps.items()), max_minutes=vals[0], min_minutes=vals[1],
            max_consecutive_days=vals[2], min_consecutive_days=vals[3],
            min_consecutive_days_off=vals[4], max_weekends=vals[5])))
    ids = {s.staff_id for s in staff}

    def day_of(no: int, text: str) -> dt.date | None:
        d = err.int_(no, text, "day")
        if d is not None and d >= horizon_len:
            err.bad(no, "bench.day_range", day=d, horizon=horizon_len)
            return None
        return None if d is None else dates[d]

    def who(no: int, eid: str) -> bool:
        if eid not in ids:
            err.bad(no, "bench.unknown_employee", id=eid)
            return False
        return True

    leave: list[Leave] = []
    for no, f in sec["SECTION_DAYS_OFF"]:
        if not who(no, f[0]):
            continue
        for text_day in (x for x in f[1:] if x):
            d = day_of(no, text_day)
            if d is not None:
                leave.append(Leave(f[0], d, d, "other"))

    requests: list[Request] = []
    for section, kind in (("SECTION_SHIFT_ON_REQUESTS", "want"),
                          ("SECTION_SHIFT_OFF_REQUESTS", "avoid")):
        for no, f in sec[section]:
            if not _fields(err, no, f, 4, section) or not who(no, f[0]):
                continue
            d, w = day_of(no, f[1]), err.int_(no, f[3], "Weight")
            if f[2] not in shifts:
                err.bad(no, "bench.unknown_shift", id=f[2])
            elif d is not None and w is not None:
                requests.append(Request(f[0], d, kind, f[2], w))

    slots: dict[tuple[dt.date, str], Slot] = {}
    for no, f in sec["SECTION_COVER"]:
        if not _fields(err, no, f, 5, "SECTION_COVER"):
            continue
        d = day_of(no, f[0])
        nums = [err.int_(no, v, n) for v, n in
                zip(f[2:], ("Requirement", "WeightUnder", "WeightOver"), strict=True)]
        if f[1] not in shifts:
            err.bad(no, "bench.unknown_shift", id=f[1])
        elif d is not None and None not in nums:
            if (d, f[1]) in slots:
                err.bad(no, "bench.duplicate", what="cover", id=f"{f[0]},{f[1]}")
            slots[(d, f[1])] = Slot(d, f[1], nums[0], nums[1], nums[2])
    cover_line = sec["SECTION_COVER"][0][0] if sec["SECTION_COVER"] else 1
    for d in dates:
        for sid in shifts:
            if (d, sid) not in slots:
                err.bad(cover_line, "bench.cover_missing", day=(d - DAY0).days, id=sid)
    if err.problems:
        raise CurtoisFormatError(name, err.problems)

    posts = tuple(
        Post(post_id=sid, name=sid, day_types=frozenset(DAY_TYPES),
             headcount=max((s.required for s in slots.values() if s.post_id == sid), default=0),
             minutes=length, cannot_follow=frozenset(follow))
        for sid, (length, follow, _) in shifts.items())
    return Problem(
        days=days, staff=tuple(staff), posts=posts, slots=tuple(slots.values()),
        leave=tuple(leave), requests=tuple(requests), limits=tuple(limits),
        rules=Rules(fairness=False), levels=LEVELS, name=name)


def read_instance(path: str | Path) -> Problem:
    """Read one instance file; the problem's ``name`` is the file stem (e.g. ``Instance1``)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="ascii", errors="strict")
    except UnicodeDecodeError as exc:
        line = p.read_bytes()[: exc.start].count(b"\n") + 1
        raise CurtoisFormatError(str(p), [FormatProblem(line, "bench.not_ascii")]) from None
    try:
        return parse_instance(text, p.stem)
    except CurtoisFormatError as exc:
        raise CurtoisFormatError(str(p), list(exc.problems)) from None


def day_index(problem: Problem, date: dt.date) -> int:
    """0-based day index of ``date`` (the benchmark's own day numbering)."""
    return (date - problem.days[0].date).days
