"""Appraisal pages: the sample cycle runs and shows grades; an override needs a reason."""

from __future__ import annotations

import io

import pandas as pd

from ui import state


def _run(app):
    at = app.page("appraisal")
    at.button(key="ap_load_sample").click().run()
    at.button(key="ap_run").click().run()
    app.assert_clean()
    return at


def test_run_shows_ranking_with_grades_and_quota(app) -> None:
    """Running the sample cycle fills the ranking table with official grades and the quota."""
    at = _run(app)
    ranking = next(d.value for d in at.dataframe if "评定等次" in d.value.columns)
    assert len(ranking) == 42
    grades = set(ranking["评定等次"]) - {""}
    assert "优秀" in grades and grades <= {"优秀", "称职", "基本称职", "不称职", "合格", "基本合格",
                                           "不合格"}
    res = app.at.session_state["appraisal"].results
    assert (ranking["评定等次"] == "优秀").sum() <= res.quota
    assert [m.value for m in at.metric][1] == str(res.quota)


def test_override_needs_a_reason_and_is_recorded_and_exported(app) -> None:
    """Without a reason nothing is recorded; with one it shows in the table and the HR export."""
    at = _run(app)
    people = app.at.session_state["appraisal"].results.people
    sid = people.loc[people["level"] == 2, "staff_id"].iloc[0]
    at.selectbox(key="ov_person").set_value(sid).run()
    at.selectbox(key="ov_level_zh").set_value(1).run()
    at.button(key="ov_apply").click().run()
    assert any("理由" in e for e in app.texts("error"))
    assert sid not in app.at.session_state["overrides"]
    at.text_input(key="ov_reason").input("考核委员会 12 月 20 日会议决定").run()
    at.button(key="ov_apply").click().run()
    app.assert_clean()
    record = app.at.session_state["overrides"][sid]
    assert record["level"] == 1 and record["reason"].startswith("考核委员会")
    ranking = next(d.value for d in at.dataframe if "最终等次" in d.value.columns
                   and "调整理由" in d.value.columns)
    row = ranking[ranking["工号"] == sid].iloc[0]
    assert row["最终等次"] == "优秀" and row["评定等次"] == "称职"
    from ui.hr_export import workbook

    ap = app.at.session_state["appraisal"]
    state_overrides = dict(app.at.session_state["overrides"])
    original = state.overrides  # the export reads overrides through ui.state
    state.overrides = lambda: state_overrides
    try:
        data = workbook(ap, "zh")
    finally:
        state.overrides = original
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert {"results", "breakdown", "summary", "overrides"} <= set(sheets)
    log = sheets["overrides"]
    assert list(log["staff_id"]) == [sid]
    exported = sheets["results"].set_index("staff_id").loc[sid]
    assert exported["final_grade"] == "优秀" and "考核委员会" in exported["override_reason"]


def test_person_breakdown_waterfall_adds_up_to_total(app) -> None:
    """The waterfall's steps start at 0 and end at the person's total."""
    _run(app)
    at = app.page("appraisal_person")
    app.assert_clean()
    from ui.appraisal_person_page import waterfall_steps

    res = app.at.session_state["appraisal"].results
    sid = res.people["staff_id"].iloc[3]
    row = res.people.set_index("staff_id").loc[sid]
    steps = waterfall_steps(res.breakdown[res.breakdown["staff_id"] == sid], row, "zh")
    assert steps["start"].iloc[0] == 0.0
    assert abs(steps["end"].iloc[-2] - row["total"]) < 1e-6
    assert abs(steps["end"].iloc[-1] - row["total"]) < 1e-6
    assert len(at.metric) >= 4
