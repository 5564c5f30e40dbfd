"""A sick call: mark someone on leave from a date and re-plan with the fewest changes.

The leave is added to the problem (and the leave sheet); ``scheduler.replan`` keeps the
current roster wherever it can, and the grid highlights exactly the cells that changed.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from office.i18n import t
from office.people import LEAVE_KINDS

from . import engine, state
from .common import person_label, show_engine_error
from .grid import diff_cells
from .solve_panel import allow_gaps, time_limit

SICK_STAFF = "sick_staff"
SICK_FROM = "sick_from"
SICK_TO = "sick_to"
SICK_KIND = "sick_kind"


def leave_frame(problem) -> pd.DataFrame:
    rows = [{"staff_id": lv.staff_id, "start": lv.start.isoformat(), "end": lv.end.isoformat(),
             "kind": lv.kind} for lv in problem.leave]
    return pd.DataFrame(rows, columns=["staff_id", "start", "end", "kind"]).astype(str)


def mark_and_replan(plan, staff_id: str, start, end, kind: str, lang: str):
    """Add the leave, re-plan against the current roster, and make the result the plan.

    The engine's ``replan`` keeps cover first and then the fewest changes against the current
    roster, and only then rebalances fairness, so a sick call moves as little as possible.
    """
    from scheduler import Leave

    problem = plan.problem
    new_problem = dataclasses.replace(problem, leave=problem.leave + (
        Leave(staff_id, start, end, kind),))
    # Pins of the absent person on the leave days cannot hold any more.
    new_problem = dataclasses.replace(new_problem, pins=tuple(
        p for p in new_problem.pins if not (p.staff_id == staff_id and start <= p.date <= end)))
    result = engine.replan(new_problem, plan.roster, time_limit(), allow_gaps())
    changed = diff_cells(plan.roster, result.roster) if result.roster is not None else frozenset()
    sc = state.scenario()
    frames = dict(sc.frames) if sc is not None else {}
    frames["leave"] = leave_frame(new_problem)
    state.set_plan(state.Plan(new_problem, result.roster, result, changed, "replan"))
    state.replace_scenario_problem(new_problem, frames)
    return result, changed


def render(plan, lang: str) -> None:
    problem = plan.problem
    ids = [s.staff_id for s in problem.staff]
    c1, c4 = st.columns([1.6, 1])
    c2, c3 = st.columns(2)
    sid = c1.selectbox(t("ui.sick.person", lang), ids, key=SICK_STAFF,
                       format_func=person_label(problem, lang))
    start = c2.date_input(t("ui.sick.from", lang), value=problem.start, min_value=problem.start,
                          max_value=problem.end, key=SICK_FROM)
    end = c3.date_input(t("ui.sick.to", lang), value=problem.end, min_value=problem.start,
                        max_value=problem.end, key=SICK_TO)
    kind = c4.selectbox(t("ui.sick.kind", lang), LEAVE_KINDS, index=LEAVE_KINDS.index("sick"),
                        key=state.lang_key(SICK_KIND), format_func=lambda k: t(f"leave.{k}", lang))
    if st.button(t("ui.sick.replan", lang), key="replan_btn", type="primary"):
        if end < start:
            st.error(t("ui.sick.bad_dates", lang))
            return
        try:
            with st.spinner(t("ui.sick.working", lang)):
                result, changed = mark_and_replan(plan, sid, start, end, kind, lang)
        except engine.EngineError as err:
            show_engine_error(err, lang)
            return
        if result.roster is None:
            st.error(t("ui.sick.failed", lang))
            return
        st.toast(t("ui.sick.done", lang, count=len(changed)))
        st.rerun()
