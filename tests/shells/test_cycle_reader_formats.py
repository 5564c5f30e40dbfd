"""Cycle files as CSV folders in every common encoding, Excel-native cells, and past results."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from shells.cycle_history import read_history
from shells.cycle_load import decode
from shells.cycle_reader import read_cycle

STAFF = ("staff_id,name,category,department,active_from\n"
         "S1,张三,公务员,党政办,\nS2,李四,事业单位,财政所,2026-01-15\n")
INDICATORS = ("indicator_id,dimension,name,weight,rule,target\n"
              "M,德,政治素质,100,rating,\nA,能,学时,100,ratio,10\nD,勤,出勤,100,deduction,\n"
              "P,绩,目标,100,ratio,100\nI,廉,廉洁,100,deduction,\n")
ACTUALS = "staff_id,indicator_id,value\nS1,A,９\nS2,A,8\nS1,P,100\nS2,P,95\n"
RULES = "rule,value\nyear,2026\n"


def write_folder(path, encoding, files=None):
    path.mkdir()
    files = files or {"staff": STAFF, "indicators": INDICATORS, "actuals": ACTUALS,
                      "rules": RULES}
    for name, text in files.items():
        (path / f"{name}.csv").write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_folder_in_each_encoding(tmp_path, encoding):
    """UTF-8 with or without BOM, GB18030 and GBK all read the same Chinese names; the
    category aliases 公务员/事业单位 and the full-width digit ９ are understood."""
    res = read_cycle(write_folder(tmp_path / "cycle", encoding))
    assert res.errors == (), [p.render("en") for p in res.errors]
    staff = res.cycle.staff.set_index("staff_id")
    assert staff.loc["S1", "name"] == "张三" and staff.loc["S2", "department"] == "财政所"
    assert staff["category"].tolist() == ["civil_servant", "institution"]
    assert res.cycle.actuals["value"].tolist()[0] == 9.0


def test_csv_errors_name_the_line_number(tmp_path):
    """In a CSV the row is the file's line number (header = line 1)."""
    files = {"staff": STAFF, "indicators": INDICATORS, "rules": RULES,
             "actuals": "staff_id,indicator_id,value\nS1,A,9\nS2,A,eight\n"}
    res = read_cycle(write_folder(tmp_path / "cycle", "utf-8", files))
    assert [p.render("en") for p in res.errors] == [
        "actuals row 3 column value: 'eight' is not a number"]


def test_decode_prefers_utf8_then_gb18030():
    """Bytes valid as UTF-8 are UTF-8; others fall back to GB18030."""
    assert decode("考核".encode()) == "考核"
    assert decode("考核".encode("gbk")) == "考核"
    assert decode("\ufeff考核".encode()) == "考核"


def test_excel_native_dates_and_numbers(tmp_path):
    """Dates typed as Excel dates and ids typed as numbers are read like text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "staff"
    ws.append(["staff_id", "name", "category", "active_from"])
    ws.append([1001, "张三", "civil_servant", dt.datetime(2026, 2, 1)])
    ind = wb.create_sheet("indicators")
    ind.append(["indicator_id", "dimension", "weight", "rule"])
    for i, d in zip("MADPI", "德能勤绩廉", strict=True):
        ind.append([i, d, 100, "deduction"])
    ev = wb.create_sheet("events")
    ev.append(["staff_id", "date", "kind", "points"])
    ev.append([1001, dt.date(2026, 3, 5), "记过", 0])
    path = tmp_path / "c.xlsx"
    wb.save(path)
    res = read_cycle(path)
    assert res.errors == ()
    assert res.cycle.staff.loc[0, "staff_id"] == "1001"
    assert str(res.cycle.staff.loc[0, "active_from"].date()) == "2026-02-01"
    assert res.cycle.events.loc[0, "kind"] == "demerit"


def test_blank_rows_are_skipped_but_numbering_kept(tmp_path):
    """A blank line in the middle of a sheet does not shift the row numbers after it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "staff"
    ws.append(["staff_id", "name", "category"])
    ws.append(["S1", "a", "civil_servant"])
    ws.append([None, None, None])
    ws.append(["S2", "b", "astronaut"])
    ind = wb.create_sheet("indicators")
    ind.append(["indicator_id", "dimension", "weight", "rule"])
    for i, d in zip("MADPI", "德能勤绩廉", strict=True):
        ind.append([i, d, 100, "deduction"])
    wb.save(tmp_path / "c.xlsx")
    msgs = [p.render("en") for p in read_cycle(tmp_path / "c.xlsx").errors]
    assert msgs and msgs[0].startswith("staff row 4 column category:")


def results_file(path, rows):
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        pd.DataFrame(rows, columns=["staff_id", "grade", "year"]).to_excel(
            xw, sheet_name="results", index=False)
    return path


class TestHistory:
    def test_labels_of_both_categories_and_languages(self, tmp_path):
        """优秀/称职/基本合格/不合格 and English labels map to levels 1–4."""
        f = results_file(tmp_path / "h.xlsx", [("A", "优秀", 2025), ("B", "称职", 2025),
                                               ("C", "基本合格", 2025), ("D", "不合格", 2025),
                                               ("E", "Incompetent", 2024)])
        hist, problems = read_history([f], 2026)
        assert problems == []
        assert hist.set_index("staff_id")["level"].to_dict() == {"A": 1, "B": 2, "C": 3,
                                                                 "D": 4, "E": 4}

    def test_several_files_are_combined(self, tmp_path):
        """Two files, one per year, give both years."""
        a = results_file(tmp_path / "a.xlsx", [("A", "优秀", 2024)])
        b = results_file(tmp_path / "b.xlsx", [("A", "优秀", 2025)])
        hist, _ = read_history([a, b], 2026)
        assert sorted(hist["year"]) == [2024, 2025]

    def test_unknown_grade_and_duplicates_are_errors(self, tmp_path):
        """A grade 'great' is unknown; the same person and year twice is an error."""
        a = results_file(tmp_path / "a.xlsx", [("A", "great", 2025), ("B", "优秀", 2025)])
        b = results_file(tmp_path / "b.xlsx", [("B", "称职", 2025)])
        _, problems = read_history([a, b], 2026)
        msgs = [p.render("en") for p in problems]
        assert msgs[0].startswith("a.xlsx:results row 2 column grade:")
        assert msgs[1].startswith("b.xlsx:results row 2 column staff_id:")

    def test_own_year_is_ignored_with_a_warning(self, tmp_path):
        """Rows of the cycle's own year would count it twice: dropped, with a warning."""
        a = results_file(tmp_path / "a.xlsx", [("A", "优秀", 2026), ("A", "优秀", 2025)])
        hist, problems = read_history([a], 2026)
        assert hist["year"].tolist() == [2025]
        assert problems and all(p.warning for p in problems)

    def test_missing_results_sheet(self, tmp_path):
        """A workbook without a results sheet is an error naming the file."""
        path = tmp_path / "x.xlsx"
        with pd.ExcelWriter(path, engine="openpyxl") as xw:
            pd.DataFrame({"a": [1]}).to_excel(xw, sheet_name="other", index=False)
        _, problems = read_history([path], 2026)
        assert [p.render("en") for p in problems] == ["x.xlsx:results: sheet missing"]
