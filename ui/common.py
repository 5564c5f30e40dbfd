"""Small helpers every page uses: guards, error display, names and date formats."""

from __future__ import annotations

import datetime as dt
import logging

import pandas as pd
import streamlit as st

from office.i18n import t

from . import state
from .engine import EngineError

LOG = logging.getLogger(__name__)


def show_engine_error(err: EngineError, lang: str) -> None:
    """The catalogue's message and what to do; the technical detail folded away."""
    st.error(t(err.key, lang) + "\n\n" + t("ui.err.what_to_do", lang))
    if err.detail:
        with st.expander(t("ui.err.details", lang)):
            st.text(err.detail)


def need_problem(lang: str):
    """The valid problem, or draw why there is none (and what to do) and return None."""
    sc = state.scenario()
    if sc is None:
        st.info(t("ui.guard.no_scenario", lang))
        st.page_link("ui/pages/data.py", label=t("ui.guard.go_data", lang), icon="📂")
        return None
    if sc.problem is None or sc.errors:
        st.error(t("ui.guard.fix_first", lang, count=len(sc.errors)))
        st.page_link("ui/pages/data.py", label=t("ui.guard.go_data", lang), icon="📂")
        return None
    return sc.problem


def need_roster(lang: str):
    """The current plan with a roster, or a hint to solve first and None."""
    plan = state.plan()
    if plan is None or plan.roster is None:
        st.info(t("ui.guard.no_roster", lang))
        st.page_link("ui/pages/planner.py", label=t("ui.guard.go_planner", lang), icon="📅")
        return None
    return plan


def names(problem) -> dict[str, str]:
    return {s.staff_id: s.name for s in problem.staff}


def person_label(problem, lang: str):
    """``format_func`` for staff selectboxes: name and id, so namesakes are told apart."""
    by_id = names(problem)
    return lambda sid: f"{by_id.get(sid, sid)} ({sid})"


def weekday(day: dt.date, lang: str) -> str:
    return t(f"ui.weekday.{day.weekday()}", lang)


def date_label(lang: str):
    """``format_func`` for date selectboxes: ISO date and weekday."""
    return lambda d: f"{d.isoformat()} {weekday(d, lang)}"


def problems_frame(problems, lang: str) -> pd.DataFrame:
    """Input problems as the table the data page shows: sheet, row, column, message."""
    rows = [
        {
            t("ui.problems.severity", lang): t(f"ui.severity.{severity(p)}", lang),
            t("ui.problems.sheet", lang): p.sheet,
            t("ui.problems.row", lang): "" if p.row is None else str(p.row),
            t("ui.problems.column", lang): p.column or "",
            t("ui.problems.message", lang): _message(p, lang),
        }
        for p in problems
    ]
    cols = [t(f"ui.problems.{c}", lang) for c in ("severity", "sheet", "row", "column", "message")]
    return pd.DataFrame(rows, columns=cols)


def severity(problem) -> str:
    """``error`` or ``warning`` for a roster or a cycle input problem (they differ in shape)."""
    if hasattr(problem, "severity"):
        return problem.severity
    return "warning" if getattr(problem, "warning", False) else "error"


def is_error(problem) -> bool:
    return severity(problem) == "error"


def _message(problem, lang: str) -> str:
    try:
        return t(problem.key, lang, **dict(problem.params))
    except Exception:  # noqa: BLE001 - never fail while reporting a failure
        LOG.exception("bad input problem")
        return problem.key
