"""Every kind of input error: one broken cell gives one error at the right sheet, row, column.

Rows are the spreadsheet's own numbers: the header is row 1, so the first data row is 2.
"""

from __future__ import annotations

import pytest

from tests.shells.scenario_factory import base_frames, only, read, where, with_cell, with_row


def test_base_scenario_is_valid() -> None:
    """The factory's scenario reads without any problem, so each case below breaks one thing."""
    problem, problems = read(base_frames())
    assert problems == []
    assert problem is not None and len(problem.staff) == 4 and len(problem.days) == 31


def _drop_sheet(name):
    def change(f):
        return {k: v for k, v in f.items() if k != name}
    return change


def _drop_column(sheet, column):
    def change(f):
        return {**f, sheet: f[sheet].drop(columns=[column])}
    return change


def _cell(sheet, pos, column, value):
    return lambda f: with_cell(f, sheet, pos, column, value)


def _row(sheet, **cells):
    return lambda f: with_row(f, sheet, **cells)


CASES = {
    # name: (change, key, sheet, row, column)
    "missing staff sheet": (_drop_sheet("staff"), "reader.missing_sheet", "staff", None, ""),
    "missing posts sheet": (_drop_sheet("posts"), "reader.missing_sheet", "posts", None, ""),
    "missing horizon sheet": (_drop_sheet("horizon"), "reader.missing_sheet", "horizon", None,
                              ""),
    "missing column": (_drop_column("posts", "headcount"), "reader.missing_column", "posts",
                       None, "headcount"),
    "missing optional-sheet column": (_drop_column("leave", "end"), "reader.missing_column",
                                      "leave", None, "end"),
    "empty required cell": (_cell("staff", 1, "name", ""), "reader.required_value", "staff", 3,
                            "name"),
    "duplicate staff id": (_row("staff", staff_id="W002", name="重名"), "reader.duplicate_id",
                           "staff", 6, "staff_id"),
    "duplicate post id": (_row("posts", post_id="LEAD", name="x", day_types="workday",
                               headcount=1), "reader.duplicate_id", "posts", 4, "post_id"),
    "duplicate history": (_row("history", staff_id="W001"), "reader.duplicate_id", "history", 3,
                          "staff_id"),
    "duplicate calendar date": (
        lambda f: with_row(with_row(f, "calendar", date="2026-01-05", day_type="holiday"),
                           "calendar", date="2026-01-05", day_type="workday"),
        "reader.duplicate_id", "calendar", 3, "date"),
    "duplicate rule": (_row("rules", rule="min_gap_days", value="2"), "reader.duplicate_id",
                       "rules", 3, "rule"),
    "unknown staff in leave": (_cell("leave", 0, "staff_id", "W023"), "reader.unknown_staff",
                               "leave", 2, "staff_id"),
    "unknown staff in history": (_cell("history", 0, "staff_id", "W099"),
                                 "reader.unknown_staff", "history", 2, "staff_id"),
    "unknown staff in requests": (_cell("requests", 0, "staff_id", "W099"),
                                  "reader.unknown_staff", "requests", 2, "staff_id"),
    "unknown post in pins": (_cell("pins", 0, "post_id", "DAY"), "reader.unknown_post", "pins",
                             2, "post_id"),
    "unknown post in requests": (_cell("requests", 0, "post_id", "DAY"), "reader.unknown_post",
                                 "requests", 2, "post_id"),
    "unknown post in cannot_follow": (_cell("posts", 1, "cannot_follow", "LEAD;DAY"),
                                      "reader.unknown_post", "posts", 3, "cannot_follow"),
    "unknown post in max_per_post": (_cell("staff", 2, "max_per_post", "NIGHT=1;DAY=2"),
                                     "reader.unknown_post", "staff", 4, "max_per_post"),
    "unknown staff in never_together": (_row("rules", rule="never_together", value="W001;W099"),
                                        "reader.unknown_staff", "rules", 3, "value"),
    "unparsable date": (_cell("leave", 0, "start", "2026-13-01"), "reader.bad_date", "leave", 2,
                        "start"),
    "date as words": (_cell("horizon", 0, "end", "next month"), "reader.bad_date", "horizon", 2,
                      "end"),
    "unparsable number": (_cell("staff", 0, "fte", "full"), "reader.bad_number", "staff", 2,
                          "fte"),
    "fractional headcount": (_cell("posts", 0, "headcount", 1.5), "reader.bad_integer", "posts",
                             2, "headcount"),
    "unparsable time": (_cell("posts", 0, "start", "25:00"), "reader.bad_time", "posts", 2,
                        "start"),
    "horizon end before start": (_cell("horizon", 0, "end", "2025-12-01"),
                                 "reader.end_before_start", "horizon", 2, "end"),
    "leave end before start": (_cell("leave", 0, "end", "2026-01-11"),
                               "reader.end_before_start", "leave", 2, "end"),
    "active_to before active_from": (_cell("staff", 3, "active_to", "2026-01-05"),
                                     "reader.end_before_start", "staff", 5, "active_to"),
    "negative headcount": (_cell("posts", 1, "headcount", -1), "reader.negative", "posts", 3,
                           "headcount"),
    "negative rest days": (_cell("posts", 1, "rest_days_after", "-2"), "reader.negative",
                           "posts", 3, "rest_days_after"),
    "fte zero": (_cell("staff", 2, "fte", 0), "reader.fte_range", "staff", 4, "fte"),
    "fte above one": (_cell("staff", 2, "fte", "1.2"), "reader.fte_range", "staff", 4, "fte"),
    "points three decimals": (_cell("posts", 0, "points", "1.125"), "reader.points_decimals",
                              "posts", 2, "points"),
    "history points three decimals": (_cell("history", 0, "points", 0.333),
                                      "reader.points_decimals", "history", 2, "points"),
    "bad day type": (_cell("posts", 1, "day_types", "workday;night"), "reader.bad_day_type",
                     "posts", 3, "day_types"),
    "empty day types": (_cell("posts", 1, "day_types", " "), "reader.required_value", "posts", 3,
                        "day_types"),
    "bad calendar day type": (_row("calendar", date="2026-01-05", day_type="festival"),
                              "reader.bad_day_type", "calendar", 2, "day_type"),
    "pin outside horizon": (_cell("pins", 0, "date", "2026-02-02"), "reader.outside_horizon",
                            "pins", 2, "date"),
    "request outside horizon": (_cell("requests", 0, "date", "2025-12-31"),
                                "reader.outside_horizon", "requests", 2, "date"),
    "bad request kind": (_cell("requests", 0, "kind", "prefer"), "reader.bad_request_kind",
                         "requests", 2, "kind"),
    "request weight zero": (_cell("requests", 0, "weight", 0), "reader.too_small", "requests",
                            2, "weight"),
    "bad rule value": (_cell("rules", 0, "value", "two"), "reader.bad_integer", "rules", 2,
                       "value"),
    "negative rule value": (_cell("rules", 0, "value", "-1"), "reader.negative", "rules", 2,
                            "value"),
    "never_together not a pair": (_row("rules", rule="never_together", value="W001"),
                                  "reader.bad_pair", "rules", 3, "value"),
    "horizon with two rows": (_row("horizon", start="2026-02-01", end="2026-02-28"),
                              "reader.horizon_one_row", "horizon", 3, ""),
    "staff sheet without rows": (lambda f: {**f, "staff": f["staff"].iloc[0:0]},
                                 "reader.no_rows", "staff", None, ""),
    "horizon year typo": (_cell("horizon", 0, "end", "2062-01-31"), "reader.horizon_too_long",
                          "horizon", 2, "end"),
    "horizon in year 9999": (
        lambda f: with_cell(with_cell(f, "horizon", 0, "start", "9999-12-20"), "horizon", 0,
                            "end", "9999-12-31"),
        "reader.horizon_years", "horizon", 2, "start"),
    "last duty inside horizon": (_cell("history", 0, "last_duty", "2026-01-02"),
                                 "reader.last_duty_in_horizon", "history", 2, "last_duty"),
    "bad max_per_post": (_cell("staff", 2, "max_per_post", "NIGHT:2"),
                         "reader.bad_max_per_post", "staff", 4, "max_per_post"),
    "min above max minutes": (
        lambda f: with_cell(with_cell(f, "staff", 2, "min_minutes", 900), "staff", 2,
                            "max_minutes", 600),
        "reader.min_above_max", "staff", 4, "min_minutes"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_error_is_reported_at_its_cell(name: str) -> None:
    """One broken cell: no Problem, and exactly one error of the expected kind at its place."""
    change, key, sheet, row, column = CASES[name]
    problem, problems = read(change(base_frames()))
    assert problem is None
    hit = only(problems, key)
    assert hit.is_error
    assert where(hit) == (sheet, row, column)
    assert hit.text("en") and hit.text("zh")


def test_all_errors_of_one_workbook_are_reported_together() -> None:
    """Errors in several sheets and rows come back in one pass, none hiding another."""
    f = base_frames()
    f = with_cell(f, "staff", 2, "fte", 2)
    f = with_cell(f, "posts", 1, "headcount", -3)
    f = with_cell(f, "leave", 0, "staff_id", "W023")
    f = with_cell(f, "leave", 0, "end", "soon")
    f = with_cell(f, "pins", 0, "date", "2026-03-01")
    f = with_row(f, "requests", staff_id="W001", date="2026-01-07", kind="maybe")
    problem, problems = read(f)
    assert problem is None
    assert {(p.key, *where(p)) for p in problems if p.is_error} == {
        ("reader.fte_range", "staff", 4, "fte"),
        ("reader.negative", "posts", 3, "headcount"),
        ("reader.unknown_staff", "leave", 2, "staff_id"),
        ("reader.bad_date", "leave", 2, "end"),
        ("reader.outside_horizon", "pins", 2, "date"),
        ("reader.bad_request_kind", "requests", 3, "kind"),
    }


def test_error_text_names_sheet_row_column_and_value() -> None:
    """The message a director reads says where and what, in English and in Chinese."""
    _, problems = read(with_cell(base_frames(), "leave", 0, "staff_id", "W023"))
    hit = only(problems, "reader.unknown_staff")
    assert hit.text("en").startswith('leave row 2, column staff_id: staff_id "W023" is not in '
                                     "staff")
    assert hit.text("zh").startswith("leave 表第 2 行，staff_id 列：")
    assert "W023" in hit.text("zh")


def test_missing_staff_sheet_does_not_flood_unknown_ids() -> None:
    """Without a staff sheet, references to people are not each reported as unknown."""
    _, problems = read(_drop_sheet("staff")(base_frames()))
    assert [p.key for p in problems] == ["reader.missing_sheet"]
