"""What a solve means, in sentences: status, infeasibility and gaps, and the proven bound.

The engine hands over findings and exact level values; this module turns them into what a
director can act on ("on 10-01 the night post needs 2 people but only 1 may take it") and
the one-sentence answer to "is this the fairest roster possible?".
"""

from __future__ import annotations

from fractions import Fraction

import streamlit as st

from office.i18n import has, t

from . import engine

MAX_LISTED = 30


def status_text(status: str, lang: str) -> str:
    key = f"ui.status.{str(status).lower()}"
    return t(key, lang) if has(key) else str(status)


def conflict_days(result) -> frozenset:
    """Days named by the infeasibility explanation and by uncovered places."""
    if result is None:
        return frozenset()
    found = tuple(result.conflicts or ()) + tuple(result.uncovered or ())
    return frozenset(f.date for f in found if f.date is not None)


def _fmt(x: Fraction | float) -> str:
    """Two decimals at most; a tiny positive gap shows as 0.01, never as a misleading 0."""
    value = float(x)
    if 0 < value < 0.005:
        return "0.01"
    text = f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def bound_sentence(result, lang: str) -> str:
    """One sentence: how unfair the fairest-loaded person is, and what is proven about it."""
    levels = {lv.name: lv for lv in (result.levels if result is not None else ())}
    lv = levels.get("max_excess")
    if lv is None:
        lv = next((x for x in levels.values() if x.name not in ("cover", "changes")), None)
    if lv is None:
        return t("ui.bound.none", lang)
    value, bound = Fraction(lv.value), Fraction(lv.bound)
    label = engine.level_label(lv.name, lang)
    if lv.name == "max_excess":
        if lv.optimal or value <= bound:
            return t("ui.bound.excess_optimal", lang, value=_fmt(value))
        return t("ui.bound.excess_gap", lang, value=_fmt(value), bound=_fmt(bound),
                 gap=_fmt(value - bound))
    if lv.optimal or value <= bound:
        return t("ui.bound.level_optimal", lang, level=label, value=_fmt(value))
    return t("ui.bound.level_gap", lang, level=label, value=_fmt(value), bound=_fmt(bound),
             gap=_fmt(value - bound))


def levels_frame(result, lang: str):
    """Every level with value, proven bound, gap and whether it is proven optimal."""
    import pandas as pd

    rows = []
    for lv in (result.levels if result is not None else ()):
        value, bound = Fraction(lv.value), Fraction(lv.bound)
        rows.append({
            t("ui.levels.level", lang): engine.level_label(lv.name, lang),
            t("ui.levels.value", lang): _fmt(value),
            t("ui.levels.bound", lang): _fmt(bound),
            t("ui.levels.gap", lang): _fmt(max(Fraction(0), value - bound)),
            t("ui.levels.optimal", lang): t("ui.yes" if lv.optimal else "ui.no", lang),
            t("ui.levels.seconds", lang): f"{lv.seconds:.1f}",
        })
    return pd.DataFrame(rows)


def render_result(plan, lang: str) -> None:
    """Status line, and the explanation when the roster is impossible or has gaps."""
    result = plan.result if plan is not None else None
    if result is None:
        return
    status = status_text(result.status, lang)
    conflicts = tuple(result.conflicts or ())
    uncovered = tuple(result.uncovered or ())
    if plan.roster is None or conflicts:
        st.error(t("ui.explain.infeasible", lang, status=status))
        _findings(conflicts, plan.problem, lang)
        st.info(t("ui.explain.what_to_do", lang))
        return
    msg = t("ui.explain.solved", lang, status=status, seconds=f"{result.seconds:.1f}",
            duties=len(plan.roster))
    if uncovered:
        st.warning(msg + " " + t("ui.explain.gaps", lang, count=len(uncovered)))
        with st.expander(t("ui.explain.gap_list", lang, count=len(uncovered))):
            _findings(uncovered, plan.problem, lang)
    else:
        st.success(msg)
    st.caption(bound_sentence(result, lang))


def _findings(findings, problem, lang: str) -> None:
    if not findings:
        st.write(t("ui.explain.no_detail", lang))
        return
    lines = [f"- {engine.describe(f, lang, problem)}" for f in findings[:MAX_LISTED]]
    if len(findings) > MAX_LISTED:
        lines.append(t("ui.explain.more", lang, count=len(findings) - MAX_LISTED))
    st.markdown("\n".join(lines))


def render_violations(problem, roster, lang: str, allow_gaps: bool) -> None:
    """After hand edits, say plainly if the roster now breaks a rule (it should not)."""
    try:
        check = engine.validate(problem, roster, allow_gaps)
    except engine.EngineError:
        return
    if check.violations:
        st.warning(t("ui.explain.violations", lang, count=len(check.violations)))
        with st.expander(t("ui.explain.violation_list", lang)):
            _findings(check.violations, problem, lang)
