"""Data page: template and sample, upload, every problem in one table, editors for the sheets.

Nothing goes further while the scenario has errors: the planner's guard refuses, and this page
says which cell to fix. Edits in the tables are re-checked by the same reader as an upload.
"""

from __future__ import annotations

import streamlit as st

from office.i18n import t

from . import engine, state
from .common import problems_frame, show_engine_error
from .editors import render_editors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def load_file(data: bytes, name: str, lang: str) -> None:
    """Read a workbook and make it the current scenario (even if it has problems)."""
    try:
        frames, problem, problems = engine.read_scenario_bytes(data, name)
    except engine.EngineError as err:
        show_engine_error(err, lang)
        return
    state.set_scenario(state.Scenario(name, frames, problem, problems))
    st.rerun()  # so the sidebar (drawn first) shows the new period at once


def _bundled(path, label_key: str, key: str, lang: str) -> None:
    data = engine.file_bytes(str(path))
    if data is None:
        st.caption(t("ui.data.missing_file", lang, file=path.name))
        return
    st.download_button(t(label_key, lang), data, file_name=path.name, mime=XLSX, key=key,
                       width="stretch")


def render() -> None:
    lang = state.lang()
    st.title(t("ui.data.title", lang))
    st.caption(t("ui.data.intro", lang))
    left, mid, right = st.columns([1, 1, 2])
    with left:
        _bundled(engine.TEMPLATE, "ui.data.download_template", "dl_template", lang)
        _bundled(engine.SAMPLE, "ui.data.download_sample", "dl_sample", lang)
    with mid:
        if st.button(t("ui.data.load_sample", lang), key="load_sample", type="primary",
                     width="stretch"):
            data = engine.file_bytes(str(engine.SAMPLE))
            if data is None:
                st.error(t("ui.data.missing_file", lang, file=engine.SAMPLE.name))
            else:
                load_file(data, engine.SAMPLE.name, lang)
        if st.button(t("ui.data.load_infeasible", lang), key="load_infeasible",
                     width="stretch"):
            data = engine.file_bytes(str(engine.INFEASIBLE))
            if data is not None:
                load_file(data, engine.INFEASIBLE.name, lang)
    with right:
        upload = st.file_uploader(t("ui.data.upload", lang), type=["xlsx"], key="upload_scenario")
        if upload is not None and state.widget("upload_seen") != upload.file_id:
            state.preset_widget("upload_seen", upload.file_id)
            load_file(upload.getvalue(), upload.name, lang)

    sc = state.scenario()
    if sc is None:
        st.info(t("ui.data.nothing_yet", lang))
        return
    _status(sc, lang)
    render_editors(sc, lang)


def _status(sc: state.Scenario, lang: str) -> None:
    errors = sc.errors
    warnings = [p for p in sc.problems if not p.is_error]
    if errors or sc.problem is None:
        st.error(t("ui.data.has_errors", lang, name=sc.name, count=len(errors)))
    else:
        p = sc.problem
        st.success(t("ui.data.ok", lang, name=sc.name, staff=len(p.staff), posts=len(p.posts),
                     days=len(p.days), slots=len(p.slots)))
        st.page_link("ui/pages/planner.py", label=t("ui.data.go_plan", lang), icon="📅")
    if sc.problems:
        if warnings and not errors:
            st.warning(t("ui.data.has_warnings", lang, count=len(warnings)))
        st.dataframe(problems_frame(sc.problems, lang), hide_index=True, width="stretch",
                     key="problems_table")
