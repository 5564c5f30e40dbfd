"""Dimension totals, renormalisation, missing data and the bonus/deduction ledgers."""

from __future__ import annotations

import pytest

from appraisal import Rules, run

TWO_IN_ONE = [
    {"indicator_id": "X", "dimension": "绩", "weight": 60, "rule": "ratio", "target": 10},
    {"indicator_id": "Y", "dimension": "绩", "weight": 40, "rule": "ratio", "target": 10,
     "applies_to": "D2"},
]
PERF_ONLY = Rules(year=2026, dimension_weights=(("德", 0.0), ("能", 0.0), ("勤", 0.0),
                                                ("绩", 100.0), ("廉", 0.0)))


def actual(sid, ind, v):
    return {"staff_id": sid, "indicator_id": ind, "value": v}


def test_dimension_renormalises_over_applicable_indicators(helpers):
    """Y applies to department D2 only. In D1: 绩 = X alone (8/10 → 80). In D2:
    (60·80 + 40·50)/100 = 68."""
    staff = helpers.staff_rows(["A", "B"], B={"department": "D2"})
    res = run(helpers.build(staff, TWO_IN_ONE, PERF_ONLY,
                            actuals=[actual("A", "X", 8), actual("B", "X", 8),
                                     actual("B", "Y", 5)]))
    p = res.people.set_index("staff_id")["绩"]
    assert p.to_dict() == pytest.approx({"A": 80.0, "B": 68.0})


def test_missing_actual_is_left_out_and_flagged(helpers):
    """B has no actual for Y: Y is left out (绩 = X = 80), B is flagged missing_data and the
    reason names Y."""
    staff = helpers.staff_rows(["B"], B={"department": "D2"})
    res = run(helpers.build(staff, TWO_IN_ONE, PERF_ONLY, actuals=[actual("B", "X", 8)]))
    b = res.people.iloc[0]
    assert b["绩"] == pytest.approx(80.0)
    assert "missing_data" in b["flags"]
    assert any(r.key == "appraisal.reason.missing" and dict(r.params)["indicator"] == "Y"
               for r in b["reasons"])
    assert bool(res.breakdown.set_index("indicator_id").loc["Y", "missing"])


def test_total_floored_at_zero(helpers):
    """Violations of 500 points naming no indicator cannot make the total negative."""
    ids = ["A"]
    ev = [{"staff_id": "A", "date": "2026-03-01", "kind": "violation", "points": 500}]
    res = run(helpers.build(helpers.staff_rows(ids), actuals=helpers.flat_actuals(ids),
                            events=ev))
    a = res.people.iloc[0]
    assert a["total"] == 0.0 and a["deductions"] == 500


def test_total_not_capped_above(helpers):
    """Stretch scores and a bonus may push the total above 100; it is not cut back."""
    ids = ["A"]
    ev = [{"staff_id": "A", "date": "2026-03-01", "kind": "commendation", "points": 5}]
    res = run(helpers.build(helpers.staff_rows(ids), actuals=helpers.flat_actuals(
        ids, a=20, p=130), events=ev, ratings=helpers.leader_ballots({"A": 100})))
    # 德 100, 能 100 (cap), 勤 100, 绩 110 (cap), 廉 100 → base 20+15+15+44+10 = 104; +5.
    assert res.people.iloc[0]["total"] == pytest.approx(109.0)


def test_violation_naming_an_indicator_is_not_deducted_twice(helpers):
    """A 10-point violation naming the deduction indicator D lowers 勤 to 90 (−1.5 total
    with the default 15 % weight) and is not in the free ``deductions`` column."""
    ids = ["A", "B"]
    ev = [{"staff_id": "A", "date": "2026-03-01", "kind": "violation", "points": 10,
           "indicator_id": "D"}]
    res = run(helpers.build(helpers.staff_rows(ids), actuals=helpers.flat_actuals(ids),
                            events=ev, ratings=helpers.leader_ballots({"A": 90, "B": 90})))
    p = res.people.set_index("staff_id")
    assert p.loc["A", "勤"] == pytest.approx(90.0) and p.loc["A", "deductions"] == 0
    assert p.loc["B", "total"] - p.loc["A", "total"] == pytest.approx(1.5)
    assert p.loc["A", "violation_points"] == 10


def test_commendation_naming_an_indicator_does_not_deduct(helpers):
    """Praise recorded against a deduction indicator adds to the bonus and never deducts."""
    ids = ["A"]
    ev = [{"staff_id": "A", "date": "2026-03-01", "kind": "commendation", "points": 2,
           "indicator_id": "D"}]
    res = run(helpers.build(helpers.staff_rows(ids), actuals=helpers.flat_actuals(ids),
                            events=ev))
    a = res.people.iloc[0]
    assert a["勤"] == pytest.approx(100.0) and a["bonus"] == pytest.approx(2.0)


def test_dimension_without_any_value_renormalises_the_total(helpers):
    """Nobody rated A (德 has no value): the total is the other dimensions renormalised over
    their weights 80 → (15·100 + 15·100 + 40·100 + 10·100)/80 = 100, flagged."""
    ids = ["A"]
    res = run(helpers.build(helpers.staff_rows(ids), actuals=helpers.flat_actuals(ids)))
    a = res.people.iloc[0]
    assert a["total"] == pytest.approx(100.0)
    assert "missing_data" in a["flags"]
