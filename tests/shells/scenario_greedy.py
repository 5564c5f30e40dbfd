"""A plain greedy roster builder, used only to prove the sample scenario is feasible.

The CP-SAT model is developed separately; this independent, solver-free construction shows
that the sample's hard rules (cover, qualification, active, leave, one duty a day, rest after,
minimum gap incl. history, monthly caps, pins, never-together) leave room for a full roster.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from scheduler.problem import Problem


def greedy_roster(problem: Problem) -> tuple[dict[tuple[dt.date, str], list[str]], list]:
    """Fill every slot day by day; return assignments and the slots it could not fill."""
    staff, posts, days = problem.staff_by_id(), problem.post_by_id(), problem.day_by_date()
    rules, hist = problem.rules, problem.history_by_id()
    max_rest = max((p.rest_days_after for p in problem.posts), default=0)
    duties: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)  # date, rest after
    for sid, h in hist.items():
        if h.last_duty:
            duties[sid].append((h.last_duty, max_rest))
    partners = defaultdict(set)
    for a, b in rules.never_together:
        partners[a].add(b)
        partners[b].add(a)
    working: dict[dt.date, set[str]] = defaultdict(set)
    out: dict[tuple[dt.date, str], list[str]] = defaultdict(list)

    def legal(sid: str, day: dt.date, pid: str) -> bool:
        person, post = staff[sid], posts[pid]
        if post.qualification and post.qualification not in person.qualifications:
            return False
        if not person.is_active(day) or sid in working[day]:
            return False
        if any(lv.staff_id == sid and lv.covers(day) for lv in problem.leave):
            return False
        if partners[sid] & working[day]:
            return False
        month = [d for d, _ in duties[sid] if (d.year, d.month) == (day.year, day.month)
                 and d in days]
        if rules.max_duties_per_month is not None and len(month) >= rules.max_duties_per_month:
            return False
        weh = [d for d in month if days[d].is_weekend_or_holiday]
        cap = rules.max_weekend_holiday_duties_per_month
        if days[day].is_weekend_or_holiday and cap is not None and len(weh) >= cap:
            return False
        for d, rest in duties[sid]:
            gap = abs((day - d).days) - 1
            if gap < rules.min_gap_days:
                return False
            if d < day and (day - d).days <= rest:
                return False
            if d > day and (d - day).days <= post.rest_days_after:
                return False
        return True

    def place(sid: str, day: dt.date, pid: str) -> None:
        duties[sid].append((day, posts[pid].rest_days_after))
        working[day].add(sid)
        out[(day, pid)].append(sid)

    for pin in problem.pins:
        place(pin.staff_id, pin.date, pin.post_id)
    missing = []
    order = sorted(problem.slots, key=lambda s: (s.date, -len(posts[s.post_id].day_types)))
    for slot in order:
        need = slot.required - len(out[(slot.date, slot.post_id)])
        for _ in range(need):
            cands = [s for s in staff if legal(s, slot.date, slot.post_id)]
            if not cands:
                missing.append(slot)
                break
            cands.sort(key=lambda s: (len([d for d, _ in duties[s] if d in days]),
                                      max((d for d, _ in duties[s]), default=dt.date.min), s))
            place(cands[0], slot.date, slot.post_id)
    return dict(out), missing
