"""The Chinese working calendar of 2026 as published, overrides, and unpublished years."""

from __future__ import annotations

import datetime as dt

import pytest

from office.calendar import CalendarOverride, build_calendar, festival_key, unpublished_years

D = dt.date


@pytest.fixture(scope="module")
def q1():
    return {d.date: d for d in build_calendar(D(2025, 12, 1), D(2026, 3, 31))}


@pytest.mark.parametrize("day", [D(2026, 2, 14), D(2026, 2, 28)])
def test_2026_working_saturdays(q1, day) -> None:
    """Feb 14 and Feb 28, 2026 are Saturdays worked in exchange for Spring Festival days."""
    assert day.weekday() == 5
    assert q1[day].day_type == "workday" and q1[day].adjusted_workday


def test_2026_jan_4_is_a_working_sunday(q1) -> None:
    """Jan 4, 2026 is a Sunday worked in exchange for New Year's Day off."""
    day = q1[D(2026, 1, 4)]
    assert D(2026, 1, 4).weekday() == 6
    assert day.day_type == "workday" and day.adjusted_workday


def test_2026_new_year_block_includes_its_saturday(q1) -> None:
    """Jan 1–3 are holidays, Saturday Jan 3 included, all named New Year for rotation."""
    for k in (1, 2, 3):
        day = q1[D(2026, 1, k)]
        assert day.day_type == "holiday" and day.festival == "new_year"
    assert q1[D(2025, 12, 31)].day_type == "workday"


def test_2026_spring_festival_block_includes_its_weekends(q1) -> None:
    """Feb 15–23 are all holidays (Sun 15, Sat 21, Sun 22 included), all Spring Festival."""
    for k in range(15, 24):
        day = q1[D(2026, 2, k)]
        assert day.day_type == "holiday" and day.festival == "spring", day
    assert q1[D(2026, 2, 13)].day_type == "workday"
    assert q1[D(2026, 2, 24)].day_type == "workday"


def test_plain_weekends_stay_weekends(q1) -> None:
    """Ordinary Saturdays and Sundays are weekend days, not holidays."""
    assert q1[D(2026, 1, 10)].day_type == "weekend"
    assert q1[D(2026, 3, 1)].day_type == "weekend"
    assert q1[D(2026, 3, 2)].day_type == "workday"


def test_first_quarter_2026_counts(q1) -> None:
    """90 days: 12 holidays, 19 weekend days, 59 working days (3 adjusted)."""
    days = [d for d in q1.values() if d.date >= D(2026, 1, 1)]
    kinds = [d.day_type for d in days]
    assert (kinds.count("holiday"), kinds.count("weekend"), kinds.count("workday")) == \
        (12, 19, 59)
    assert sum(d.adjusted_workday for d in days) == 3


def test_block_started_before_the_horizon_still_counts() -> None:
    """A horizon starting mid-block keeps the block's weekend days as holidays."""
    days = build_calendar(D(2026, 2, 21), D(2026, 2, 24))
    assert [d.day_type for d in days] == ["holiday", "holiday", "holiday", "workday"]
    assert days[0].festival == "spring"


def test_override_turns_a_day_into_a_holiday_with_its_block() -> None:
    """A local holiday typed on Friday Mar 6 drags Saturday and Sunday into its block."""
    days = {d.date: d for d in build_calendar(
        D(2026, 3, 1), D(2026, 3, 31), [CalendarOverride(D(2026, 3, 6), "holiday", "县庆")])}
    for k in (6, 7, 8):
        assert days[D(2026, 3, k)].day_type == "holiday"
        assert days[D(2026, 3, k)].festival == "县庆"
    assert days[D(2026, 3, 5)].day_type == "workday"
    assert days[D(2026, 3, 14)].day_type == "weekend"


def test_override_beats_the_official_calendar() -> None:
    """A user may overrule the package, e.g. make Feb 28 a rest day after all."""
    days = {d.date: d for d in build_calendar(
        D(2026, 2, 27), D(2026, 3, 2), [CalendarOverride(D(2026, 2, 28), "weekend")])}
    assert days[D(2026, 2, 28)].day_type == "weekend"
    assert not days[D(2026, 2, 28)].adjusted_workday


def test_unpublished_year_is_detected_and_overrides_clear_it() -> None:
    """2027 is not in the package; any override of a 2027 day means the user typed it in."""
    assert unpublished_years(D(2026, 1, 1), D(2026, 12, 31)) == []
    assert unpublished_years(D(2026, 12, 1), D(2027, 2, 28)) == [2027]
    typed = [CalendarOverride(D(2027, 2, 6), "holiday", "春节")]
    assert unpublished_years(D(2026, 12, 1), D(2027, 2, 28), typed) == []


@pytest.mark.parametrize("name,key", [("春节", "spring"), ("Chinese New Year (Spring Festival)",
                                                          "spring"),
                                      ("元旦", "new_year"), ("国庆", "national"),
                                      ("县庆", "县庆"), ("Day off (substituted)", None)])
def test_festival_names_map_to_one_key(name, key) -> None:
    """Chinese, English and package spellings of a festival share one rotation key."""
    assert festival_key(name) == key
