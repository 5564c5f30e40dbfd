"""The solver-free validator: the executable form of ``docs/ROSTER_RULES.md``.

It re-checks every hard rule and recomputes every objective term and level from any roster,
a hand-edited one too, without CP-SAT. Tests hold the solver to it, the CLI's ``check`` and the
UI show its findings, and :mod:`scheduler.candidates` reuses its per-rule functions.

The rule sets are explicit dicts (:data:`HARD_RULES`, :data:`TERMS`) so that adding a rule
means adding one function and one entry, and tests can assert every documented key is here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from . import validate_hard as hard
from . import validate_periods as periods
from . import validate_terms as terms_
from .problem import Finding, Problem, Roster
from .validate_facts import Facts, Scope, build_facts

RuleFn = Callable[[Facts, Scope], list[Finding]]
TermFn = Callable[[Facts, "terms_.Fairness", Roster | None], "terms_.TermValue"]

HARD_RULES: dict[str, RuleFn] = {
    "cover": hard.cover,
    "qualification": hard.qualification,
    "active": hard.active,
    "leave": hard.leave,
    "one_per_day": hard.one_per_day,
    "rest_after": hard.rest_after,
    "min_gap": hard.min_gap,
    "max_per_week": periods.max_per_week,
    "max_per_month": periods.max_per_month,
    "max_weekend_holiday_per_month": periods.max_weekend_holiday_per_month,
    "pin": hard.pin,
    "never_together": hard.never_together,
    "cannot_follow": hard.cannot_follow,
    "max_per_post": periods.max_per_post,
    "minutes": periods.minutes,
    "max_consecutive": periods.max_consecutive,
    "min_consecutive": periods.min_consecutive,
    "min_days_off": periods.min_days_off,
    "max_weekends": periods.max_weekends,
    "max_weekends_per_month": periods.max_weekends_per_month,
}
"""Every hard rule of ROSTER_RULES.md, by key, in the order of that document."""

STRUCTURE_RULES = ("outside_horizon", "unknown_post", "unknown_staff")
"""Keys for roster entries that refer to nothing (found by ``validate_hard.structure``)."""

TERMS: dict[str, TermFn] = {
    "cover": terms_.cover,
    "max_excess": terms_.max_excess,
    "abs_dev": terms_.abs_dev,
    "abs_dev_weekend_holiday": terms_.abs_dev_weekend_holiday,
    "abs_dev_night": terms_.abs_dev_night,
    "requests": terms_.requests,
    "spacing": terms_.spacing,
    "rotation": terms_.rotation,
    "changes": terms_.changes,
}
"""Every objective term of ROSTER_RULES.md, by key."""


@dataclass(frozen=True)
class PersonFairness:
    """One person's figures for the summary: counts, load, fair share and deviation.

    ``share`` and ``deviation`` (and the count shares) are ``None`` for people with w = 0
    (inactive or on leave the whole horizon): they are left out of fairness.
    """

    staff_id: str
    duties: int
    weekend_holiday: int
    night: int
    load: Fraction
    share: Fraction | None
    deviation: Fraction | None
    weight: Fraction = Fraction(0)
    share_weekend_holiday: Fraction | None = None
    share_night: Fraction | None = None


@dataclass(frozen=True)
class Validation:
    """Everything the validator found: broken rules, term and level values, per-person figures.

    ``soft`` lists the instances behind the soft terms (unmet wishes, close pairs, festival
    duties, changes, uncovered places, fairness deviations) so they can be shown, not only
    counted.
    """

    violations: tuple[Finding, ...]
    terms: dict[str, Fraction]
    levels: tuple[tuple[str, Fraction], ...]
    people: tuple[PersonFairness, ...]
    soft: tuple[Finding, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when no hard rule is broken (soft terms do not matter here)."""
        return not self.violations

    def level(self, name: str) -> Fraction:
        """The value of one level by its name (``"spacing+rotation"`` style)."""
        return dict(self.levels)[name]


def level_name(level: tuple[tuple[str, int], ...]) -> str:
    """A level is named by its terms joined with ``+`` (what LevelResult.name uses too)."""
    return "+".join(term for term, _w in level)


def hard_findings(facts: Facts, scope: Scope = Scope(), rules=None) -> list[Finding]:  # noqa: B008
    """Findings of the hard rules (all, or the keys in ``rules``) within ``scope``."""
    out = hard.structure(facts, scope)
    for key, fn in HARD_RULES.items():
        if rules is None or key in rules:
            out.extend(fn(facts, scope))
    return out


def validate(problem: Problem, roster: Roster, *, allow_gaps: bool = False,
             reference: Roster | None = None) -> Validation:
    """Check ``roster`` against every hard rule and compute every term and level exactly.

    Parameters
    ----------
    problem : Problem
        The validated problem the roster claims to solve.
    roster : Roster
        Any roster, also one typed by hand: unknown people, posts or dates are violations.
    allow_gaps : bool
        Missing people on a slot are then a cost in the ``cover`` term, not a violation.
    reference : Roster, optional
        The published roster; its duties missing from ``roster`` count in ``changes``.
    """
    facts = build_facts(problem, roster, allow_gaps=allow_gaps)
    violations = hard_findings(facts)
    fair = terms_.fairness_of(facts)
    values: dict[str, Fraction] = {}
    soft: list[Finding] = []
    for key, fn in TERMS.items():
        value, found = fn(facts, fair, reference)
        values[key] = value
        soft.extend(found)
    levels = []
    for level in problem.levels:
        unknown = [term for term, _w in level if term not in values]
        if unknown:
            raise ValueError(f"unknown objective term(s) in level: {unknown}")
        levels.append((level_name(level), sum((w * values[t] for t, w in level), Fraction(0))))
    return Validation(
        violations=tuple(violations),
        terms=values,
        levels=tuple(levels),
        people=_people(problem, fair),
        soft=tuple(soft),
    )


def _people(problem: Problem, fair: terms_.Fairness) -> tuple[PersonFairness, ...]:
    out = []
    for s in problem.staff:
        i = s.staff_id
        c = fair.counts[i]
        share = fair.share.get(i)
        out.append(PersonFairness(
            staff_id=i,
            duties=c["duties"],
            weekend_holiday=c["weekend_holiday"],
            night=c["night"],
            load=fair.load[i],
            share=share,
            deviation=None if share is None else fair.load[i] - share,
            weight=fair.weight[i],
            share_weekend_holiday=fair.share_weekend_holiday.get(i),
            share_night=fair.share_night.get(i),
        ))
    return tuple(out)
