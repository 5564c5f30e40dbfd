"""Hand edits of one cell: pin or unpin it, or replace a person by someone the engine allows.

A pin goes into the problem (and the pins sheet), so the next solve keeps it; a replacement
changes the roster at once and, by default, pins the new person so a re-solve does not undo
the director's decision. The candidates come from ``scheduler.candidates`` — never guessed here.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from office.i18n import t

from . import engine, state
from .common import date_label, person_label, show_engine_error
from .grid import diff_cells
from .solve_panel import allow_gaps

REPLACE_OUT = "replace_out"
REPLACE_IN = "replace_in"
REPLACE_PIN = "replace_pin"


def cell_people(roster, date, post_id) -> list[str]:
    return sorted(a.staff_id for a in roster.assignments
                  if a.date == date and a.post_id == post_id)


def with_pins(problem, pins_to_add=(), cell_to_clear=None):
    """The problem with pins added and/or a cell's pins removed (frozen: a new object)."""
    from scheduler import Pin

    pins = [p for p in problem.pins
            if cell_to_clear is None or (p.date, p.post_id) != tuple(cell_to_clear)]
    for date, post_id, sid in pins_to_add:
        pin = Pin(date, post_id, sid)
        if pin not in pins:
            pins.append(pin)
    return dataclasses.replace(problem, pins=tuple(pins))


def pins_frame(problem) -> pd.DataFrame:
    """The pins sheet as text, so the data page's editor shows the planner's pins too."""
    rows = [{"date": p.date.isoformat(), "post_id": p.post_id, "staff_id": p.staff_id}
            for p in problem.pins]
    return pd.DataFrame(rows, columns=["date", "post_id", "staff_id"]).astype(str)


def _commit(problem, roster, result, changed, note) -> None:
    sc = state.scenario()
    frames = dict(sc.frames) if sc is not None else {}
    frames["pins"] = pins_frame(problem)
    state.set_plan(state.Plan(problem, roster, result, frozenset(changed), note))
    state.replace_scenario_problem(problem, frames)


def render(plan, dates, lang: str) -> None:
    """The cell chooser (also set by clicking the grid) and the three actions."""
    problem, roster = plan.problem, plan.roster
    post_ids = [p.post_id for p in problem.posts]
    post_names = {p.post_id: p.name for p in problem.posts}
    if state.widget(state.CELL_DATE) not in dates:
        state.preset_widget(state.CELL_DATE, dates[0])
    c1, c2 = st.columns(2)
    date = c1.selectbox(t("ui.cell.date", lang), dates, key=state.CELL_DATE,
                        format_func=date_label(lang))
    post_id = c2.selectbox(t("ui.cell.post", lang), post_ids, key=state.CELL_POST,
                           format_func=lambda p: post_names.get(p, p))
    people = cell_people(roster, date, post_id)
    label = person_label(problem, lang)
    pinned = sorted(p.staff_id for p in problem.pins if (p.date, p.post_id) == (date, post_id))
    st.caption(t("ui.cell.now", lang, people=", ".join(label(s) for s in people) or "—",
                 pinned=", ".join(label(s) for s in pinned) or "—"))
    b1, b2 = st.columns(2)
    if b1.button(t("ui.cell.pin", lang), key="pin_btn", disabled=not people, width="stretch"):
        new = with_pins(problem, [(date, post_id, s) for s in people])
        _commit(new, roster, plan.result, (), "pin")
        st.toast(t("ui.cell.pinned", lang))
        st.rerun()
    if b2.button(t("ui.cell.unpin", lang), key="unpin_btn", disabled=not pinned,
                 width="stretch"):
        _commit(with_pins(problem, cell_to_clear=(date, post_id)), roster, plan.result, (),
                "unpin")
        st.toast(t("ui.cell.unpinned", lang))
        st.rerun()
    _replace(plan, date, post_id, people, lang)


def _replace(plan, date, post_id, people, lang: str) -> None:
    problem, roster = plan.problem, plan.roster
    label = person_label(problem, lang)
    st.markdown("**" + t("ui.cell.replace_title", lang) + "**")
    out_options = people or [""]
    out = st.selectbox(t("ui.cell.replace_out", lang), out_options, key=REPLACE_OUT,
                       format_func=lambda s: label(s) if s else t("ui.cell.empty_place", lang))
    from scheduler import Assignment, Roster

    check_problem = problem
    if out:  # the person leaving the cell takes their pin with them
        check_problem = dataclasses.replace(problem, pins=tuple(
            p for p in problem.pins if (p.date, p.post_id, p.staff_id) != (date, post_id, out)))
    try:
        found = engine.candidates(check_problem, roster, date, post_id, replace=out or None,
                                  allow_gaps=allow_gaps())
    except engine.EngineError as err:
        show_engine_error(err, lang)
        return
    allowed = [sid for sid, why in found if not why]
    blocked = [(sid, why) for sid, why in found if why]
    _why_not(blocked, problem, lang)
    if not allowed:
        st.info(t("ui.cell.no_candidates", lang))
        return
    new_person = st.selectbox(t("ui.cell.replace_in", lang, count=len(allowed)), allowed,
                              key=REPLACE_IN, format_func=label)
    pin_it = st.checkbox(t("ui.cell.replace_pin", lang), value=True, key=REPLACE_PIN)
    if st.button(t("ui.cell.replace", lang), key="replace_btn", type="primary"):
        kept = [a for a in roster.assignments
                if not (a.date == date and a.post_id == post_id and a.staff_id == out)]
        new_roster = Roster.of([*kept, Assignment(date, post_id, new_person)])
        new_problem = check_problem
        if pin_it:
            new_problem = with_pins(new_problem, [(date, post_id, new_person)])
        _commit(new_problem, new_roster, plan.result, diff_cells(roster, new_roster), "replace")
        st.toast(t("ui.cell.replaced", lang))
        st.rerun()


def _why_not(blocked, problem, lang: str, limit: int = 40) -> None:
    """Why the others are not offered, in the engine's plain words (first rule each)."""
    if not blocked:
        return
    label = person_label(problem, lang)
    with st.expander(t("ui.cell.why_not", lang, count=len(blocked))):
        lines = ["- " + t("ui.cell.why_line", lang, person=label(sid),
                          why=engine.describe(why[0], lang, problem))
                 for sid, why in blocked[:limit]]
        if len(blocked) > limit:
            lines.append(t("ui.explain.more", lang, count=len(blocked) - limit))
        st.markdown("\n".join(lines))
