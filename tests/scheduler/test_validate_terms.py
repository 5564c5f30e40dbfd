"""Objective terms and levels on hand-worked examples, as exact fractions."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from scheduler.problem import History, Request, Roster, Rules
from scheduler.validate import TERMS, validate
from tests.scheduler.factories import day, leave, make_problem, person, post, roster


def _by_id(v):
    return {p.staff_id: p for p in v.people}


def test_shares_follow_fte_and_available_days_and_skip_people_without_any() -> None:
    """Part-timer B (fte 1/2), D on leave 3 of 7 days, C on leave all week (w = 0, left out).

    w = A 7, B 7/2, D 4 (W = 29/2); loads A 3, B 2, D 2 (total 7), so shares are 98/29,
    49/29, 56/29; excesses −11/29, 9/29, 2/29: max 9/29, Σ|·| = 22/29. Weekend duties (Sat,
    Sun) both D: shares 28/29, 14/29, 16/29 → Σ|·| = 28/29 + 14/29 + 42/29 = 84/29.
    """
    p = make_problem(staff=("A", person("B", fte=Fraction(1, 2)), "C", "D"),
                     leave=(leave("C", 0, 6), leave("D", 0, 2, "sick")))
    v = validate(p, roster((0, "P", "A"), (1, "P", "A"), (2, "P", "A"), (3, "P", "B"),
                           (4, "P", "B"), (5, "P", "D"), (6, "P", "D")))
    assert v.ok
    people = _by_id(v)
    assert people["A"].share == Fraction(98, 29) and people["B"].share == Fraction(49, 29)
    assert people["D"].share == Fraction(56, 29) and people["D"].weight == 4
    assert people["C"].share is None and people["C"].deviation is None
    assert v.terms["max_excess"] == Fraction(9, 29)
    assert v.terms["abs_dev"] == Fraction(22, 29)
    assert v.terms["abs_dev_weekend_holiday"] == Fraction(84, 29)
    assert people["D"].weekend_holiday == 2
    assert people["D"].share_weekend_holiday == Fraction(16, 29)


def test_history_points_and_post_points_make_the_load() -> None:
    """Load = carried points + Σ post points (1.5 for the heavy post), shares of the total."""
    p = make_problem(2, staff=("A", "B"), posts=[post("P", points=1.5)],
                     history=(History("B", points100=50),))
    v = validate(p, roster((0, "P", "A"), (1, "P", "A")))
    people = _by_id(v)
    assert people["A"].load == 3 and people["B"].load == Fraction(1, 2)
    assert people["A"].share == Fraction(7, 4)
    assert v.terms["max_excess"] == Fraction(5, 4) and v.terms["abs_dev"] == Fraction(5, 2)


def test_groups_are_compared_only_within_themselves() -> None:
    """Leaders share leader load, workers worker load; the max runs over everyone."""
    staff = (person("L1", rank="leader", quals=["lead"]), person("L2", rank="leader",
             quals=["lead"]), "W1", "W2")
    p = make_problem(2, staff=staff, posts=[post("LEAD", qualification="lead"), post("P")])
    v = validate(p, roster((0, "LEAD", "L1"), (1, "LEAD", "L1"), (0, "P", "W1"),
                           (1, "P", "W2")))
    people = _by_id(v)
    assert people["L1"].share == 1 and people["W1"].share == 1
    assert v.terms["max_excess"] == 1 and v.terms["abs_dev"] == 2


def test_night_posts_are_those_running_past_midnight() -> None:
    """22:00 + 10 h is a night post; 08:00 + 10 h and 16:00 + 8 h (ends at 24:00) are not."""
    night = post("N", start=dt.time(22, 0), minutes=600)
    assert night.is_night
    assert not post("D", start=dt.time(8, 0), minutes=600).is_night
    assert not post("E", start=dt.time(16, 0), minutes=480).is_night
    p = make_problem(3, staff=("A", "B"), posts=[night])
    v = validate(p, roster((0, "N", "A"), (1, "N", "A"), (2, "N", "A")))
    people = _by_id(v)
    assert people["A"].night == 3 and people["B"].night == 0
    assert v.terms["abs_dev_night"] == Fraction(3)  # shares 3/2 each: |3 − 3/2| + |0 − 3/2|


def test_weekend_and_holiday_duties_are_counted_together() -> None:
    """A holiday on a Wednesday and the weekend days all count as weekend/holiday duties."""
    p = make_problem(holidays={day(2): "qingming"}, staff=("A", "B"))
    v = validate(p, roster((0, "P", "A"), (1, "P", "B"), (2, "P", "A"), (3, "P", "B"),
                           (4, "P", "B"), (5, "P", "A"), (6, "P", "A")))
    people = _by_id(v)
    assert people["A"].weekend_holiday == 3 and people["B"].weekend_holiday == 0
    assert v.terms["abs_dev_weekend_holiday"] == 3


def test_requests_of_all_four_kinds() -> None:
    """want/avoid, with and without a post: only the unmet ones count, by weight."""
    p = make_problem(3, staff=("A", "B"), posts=[post("P"), post("Q")], requests=(
        Request("A", day(0), "want", "P", 2),   # met: A on P day 0
        Request("A", day(1), "want", "", 3),    # unmet: A off on day 1
        Request("B", day(0), "avoid", "Q", 5),  # unmet: B on Q day 0
        Request("B", day(2), "avoid", "", 7),   # unmet: B works on day 2
        Request("A", day(2), "avoid", "Q", 11),  # met: A on P, not Q, on day 2
        Request("B", day(1), "want", "Q", 13),  # unmet: B on P day 1
    ))
    r = roster((0, "P", "A"), (0, "Q", "B"), (1, "P", "B"), (2, "P", "A"), (2, "Q", "B"))
    v = validate(p, r)
    assert v.terms["requests"] == 3 + 5 + 7 + 13
    unmet = sorted((f.staff_ids[0], f.date, dict(f.params)["kind"]) for f in v.soft
                   if f.rule == "requests")
    assert unmet == [("A", day(1), "want"), ("B", day(0), "avoid"), ("B", day(1), "want"),
                     ("B", day(2), "avoid")]


def test_spacing_counts_pairs_not_windows() -> None:
    """Spacing 2 counts every pair of duty days at most 2 days apart, times the weight."""
    p = make_problem(5, staff=("A", "B"), rules=Rules(spacing_days=2, weight_spacing=3))
    v = validate(p, roster((0, "P", "A"), (1, "P", "A"), (2, "P", "A"), (3, "P", "B"),
                           (4, "P", "A")))
    # A: days 0,1,2,4 → pairs within 2 days: (0,1),(0,2),(1,2),(2,4) = 4 pairs
    assert v.terms["spacing"] == 3 * 4
    off = make_problem(5, staff=("A", "B"))
    assert validate(off, roster((0, "P", "A"), (1, "P", "A"))).terms["spacing"] == 0


def test_rotation_covers_the_whole_festival_block() -> None:
    """Who worked Spring Festival last year pays for every duty in this year's block."""
    fest = {day(k): "spring" for k in range(3, 7)}
    p = make_problem(holidays=fest, staff=("A", "B"), rules=Rules(weight_rotation=2),
                     history=(History("A", holidays_worked=frozenset({"春节"})),))
    v = validate(p, roster((0, "P", "A"), (1, "P", "B"), (2, "P", "A"), (3, "P", "A"),
                           (4, "P", "B"), (5, "P", "A"), (6, "P", "B")))
    assert v.terms["rotation"] == 2 * 2
    assert sorted(f.date for f in v.soft if f.rule == "rotation") == [day(3), day(5)]


def test_changes_count_reference_duties_taken_away_inside_the_horizon() -> None:
    """Two published duties are gone; a reference duty outside the horizon does not count."""
    p = make_problem(3, staff=("A", "B"))
    ref = roster((0, "P", "A"), (1, "P", "A"), (2, "P", "A"), (9, "P", "A"))
    v = validate(p, roster((0, "P", "A"), (1, "P", "B"), (2, "P", "B")), reference=ref)
    assert v.terms["changes"] == 2
    assert validate(p, roster((0, "P", "A"))).terms["changes"] == 0


def test_levels_are_weighted_sums_named_by_their_terms() -> None:
    """Each level is Σ weight × term, named "a+b"; every term of the document is computed."""
    levels = ((("cover", 1),), (("spacing", 2), ("rotation", 5)))
    fest = {day(1): "spring"}
    p = make_problem(3, staff=("A", "B"), holidays=fest, levels=levels,
                     rules=Rules(spacing_days=1),
                     history=(History("A", holidays_worked=frozenset({"spring"})),))
    v = validate(p, roster((0, "P", "A"), (1, "P", "A"), (2, "P", "B")))
    assert set(v.terms) == set(TERMS)
    assert v.levels == (("cover", Fraction(0)), ("spacing+rotation", Fraction(2 * 1 + 5 * 1)))
    assert v.level("spacing+rotation") == 7


def test_empty_roster_and_nobody_available() -> None:
    """With everyone on leave the fairness terms are 0 and nobody has a share."""
    p = make_problem(2, staff=("A",), leave=(leave("A", 0, 1),))
    v = validate(p, Roster(), allow_gaps=True)
    assert v.terms["max_excess"] == 0 and v.terms["cover"] == 2
    assert v.people[0].share is None
