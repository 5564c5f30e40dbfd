"""Data page: sample loads, problems listed by sheet/row/column, bad data blocks planning."""

from __future__ import annotations

import io

import pandas as pd

from ui import state
from ui.editors import apply_edits, clean_edit
from ui.engine import SAMPLE, read_scenario_bytes


def test_load_sample_reports_valid_and_unblocks_planner(app) -> None:
    """Loading the sample shows the success line with counts and the planner offers Solve."""
    app.load()
    app.assert_clean()
    assert any("42" in s for s in app.texts("success"))
    app.page("planner")
    assert app.at.button(key="solve_btn") is not None
    app.assert_clean()


def _broken_workbook() -> bytes:
    frames = pd.read_excel(SAMPLE, sheet_name=None, dtype=object)
    frames["leave"] = pd.concat([frames["leave"], pd.DataFrame([
        {"staff_id": "NOBODY", "start": "2026-01-05", "end": "2026-01-02", "kind": "sick"}])])
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, frame in frames.items():
            frame.to_excel(xw, sheet_name=name, index=False)
    return buf.getvalue()


def test_problems_table_names_sheet_row_column_and_planner_refuses(app) -> None:
    """A bad leave row is listed with its sheet and spreadsheet row, and the planner refuses."""
    frames, problem, problems = read_scenario_bytes(_broken_workbook(), "broken.xlsx")
    assert problem is None and problems
    app.at.session_state["scenario"] = state.Scenario("broken.xlsx", frames, problem, problems)
    app.page("data")
    app.assert_clean()
    table = next(d.value for d in app.at.dataframe if "工作表" in d.value.columns)
    assert "leave" in set(table.iloc[:, 1])
    leave_rows = set(table[table.iloc[:, 1] == "leave"].iloc[:, 2])
    n_leave = len(frames["leave"])
    assert str(n_leave + 1) in leave_rows  # the appended row: header = row 1
    assert app.texts("error")
    app.page("planner")
    assert any("错误" in e for e in app.texts("error"))
    assert len(app.at.button) == 0 or all(b.key != "solve_btn" for b in app.at.button)


def test_editor_edits_use_the_same_validation() -> None:
    """An edited staff sheet with a duplicate id is rejected by the reader; a clean one passes."""
    frames, problem, _ = read_scenario_bytes(SAMPLE.read_bytes(), SAMPLE.name)
    assert problem is not None
    staff = frames["staff"].copy()
    dup = pd.concat([staff, staff.iloc[[0]]], ignore_index=True)
    _, bad, problems = apply_edits(frames, {"staff": dup})
    assert bad is None and any(p.sheet == "staff" for p in problems if p.is_error)
    renamed = staff.copy()
    renamed.loc[0, "name"] = "新名字"
    _, good, _ = apply_edits(frames, {"staff": renamed})
    assert good is not None and good.staff[0].name == "新名字"


def test_clean_edit_drops_blank_added_rows() -> None:
    """Rows added in the editor and left empty do not become bogus records."""
    frame = pd.DataFrame({"a": ["x", None, ""], "b": ["y", None, " "]})
    out = clean_edit(frame)
    assert list(out["a"]) == ["x"]
