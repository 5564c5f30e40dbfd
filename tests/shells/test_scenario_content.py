"""What a valid scenario becomes: clipped leave, legal pins, requests, history, rules, posts."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pandas as pd
import pytest

from scheduler.problem import History, PersonLimits, Pin, Request
from tests.shells.scenario_factory import base_frames, only, read, where, with_cell, with_row

D = dt.date


def _ok(frames):
    problem, problems = read(frames)
    assert problem is not None, [p.text("en") for p in problems]
    return problem


def test_leave_past_the_horizon_is_clipped_and_outside_leave_dropped() -> None:
    """Leave overlapping an end is cut to the horizon; leave wholly outside disappears."""
    f = with_row(base_frames(), "leave", staff_id="W001", start="2025-12-20", end="2026-01-03")
    f = with_row(f, "leave", staff_id="W002", start="2026-01-30", end="2026-02-10", kind="trip")
    f = with_row(f, "leave", staff_id="W002", start="2026-03-01", end="2026-03-05")
    problem, problems = read(f)
    assert problems == []
    spans = {(lv.staff_id, lv.start, lv.end, lv.kind) for lv in problem.leave}
    assert spans == {("W003", D(2026, 1, 12), D(2026, 1, 14), "annual"),
                     ("W001", D(2026, 1, 1), D(2026, 1, 3), "other"),
                     ("W002", D(2026, 1, 30), D(2026, 1, 31), "trip")}


def _pins(frames, *rows):
    out = {**frames, "pins": pd.DataFrame(list(rows), columns=["date", "post_id", "staff_id"])}
    return with_row(out, "posts", post_id="DUTY", name="日间值班", day_types="workday",
                    headcount=1, qualification="duty")


PIN_CASES = {
    "on leave": (("2026-01-13", "NIGHT", "W003"), "reader.pin_on_leave", "staff_id"),
    "lacks qualification": (("2026-01-13", "NIGHT", "W004"), "reader.pin_unqualified",
                            "staff_id"),
    "not yet active": (("2026-01-05", "DUTY", "W004"), "reader.pin_inactive", "staff_id"),
    "post not running on a holiday": (("2026-01-02", "NIGHT", "W003"),
                                      "reader.pin_post_not_running", "post_id"),
    "post not running on a weekend": (("2026-01-10", "DUTY", "W003"),
                                      "reader.pin_post_not_running", "post_id"),
    "unknown post": (("2026-01-06", "DAY", "W003"), "reader.unknown_post", "post_id"),
    "unknown staff": (("2026-01-06", "NIGHT", "W033"), "reader.unknown_staff", "staff_id"),
}


@pytest.mark.parametrize("name", list(PIN_CASES))
def test_pin_that_breaks_a_rule_on_its_own_is_an_error(name: str) -> None:
    """Each rule a single pin can break is an input error at the pin's row."""
    pin, key, column = PIN_CASES[name]
    problem, problems = read(_pins(base_frames(), ("2026-01-12", "DUTY", "W004"), pin))
    assert problem is None
    assert where(only(problems, key)) == ("pins", 3, column)
    assert len([p for p in problems if p.is_error]) == 1


def test_pin_on_a_post_with_headcount_zero_is_not_running() -> None:
    """A post with headcount 0 has no slot, so a pin on it cannot be honoured."""
    f = with_cell(_pins(base_frames(), ("2026-01-12", "DUTY", "W004")), "posts", 2,
                  "headcount", 0)
    _, problems = read(f)
    assert where(only(problems, "reader.pin_post_not_running")) == ("pins", 2, "post_id")


def test_legal_pins_reach_the_problem() -> None:
    """Pins that break nothing are kept in sheet order; pins clashing with each other are
    left to the solver's infeasibility explanation, not rejected here."""
    f = _pins(base_frames(), ("2026-01-12", "DUTY", "W004"), ("2026-01-07", "NIGHT", "W003"),
              ("2026-01-08", "NIGHT", "W003"))
    problem = _ok(f)
    assert problem.pins == (Pin(D(2026, 1, 12), "DUTY", "W004"), Pin(D(2026, 1, 7), "NIGHT",
                                                                     "W003"),
                            Pin(D(2026, 1, 8), "NIGHT", "W003"))


def test_requests_default_to_any_duty_and_weight_one() -> None:
    """A request without post means any duty that day; weight defaults to 1."""
    f = with_row(base_frames(), "requests", staff_id="W001", date="2026-01-09", kind="want",
                 post_id="LEAD", weight=3)
    f = with_row(f, "requests", staff_id="W002", date="2026-01-10", kind="避免")
    problem = _ok(f)
    assert problem.requests == (Request("W003", D(2026, 1, 20), "avoid", "", 1),
                                Request("W001", D(2026, 1, 9), "want", "LEAD", 3),
                                Request("W002", D(2026, 1, 10), "avoid", "", 1))


def test_history_points_dates_and_festivals() -> None:
    """Points become hundredths, festival names their canonical keys (any spelling)."""
    f = with_row(base_frames(), "history", staff_id="W003", points="-1.25",
                 holidays_worked="Spring Festival；元旦;国庆")
    problem = _ok(f)
    assert problem.history == (
        History("W001", 250, D(2025, 12, 30), frozenset({"spring"})),
        History("W003", -125, None, frozenset({"spring", "new_year", "national"})),
    )


def test_every_rule_key_reaches_rules() -> None:
    """Each documented rules key sets its Rules field; never_together takes one pair a row."""
    rows = [("min_gap_days", 2), ("max_duties_per_week", 2), ("max_duties_per_month", 6),
            ("max_weekend_holiday_duties_per_month", 3), ("max_consecutive_days", 2),
            ("min_consecutive_days", 1), ("min_consecutive_days_off", 2), ("max_weekends", 3),
            ("max_weekends_per_month", 2), ("never_together", "W001;W002"),
            ("never_together", "W003；W004"), ("spacing_days", 4), ("weight_spacing", 2),
            ("weight_rotation", 5)]
    f = {**base_frames(), "rules": pd.DataFrame(rows, columns=["rule", "value"])}
    rules = _ok(f).rules
    assert (rules.min_gap_days, rules.max_duties_per_week, rules.max_duties_per_month,
            rules.max_weekend_holiday_duties_per_month, rules.max_consecutive_days,
            rules.min_consecutive_days, rules.min_consecutive_days_off, rules.max_weekends,
            rules.max_weekends_per_month, rules.spacing_days, rules.weight_spacing,
            rules.weight_rotation) == (2, 2, 6, 3, 2, 1, 2, 3, 2, 4, 2, 5)
    assert rules.never_together == (("W001", "W002"), ("W003", "W004"))


def test_posts_fields_minutes_points_and_successions() -> None:
    """Hours give minutes unless minutes is given; points become hundredths; lists parse."""
    f = with_cell(base_frames(), "posts", 1, "cannot_follow", "NIGHT; LEAD")
    f = with_row(f, "posts", post_id="DAY", name="日间", day_types="工作日；周末", headcount=2,
                 start="8:00", hours=7.5, minutes=420, points="0.75")
    posts = _ok(f).post_by_id()
    assert posts["NIGHT"].minutes == 900 and posts["NIGHT"].points100 == 150
    assert posts["NIGHT"].is_night and posts["NIGHT"].rest_days_after == 1
    assert posts["NIGHT"].cannot_follow == frozenset({"NIGHT", "LEAD"})
    assert posts["DAY"].minutes == 420 and posts["DAY"].points100 == 75
    assert posts["DAY"].day_types == frozenset({"workday", "weekend"})
    assert posts["DAY"].start == dt.time(8, 0) and not posts["DAY"].is_night
    assert posts["LEAD"].start == dt.time(8, 30)


def test_staff_fields_and_personal_limits() -> None:
    """fte is an exact fraction; optional limit columns become PersonLimits."""
    f = with_cell(base_frames(), "staff", 2, "max_per_post", "NIGHT=2;LEAD=0")
    f = with_cell(f, "staff", 2, "max_weekends", 2)
    f = with_cell(f, "staff", 2, "max_minutes", 3000)
    problem = _ok(f)
    by_id = problem.staff_by_id()
    assert by_id["W004"].fte == Fraction(1, 2)
    assert by_id["W004"].active_from == D(2026, 1, 10)
    assert by_id["W003"].qualifications == frozenset({"duty", "night"})
    assert problem.limits == (("W003", PersonLimits(max_per_post=(("NIGHT", 2), ("LEAD", 0)),
                                                    max_weekends=2, max_minutes=3000)),)
    assert problem.limits_of("W001") == PersonLimits()


def test_slots_follow_day_types() -> None:
    """LEAD runs every day, NIGHT on January 2026's workdays (incl. the working Sunday 4th)."""
    problem = _ok(base_frames())
    workdays = [d.date for d in problem.days if d.day_type == "workday"]
    assert D(2026, 1, 4) in workdays and D(2026, 1, 1) not in workdays
    night = [s.date for s in problem.slots if s.post_id == "NIGHT"]
    assert night == workdays
    assert len([s for s in problem.slots if s.post_id == "LEAD"]) == 31


def test_calendar_override_makes_a_holiday_block() -> None:
    """A typed-in local holiday on Friday Jan 9 pulls the following weekend into its block."""
    f = with_row(base_frames(), "calendar", date="2026-01-09", day_type="holiday",
                 holiday_name="县庆")
    days = _ok(f).day_by_date()
    for k in (9, 10, 11):
        assert days[D(2026, 1, k)].day_type == "holiday"
        assert days[D(2026, 1, k)].festival == "县庆"
    assert days[D(2026, 1, 12)].day_type == "workday"
    assert days[D(2026, 1, 8)].day_type == "workday"


def test_calendar_override_can_make_a_working_day() -> None:
    """An override can also turn a weekend day into an adjusted working day (调休)."""
    f = with_row(base_frames(), "calendar", date=dt.datetime(2026, 1, 17), day_type="workday")
    day = _ok(f).day_by_date()[D(2026, 1, 17)]
    assert day.day_type == "workday" and day.adjusted_workday


def test_timestamps_and_text_dates_give_the_same_problem() -> None:
    """The UI's data editor hands pandas Timestamps; the result equals ISO text input."""
    f = base_frames()
    g = with_cell(f, "horizon", 0, "start", pd.Timestamp("2026-01-01"))
    g = with_cell(g, "leave", 0, "end", pd.Timestamp("2026-01-14"))
    g = with_cell(g, "history", 0, "last_duty", dt.date(2025, 12, 30))
    assert _ok(g) == _ok(f)
