"""Altair charts with translated titles; functions return charts and never draw them."""

from __future__ import annotations

import altair as alt
import pandas as pd

from office.i18n import t

from . import style


def fairness_bars(frame: pd.DataFrame, lang: str) -> alt.Chart:
    """Load per person as bars, fair share as a tick; bar colour says over / under / even.

    ``frame`` columns: name, load, share, deviation (floats).
    """
    f = frame.copy()
    f["side"] = [("over" if d > 0.5 else "under" if d < -0.5 else "even") for d in f["deviation"]]
    f["side_label"] = [t(f"ui.fair.side.{s}", lang) for s in f["side"]]
    domain = [t(f"ui.fair.side.{s}", lang) for s in ("over", "even", "under")]
    colors = [style.FAIR_COLORS[s] for s in ("over", "even", "under")]
    x = alt.X("name:N", sort=None, title=None, axis=alt.Axis(labelAngle=-60))
    tip = [alt.Tooltip("name:N", title=t("ui.fair.col.name", lang)),
           alt.Tooltip("load:Q", title=t("ui.fair.col.load", lang), format=".2f"),
           alt.Tooltip("share:Q", title=t("ui.fair.col.share", lang), format=".2f"),
           alt.Tooltip("deviation:Q", title=t("ui.fair.col.deviation", lang), format="+.2f")]
    bars = alt.Chart(f).mark_bar(opacity=0.85).encode(
        x=x, y=alt.Y("load:Q", title=t("ui.fair.col.load", lang)),
        color=alt.Color("side_label:N", scale=alt.Scale(domain=domain, range=colors),
                        legend=alt.Legend(title=None, orient="top")),
        tooltip=tip)
    ticks = alt.Chart(f).mark_tick(color="#111", thickness=2, size=14).encode(
        x=x, y="share:Q", tooltip=tip)
    return (bars + ticks).properties(title=t("ui.fair.chart_title", lang), height=300)


def deviation_bars(frame: pd.DataFrame, lang: str) -> alt.Chart:
    """Deviation from fair share per person (positive = more than their share)."""
    f = frame.copy()
    f["color"] = [style.FAIR_COLORS["over"] if d > 0 else style.FAIR_COLORS["under"]
                  for d in f["deviation"]]
    return alt.Chart(f).mark_bar().encode(
        x=alt.X("name:N", sort=None, title=None, axis=alt.Axis(labelAngle=-60)),
        y=alt.Y("deviation:Q", title=t("ui.fair.col.deviation", lang)),
        color=alt.Color("color:N", scale=None),
        tooltip=[alt.Tooltip("name:N", title=t("ui.fair.col.name", lang)),
                 alt.Tooltip("deviation:Q", title=t("ui.fair.col.deviation", lang),
                             format="+.2f")],
    ).properties(title=t("ui.fair.dev_title", lang), height=300)


def grade_distribution(frame: pd.DataFrame, quota: int, lang: str) -> alt.Chart:
    """Count per grade band as bars, the 优秀 quota as a rule. ``frame``: band, label, count."""
    domain = list(frame["label"])
    colors = [style.GRADE_COLORS[b] for b in frame["band"]]
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("label:N", sort=domain, title=None,
                axis=alt.Axis(labelAngle=0, labelLimit=160, labelFontSize=11)),
        y=alt.Y("count:Q", title=t("ui.ap.col.count", lang)),
        color=alt.Color("label:N", scale=alt.Scale(domain=domain, range=colors), legend=None),
        tooltip=[alt.Tooltip("label:N", title=t("ui.ap.col.grade", lang)),
                 alt.Tooltip("count:Q", title=t("ui.ap.col.count", lang))])
    text = bars.mark_text(dy=-8).encode(text="count:Q", color=alt.value("#333"))
    quota_df = pd.DataFrame({"quota": [quota], "label": [t("ui.ap.quota_line", lang, n=quota)]})
    rule = alt.Chart(quota_df).mark_rule(color="#2e7d32", strokeDash=[6, 3], size=2).encode(
        y="quota:Q", tooltip=[alt.Tooltip("label:N", title=t("ui.ap.quota", lang))])
    return (bars + text + rule).properties(title=t("ui.ap.dist_title", lang), height=260)


def waterfall(steps: pd.DataFrame, lang: str) -> alt.Chart:
    """Indicator contributions stacked up to the total. ``steps``: label, start, end, kind."""
    f = steps.copy()
    f["order"] = range(len(f))
    f["amount"] = f["end"] - f["start"]
    palette = {"plus": "#1565c0", "minus": "#c62828", "total": "#2e7d32"}
    f["color"] = [palette[k] for k in f["kind"]]
    base = alt.Chart(f).encode(
        x=alt.X("label:N", sort=list(f["label"]), title=None,
                axis=alt.Axis(labelAngle=-40, labelOverlap=False, labelLimit=130)))
    bars = base.mark_bar().encode(
        y=alt.Y("start:Q", title=t("ui.ap.col.points", lang)), y2="end:Q",
        color=alt.Color("color:N", scale=None),
        tooltip=[alt.Tooltip("label:N", title=t("ui.ap.col.indicator", lang)),
                 alt.Tooltip("amount:Q", title=t("ui.ap.col.contribution", lang), format="+.2f"),
                 alt.Tooltip("end:Q", title=t("ui.ap.col.running", lang), format=".2f")])
    text = base.mark_text(dy=-6, fontSize=10).encode(
        y="end:Q", text=alt.Text("amount:Q", format="+.1f"))
    return (bars + text).properties(title=t("ui.ap.waterfall_title", lang), height=340)
