"""Roster planner: solve with progress, the calendar grid, hand edits, sick calls and downloads."""

from __future__ import annotations

import streamlit as st

from office.i18n import t

from . import cell_panel, downloads, explain, sick_panel, solve_panel, state, style
from .common import need_problem
from .grid import build_grid, months

MONTH = "grid_month"
GRID = "roster_grid"
ALL = "all"


def render() -> None:
    lang = state.lang()
    st.title(t("ui.planner.title", lang))
    problem = need_problem(lang)
    if problem is None:
        return
    solve_panel.apply_finished(lang)
    plan = state.plan()
    if plan is not None and plan.problem is not None:
        problem = plan.problem
    solve_panel.render_controls(problem, lang)
    solve_panel.render_progress(lang)
    plan = state.plan()
    if plan is None:
        st.info(t("ui.planner.press_solve", lang))
        _grid(problem, None, lang)
        return
    explain.render_result(plan, lang)
    if plan.roster is None:
        _conflict_rows(plan, lang)
        _grid(plan.problem, plan, lang)
        return
    left, side = st.columns([2.6, 1.4], gap="medium")
    with left:
        model = _grid(plan.problem, plan, lang)
        if plan.changed:
            st.caption(t("ui.planner.changed", lang, count=len(plan.changed)))
        explain.render_violations(plan.problem, plan.roster, lang, solve_panel.allow_gaps())
    with side:
        tabs = st.tabs([t("ui.planner.tab.cell", lang), t("ui.planner.tab.sick", lang),
                        t("ui.planner.tab.levels", lang), t("ui.planner.tab.downloads", lang)])
        with tabs[0]:
            cell_panel.render(state.plan(), list(model.dates) or [d.date for d in problem.days],
                              lang)
        with tabs[1]:
            sick_panel.render(state.plan(), lang)
        with tabs[2]:
            st.write(explain.bound_sentence(plan.result, lang))
            st.dataframe(explain.levels_frame(plan.result, lang), hide_index=True,
                         width="stretch", key="levels_table")
        with tabs[3]:
            downloads.render_roster_downloads(state.plan(), lang)


def _conflict_rows(plan, lang: str) -> None:
    """Only the offending days, first, so nobody has to scroll a quarter to find them."""
    days = explain.conflict_days(plan.result)
    if not days:
        return
    st.markdown("**" + t("ui.planner.conflict_days", lang, count=len(days)) + "**")
    model = build_grid(plan.problem, None, lang, conflict_days=days, only=days)
    st.dataframe(model.styled(), hide_index=True, width="stretch", key="conflict_grid")


def _legend(lang: str) -> None:
    st.markdown(style.legend_html([
        (t("day_type.workday", lang), style.DAY_BG["workday"]),
        (t("day_type.weekend", lang), style.DAY_BG["weekend"]),
        (t("day_type.holiday", lang), style.DAY_BG["holiday"]),
        (t("calendar.adjusted_workday", lang), style.ADJUSTED_BG),
        (t("ui.legend.changed", lang), style.CHANGED_BG),
        (t("ui.legend.gap", lang), style.GAP_BG),
        (t("ui.legend.conflict", lang), style.CONFLICT_BG),
        (style.PINNED_MARK + t("ui.legend.pinned", lang), "#ffffff"),
    ]), unsafe_allow_html=True)


def _grid(problem, plan, lang: str):
    options = [ALL, *months(problem)]
    c1, c2 = st.columns([1, 4])
    month = c1.selectbox(t("ui.planner.view", lang), options, key=state.lang_key(MONTH),
                         format_func=lambda m: t("ui.planner.whole", lang) if m == ALL else m)
    with c2:
        _legend(lang)
    roster = plan.roster if plan is not None else None

    def build():
        selected = (state.widget(state.CELL_DATE), state.widget(state.CELL_POST))
        return build_grid(problem, roster, lang, changed=plan.changed if plan else frozenset(),
                          conflict_days=explain.conflict_days(plan.result if plan else None),
                          month=None if month == ALL else month, selected=selected)

    model = build()
    if _take_selection(model, state.widget(GRID)):
        model = build()
    height = min(35 * (len(model.frame) + 1) + 3, 720)
    small = {c: st.column_config.TextColumn(c, width="small") for c in model.frame.columns[:3]}
    st.dataframe(model.styled(), key=GRID, on_select="rerun", selection_mode="single-cell",
                 hide_index=True, width="stretch", height=height, column_config=small)
    return model


def _take_selection(model, event) -> bool:
    """A click on a name cell chooses that cell in the edit panel (once per click)."""
    selection = getattr(event, "selection", None)
    if selection is None and isinstance(event, dict):
        selection = event.get("selection")
    cells = (selection.get("cells") if isinstance(selection, dict)
             else getattr(selection, "cells", None)) or []
    if not cells:
        return False
    row, column = cells[0][0], cells[0][1]
    if state.widget("grid_sel_seen") == (row, column):
        return False
    state.preset_widget("grid_sel_seen", (row, column))
    cell = model.cell(int(row), str(column))
    if cell is None:
        return False
    state.preset_widget(state.CELL_DATE, cell[0])
    state.preset_widget(state.CELL_POST, cell[1])
    return True
