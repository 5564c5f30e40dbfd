"""Findings in plain words: every rule key has its label and detail, in both languages."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from office.i18n import has
from scheduler.describe import describe_finding, fmt_value, level_label, names_of, rule_label
from scheduler.problem import LEVEL_NAMES, Finding
from scheduler.validate import HARD_RULES, STRUCTURE_RULES, TERMS, validate
from tests.scheduler.factories import day, leave, make_problem, roster
from tests.scheduler.test_validate_rules import CASES


def test_every_rule_term_and_level_has_catalogue_entries() -> None:
    """``rule.<key>`` and ``rule.<key>.detail`` exist for every key; ``level.<term>`` too."""
    keys = set(HARD_RULES) | set(TERMS) | set(STRUCTURE_RULES)
    missing = [k for k in keys for suffix in ("", ".detail") if not has(f"rule.{k}{suffix}")]
    missing += [v for v in LEVEL_NAMES.values() if not has(v)]
    assert not missing


def test_every_validator_finding_renders_its_detail_without_placeholders() -> None:
    """Each bad roster's findings read as full sentences (no fallback, no ``{…}``)."""
    for case in CASES.values():
        p = case["problem"]
        for f in validate(p, case["bad"]).violations:
            for lang in ("zh", "en"):
                text = describe_finding(f, lang, names_of(p))
                assert "{" not in text and not text.startswith(rule_label(f.rule, lang)), text


def test_leave_detail_names_person_kind_and_dates() -> None:
    """The leave sentence has the name with id, the leave kind in words and its dates."""
    p = make_problem(leave=(leave("A", 2, 3, "sick"),))
    f = next(f for f in validate(p, roster((2, "P", "A"))).violations if f.rule == "leave")
    assert describe_finding(f, "zh", names_of(p)) == (
        "2026-03-04 Post P(P)：Name A(A) 当天休假（病假，2026-03-04 至 2026-03-05）")
    assert "sick leave" in describe_finding(f, "en", names_of(p))


def test_missing_params_fall_back_to_label_and_place() -> None:
    """A finding without the detail's params (say from a solver guard) still reads well."""
    f = Finding("max_per_month", dt.date(2026, 2, 1), "", ("A",), (("limit", 4),))
    assert describe_finding(f, "en") == "at most so many duties per month: 2026-02-01 A"
    assert describe_finding(Finding("no_such_rule")) == "rule.no_such_rule"


def test_soft_findings_and_fractions_render() -> None:
    """Deviation findings show fractions as decimals; levels join their term labels."""
    f = Finding("abs_dev", None, "", ("A",), (("load", Fraction(7, 3)),
                                              ("share", Fraction(2)),
                                              ("deviation", Fraction(1, 3))))
    assert describe_finding(f, "en") == "A: load 2.33, fair share 2, deviation 0.33"
    assert level_label("spacing+rotation", "en") == "close duties + festival rotation"
    assert fmt_value(Fraction(-1, 1000)) == "0.00" and fmt_value(Fraction(7, 1)) == "7"


def test_excluded_people_are_summarised_by_reason() -> None:
    """A pre-check's ``excluded`` list is told per reason, long lists shortened."""
    ids = tuple(f"W{k}" for k in range(10))
    f = Finding("cover", day(0), "P", (), (("required", 1), ("actual", 0),
                                           ("excluded", (("leave", ids),))))
    text = describe_finding(f, "en")
    assert "only 0 can take it" in text and "W5" in text and "W6" not in text
    assert "10 people in all" in text
