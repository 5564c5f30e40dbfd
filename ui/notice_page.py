"""The daily duty notice (值班通知): who is on which post, when, and how to reach them."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from office.i18n import t

from . import exports, state
from .common import need_problem, need_roster

NOTICE_DATE = "notice_date"


def render() -> None:
    lang = state.lang()
    st.title(t("ui.notice.title", lang))
    if need_problem(lang) is None:
        return
    plan = need_roster(lang)
    if plan is None:
        return
    problem = plan.problem
    today = dt.date.today()
    default = today if problem.start <= today <= problem.end else problem.start
    day = st.columns([1, 3])[0].date_input(t("ui.notice.date", lang), value=default,
                                           min_value=problem.start, max_value=problem.end,
                                           key=NOTICE_DATE)
    text = exports.duty_notice(problem, plan.roster, day, lang, state.unit_name())
    st.caption(t("ui.notice.hint", lang))
    st.code(text, language=None, wrap_lines=True)
    st.download_button(t("ui.notice.download", lang), text.encode("utf-8"),
                       file_name=f"notice_{day.isoformat()}.txt", mime="text/plain",
                       key="dl_notice")
