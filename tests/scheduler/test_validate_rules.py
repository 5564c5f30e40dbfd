"""Every hard rule of ROSTER_RULES.md: a roster that keeps it and one that breaks only it.

Each case builds a tiny problem (see ``factories``), checks that the good roster has no
violation at all and that the bad roster's violations are exactly the expected instances of
that one rule, with the right date, post and people.
"""

from __future__ import annotations

import datetime as dt

import pytest

from scheduler.problem import History, PersonLimits, Pin, Rules
from scheduler.validate import HARD_RULES, validate
from tests.scheduler.factories import day, leave, make_problem, person, post, roster, rotate

THREE_DAYS = (0, 1, 2)


def _seq(people: str, post_id: str = "P", start: int = 0):
    """Assignments for consecutive days: one letter per day (``'.'`` = nobody)."""
    return [(start + k, post_id, s) for k, s in enumerate(people) if s != "."]


CASES = {
    "cover": dict(
        problem=make_problem(),
        good=roster(*_seq("ABCABCA")),
        bad=roster(*_seq("AB.ABCA")),
        expect=[(day(2), "P", ())],
    ),
    "cover_over": dict(
        problem=make_problem(),
        good=roster(*_seq("ABCABCA")),
        bad=roster(*_seq("ABCABCA"), (3, "P", "C")),
        expect=[(day(3), "P", ("A", "C"))],
        rule="cover",
    ),
    "qualification": dict(
        problem=make_problem(staff=(person("A", quals=["lead"]), "B"),
                             posts=[post("P", qualification="lead")]),
        good=roster(*_seq("AAAAAAA")),
        bad=roster(*_seq("AAABAAA")),
        expect=[(day(3), "P", ("B",))],
    ),
    "active": dict(
        problem=make_problem(staff=("A", "B", person("C", active_from=day(3)))),
        good=roster(*_seq("ABACABC")),
        bad=roster(*_seq("ACBABAB")),
        expect=[(day(1), "P", ("C",))],
    ),
    "leave": dict(
        problem=make_problem(leave=(leave("A", 2, 3),)),
        good=roster(*_seq("ABCBCAB")),
        bad=roster(*_seq("ABACBCA")),
        expect=[(day(2), "P", ("A",))],
    ),
    "one_per_day": dict(
        problem=make_problem(posts=[post("P"), post("Q")]),
        good=roster(*_seq("AAAAAAA"), *_seq("BBBBBBB", "Q")),
        bad=roster(*_seq("AAAAAAA"), *_seq("BBBABBB", "Q")),
        expect=[(day(3), "", ("A",))],
    ),
    "rest_after": dict(
        problem=make_problem(posts=[post("P", rest_days_after=1)]),
        good=roster(*_seq("ABCABCA")),
        bad=roster(*_seq("ABBCABC")),
        expect=[(day(2), "P", ("B",))],
    ),
    "rest_after_history": dict(
        problem=make_problem(posts=[post("P", rest_days_after=2)],
                             history=(History("A", last_duty=day(-2)),)),
        good=roster(*_seq("BCABCAB")),
        bad=roster(*_seq("ABCABCA")),
        expect=[(day(0), "P", ("A",))],
        rule="rest_after",
    ),
    "min_gap": dict(
        problem=make_problem(rules=Rules(min_gap_days=1)),
        good=roster(*_seq("ABCABCA")),
        bad=roster(*_seq("ABCAABC")),
        expect=[(day(4), "", ("A",))],
    ),
    "min_gap_history": dict(
        problem=make_problem(rules=Rules(min_gap_days=2),
                             history=(History("A", last_duty=day(-1)),)),
        good=roster(*_seq("BCABCAB")),
        bad=roster(*_seq("ABCABCA")),
        expect=[(day(0), "", ("A",))],
        rule="min_gap",
    ),
    "max_per_week": dict(
        problem=make_problem(rules=Rules(max_duties_per_week=3)),
        good=roster(*_seq("ABCABCA")),
        bad=roster(*_seq("AAAABCB")),
        expect=[(day(0), "", ("A",))],
    ),
    "max_per_month": dict(
        problem=make_problem(rules=Rules(max_duties_per_month=3)),
        good=roster(*_seq("ABCABCA")),
        bad=roster(*_seq("ABACACA")),
        expect=[(day(0), "", ("A",))],
    ),
    "max_weekend_holiday_per_month": dict(
        problem=make_problem(holidays={day(2): "qingming"},
                             rules=Rules(max_weekend_holiday_duties_per_month=1)),
        good=roster(*_seq("ABCCBAB")),
        bad=roster(*_seq("ABABCAC")),
        expect=[(day(0), "", ("A",))],
    ),
    "pin": dict(
        problem=make_problem(pins=(Pin(day(1), "P", "B"),)),
        good=roster(*_seq("ABCABCA")),
        bad=roster(*_seq("ACBABCA")),
        expect=[(day(1), "P", ("B",))],
    ),
    "never_together": dict(
        problem=make_problem(posts=[post("P"), post("Q")],
                             rules=Rules(never_together=(("A", "B"),))),
        good=roster(*_seq("AAAAAAA"), *_seq("CCCCCCC", "Q")),
        bad=roster(*_seq("AAAAAAA"), *_seq("CCBCCCC", "Q")),
        expect=[(day(2), "", ("A", "B"))],
    ),
    "cannot_follow": dict(
        problem=make_problem(posts=[post("P", cannot_follow=frozenset({"Q"})), post("Q")]),
        good=roster(*_seq("AAAAAAA"), *_seq("BBBBBBB", "Q")),
        bad=roster(*_seq("AACAAAA"), *_seq("BBABBBB", "Q")),
        expect=[(day(2), "Q", ("A",))],
    ),
    "max_per_post": dict(
        problem=make_problem(limits=(("A", PersonLimits(max_per_post=(("P", 2),))),)),
        good=roster(*_seq("ABCBCAB")),
        bad=roster(*_seq("ABACABC")),
        expect=[(None, "P", ("A",))],
    ),
    "minutes": dict(
        problem=make_problem(posts=[post("P", minutes=480)],
                             limits=(("A", PersonLimits(min_minutes=960, max_minutes=1440)),)),
        good=roster(*_seq("ABCABCB")),
        bad=roster(*_seq("ABCBCBC")),
        expect=[(None, "", ("A",))],
    ),
    "max_consecutive": dict(
        problem=make_problem(rules=Rules(max_consecutive_days=2)),
        good=roster(*_seq("AABBCCA")),
        bad=roster(*_seq("AAABBCC")),
        expect=[(day(0), "", ("A",))],
    ),
    "min_consecutive": dict(
        problem=make_problem(rules=Rules(min_consecutive_days=2)),
        good=roster(*_seq("AABBCCA")),
        bad=roster(*_seq("AABCCBB")),
        expect=[(day(2), "", ("B",))],
    ),
    "min_days_off": dict(
        problem=make_problem(rules=Rules(min_consecutive_days_off=2)),
        good=roster(*_seq("AABBCCA")),
        bad=roster(*_seq("ABACCCA")),
        expect=[(day(1), "", ("A",))],
    ),
    "max_weekends": dict(
        problem=make_problem(14, rules=Rules(max_weekends=1)),
        good=roster(*_seq("BCBCB" "AA" "CBCBC" "BB")),
        bad=roster(*_seq("BCBCB" "AC" "BCBCB" "BA")),
        expect=[(None, "", ("A",))],
    ),
    "max_weekends_per_month": dict(
        problem=make_problem(21, rules=Rules(max_weekends_per_month=1)),
        good=roster(*_seq("BCBCB" "AA" "CACAC" "BB" "ABABA" "CC")),
        bad=roster(*_seq("BCBCB" "AA" "CBCBC" "AB" "ABABA" "CC")),
        expect=[(day(0), "", ("A",))],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_good_roster_keeps_every_rule(name: str) -> None:
    """The good roster of each case breaks no hard rule at all."""
    case = CASES[name]
    v = validate(case["problem"], case["good"])
    assert v.violations == () and v.ok


@pytest.mark.parametrize("name", list(CASES))
def test_bad_roster_breaks_exactly_that_rule(name: str) -> None:
    """The bad roster is reported under that rule key only, at the right date, post, people."""
    case = CASES[name]
    v = validate(case["problem"], case["bad"])
    rule = case.get("rule", name)
    assert not v.ok
    assert {f.rule for f in v.violations} == {rule}
    got = [(f.date, f.post_id, f.staff_ids) for f in v.violations]
    assert got == case["expect"]


def test_every_documented_hard_rule_has_a_case() -> None:
    """No hard rule of the registry is left without a keep/break pair."""
    covered = {c.get("rule", n) for n, c in CASES.items()}
    assert covered == set(HARD_RULES)


def test_findings_carry_what_a_person_needs() -> None:
    """Limits and actual counts, the other date and the leave are in the params."""
    v = validate(CASES["min_gap"]["problem"], CASES["min_gap"]["bad"])
    assert dict(v.violations[0].params) == {"other_date": day(3), "limit": 1, "actual": 0}
    v = validate(CASES["max_per_week"]["problem"], CASES["max_per_week"]["bad"])
    assert dict(v.violations[0].params) == {"week": "2026-W10", "limit": 3, "actual": 4}
    v = validate(CASES["leave"]["problem"], CASES["leave"]["bad"])
    assert dict(v.violations[0].params) == {"leave_kind": "annual", "start": day(2),
                                            "end": day(3)}
    v = validate(CASES["rest_after_history"]["problem"], CASES["rest_after_history"]["bad"])
    assert dict(v.violations[0].params) == {"other_date": day(-2), "other_post": "",
                                            "limit": 2}


def test_missing_people_are_allowed_with_gaps_and_cost_in_the_cover_term() -> None:
    """``allow_gaps`` turns a hole into one unit of the cover term instead of a violation."""
    case = CASES["cover"]
    v = validate(case["problem"], case["bad"], allow_gaps=True)
    assert v.ok and v.terms["cover"] == 1
    assert [f.rule for f in v.soft if f.rule == "cover"] == ["cover"]


def test_soft_cover_weights_allow_extra_people_at_a_price() -> None:
    """A slot with ``weight_over`` accepts an extra person, costing weight × surplus."""
    p = make_problem(3)
    slots = tuple(s.__class__(s.date, s.post_id, s.required, weight_under=5, weight_over=2)
                  for s in p.slots)
    p = make_problem(3, slots=slots)
    v = validate(p, roster((0, "P", "A"), (0, "P", "B"), (1, "P", "C")))
    assert v.ok
    assert v.terms["cover"] == 2 + 5


def test_a_cell_without_a_slot_gets_nobody() -> None:
    """A post staffed on a day type it does not list is a cover violation (0 required)."""
    p = make_problem(posts=[post("P", day_types={"workday"})])
    v = validate(p, roster(*_seq("ABCAB"), (5, "P", "C")))
    assert [(f.rule, f.date, dict(f.params)["required"]) for f in v.violations] == [
        ("cover", day(5), 0)]


def test_hand_edited_entries_that_refer_to_nothing_are_violations() -> None:
    """Unknown people, unknown posts and dates outside the horizon are each reported."""
    p = make_problem()
    r = roster(*_seq("ABCABCA"), (1, "P", "ZZ"), (2, "X", "A"), (30, "P", "B"))
    v = validate(p, r)
    got = {(f.rule, f.date, f.post_id, f.staff_ids) for f in v.violations}
    assert got == {
        ("unknown_staff", day(1), "P", ("ZZ",)),
        ("unknown_post", day(2), "X", ("A",)),
        ("outside_horizon", day(30), "P", ("B",)),
    }


def test_max_per_post_zero_means_never() -> None:
    """A per-post limit of 0 forbids the post outright."""
    p = make_problem(limits=(("C", PersonLimits(max_per_post=(("P", 0),))),))
    v = validate(p, roster(*_seq("ABABABC")))
    assert [(f.rule, f.staff_ids, dict(f.params)["actual"]) for f in v.violations] == [
        ("max_per_post", ("C",), 1)]


def test_person_limit_overrides_the_global_rule() -> None:
    """A person's ``max_consecutive_days`` wins over the rules sheet's value."""
    p = make_problem(rules=Rules(max_consecutive_days=1),
                     limits=(("A", PersonLimits(max_consecutive_days=3)),))
    v = validate(p, roster(*_seq("AAABCBC")))
    assert v.ok


def test_weekend_cut_by_month_belongs_to_its_saturday() -> None:
    """Sat 31 Jan + Sun 1 Feb is January's weekend; a weekend whose Saturday is before the
    horizon belongs to its Sunday's month."""
    start = dt.date(2026, 1, 31)  # a Saturday
    p = make_problem(15, start=start, rules=Rules(max_weekends_per_month=1))
    # A works Sun 1 Feb (January's weekend) and Sat 7 Feb (February's first): allowed.
    ok = roster(*_seq("BABCBCBACBCBCBB"), start=start)
    assert validate(p, ok).ok
    # A works Sat 7 Feb and Sat 14 Feb: two February weekends.
    bad = roster(*_seq("BCBCBCBACBCBCBA"), start=start)
    v = validate(p, bad)
    assert [(f.rule, f.date, dict(f.params)["month"]) for f in v.violations] == [
        ("max_weekends_per_month", dt.date(2026, 2, 1), "2026-02")]
    # Horizon starting on a Sunday: that weekend belongs to the Sunday's month.
    p2 = make_problem(7, start=dt.date(2026, 3, 1), rules=Rules(max_weekends_per_month=0))
    v2 = validate(p2, roster(*_seq("ABCABCB"), start=dt.date(2026, 3, 1)))
    assert {(f.staff_ids, dict(f.params)["month"]) for f in v2.violations} == {
        (("A",), "2026-03"), (("B",), "2026-03")}


def test_rotate_factory_fills_every_slot() -> None:
    """The factory's round-robin roster is a valid baseline for other tests."""
    p = make_problem(10, posts=[post("P", headcount=2)])
    v = validate(p, rotate(p))
    assert v.ok and len(rotate(p)) == 20


def test_history_last_duty_counts_only_for_the_duties_after_it() -> None:
    """Last duty on record L: a duty within ``min_gap_days`` after L breaks the gap, one
    before L does not (the solver forbids exactly L+1 … L+gap)."""
    p = make_problem(rules=Rules(min_gap_days=2), history=(History("A", last_duty=day(3)),))
    v = validate(p, roster(*_seq("BACBACB")))
    assert [(f.date, dict(f.params)["other_date"]) for f in v.violations] == [(day(4), day(3))]
