"""Fairness view: each person's load against their fair share, and what is proven about it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from office.i18n import has, t

from . import charts, engine, explain, state
from .common import need_problem, need_roster, show_engine_error
from .solve_panel import allow_gaps

GROUP = "fair_group"


def _f(x) -> float | None:
    return None if x is None else float(x)


def people_frame(problem, check, lang: str) -> pd.DataFrame:
    """One row per person with a fair share: counts, load, share and deviation (floats)."""
    staff = problem.staff_by_id()
    rows = []
    for p in check.people:
        if p.share is None:
            continue
        s = staff[p.staff_id]
        rows.append({
            "staff_id": p.staff_id, "name": s.name, "group": s.group or "—",
            "duties": p.duties, "weekend_holiday": p.weekend_holiday,
            "share_weekend_holiday": _f(p.share_weekend_holiday), "night": p.night,
            "share_night": _f(p.share_night), "load": float(p.load), "share": float(p.share),
            "deviation": float(p.deviation),
        })
    return pd.DataFrame(rows)


def render() -> None:
    lang = state.lang()
    st.title(t("ui.fair.title", lang))
    if need_problem(lang) is None:
        return
    plan = need_roster(lang)
    if plan is None:
        return
    try:
        check = engine.validate(plan.problem, plan.roster, allow_gaps())
    except engine.EngineError as err:
        show_engine_error(err, lang)
        return
    st.info(explain.bound_sentence(plan.result, lang))
    frame = people_frame(plan.problem, check, lang)
    if frame.empty:
        st.warning(t("ui.fair.nobody", lang))
        return
    groups = sorted(frame["group"].unique())
    c = st.columns([1.6, 1, 1, 1, 1])
    group = c[0].selectbox(t("ui.fair.group", lang), groups, key=state.lang_key(GROUP),
                           format_func=lambda g: t(f"rank.{g}", lang) if has(f"rank.{g}") else g)
    part = frame[frame["group"] == group].reset_index(drop=True)
    c[1].metric(t("ui.fair.m.people", lang), len(part))
    c[2].metric(t("ui.fair.m.max_excess", lang), f"{part['deviation'].max():+.2f}")
    c[3].metric(t("ui.fair.m.min_dev", lang), f"{part['deviation'].min():+.2f}")
    c[4].metric(t("ui.fair.m.abs_dev", lang), f"{part['deviation'].abs().sum():.2f}")
    left, right = st.columns([3, 2])
    left.altair_chart(charts.fairness_bars(part, lang), width="stretch", key="fair_chart")
    right.altair_chart(charts.deviation_bars(part, lang), width="stretch", key="fair_dev")
    st.caption(t("ui.fair.chart_hint", lang))
    table = part.drop(columns=["group"]).rename(columns={
        c: t(f"ui.fair.col.{c}", lang) for c in part.columns})
    dev = t("ui.fair.col.deviation", lang)
    st.dataframe(table.style.format(precision=2, na_rep="—").map(_dev_css, subset=[dev]),
                 hide_index=True, width="stretch", key="fair_table")


def _dev_css(value) -> str:
    """Red for more than the share, blue for less, stronger the further off."""
    if value is None or pd.isna(value):
        return ""
    alpha = min(abs(float(value)) / 3.0, 1.0) * 0.55
    rgb = "198,40,40" if value > 0 else "21,101,192"
    return f"background-color: rgba({rgb},{alpha:.2f})"
