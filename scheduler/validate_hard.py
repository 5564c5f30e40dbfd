"""Hard rules about single duties, pairs of days and slots: one small function per rule.

Each function takes the roster :class:`~scheduler.validate_facts.Facts` and a
:class:`~scheduler.validate_facts.Scope` and returns the broken instances as
:class:`~scheduler.problem.Finding` objects whose ``rule`` is the key of
``docs/ROSTER_RULES.md``; ``params`` carry what a person needs to see why (the limit and the
actual count, the other date...). The rules over whole runs and periods are in
:mod:`scheduler.validate_periods`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .problem import Finding
from .validate_facts import Facts, Scope

ONE_DAY = dt.timedelta(days=1)


def structure(f: Facts, scope: Scope) -> list[Finding]:
    """Entries of a hand-edited roster that name an unknown date, post or person."""
    out = []
    p = f.problem
    for a in f.stray:
        if not scope.has_person(a.staff_id) and not scope.has_slot((a.date, a.post_id)):
            continue
        who = (a.staff_id,)
        if a.date not in f.days:
            out.append(Finding("outside_horizon", a.date, a.post_id, who,
                               (("start", p.start), ("end", p.end))))
        if a.post_id not in f.posts:
            out.append(Finding("unknown_post", a.date, a.post_id, who))
        if a.staff_id not in f.staff:
            out.append(Finding("unknown_staff", a.date, a.post_id, who))
    return out


def cover(f: Facts, scope: Scope) -> list[Finding]:
    """Each slot gets exactly ``required`` people; softened sides are terms, not violations."""
    out = []
    slot_cells = set()
    for s in f.problem.slots:
        cell = (s.date, s.post_id)
        slot_cells.add(cell)
        if not scope.has_slot(cell):
            continue
        on = f.by_cell.get(cell, ())
        n = len(on)
        under_ok = f.allow_gaps or s.weight_under is not None
        if (n < s.required and not under_ok) or (n > s.required and s.weight_over is None):
            out.append(Finding("cover", s.date, s.post_id, on,
                               (("required", s.required), ("actual", n))))
    for cell, on in sorted(f.by_cell.items()):
        if on and cell not in slot_cells and scope.has_slot(cell):
            out.append(Finding("cover", cell[0], cell[1], on,
                               (("required", 0), ("actual", len(on)))))
    return out


def qualification(f: Facts, scope: Scope) -> list[Finding]:
    """A post with a required tag only for people who hold it."""
    out = []
    for i in f.people_in(scope):
        have = f.staff[i].qualifications
        for d, p in f.by_person.get(i, ()):
            need = f.posts[p].qualification
            if need and need not in have:
                out.append(Finding("qualification", d, p, (i,), (("qualification", need),)))
    return out


def active(f: Facts, scope: Scope) -> list[Finding]:
    """Only on days the person belongs to the office (ends inclusive)."""
    out = []
    for i in f.people_in(scope):
        s = f.staff[i]
        for d, p in f.by_person.get(i, ()):
            if not s.is_active(d):
                out.append(Finding("active", d, p, (i,),
                                   (("active_from", s.active_from), ("active_to", s.active_to))))
    return out


def leave(f: Facts, scope: Scope) -> list[Finding]:
    """Never on a day one of the person's leaves covers."""
    out = []
    for i in f.people_in(scope):
        leaves = f.leave.get(i, ())
        for d, p in f.by_person.get(i, ()):
            lv = next((lv for lv in leaves if lv.covers(d)), None)
            if lv is not None:
                out.append(Finding("leave", d, p, (i,), (
                    ("leave_kind", lv.kind), ("start", lv.start), ("end", lv.end))))
    return out


def one_per_day(f: Facts, scope: Scope) -> list[Finding]:
    """At most one duty per person per day."""
    out = []
    for i in f.people_in(scope):
        posts: dict[dt.date, list[str]] = defaultdict(list)
        for d, p in f.by_person.get(i, ()):
            posts[d].append(p)
        for d, ps in sorted(posts.items()):
            if len(ps) > 1:
                out.append(Finding("one_per_day", d, "", (i,),
                                   (("actual", len(ps)), ("posts", tuple(ps)))))
    return out


def rest_after(f: Facts, scope: Scope) -> list[Finding]:
    """No duty in the ``rest_days_after`` days after a post (history's last duty counts)."""
    out = []
    longest = max((p.rest_days_after for p in f.problem.posts), default=0)
    for i in f.people_in(scope):
        mine = f.by_person.get(i, ())
        before = [(d, p, f.posts[p].rest_days_after) for d, p in mine]
        h = f.history.get(i)
        if h is not None and h.last_duty is not None and longest > 0:
            before.append((h.last_duty, "", longest))
        on_day = _posts_by_day(mine)
        for d0, p0, rest in before:
            for k in range(1, rest + 1):
                d = d0 + k * ONE_DAY
                out.extend(Finding("rest_after", d, p, (i,), (
                    ("other_date", d0), ("other_post", p0), ("limit", rest)))
                    for p in on_day.get(d, ()))
    return out


def _posts_by_day(cells) -> dict[dt.date, list[str]]:
    """Date -> the posts worked that day (looked up instead of scanning all duties)."""
    out: dict[dt.date, list[str]] = defaultdict(list)
    for d, p in cells:
        out[d].append(p)
    return out


def min_gap(f: Facts, scope: Scope) -> list[Finding]:
    """At least ``min_gap_days`` free days between two duty days (history's last duty too)."""
    gap = f.problem.rules.min_gap_days
    out: list[Finding] = []
    if gap <= 0:
        return out
    for i in f.people_in(scope):
        dates = f.duty_dates(i)
        pairs = list(zip(dates, dates[1:], strict=False))
        h = f.history.get(i)
        if h is not None and h.last_duty is not None:
            pairs = [(h.last_duty, d) for d in dates if h.last_duty < d][:1] + pairs
        for d1, d2 in pairs:
            free = (d2 - d1).days - 1
            if free < gap:
                out.append(Finding("min_gap", d2, "", (i,), (
                    ("other_date", d1), ("limit", gap), ("actual", free))))
    return out


def pin(f: Facts, scope: Scope) -> list[Finding]:
    """Every duty fixed in advance is in the roster."""
    out = []
    for pn in f.problem.pins:
        cell = (pn.date, pn.post_id)
        if not (scope.has_person(pn.staff_id) or scope.has_slot(cell)):
            continue
        if pn.staff_id not in f.by_cell.get(cell, ()):
            out.append(Finding("pin", pn.date, pn.post_id, (pn.staff_id,)))
    return out


def never_together(f: Facts, scope: Scope) -> list[Finding]:
    """The two people of a pair are never on duty the same day."""
    out = []
    for a, b in f.problem.rules.never_together:
        if not (scope.has_person(a) or scope.has_person(b)):
            continue
        both = set(f.duty_dates(a)) & set(f.duty_dates(b))
        out.extend(Finding("never_together", d, "", (a, b)) for d in sorted(both))
    return out


def cannot_follow(f: Facts, scope: Scope) -> list[Finding]:
    """A post listed in ``p.cannot_follow`` may not be worked the day after ``p``."""
    out = []
    for i in f.people_in(scope):
        mine = f.by_person.get(i, ())
        on_day = _posts_by_day(mine)
        for d, p in mine:
            banned = f.posts[p].cannot_follow
            out.extend(Finding("cannot_follow", d + ONE_DAY, q, (i,),
                               (("other_date", d), ("other_post", p)))
                       for q in on_day.get(d + ONE_DAY, ()) if q in banned)
    return out
