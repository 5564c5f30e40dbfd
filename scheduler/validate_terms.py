"""Objective terms recomputed from a roster, exactly: one small function per term key.

Each function returns the term's value (a ``Fraction``) and the instances that make it up
(unmet wishes, close pairs, festival duties, changes, uncovered places) as findings, so the
CLI and the UI can say *which* wish was not met, not only how many. Fairness figures come
from :mod:`scheduler.fairness`, the definition the CP model shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from office.calendar import festival_key

from .fairness import duty_counts, duty_loads, shares, weights
from .problem import Finding, Roster
from .validate_facts import Facts, Scope

EVERYONE = Scope()

TermValue = tuple[Fraction, tuple[Finding, ...]]


@dataclass(frozen=True)
class Fairness:
    """Per-person fairness figures of one roster (shares ``None`` for people with w = 0)."""

    weight: dict[str, Fraction]
    load: dict[str, Fraction]
    share: dict[str, Fraction]
    counts: dict[str, dict[str, int]]
    share_weekend_holiday: dict[str, Fraction]
    share_night: dict[str, Fraction]


def fairness_of(f: Facts) -> Fairness:
    """Loads, counts and shares of the known part of the roster."""
    p = f.problem
    roster = f.known_roster()
    load = duty_loads(p, roster)
    counts = duty_counts(p, roster)
    wh = {i: Fraction(c["weekend_holiday"]) for i, c in counts.items()}
    night = {i: Fraction(c["night"]) for i, c in counts.items()}
    return Fairness(weights(p), load, shares(p, load), counts, shares(p, wh), shares(p, night))


def cover(f: Facts, fair: Fairness, reference: Roster | None) -> TermValue:
    """Σ over slots of weight_under·under + weight_over·over (under weight 1 by default)."""
    total = Fraction(0)
    found = []
    for s in f.problem.slots:
        n = len(f.by_cell.get((s.date, s.post_id), ()))
        under, over = max(0, s.required - n), max(0, n - s.required)
        cost = under * (1 if s.weight_under is None else s.weight_under)
        cost += over * (s.weight_over or 0)
        if cost:
            total += cost
            found.append(Finding("cover", s.date, s.post_id, f.by_cell.get((s.date, s.post_id), ()),
                                 (("required", s.required), ("actual", n))))
    return total, tuple(found)


def _deviation_finding(rule: str, i: str, value: Fraction, share: Fraction, count: bool):
    first = ("count", int(value)) if count else ("load", value)
    return Finding(rule, None, "", (i,), (first, ("share", share), ("deviation", value - share)))


def max_excess(f: Facts, fair: Fairness, reference: Roster | None) -> TermValue:
    """max over people with w > 0 of load − share (0 when nobody has a share)."""
    if not fair.share:
        return Fraction(0), ()
    worst = max(fair.share, key=lambda i: (fair.load[i] - fair.share[i], i))
    value = fair.load[worst] - fair.share[worst]
    found = Finding("max_excess", None, "", (worst,), (
        ("load", fair.load[worst]), ("share", fair.share[worst]), ("excess", value)))
    return value, (found,)


def _abs_dev(rule: str, values: dict[str, Fraction], share: dict[str, Fraction],
             count: bool) -> TermValue:
    total = Fraction(0)
    found = []
    for i, s in share.items():
        v = Fraction(values.get(i, 0))
        if v != s:
            total += abs(v - s)
            found.append(_deviation_finding(rule, i, v, s, count))
    return total, tuple(found)


def abs_dev(f: Facts, fair: Fairness, reference: Roster | None) -> TermValue:
    """Σ |load − share| over people with w > 0."""
    return _abs_dev("abs_dev", fair.load, fair.share, False)


def abs_dev_weekend_holiday(f: Facts, fair: Fairness, reference: Roster | None) -> TermValue:
    """Σ |weekend/holiday duty count − its share| (no history)."""
    counts = {i: Fraction(c["weekend_holiday"]) for i, c in fair.counts.items()}
    return _abs_dev("abs_dev_weekend_holiday", counts, fair.share_weekend_holiday, True)


def abs_dev_night(f: Facts, fair: Fairness, reference: Roster | None) -> TermValue:
    """Σ |night duty count − its share|."""
    counts = {i: Fraction(c["night"]) for i, c in fair.counts.items()}
    return _abs_dev("abs_dev_night", counts, fair.share_night, True)


def requests(f: Facts, fair: Fairness, reference: Roster | None) -> TermValue:
    """Σ weight over unmet wishes (with a post: that post; without: any duty that day)."""
    total = Fraction(0)
    found = []
    cells = {i: set(c) for i, c in f.by_person.items()}
    days = {i: {d for d, _p in c} for i, c in f.by_person.items()}
    for r in f.problem.requests:
        if r.post_id:
            on = (r.date, r.post_id) in cells.get(r.staff_id, ())
        else:
            on = r.date in days.get(r.staff_id, ())
        unmet = not on if r.kind == "want" else on
        if unmet:
            total += r.weight
            found.append(Finding("requests", r.date, r.post_id, (r.staff_id,),
                                 (("kind", r.kind), ("weight", r.weight))))
    return total, tuple(found)


def spacing(f: Facts, fair: Fairness, reference: Roster | None) -> TermValue:
    """weight_spacing × pairs of one person's duty days at most ``spacing_days`` apart."""
    rules = f.problem.rules
    found: list[Finding] = []
    if rules.spacing_days <= 0:
        return Fraction(0), ()
    for i in f.people_in(EVERYONE):
        dates = f.duty_dates(i)
        for k, d1 in enumerate(dates):
            for d2 in (dates[j] for j in range(k + 1, len(dates))):
                if (d2 - d1).days > rules.spacing_days:
                    break  # dates ascend: no later pair is close either
                found.append(Finding("spacing", d2, "", (i,), (
                    ("other_date", d1), ("limit", rules.spacing_days))))
    return Fraction(rules.weight_spacing * len(found)), tuple(found)


def rotation(f: Facts, fair: Fairness, reference: Roster | None) -> TermValue:
    """weight_rotation × duties on a festival the person worked last year."""
    found = []
    for i in f.people_in(EVERYONE):
        h = f.history.get(i)
        if h is None or not h.holidays_worked:
            continue
        worked = {festival_key(n) for n in h.holidays_worked} - {None}
        for d, p in f.by_person.get(i, ()):
            fest = f.days[d].festival
            if fest is not None and festival_key(fest) in worked:
                found.append(Finding("rotation", d, p, (i,), (("festival", fest),)))
    return Fraction(f.problem.rules.weight_rotation * len(found)), tuple(found)


def changes(f: Facts, fair: Fairness, reference: Roster | None) -> TermValue:
    """Reference duties inside the horizon that the new roster no longer has."""
    if reference is None:
        return Fraction(0), ()
    found = []
    for a in reference.assignments:
        if a.date in f.days and a.staff_id not in f.by_cell.get((a.date, a.post_id), ()):
            found.append(Finding("changes", a.date, a.post_id, (a.staff_id,)))
    return Fraction(len(found)), tuple(found)
