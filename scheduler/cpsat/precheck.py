"""Pre-checks that name obvious conflicts without a solver.

They catch the cases a director meets most (a slot nobody can take, pins that break a cap or
each other) in milliseconds, and name them more directly than a solver core would: the slot,
the people who could take it, and why everybody else is excluded.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from ..problem import Finding, Pin, Problem, SolveParams
from .eligibility import Facts, why_not

ONE = dt.timedelta(days=1)


def slot_shortages(problem: Problem, params: SolveParams) -> list[Finding]:
    """Slots whose hard cover needs more people than are eligible at all."""
    facts = Facts.of(problem)
    posts = problem.post_by_id()
    out = []
    for slot in problem.slots:
        if params.allow_gaps or slot.weight_under is not None or slot.post_id not in posts:
            continue
        p = posts[slot.post_id]
        ok, reasons = [], defaultdict(list)
        for s in problem.staff:
            why = why_not(facts, s, slot.date, p)
            if why is None:
                ok.append(s.staff_id)
            else:
                reasons[why].append(s.staff_id)
        if len(ok) < slot.required:
            out.append(Finding(
                "cover", slot.date, slot.post_id, tuple(ok),
                (("required", slot.required), ("actual", len(ok)),
                 ("excluded", tuple((k, tuple(v)) for k, v in reasons.items())))))
    return out


def pin_conflicts(problem: Problem, params: SolveParams) -> list[Finding]:
    """Pins that break a rule on their own, with each other, or against a cap."""
    facts = Facts.of(problem)
    staff, posts = problem.staff_by_id(), problem.post_by_id()
    rules = problem.rules
    out: list[Finding] = []
    by_person: dict[str, list[Pin]] = defaultdict(list)
    for pin in sorted(set(problem.pins), key=lambda q: (q.date, q.post_id, q.staff_id)):
        s, p = staff.get(pin.staff_id), posts.get(pin.post_id)
        why = "cover" if s is None or p is None else why_not(facts, s, pin.date, p)
        if why is not None:
            out.append(Finding(why, pin.date, pin.post_id, (pin.staff_id,), (("pin", True),)))
        else:
            by_person[pin.staff_id].append(pin)
    per_slot = Counter((pin.date, pin.post_id) for pin in set(problem.pins))
    for slot in problem.slots:
        if slot.weight_over is None and per_slot[(slot.date, slot.post_id)] > slot.required:
            ids = tuple(sorted(pn.staff_id for pn in set(problem.pins)
                               if (pn.date, pn.post_id) == (slot.date, slot.post_id)))
            out.append(Finding("cover", slot.date, slot.post_id, ids,
                               (("required", slot.required), ("actual", len(ids)))))
    hist = problem.history_by_id()
    rmax = max((p.rest_days_after for p in problem.posts), default=0)
    for sid, pins in by_person.items():
        out += _pairwise(sid, pins, posts, rules.min_gap_days)
        last = hist.get(sid).last_duty if sid in hist else None
        for pin in pins:
            if last is not None and 0 < (pin.date - last).days <= rmax:
                out.append(Finding("rest_after", pin.date, pin.post_id, (sid,),
                                   (("limit", rmax), ("other_date", last))))
            elif last is not None and 0 < (pin.date - last).days - 1 < rules.min_gap_days:
                out.append(Finding("min_gap", pin.date, pin.post_id, (sid,),
                                   (("limit", rules.min_gap_days), ("other_date", last),
                                    ("actual", (pin.date - last).days - 1))))
        out += _caps(problem, sid, pins)
    out += _never_together(problem, by_person)
    return out


def _pairwise(sid: str, pins: list[Pin], posts, gap: int) -> list[Finding]:
    """Two pins of one person: same day, inside a rest period, or closer than the gap."""
    out = []
    for k, a in enumerate(pins):
        for b in pins[k + 1:]:
            days = (b.date - a.date).days
            if days == 0:
                out.append(Finding("one_per_day", a.date, "", (sid,),
                                   (("actual", 2), ("posts", (a.post_id, b.post_id)))))
            elif days <= posts[a.post_id].rest_days_after:
                out.append(Finding("rest_after", b.date, b.post_id, (sid,),
                                   (("limit", posts[a.post_id].rest_days_after),
                                    ("other_date", a.date), ("other_post", a.post_id))))
            elif days - 1 < gap:
                out.append(Finding("min_gap", b.date, b.post_id, (sid,),
                                   (("limit", gap), ("other_date", a.date),
                                    ("actual", days - 1))))
    return out


def _caps(problem: Problem, sid: str, pins: list[Pin]) -> list[Finding]:
    """More pins in a week or month than the cap allows."""
    rules = problem.rules
    days = problem.day_by_date()
    out = []
    checks = (
        ("max_per_week", rules.max_duties_per_week, lambda d: tuple(d.isocalendar()[:2]),
         lambda d: True, "week"),
        ("max_per_month", rules.max_duties_per_month, lambda d: (d.year, d.month),
         lambda d: True, "month"),
        ("max_weekend_holiday_per_month", rules.max_weekend_holiday_duties_per_month,
         lambda d: (d.year, d.month),
         lambda d: d in days and days[d].is_weekend_or_holiday, "month"),
    )
    for rule, cap, bucket, ok, label in checks:
        if cap is None:
            continue
        groups: dict[tuple, list[Pin]] = defaultdict(list)
        for pin in pins:
            if ok(pin.date):
                groups[bucket(pin.date)].append(pin)
        for b, group in groups.items():
            if len(group) > cap:
                name = f"{b[0]:04d}-W{b[1]:02d}" if label == "week" else f"{b[0]:04d}-{b[1]:02d}"
                out.append(Finding(rule, group[0].date, "", (sid,),
                                   (("limit", cap), ("actual", len(group)), (label, name))))
    for post_id, n in problem.limits_of(sid).max_per_post:
        k = sum(1 for pin in pins if pin.post_id == post_id)
        if 0 < n < k:
            out.append(Finding("max_per_post", None, post_id, (sid,),
                               (("limit", n), ("actual", k))))
    return out


def _never_together(problem: Problem, by_person: dict[str, list[Pin]]) -> list[Finding]:
    """Both people of a never-together pair pinned on the same day."""
    out = []
    for a, b in problem.rules.never_together:
        days_a = {pin.date for pin in by_person.get(a, [])}
        for d in sorted(days_a & {pin.date for pin in by_person.get(b, [])}):
            out.append(Finding("never_together", d, "", (a, b)))
    return out


def prechecks(problem: Problem, params: SolveParams) -> list[Finding]:
    """All conflicts found without a solver (each one alone makes the problem infeasible).

    The capacity check runs only when the simpler ones pass, since a short slot or a bad
    pin also shows up as a capacity shortage and would only repeat the same news.
    """
    from .capacity import capacity_shortages

    found = pin_conflicts(problem, params) + slot_shortages(problem, params)
    return found or capacity_shortages(problem, params)
