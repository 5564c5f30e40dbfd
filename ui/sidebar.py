"""The sidebar every page shares: language switch, unit name and the period being planned."""

from __future__ import annotations

import streamlit as st

from office.i18n import LANGS, t

from . import state, style


def render() -> str:
    """Draw the sidebar and return the language the page should speak."""
    st.markdown(style.CSS, unsafe_allow_html=True)
    lang = state.lang()
    with st.sidebar:
        st.radio(t("ui.sidebar.lang", lang), LANGS, key=state.LANG, horizontal=True,
                 format_func=lambda code: t(f"ui.lang.{code}", code))
        lang = state.lang()
        if state.widget(state.UNIT) is None:
            state.preset_widget(state.UNIT, t("ui.sidebar.unit_default", lang))
        st.text_input(t("ui.sidebar.unit", lang), key=state.UNIT)
        st.caption(t("ui.sidebar.period_line", lang, period=_period(lang)))
        sc = state.scenario()
        if sc is not None:
            st.caption(t("ui.sidebar.scenario", lang, name=sc.name))
        ap = state.appraisal()
        if ap is not None:
            st.caption(t("ui.sidebar.cycle", lang, name=ap.name))
    return lang


def _period(lang: str) -> str:
    sc = state.scenario()
    problem = sc.problem if sc is not None else None
    if problem is None or not problem.days:
        return t("ui.sidebar.no_period", lang)
    return t("ui.sidebar.period_value", lang, start=problem.start.isoformat(),
             end=problem.end.isoformat(), days=len(problem.days))
