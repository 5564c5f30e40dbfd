"""Committee override of a grade: never without a written reason, always on the record.

An override does not touch the engine's results; it is kept beside them (who, from which
grade to which, why, when), shown in the ranking and the distribution, and exported to HR.
"""

from __future__ import annotations

import streamlit as st

from office.i18n import LANGS, t

from . import appraisal_engine as ae
from . import state

OV_PERSON = "ov_person"
OV_LEVEL = "ov_level"
OV_REASON = "ov_reason"


def record_override(ap, staff_id: str, level: int, reason: str) -> str | None:
    """Record an override; returns a catalogue key of the problem, or None when recorded."""
    reason = (reason or "").strip()
    if not reason:
        return "ui.ov.need_reason"
    people = ap.results.people.set_index("staff_id")
    if staff_id not in people.index:
        return "ui.ov.unknown_person"
    row = people.loc[staff_id]
    category, was = str(row["category"]), int(row["level"])
    state.set_override(staff_id, {
        "level": int(level), "was_level": was, "reason": reason, "when": ae.now_text(),
        "grade_label": {lg: ae.grade_label(level, category, lg) for lg in LANGS},
        "was_label": {lg: ae.grade_label(was, category, lg) or t("ui.ap.band.ungraded", lg)
                      for lg in LANGS},
    })
    return None


def render(ap, lang: str) -> None:
    st.subheader(t("ui.ov.title", lang))
    st.caption(t("ui.ov.intro", lang))
    people = ap.results.people
    names = dict(zip(people["staff_id"], people["name"], strict=True))
    cats = dict(zip(people["staff_id"], people["category"], strict=True))
    c1, c2, c3 = st.columns([1.2, 1, 2.4])
    sid = c1.selectbox(t("ui.ov.person", lang), list(people["staff_id"]), key=OV_PERSON,
                       format_func=lambda s: f"{names.get(s, s)} ({s})")
    level = c2.selectbox(t("ui.ov.grade", lang), [1, 2, 3, 4], key=state.lang_key(OV_LEVEL),
                         format_func=lambda lv: ae.grade_label(lv, cats.get(sid, ""), lang))
    reason = c3.text_input(t("ui.ov.reason", lang), key=OV_REASON,
                           placeholder=t("ui.ov.reason_placeholder", lang))
    b1, b2 = st.columns([1, 4])
    if b1.button(t("ui.ov.apply", lang), key="ov_apply", type="primary"):
        problem = record_override(ap, sid, level, reason)
        if problem:
            st.error(t(problem, lang))
        else:  # rerun so the ranking and the chart above show the new final grade
            st.toast(t("ui.ov.recorded", lang, name=names.get(sid, sid)))
            st.rerun()
    ov = state.overrides()
    if sid in ov and b2.button(t("ui.ov.remove", lang), key="ov_remove"):
        state.set_override(sid, None)
        st.rerun()
    if ov:
        rows = [{t("ui.ov.col.name", lang): f"{names.get(s, s)} ({s})",
                 t("ui.ov.col.was", lang): r["was_label"][lang],
                 t("ui.ov.col.now", lang): r["grade_label"][lang],
                 t("ui.ov.col.reason", lang): r["reason"],
                 t("ui.ov.col.when", lang): r["when"]} for s, r in ov.items()]
        st.dataframe(rows, hide_index=True, width="stretch", key="ov_table")
