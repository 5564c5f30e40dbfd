"""Roster workbook: what the writer puts in, what the reader gets back, and reader errors."""

from __future__ import annotations

import datetime as dt
import os

import openpyxl
import pytest

from scheduler.problem import Finding, LevelResult, Roster, SolveResult
from scheduler.validate import validate
from shells import atomic
from shells.roster_reader import read_roster
from shells.roster_writer import SHEETS, roster_workbook_bytes, write_roster
from tests.scheduler.factories import day, leave, make_problem, person, post, roster, rotate

PROBLEM = make_problem(7, staff=("A", "B", person("C", fte=0.5)),
                       posts=[post("P"), post("N", start=dt.time(22), minutes=600,
                                              day_types={"weekend"})],
                       holidays={day(2): "qingming"}, leave=(leave("C", 0, 1),))


def _write(tmp_path, r: Roster, **kw):
    path = tmp_path / "roster.xlsx"
    write_roster(path, PROBLEM, r, **kw)
    return path


def test_round_trip_gives_back_the_same_roster(tmp_path) -> None:
    """Every assignment written comes back, nothing more; all contract sheets exist."""
    r = rotate(PROBLEM, ["A", "B"])
    path = _write(tmp_path, r)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(SHEETS)
    head = [c.value for c in wb["assignments"][1]]
    assert head[:3] == ["date", "post_id", "staff_id"]
    back, problems = read_roster(path)
    assert problems == [] and back == r


def test_grid_colours_weekends_holidays_and_marks_gaps(tmp_path) -> None:
    """Holiday rows are orange, weekend rows blue, a missing person red with a marker."""
    r = Roster.of(a for a in rotate(PROBLEM, ["A", "B"]).assignments if a.date != day(3))
    ws = openpyxl.load_workbook(_write(tmp_path, r))["grid"]
    rows = {ws.cell(k, 1).value: k for k in range(2, ws.max_row + 1)}
    fill = lambda d, c=1: ws.cell(rows[d.isoformat()], c).fill.fgColor.rgb  # noqa: E731
    assert fill(day(2)).endswith("FCE4D6") and fill(day(5)).endswith("DDEBF7")
    assert fill(day(0)) in ("00000000", None)
    assert fill(day(3), 4).endswith("FF9999") and "缺1人" in ws.cell(rows[day(3).isoformat()],
                                                                     4).value


def test_summary_and_fairness_figures_match_the_validator(tmp_path) -> None:
    """The summary's load/share columns and the fairness sheet's exact levels are the
    validator's, and the part-timer on leave gets a proportionally smaller share."""
    r = rotate(PROBLEM, ["A", "B"])
    v = validate(PROBLEM, r)
    wb = openpyxl.load_workbook(_write(tmp_path, r, lang="en"))
    rows = list(wb["summary"].iter_rows(values_only=True))
    by_id = {row[0]: row for row in rows[1:4]}
    people = {p.staff_id: p for p in v.people}
    assert by_id["C"][10] == pytest.approx(float(people["C"].share), abs=1e-4)
    assert by_id["C"][5] == 2.5  # fte 1/2 × 5 available days
    exact = {row[1]: row[3] for row in wb["fairness"].iter_rows(values_only=True) if row}
    for name, value in v.levels:
        assert exact[name] == str(value)


def test_solver_sheet_reports_levels_gaps_and_conflicts(tmp_path) -> None:
    """Status, each level's value/bound/gap, uncovered places and conflicts are listed."""
    r = rotate(PROBLEM, ["A", "B"])
    hole = Finding("cover", day(1), "P", (), (("required", 1), ("actual", 0)))
    res = SolveResult("feasible", r, levels=(LevelResult("max_excess", 1, 0.5, False, 1.25),),
                      uncovered=(hole,), seconds=3.5)
    wb = openpyxl.load_workbook(_write(tmp_path, res, lang="en"))
    text = [[c for c in row if c is not None] for row in wb["solver"].iter_rows(values_only=True)]
    flat = " | ".join(str(c) for row in text for c in row)
    assert "feasible" in flat and "max_excess" in flat
    level_row = next(row for row in text if "max_excess" in row)
    assert 1 in level_row and 0.5 in level_row
    assert "needs 1, has 0" in flat


def test_failed_write_leaves_the_old_file_and_no_debris(tmp_path, monkeypatch) -> None:
    """If the final move fails, the previous roster is untouched and no temp file stays."""
    path = _write(tmp_path, rotate(PROBLEM, ["A", "B"]))
    before = path.read_bytes()

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(OSError):
        write_roster(path, PROBLEM, rotate(PROBLEM, ["B", "A"]))
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["roster.xlsx"]


def test_bytes_for_a_download_are_a_full_workbook() -> None:
    """The in-memory variant gives the same sheets (for the UI's download button)."""
    import io

    data = roster_workbook_bytes(PROBLEM, rotate(PROBLEM, ["A", "B"]))
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == list(SHEETS)


def _hand_made(tmp_path, rows, sheet="assignments"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    path = tmp_path / "hand.xlsx"
    wb.save(path)
    return path


def test_hand_edited_workbook_with_excel_dates_numbers_and_blank_rows(tmp_path) -> None:
    """Date cells, ISO text, slashes, numeric ids and blank lines are all understood."""
    path = _hand_made(tmp_path, [
        ("Date", "post_id", "staff_id", "note"),
        (dt.datetime(2026, 3, 2), "P", 1001, "x"),
        (None, None, None, None),
        ("2026/03/03", "P", "A", None),
        ("2026-03-04", " P ", "B", None),
    ])
    r, problems = read_roster(path)
    assert problems == []
    assert r == roster((0, "P", "1001"), (1, "P", "A"), (2, "P", "B"))


def test_reader_reports_every_bad_row_with_its_number(tmp_path) -> None:
    """A bad date, an empty id and a duplicate are named by spreadsheet row and column."""
    path = _hand_made(tmp_path, [
        ("date", "post_id", "staff_id"),
        ("2026-03-02", "P", "A"),
        ("yesterday", "P", "B"),
        ("2026-03-04", "", "B"),
        ("2026-03-02", "P", "A"),
    ])
    r, problems = read_roster(path)
    assert r is None
    got = [(p.row, p.column, p.key, p.severity) for p in problems]
    assert got == [(3, "date", "rosterio.read.bad_date", "error"),
                   (4, "post_id", "rosterio.read.empty_cell", "error"),
                   (5, "", "rosterio.read.duplicate", "warning")]
    assert "row 3" in problems[0].text("en") and "yesterday" in problems[0].text("en")


def test_missing_sheet_column_and_file_are_errors(tmp_path) -> None:
    """No assignments sheet, a missing column, a missing or broken file: errors, no roster."""
    r, problems = read_roster(_hand_made(tmp_path, [("date", "post_id", "staff_id")], "Sheet"))
    assert r is None and problems[0].key == "rosterio.read.no_sheet"
    r, problems = read_roster(_hand_made(tmp_path, [("date", "staff_id"), ("2026-03-02", "A")]))
    assert r is None and [(p.row, p.column) for p in problems] == [(1, "post_id")]
    r, problems = read_roster(tmp_path / "nope.xlsx")
    assert r is None and problems[0].key == "rosterio.read.not_found"
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    r, problems = read_roster(junk)
    assert r is None and problems[0].key == "rosterio.read.unreadable"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_in_the_encodings_chinese_excel_writes(tmp_path, encoding) -> None:
    """A CSV roster reads the same in UTF-8 (with or without BOM) and GB18030."""
    path = tmp_path / "assignments.csv"
    path.write_bytes("date,post_id,staff_id,姓名\n2026-03-02,P,A,王一\n,,,\n2026-03-03,P,B,李二\n"
                     .encode(encoding))
    r, problems = read_roster(path)
    assert problems == [] and r == roster((0, "P", "A"), (1, "P", "B"))
    r2, _ = read_roster(tmp_path)  # a folder with assignments.csv
    assert r2 == r


def test_csv_line_numbers_are_reported(tmp_path) -> None:
    """In a CSV the row number is the line number (header = line 1)."""
    path = tmp_path / "assignments.csv"
    path.write_text("date,post_id,staff_id\n2026-03-02,P,A\n2026-13-40,P,B\n", encoding="utf-8")
    r, problems = read_roster(path)
    assert r is None and [(p.sheet, p.row, p.column) for p in problems] == [
        ("assignments", 3, "date")]
