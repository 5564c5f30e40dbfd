"""One person's appraisal: dimension scores, a waterfall from indicator contributions to the
total, the indicator table, reasons, flags and suggestions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from office.i18n import has, t

from . import appraisal_engine as ae
from . import charts, state

AP_PERSON = "ap_person"
DIMS = ("德", "能", "勤", "绩", "廉")


def waterfall_steps(breakdown: pd.DataFrame, row, lang: str) -> pd.DataFrame:
    """Running total: each indicator's contribution, then bonus, deductions and the total."""
    steps, running = [], 0.0
    order = {d: k for k, d in enumerate(DIMS)}
    part = breakdown.assign(_dim=breakdown["dimension"].map(order)).sort_values(
        ["_dim", "indicator_id"])
    for r in part.itertuples(index=False):
        amount = float(r.contribution or 0.0)
        if amount == 0.0:
            continue
        label = f"{t(f'ui.ap.dim.{r.dimension}', lang)}·{r.name or r.indicator_id}"
        steps.append((label, running, running + amount, "plus" if amount >= 0 else "minus"))
        running += amount
    for col, sign in (("bonus", 1.0), ("deductions", -1.0)):
        amount = sign * float(row[col] or 0.0)
        if amount:
            steps.append((t(f"ui.ap.col.{col}", lang), running, running + amount,
                          "plus" if amount > 0 else "minus"))
            running += amount
    total = float(row["total"])
    if abs(running - total) > 0.005:
        steps.append((t("ui.ap.floor", lang), running, total, "minus"))
    steps.append((t("ui.ap.col.total", lang), 0.0, total, "total"))
    return pd.DataFrame(steps, columns=["label", "start", "end", "kind"])


def render() -> None:
    lang = state.lang()
    st.title(t("ui.ap.person_title", lang))
    ap = state.appraisal()
    if ap is None or ap.results is None:
        st.info(t("ui.ap.no_results", lang))
        st.page_link("ui/pages/appraisal.py", label=t("ui.ap.go_results", lang), icon="🏅")
        return
    people = ap.results.people
    names = dict(zip(people["staff_id"], people["name"], strict=True))
    sid = st.columns([1, 2])[0].selectbox(t("ui.ap.pick", lang), list(people["staff_id"]),
                                          key=AP_PERSON,
                                          format_func=lambda s: f"{names.get(s, s)} ({s})")
    row = people.set_index("staff_id").loc[sid]
    ov = state.overrides().get(sid)
    grade = ae.grade_label(int(row["level"]), str(row["category"]), lang) or t(
        "ui.ap.band.ungraded", lang)
    cols = st.columns(4 + len(DIMS))
    cols[0].metric(t("ui.ap.col.total", lang), f"{float(row['total']):.2f}")
    cols[1].metric(t("ui.ap.col.rank", lang), int(row["rank"]) if int(row["rank"]) else "—")
    cols[2].metric(t("ui.ap.col.grade", lang), grade)
    cols[3].metric(t("ui.ap.col.final_grade", lang), ov["grade_label"][lang] if ov else grade)
    for col, dim in zip(cols[4:], DIMS, strict=True):
        value = row.get(dim)
        col.metric(t(f"ui.ap.dim.{dim}", lang), "—" if pd.isna(value) else f"{value:.1f}")
    if ov:
        st.warning(t("ui.ov.shown", lang, was=ov["was_label"][lang], now=ov["grade_label"][lang],
                     reason=ov["reason"], when=ov["when"]))
    part = ap.results.breakdown[ap.results.breakdown["staff_id"] == sid]
    left, right = st.columns([3, 2])
    left.altair_chart(charts.waterfall(waterfall_steps(part, row, lang), lang), width="stretch",
                      key="ap_waterfall")
    with right:
        st.markdown("**" + t("ui.ap.reasons", lang) + "**")
        reasons = [ae.reason_text(r, lang) for r in row["reasons"]]
        st.markdown("\n".join(f"- {r}" for r in reasons) or "—")
        for f in row["flags"]:
            st.warning(t(f"appraisal.flag.{f}", lang))
        for s in row["suggestions"]:
            st.info(t(f"appraisal.suggestion.{s}", lang))
    table = part[["indicator_id", "name", "dimension", "rule", "raw", "score", "weight",
                  "contribution"]].copy()
    table["dimension"] = [t(f"ui.ap.dim.{d}", lang) for d in table["dimension"]]
    table["rule"] = [t(f"ui.ap.rule.{r}", lang) if has(f"ui.ap.rule.{r}") else r
                     for r in table["rule"]]
    table = table.rename(columns=lambda c: t(f"ui.ap.bd.{c}", lang))
    st.dataframe(table.style.format(precision=2, na_rep="—"), hide_index=True, width="stretch",
                 key="ap_breakdown")
    st.caption(t("ui.ap.breakdown_hint", lang))
