"""Where a scenario comes from: workbook path, upload bytes, CSV folders in three encodings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from shells.scenario_reader import read_scenario
from tests.shells.scenario_factory import (
    base_frames,
    only,
    read,
    where,
    with_cell,
    with_row,
    write_csvs,
    write_xlsx,
)


def _unnamed(problem):
    return dataclasses.replace(problem, name="")


@pytest.fixture
def expected():
    problem, problems = read(base_frames())
    assert problems == []
    return problem


def test_xlsx_with_text_dates(tmp_path, expected) -> None:
    """A workbook whose dates are typed as ISO text reads like the frames."""
    problem, problems = read_scenario(write_xlsx(base_frames(), tmp_path / "s.xlsx"))
    assert problems == [] and _unnamed(problem) == expected and problem.name == "s"


def test_xlsx_with_excel_date_cells(tmp_path, expected) -> None:
    """Real Excel date cells (and datetime cells) give the same problem as ISO text."""
    f = base_frames()
    for sheet, cols in {"horizon": ("start", "end"), "leave": ("start", "end"),
                        "pins": ("date",), "requests": ("date",),
                        "history": ("last_duty",)}.items():
        for col in cols:
            f[sheet][col] = [dt.date.fromisoformat(v) for v in f[sheet][col]]
    f["horizon"]["end"] = [dt.datetime(2026, 1, 31)]
    path = write_xlsx(f, tmp_path / "dates.xlsx")
    cell = openpyxl.load_workbook(path)["leave"]["B2"]
    assert cell.is_date
    problem, problems = read_scenario(path)
    assert problems == [] and _unnamed(problem) == expected


def test_upload_bytes_and_file_like(tmp_path, expected) -> None:
    """Streamlit hands bytes or a file-like object; both read like the path."""
    data = write_xlsx(base_frames(), tmp_path / "u.xlsx").read_bytes()
    p1, e1 = read_scenario(data)
    buf = io.BytesIO(data)
    buf.name = "upload.xlsx"
    p2, e2 = read_scenario(buf)
    assert e1 == e2 == []
    assert _unnamed(p1) == _unnamed(p2) == expected and p2.name == "upload"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_folder_in_each_encoding(tmp_path, expected, encoding) -> None:
    """UTF-8 with or without BOM and GB18030/GBK as Chinese Excel writes: same problem."""
    folder = write_csvs(base_frames(), tmp_path / encoding, encoding)
    problem, problems = read_scenario(folder)
    assert problems == []
    assert _unnamed(problem) == expected
    assert problem.staff_by_id()["W002"].name == "李二"


def test_csv_error_names_the_line_number(tmp_path) -> None:
    """In a CSV the row is the file's line number, blank lines included."""
    folder = write_csvs(base_frames(), tmp_path / "c", "gb18030")
    text = (folder / "leave.csv").read_bytes().decode("gb18030")
    text += "\n" + "W002,2026-01-20,2026-01-19,sick\n"  # blank line 3, bad row on line 4
    (folder / "leave.csv").write_bytes(text.encode("gb18030"))
    problem, problems = read_scenario(folder)
    assert problem is None
    assert where(only(problems, "reader.end_before_start")) == ("leave", 4, "end")


def test_xlsx_error_row_counts_blank_rows(tmp_path) -> None:
    """A blank row inside a sheet still counts, so the row named is the one Excel shows."""
    f = with_row(with_row(base_frames(), "leave"), "leave", staff_id="W099", start="2026-01-02",
                 end="2026-01-03")
    problem, problems = read_scenario(write_xlsx(f, tmp_path / "b.xlsx"))
    assert where(only(problems, "reader.unknown_staff")) == ("leave", 4, "staff_id")


def test_csv_folder_without_staff(tmp_path) -> None:
    """A CSV folder lacking a required sheet names the missing file."""
    f = {k: v for k, v in base_frames().items() if k != "staff"}
    problem, problems = read_scenario(write_csvs(f, tmp_path / "c", "utf-8"))
    assert problem is None
    assert only(problems, "reader.missing_csv").sheet == "staff"
    assert "staff.csv" in only(problems, "reader.missing_csv").text("en")


def test_csv_in_an_unknown_encoding(tmp_path) -> None:
    """Bytes that are neither UTF-8 nor GB18030 are reported, not guessed."""
    folder = write_csvs(base_frames(), tmp_path / "c", "utf-8")
    (folder / "rules.csv").write_bytes(b"rule,value\n\x80\xff,1\n")
    problem, problems = read_scenario(folder)
    assert problem is None
    assert only(problems, "reader.bad_encoding").sheet == "rules.csv"


def test_unreadable_required_csv_is_not_also_called_missing(tmp_path) -> None:
    """A staff.csv in an unknown encoding is reported once, not also as a missing file."""
    folder = write_csvs(base_frames(), tmp_path / "c", "utf-8")
    (folder / "staff.csv").write_bytes(b"staff_id,name\nW001,\x80\xff\n")
    problem, problems = read_scenario(folder)
    assert problem is None
    assert [p.key for p in problems] == ["reader.bad_encoding"]


def test_missing_path_corrupt_workbook_and_wrong_type(tmp_path) -> None:
    """Unusable sources give one clear problem each, never a traceback."""
    assert only(read_scenario(tmp_path / "nope.xlsx")[1], "reader.no_source")
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    assert only(read_scenario(tmp_path / "bad.xlsx")[1], "reader.unreadable_workbook")
    assert only(read_scenario(b"garbage")[1], "reader.unreadable_workbook")
    (tmp_path / "s.txt").write_text("x")
    problem, problems = read_scenario(tmp_path / "s.txt")
    assert problem is None and only(problems, "reader.not_xlsx")


def test_numeric_ids_and_loose_headers(tmp_path) -> None:
    """Ids typed as numbers stay "1001", and sheet/column names are trimmed, case-insensitive."""
    f = with_cell(base_frames(), "staff", 0, "staff_id", 1001)
    f = with_cell(f, "history", 0, "staff_id", 1001)
    f["Staff "] = f.pop("staff").rename(columns={"name": " Name"})
    problem, problems = read_scenario(write_xlsx(f, tmp_path / "n.xlsx"))
    assert problems == []
    assert "1001" in problem.staff_by_id() and problem.history[0].staff_id == "1001"


def test_frames_from_the_data_editor_with_nan(expected) -> None:
    """Edited frames carry NaN, None or their text forms for empty cells: all read as blank."""
    f = base_frames()
    f["requests"] = f["requests"].replace("", float("nan"))
    f["requests"].loc[0, "weight"] = "None"  # str() of an empty cell after astype(str)
    f["staff"] = f["staff"].astype(str)  # "nan"/"" cells as the text editors hold them
    f["staff"] = pd.concat([f["staff"], pd.DataFrame([{c: None for c in f["staff"].columns}])],
                           ignore_index=True)
    problem, problems = read(f)
    assert problems == [] and problem == expected
