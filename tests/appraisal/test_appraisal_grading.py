"""Ranking, tie-breaking, thresholds and the 优秀 quota."""

from __future__ import annotations

import pandas as pd
import pytest

from appraisal import Rules, quota_places, run
from appraisal.grading import grade_people, rank_people


def people(rows):
    """Rows of (staff_id, total, 绩, violation_points[, cap[, eligible]])."""
    out = []
    for r in rows:
        sid, total, ji, vio = r[:4]
        cap = r[4] if len(r) > 4 else 1
        el = r[5] if len(r) > 5 else True
        out.append({"staff_id": sid, "total": total, "绩": ji, "violation_points": vio,
                    "cap": cap, "eligible": el})
    return pd.DataFrame(out)


def graded(rows, **rules):
    p, use = grade_people(rank_people(people(rows)), Rules(year=2026, **rules))
    return p.set_index("staff_id"), use


class TestQuotaPlaces:
    @pytest.mark.parametrize("graded_n, rounding, places", [
        (42, "half_up", 8), (43, "half_up", 9), (42, "floor", 8), (42, "ceil", 9),
        (45, "ceil", 9), (45, "floor", 9), (3, "half_up", 1), (2, "half_up", 0),
        (0, "half_up", 0)])
    def test_rounding(self, graded_n, rounding, places):
        """0.2 × n rounded: 8.4→8 (half_up), 8.6→9, floor 8, ceil 9; 9.0 stays 9 either way;
        0.6→1, 0.4→0."""
        assert quota_places(0.2, graded_n, rounding) == places


class TestRanking:
    def test_higher_total_ranks_first(self):
        """Totals 80, 95, 90 → ranks 3, 1, 2."""
        p, _ = graded([("A", 80, 0, 0), ("B", 95, 0, 0), ("C", 90, 0, 0)])
        assert p["rank"].to_dict() == {"A": 3, "B": 1, "C": 2}

    def test_equal_total_broken_by_performance(self):
        """Equal totals: the higher 绩 score ranks first, no tie flag."""
        p, _ = graded([("A", 90, 80, 0), ("B", 90, 85, 0)])
        assert p["rank"].to_dict() == {"A": 2, "B": 1}
        assert not p["tie"].any()

    def test_then_by_fewer_violation_points(self):
        """Equal total and 绩: fewer violation points ranks first."""
        p, _ = graded([("A", 90, 80, 3), ("B", 90, 80, 1)])
        assert p["rank"].to_dict() == {"A": 2, "B": 1}

    def test_still_equal_is_a_flagged_tie_sharing_the_rank(self):
        """All three keys equal: both rank 2 and both flagged; the next is rank 4."""
        p, _ = graded([("A", 95, 0, 0), ("B", 90, 80, 1), ("C", 90, 80, 1), ("D", 80, 0, 0)])
        assert p["rank"].to_dict() == {"A": 1, "B": 2, "C": 2, "D": 4}
        assert p["tie"].to_dict() == {"A": False, "B": True, "C": True, "D": False}

    def test_unrounded_total_decides(self):
        """89.996 and 89.994 both show as 89.99/90.00 but rank by the exact value."""
        p, _ = graded([("A", 89.994, 0, 0), ("B", 89.996, 0, 0)])
        assert p["rank"].to_dict() == {"A": 2, "B": 1}

    def test_ineligible_are_not_ranked(self):
        """A person who is not graded has rank 0 and does not push others down."""
        p, _ = graded([("A", 99, 0, 0, 1, False), ("B", 90, 0, 0)])
        assert p["rank"].to_dict() == {"A": 0, "B": 1}


class TestGrades:
    def test_thresholds(self):
        """70 → second grade, 69.99 → third, 60 → third, 59.99 → lowest (quota 0 here)."""
        p, _ = graded([("A", 70, 0, 0), ("B", 69.99, 0, 0), ("C", 60, 0, 0),
                       ("D", 59.99, 0, 0)], quota_excellent=0.0)
        assert p["level"].to_dict() == {"A": 2, "B": 3, "C": 3, "D": 4}

    def test_thresholds_are_rules(self):
        """With threshold_competent 80, a total of 75 is only the third grade."""
        p, _ = graded([("A", 75, 0, 0)], threshold_competent=80)
        assert p.loc["A", "level"] == 3

    def test_quota_goes_top_down(self):
        """Ten people all ≥ 90, quota 2: ranks 1 and 2 get 优秀, the rest the second grade."""
        rows = [(f"S{k}", 99 - k, 0, 0) for k in range(10)]
        p, use = graded(rows)
        assert use.quota == 2 and use.used == 2
        assert sorted(p.index[p["level"] == 1]) == ["S0", "S1"]
        assert p.loc["S2", "outside_quota"]

    def test_vetoed_person_does_not_use_a_place(self):
        """Ranks 1 and 2 barred (cap 2 and cap 3): the two places go to ranks 3 and 4."""
        rows = [("A", 99, 0, 0, 2), ("B", 98, 0, 0, 3), ("C", 97, 0, 0), ("D", 96, 0, 0)]
        rows += [(f"S{k}", 80, k, 0) for k in range(6)]
        p, use = graded(rows)
        assert sorted(p.index[p["level"] == 1]) == ["C", "D"]
        assert p.loc["A", "level"] == 2 and p.loc["B", "level"] == 3
        assert use.used == 2

    def test_below_threshold_never_fills_the_quota(self):
        """Quota 2 but only one person ≥ 90: one 优秀, one place unused (not open)."""
        rows = [("A", 95, 0, 0)] + [(f"S{k}", 85, k, 0) for k in range(9)]
        p, use = graded(rows)
        assert (use.quota, use.used, use.open) == (2, 1, 0)

    def test_tie_across_the_quota_boundary_is_flagged_not_broken(self):
        """Quota 2: A alone first, B and C tied second. Giving both would exceed the quota and
        picking one would break the tie silently: neither gets it, both are flagged, one
        place stays open for the committee."""
        rows = [("A", 99, 0, 0), ("B", 95, 80, 0), ("C", 95, 80, 0)]
        rows += [(f"S{k}", 80, k, 0) for k in range(7)]
        p, use = graded(rows)
        assert p.loc["A", "level"] == 1
        assert (p.loc["B", "level"], p.loc["C", "level"]) == (2, 2)
        assert p.loc["B", "quota_tie"] and p.loc["C", "quota_tie"]
        assert (use.quota, use.used, use.open) == (2, 1, 1)

    def test_tie_that_fits_inside_the_quota_is_awarded(self):
        """Quota 2, B and C tied at the top: both fit, both 优秀, no quota_tie."""
        rows = [("B", 95, 80, 0), ("C", 95, 80, 0)] + [(f"S{k}", 80, k, 0) for k in range(8)]
        p, use = graded(rows)
        assert (p.loc["B", "level"], p.loc["C", "level"]) == (1, 1)
        assert not p["quota_tie"].any() and use.used == 2

    def test_absence_veto_forces_the_lowest_level(self):
        """Cap 4 (absence) forces the lowest level whatever the total."""
        p, _ = graded([("A", 99, 0, 0, 4)])
        assert p.loc["A", "level"] == 4


def test_quota_tie_end_to_end_flags_and_explains(helpers):
    """Through ``run``: ten people, A best, B and C identical in everything → quota 2, A gets
    优秀, B and C are flagged tie and quota_tie, the reason names the other and the open place,
    and the results record one place left open."""
    ids = ["A", "B", "C"] + [f"S{k}" for k in range(7)]
    scores = {"A": 100, "B": 96, "C": 96} | {f"S{k}": 60 + k for k in range(7)}
    res = run(helpers.build(helpers.staff_rows(ids), actuals=helpers.flat_actuals(ids),
                            ratings=helpers.leader_ballots(scores)))
    p = res.people.set_index("staff_id")
    assert p.loc["A", "level"] == 1 and (p.loc["B", "level"], p.loc["C", "level"]) == (2, 2)
    assert p.loc["B", "flags"] == ("tie", "quota_tie")
    (why,) = [r for r in p.loc["B", "reasons"] if r.key == "appraisal.reason.quota_tie"]
    assert dict(why.params)["others"] == "C" and dict(why.params)["open"] == 1
    assert (res.quota, res.quota_used, res.quota_open) == (2, 1, 1)


def test_results_are_frozen(helpers):
    """Results cannot be re-assigned after the run (the committee sees what was computed)."""
    import dataclasses

    res = run(helpers.build(helpers.staff_rows(["A"]), actuals=helpers.flat_actuals(["A"])))
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.quota = 99
