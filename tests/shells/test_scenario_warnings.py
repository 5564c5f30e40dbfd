"""Warnings: shown with their place, but the scenario is still usable (a Problem comes back)."""

from __future__ import annotations

import pandas as pd

from tests.shells.scenario_factory import base_frames, only, read, where, with_cell, with_row


def _usable(frames):
    problem, problems = read(frames)
    assert problem is not None, [p.text("en") for p in problems if p.is_error]
    assert all(not p.is_error for p in problems)
    return problem, problems


def test_unknown_rank_is_a_warning() -> None:
    """An unknown rank is kept (it becomes its own fairness group) and flagged at its cell."""
    problem, problems = _usable(with_cell(base_frames(), "staff", 2, "rank", "clerk"))
    hit = only(problems, "reader.unknown_rank")
    assert (hit.severity, *where(hit)) == ("warning", "staff", 4, "rank")
    assert problem.staff_by_id()["W003"].group == "clerk"


def test_unknown_leave_kind_is_a_warning_and_still_leave() -> None:
    """A leave of an unknown kind still keeps the person off duty."""
    problem, problems = _usable(with_cell(base_frames(), "leave", 0, "kind", "wedding"))
    hit = only(problems, "reader.unknown_leave_kind")
    assert (hit.severity, *where(hit)) == ("warning", "leave", 2, "kind")
    assert [lv.kind for lv in problem.leave] == ["wedding"]


def test_post_open_to_several_fairness_groups_is_flagged() -> None:
    """A post without a qualification is open to leaders and cadres: its split is unbalanced."""
    f = with_row(base_frames(), "posts", post_id="ANY", name="任何人", day_types="weekend",
                 headcount=1)
    _, problems = _usable(f)
    hit = only(problems, "reader.post_shared_groups")
    assert (hit.severity, *where(hit)) == ("warning", "posts", 4, "qualification")
    assert dict(hit.params) == {"post": "ANY", "groups": "cadre, leader"}


def test_posts_kept_apart_by_qualification_give_no_group_warning() -> None:
    """The base scenario keeps leader and staff posts apart, so nothing is flagged."""
    _, problems = _usable(base_frames())
    assert not [p for p in problems if p.key == "reader.post_shared_groups"]


def _in_2027(frames):
    f = with_cell(frames, "horizon", 0, "start", "2027-01-01")
    f = with_cell(f, "horizon", 0, "end", "2027-01-31")
    f = with_cell(f, "history", 0, "last_duty", "2026-12-30")
    return {**f, "pins": f["pins"].iloc[0:0], "requests": f["requests"].iloc[0:0],
            "leave": f["leave"].iloc[0:0]}


def test_unpublished_year_gives_a_warning() -> None:
    """2027's official schedule is not in the package: planning it must not be silent."""
    problem, problems = _usable(_in_2027(base_frames()))
    hit = only(problems, "calendar.unpublished")
    assert hit.severity == "warning" and hit.sheet == "calendar"
    assert dict(hit.params) == {"year": 2027}
    assert "2027" in hit.text("en") and "calendar" in hit.text("en")
    assert problem.days[0].date.year == 2027


def test_overrides_for_the_year_silence_the_unpublished_warning() -> None:
    """Once the user types the year's holidays into the calendar sheet, the warning goes."""
    f = with_row(_in_2027(base_frames()), "calendar", date="2027-01-01", day_type="holiday",
                 holiday_name="元旦")
    problem, problems = _usable(f)
    assert not [p for p in problems if p.key == "calendar.unpublished"]
    assert problem.days[0].day_type == "holiday" and problem.days[0].festival == "new_year"


def test_published_year_gives_no_calendar_warning() -> None:
    """2026 is in the package: no warning."""
    _, problems = _usable(base_frames())
    assert problems == []


def test_unknown_rule_is_a_warning() -> None:
    """A rule this version does not know is ignored with a warning naming the known ones."""
    problem, problems = _usable(with_row(base_frames(), "rules", rule="max_nights", value="3"))
    hit = only(problems, "reader.unknown_rule")
    assert (hit.severity, *where(hit)) == ("warning", "rules", 3, "rule")
    assert problem.rules.min_gap_days == 1


def test_unknown_sheet_is_a_warning() -> None:
    """A misspelt optional sheet would be silently ignored; it is named instead."""
    f = {**base_frames(), "leaves": pd.DataFrame({"staff_id": ["W001"]})}
    _, problems = _usable(f)
    hit = only(problems, "reader.unknown_sheet")
    assert (hit.severity, hit.sheet) == ("warning", "leaves")


def test_data_dictionary_sheet_is_not_an_unknown_sheet() -> None:
    """A workbook started from the template keeps its dictionary sheet without a warning."""
    f = {**base_frames(), "data_dictionary": pd.DataFrame({"sheet": ["staff"]})}
    _, problems = _usable(f)
    assert problems == []


def test_duplicate_pin_is_a_warning_and_kept_once() -> None:
    """The same pin twice is harmless: kept once, the second row flagged."""
    f = with_row(base_frames(), "pins", date="2026-01-05", post_id="NIGHT", staff_id="W003")
    problem, problems = _usable(f)
    hit = only(problems, "reader.duplicate_pin")
    assert (hit.severity, hit.sheet, hit.row) == ("warning", "pins", 3)
    assert len(problem.pins) == 1


def test_wish_for_a_duty_while_on_leave_is_flagged() -> None:
    """W003 wants a duty on a day of their own leave: a wish that cannot be met."""
    f = with_row(base_frames(), "requests", staff_id="W003", date="2026-01-13", kind="want")
    f = with_row(f, "requests", staff_id="W003", date="2026-01-13", kind="avoid")
    _, problems = _usable(f)
    hit = only(problems, "reader.request_unavailable")
    assert (hit.severity, *where(hit)) == ("warning", "requests", 3, "date")


def test_wish_for_a_post_on_a_day_it_does_not_run_is_flagged() -> None:
    """NIGHT runs on workdays only; a wish for it on New Year's Day has no effect."""
    f = with_row(base_frames(), "requests", staff_id="W003", date="2026-01-01", kind="want",
                 post_id="NIGHT")
    _, problems = _usable(f)
    hit = only(problems, "reader.request_post_not_running")
    assert (hit.severity, *where(hit)) == ("warning", "requests", 3, "post_id")
