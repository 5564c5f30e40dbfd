"""Edit staff, leave, requests and pins in place; the reader re-checks them like an upload.

The editors hold text cells (dates ISO), exactly what a CSV gives the reader, so one
validation path serves files and screens; the scenario is replaced only when the edits pass.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from office.i18n import t

from . import engine, state
from .common import problems_frame, show_engine_error

COLUMNS = {
    "staff": ("staff_id", "name", "department", "rank", "fairness_group", "qualifications",
              "fte", "active_from", "active_to", "phone"),
    "leave": ("staff_id", "start", "end", "kind"),
    "requests": ("staff_id", "date", "kind", "post_id", "weight"),
    "pins": ("date", "post_id", "staff_id"),
}


def editable_frame(frames: dict[str, pd.DataFrame], sheet: str) -> pd.DataFrame:
    """The sheet as text, or an empty sheet with the contract's columns if it is absent."""
    frame = frames.get(sheet)
    if frame is None:
        return pd.DataFrame({c: pd.Series(dtype=str) for c in COLUMNS[sheet]})
    return frame.reset_index(drop=True)


def clean_edit(frame: pd.DataFrame) -> pd.DataFrame:
    """Added rows come back with None; the reader expects text, and blank rows are dropped."""
    out = frame.astype(object).where(frame.notna(), "").astype(str)
    if len(out.columns):
        out = out[~(out.apply(lambda col: col.str.strip()).eq("").all(axis=1))]
    return out.reset_index(drop=True)


def apply_edits(frames: dict[str, pd.DataFrame], edits: dict[str, pd.DataFrame]):
    """New frames with the edited sheets, and the reader's verdict on them."""
    merged = dict(frames)
    for sheet, frame in edits.items():
        merged[sheet] = clean_edit(frame)
    problem, problems = engine.revalidate(merged)
    return merged, problem, problems


def render_editors(sc: state.Scenario, lang: str) -> None:
    """Four tabs of editors and one button that checks and applies them all."""
    if not sc.frames:
        return
    st.subheader(t("ui.edit.title", lang))
    st.caption(t("ui.edit.intro", lang))
    tabs = st.tabs([t(f"ui.edit.tab.{s}", lang) for s in COLUMNS])
    edits = {}
    for tab, sheet in zip(tabs, COLUMNS, strict=True):
        with tab:
            edits[sheet] = st.data_editor(editable_frame(sc.frames, sheet), num_rows="dynamic",
                                          key=f"edit_{sheet}_{sc.version}", hide_index=True,
                                          width="stretch", height=260)
    if st.button(t("ui.edit.apply", lang), key="edit_apply", type="primary"):
        try:
            merged, problem, problems = apply_edits(sc.frames, edits)
        except engine.EngineError as err:
            show_engine_error(err, lang)
            return
        errors = [p for p in problems if p.is_error]
        if errors or problem is None:
            st.error(t("ui.edit.rejected", lang, count=len(errors)))
            st.dataframe(problems_frame(problems, lang), hide_index=True, width="stretch",
                         key="edit_problems")
            return
        state.set_scenario(state.Scenario(sc.name, merged, problem, problems))
        st.success(t("ui.edit.applied", lang))
