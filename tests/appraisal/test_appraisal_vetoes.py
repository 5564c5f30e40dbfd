"""Eligibility by months active, sanction vetoes and unexcused-absence vetoes."""

from __future__ import annotations

import pandas as pd
import pytest

from appraisal import Rules, run
from appraisal.model import normalise_frame
from appraisal.vetoes import absence_runs, eligibility


def staff(rows):
    return normalise_frame("staff", pd.DataFrame(rows))


def events(rows):
    return normalise_frame("events", pd.DataFrame(rows, columns=["staff_id", "date", "kind",
                                                                 "points", "indicator_id",
                                                                 "note"]))


def absences(sid, dates):
    return [(sid, str(d.date()), "absence", 1, "", "") for d in dates]


class TestEligibility:
    def test_newcomer_in_january_is_graded(self):
        """Active from 2026-01-15: 351 days × 12 / 365 = 11.54 months ≥ 6 → graded."""
        e = eligibility(staff([{"staff_id": "N", "active_from": "2026-01-15"}]), 2026, 6)
        assert e["months"].iloc[0] == pytest.approx(351 * 12 / 365)
        assert bool(e["eligible"].iloc[0])

    def test_arrival_in_july_is_not_graded(self):
        """Active from 2026-07-20: 165 days → 5.42 months < 6 → not graded."""
        e = eligibility(staff([{"staff_id": "J", "active_from": "2026-07-20"}]), 2026, 6)
        assert e["months"].iloc[0] == pytest.approx(165 * 12 / 365)
        assert not bool(e["eligible"].iloc[0])

    def test_leaving_mid_year_counts_days_until_active_to(self):
        """Active until 2026-06-30: 181 days → 5.95 months < 6; until 07-02: 183 → 6.02."""
        e = eligibility(staff([{"staff_id": "R", "active_to": "2026-06-30"}]), 2026, 6)
        assert not bool(e["eligible"].iloc[0])
        e = eligibility(staff([{"staff_id": "R", "active_to": "2026-07-02"}]), 2026, 6)
        assert bool(e["eligible"].iloc[0])

    def test_minimum_months_is_a_rule(self):
        """With min_months_to_grade 3, an August arrival (153 days = 5.03 months) is graded."""
        e = eligibility(staff([{"staff_id": "A", "active_from": "2026-08-01"}]), 2026, 3)
        assert bool(e["eligible"].iloc[0])

    def test_not_graded_person_has_no_rank_no_grade_and_no_quota_share(self, helpers):
        """The July arrival is scored and explained but has rank 0, level 0 and eligible
        False, and is not counted among the graded people for the quota."""
        ids = ["A", "B", "J"]
        cyc = helpers.build(helpers.staff_rows(ids, J={"active_from": "2026-07-20"}),
                            actuals=helpers.flat_actuals(ids))
        res = run(cyc)
        j = res.people.set_index("staff_id").loc["J"]
        assert (j["rank"], j["level"], bool(j["eligible"])) == (0, 0, False)
        assert res.graded == 2
        assert any(r.key == "appraisal.reason.not_eligible" for r in j["reasons"])


def test_july_first_boundary_is_exact():
    """Active to 2026-07-01 is 182 days = 5.98 months: still not graded (no rounding up)."""
    e = eligibility(staff([{"staff_id": "R", "active_to": "2026-07-01"}]), 2026, 6)
    assert e["months"].iloc[0] == pytest.approx(182 * 12 / 365)
    assert not bool(e["eligible"].iloc[0])


class TestAbsence:
    FOUR_WORKWEEKS = [d for d in pd.date_range("2026-03-02", "2026-03-27") if d.weekday() < 5]

    def runs(self, category, dates, calendar=None):
        s = staff([{"staff_id": "X", "category": category}])
        return absence_runs(events(absences("X", dates)), s, 2026, calendar).iloc[0]

    def test_weekdays_only_break_calendar_runs_for_civil_servants(self):
        """Mon 2 Mar – Fri 27 Mar, weekdays only (20 days): a civil servant's longest run is
        5 calendar days (weekends break it) → no veto."""
        r = self.runs("civil_servant", self.FOUR_WORKWEEKS)
        assert (r["longest_run"], r["absence_days"], bool(r["absence_veto"])) == (5, 20, False)

    def test_same_days_are_one_working_day_run_for_institution_staff(self):
        """The same 20 weekdays are 20 consecutive working days for institution staff
        (weekends do not break the run) → more than 15 → veto."""
        r = self.runs("institution", self.FOUR_WORKWEEKS)
        assert (r["longest_run"], bool(r["absence_veto"])) == (20, True)
        assert str(r["run_start"].date()) == "2026-03-02"
        assert str(r["run_end"].date()) == "2026-03-27"

    def test_sixteen_calendar_days_veto_a_civil_servant(self):
        """16 consecutive calendar days (weekends logged too) is more than 15 → veto."""
        r = self.runs("civil_servant", pd.date_range("2026-06-08", periods=16))
        assert (r["longest_run"], bool(r["absence_veto"])) == (16, True)

    def test_fifteen_days_are_within_the_limit(self):
        """Exactly 15 consecutive days is not *more than* 15 → no veto."""
        r = self.runs("civil_servant", pd.date_range("2026-06-08", periods=15))
        assert not bool(r["absence_veto"])

    def test_public_holidays_do_not_break_a_working_day_run(self):
        """Autumn 2026: Sun 20 Sep is an adjusted working day, 25–27 Sep Mid-Autumn, 1–7 Oct
        National Day, Sat 10 Oct an adjusted working day. Absent on every working day
        20–24 Sep, 28–30 Sep, 8–10 Oct and 12–16 Oct: 5 + 3 + 3 + 5 = 16 working days in
        one run for institution staff → veto. For a civil servant the longest calendar run
        is 5 days and the total 16 ≤ 30 → no veto."""
        days = (list(pd.date_range("2026-09-20", "2026-09-24"))
                + list(pd.date_range("2026-09-28", "2026-09-30"))
                + list(pd.date_range("2026-10-08", "2026-10-10"))
                + list(pd.date_range("2026-10-12", "2026-10-16")))
        r = self.runs("institution", days)
        assert (r["longest_run"], bool(r["absence_veto"])) == (16, True)
        c = self.runs("civil_servant", days)
        assert (c["longest_run"], bool(c["absence_veto"])) == (5, False)

    def test_absence_on_a_non_working_day_is_not_counted_for_institution_staff(self):
        """A row dated on a Sunday is no absence from work for institution staff."""
        r = self.runs("institution", [pd.Timestamp("2026-03-01"), pd.Timestamp("2026-03-02")])
        assert (r["absence_days"], r["longest_run"]) == (1, 1)

    def test_user_calendar_overrides_the_official_one(self):
        """If the office declares Mon 9 Mar a holiday, absences Fri 6 and Tue 10 Mar are
        consecutive working days for institution staff."""
        import datetime as dt

        from office.calendar import CalendarOverride, build_calendar
        cal = build_calendar(dt.date(2026, 1, 1), dt.date(2026, 12, 31),
                             [CalendarOverride(dt.date(2026, 3, 9), "holiday", "local")])
        r = self.runs("institution", [pd.Timestamp("2026-03-06"), pd.Timestamp("2026-03-10")],
                      calendar=cal)
        assert r["longest_run"] == 2

    def test_more_than_thirty_days_in_the_year_veto(self):
        """31 separate Mondays-to-Wednesdays (never more than 3 in a row) → veto by the
        yearly total, not by a run."""
        days = [d for d in pd.date_range("2026-01-05", "2026-12-31") if d.weekday() < 3][:31]
        r = self.runs("civil_servant", days)
        assert (r["longest_run"], r["absence_days"], bool(r["absence_veto"])) == (3, 31, True)


class TestVetoGrades:
    def test_absence_forces_lowest_grade_and_flag(self, helpers):
        """A top scorer absent 16 days gets level 4 and the dismissal_review flag."""
        ids = ["A", "B", "C", "D", "E"]
        ev = [{"staff_id": "A", "date": str(d.date()), "kind": "absence", "points": 0}
              for d in pd.date_range("2026-06-08", periods=16)]
        cyc = helpers.build(helpers.staff_rows(ids), events=ev,
                            actuals=helpers.flat_actuals(ids),
                            ratings=helpers.leader_ballots({i: 95 for i in ids}))
        a = run(cyc).people.set_index("staff_id").loc["A"]
        assert a["level"] == 4 and "dismissal_review" in a["flags"]

    @pytest.mark.parametrize("kind, level", [("警告", 2), ("记过", 3), ("记大过", 3),
                                             ("降级", 3), ("撤职", 3)])
    def test_sanctions_cap_the_grade(self, helpers, kind, level):
        """警告 → not 优秀 (level 2); 记过 or heavier → at most the third grade."""
        ids = ["A", "B", "C", "D", "E"]
        ev = [{"staff_id": "A", "date": "2026-05-01", "kind": kind, "points": 0}]
        cyc = helpers.build(helpers.staff_rows(ids), events=ev,
                            actuals=helpers.flat_actuals(ids),
                            ratings=helpers.leader_ballots({i: 95 for i in ids}))
        assert run(cyc).people.set_index("staff_id").loc["A", "level"] == level

    def test_rules_min_months_applies_through_run(self, helpers):
        """The rule value, not a constant, decides eligibility in a full run."""
        ids = ["A", "B"]
        cyc = helpers.build(helpers.staff_rows(ids, B={"active_from": "2026-08-01"}),
                            rules=Rules(year=2026, min_months_to_grade=3),
                            actuals=helpers.flat_actuals(ids))
        assert run(cyc).graded == 2
