"""Appraisal results: load a cycle, run, ranking with grade colours, distribution vs quota,
committee overrides (reason required), flags and suggestions, and the HR export."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from office.i18n import t

from . import appraisal_engine as ae
from . import charts, hr_export, overrides_panel, state, style
from .common import is_error, problems_frame, show_engine_error
from .engine import EngineError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RANKING_COLUMNS = ["rank", "staff_id", "name", "department", "grade", "final_grade", "total",
                   "德", "能", "勤", "绩", "廉", "bonus", "deductions", "eligible", "flags",
                   "suggestions", "override_reason"]


def load(data: bytes, name: str, history: tuple, lang: str) -> None:
    try:
        cycle, problems, hist = ae.read_cycle_bytes(data, name, history)
    except EngineError as err:
        show_engine_error(err, lang)
        return
    state.set_appraisal(state.Appraisal(name, cycle, problems, extra={"history": hist}))


def _loader(lang: str) -> None:
    c1, c2, c3 = st.columns([1, 2, 2])
    if c1.button(t("ui.ap.load_sample", lang), key="ap_load_sample", type="primary",
                 width="stretch"):
        try:
            data = ae.raise_if_missing(ae.SAMPLE_CYCLE)
            hist = tuple((p.name, p.read_bytes()) for p in ae.SAMPLE_HISTORY if p.is_file())
            load(data, ae.SAMPLE_CYCLE.name, hist, lang)
        except EngineError as err:
            show_engine_error(err, lang)
    sample = ae.file_bytes(ae.SAMPLE_CYCLE)
    if sample is not None:
        c1.download_button(t("ui.ap.download_sample", lang), sample, file_name="sample_cycle.xlsx",
                           mime=XLSX, key="ap_dl_sample", width="stretch")
    up = c2.file_uploader(t("ui.ap.upload", lang), type=["xlsx"], key="ap_upload")
    hist = c3.file_uploader(t("ui.ap.upload_history", lang), type=["xlsx"],
                            accept_multiple_files=True, key="ap_history")
    seen = (up.file_id, tuple(h.file_id for h in hist or ())) if up is not None else None
    if up is not None and state.widget("ap_upload_seen") != seen:
        state.preset_widget("ap_upload_seen", seen)
        load(up.getvalue(), up.name, tuple((h.name, h.getvalue()) for h in hist or ()), lang)


def render() -> None:
    lang = state.lang()
    st.title(t("ui.ap.title", lang))
    _loader(lang)
    ap = state.appraisal()
    if ap is None:
        st.info(t("ui.ap.nothing_yet", lang))
        return
    errors = [p for p in ap.problems if is_error(p)]
    if errors or ap.cycle is None:
        st.error(t("ui.ap.has_errors", lang, name=ap.name, count=len(errors)))
    if ap.problems:
        st.dataframe(problems_frame(ap.problems, lang), hide_index=True, width="stretch",
                     key="ap_problems")
    if errors or ap.cycle is None:
        return
    if st.button(t("ui.ap.run", lang), key="ap_run", type="primary"):
        try:
            with st.spinner(t("ui.ap.running", lang)):
                ap.results = ae.run(ap.cycle, ap.extra.get("history"))
            state.set_appraisal(ap)
        except EngineError as err:
            show_engine_error(err, lang)
            return
    if ap.results is None:
        st.info(t("ui.ap.press_run", lang, year=ap.cycle.rules.year))
        return
    _results(ap, lang)


def ranking_frame(ap, lang: str) -> pd.DataFrame:
    """Results in ``lang`` plus the committee's final grade and reason."""
    frame = ae.results_frame(ap.results, lang)
    ov = state.overrides()
    frame["final_grade"] = [ov[s]["grade_label"][lang] if s in ov else g
                            for s, g in zip(frame["staff_id"], frame["grade"], strict=True)]
    frame["override_reason"] = [ov[s]["reason"] if s in ov else "" for s in frame["staff_id"]]
    return frame.sort_values(["rank", "total"], ascending=[True, False], na_position="last")


def _results(ap, lang: str) -> None:
    res = ap.results
    c = st.columns(4)
    c[0].metric(t("ui.ap.m.graded", lang), res.graded)
    c[1].metric(t("ui.ap.m.quota", lang), res.quota)
    c[2].metric(t("ui.ap.m.used", lang), res.quota_used)
    c[3].metric(t("ui.ap.m.open", lang), res.quota_open)
    frame = ranking_frame(ap, lang)
    st.subheader(t("ui.ap.ranking", lang))
    shown = frame[RANKING_COLUMNS].rename(columns=lambda col: t(f"ui.ap.col.{col}", lang))
    grade_cols = [t("ui.ap.col.grade", lang), t("ui.ap.col.final_grade", lang)]
    st.dataframe(shown.style.format(precision=2, na_rep="—").map(style.grade_css,
                                                                 subset=grade_cols),
                 hide_index=True, width="stretch", height=420, key="ap_ranking")
    left, right = st.columns([2, 3])
    with left:
        st.altair_chart(charts.grade_distribution(distribution(ap, lang), res.quota, lang),
                        width="stretch", key="ap_dist")
        st.caption(t("ui.ap.dist_hint", lang))
    with right:
        _flags(frame, lang)
    overrides_panel.render(ap, lang)
    st.download_button(t("ui.ap.export", lang), lambda: hr_export.workbook(ap, lang),
                       file_name=f"appraisal_{res.year}_hr.xlsx", mime=XLSX, key="ap_export",
                       type="primary")


def distribution(ap, lang: str) -> pd.DataFrame:
    """Count per grade band after the committee's overrides, in official order."""
    people = ap.results.people
    ov = state.overrides()
    levels = [int(ov[s]["level"]) if s in ov else int(lv)
              for s, lv in zip(people["staff_id"], people["level"], strict=True)]
    bands = {1: "excellent", 2: "competent", 3: "basic", 4: "incompetent", 0: "ungraded"}
    counts = pd.Series(levels).map(bands).value_counts()
    rows = [{"band": b, "label": t(f"ui.ap.band.{b}", lang), "count": int(counts.get(b, 0))}
            for b in style.GRADE_ORDER]
    return pd.DataFrame(rows)


def _flags(frame: pd.DataFrame, lang: str) -> None:
    st.subheader(t("ui.ap.flags_title", lang))
    part = frame[(frame["flags"] != "") | (frame["suggestions"] != "")]
    if part.empty:
        st.caption(t("ui.ap.no_flags", lang))
        return
    part = part.copy()
    part["flags"] = [_flag_words(f, lang) for f in part["flags"]]
    cols = ["name", "final_grade", "flags", "suggestions"]
    grade = t("ui.ap.col.final_grade", lang)
    st.dataframe(part[cols].rename(columns=lambda col: t(f"ui.ap.col.{col}", lang)).style.map(
        style.grade_css, subset=[grade]), hide_index=True, width="stretch", height=300,
        key="ap_flags")


def _flag_words(flags: str, lang: str) -> str:
    sep = "；" if lang == "zh" else "; "
    return sep.join(t(f"appraisal.flag.{f}", lang) for f in flags.split(";") if f)
