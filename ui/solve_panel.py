"""Solve controls, the live progress fragment and applying a finished run to the plan.

The solver runs in a thread (:mod:`ui.jobs`); a fragment re-draws only the progress box every
second while it runs, so the rest of the page stays usable; Stop sets the event the solver
polls and it returns the best roster found so far. Tests take the synchronous path
(:func:`ui.state.sync_solve`), which waits for the thread before the run ends.
"""

from __future__ import annotations

import streamlit as st

from office.i18n import t

from . import engine, state
from .common import show_engine_error
from .grid import diff_cells

TIME_LIMIT = "time_limit"
ALLOW_GAPS = "allow_gaps"
SYNC_GRACE = 60.0
FAST_WAIT = 0.3


def time_limit() -> float:
    return float(state.widget(TIME_LIMIT, 20) or 20)


def allow_gaps() -> bool:
    return bool(state.widget(ALLOW_GAPS, False))


def render_controls(problem, lang: str) -> None:
    """Time limit, allow-gaps, Solve and Undo in one dense row."""
    running = _running()
    c1, c2, c3, c4 = st.columns([1.2, 1.6, 1, 1])
    c1.number_input(t("ui.solve.time_limit", lang), min_value=1, max_value=3600, value=20,
                    step=5, key=TIME_LIMIT, help=t("ui.solve.time_limit_help", lang))
    c2.checkbox(t("ui.solve.allow_gaps", lang), key=ALLOW_GAPS,
                help=t("ui.solve.allow_gaps_help", lang))
    if c3.button(t("ui.solve.solve", lang), key="solve_btn", type="primary", disabled=running,
                 width="stretch"):
        start(problem, lang)
    if c4.button(t("ui.solve.undo", lang), key="undo_btn", disabled=running or not state.can_undo(),
                 width="stretch"):
        state.undo()
        st.toast(t("ui.solve.undone", lang))


def _running() -> bool:
    job = state.job()
    return job is not None and job.view().running


def start(problem, lang: str) -> None:
    """Start a run; in synchronous mode wait for it and apply it at once."""
    if _running():  # a second click while solving must not start a second solver
        return
    try:
        job = engine.start_solve(problem, time_limit(), allow_gaps())
    except engine.EngineError as err:
        show_engine_error(err, lang)
        return
    except Exception as err:  # noqa: BLE001 - e.g. the engine is not installed
        show_engine_error(engine.EngineError("ui.err.solve", str(err)), lang)
        return
    job.problem = problem
    state.set_job(job)
    if state.sync_solve():
        job.join(time_limit() + SYNC_GRACE)
    else:
        job.join(FAST_WAIT)  # quick answers show without waiting for the first poll
    apply_finished(lang)


def apply_finished(lang: str) -> None:
    """Turn a finished run into the current plan (once), or show why it failed."""
    job = state.job()
    if job is None or job.applied:
        return
    view = job.view()
    if view.running:
        return
    job.applied = True
    if view.error or view.result is None:
        show_engine_error(engine.EngineError("ui.err.solve", view.error), lang)
        return
    result = view.result
    old = state.plan()
    changed = frozenset()
    if old is not None and old.roster is not None and result.roster is not None:
        changed = diff_cells(old.roster, result.roster)
    state.set_plan(state.Plan(job.problem, result.roster, result, changed, note="solve"))


@st.fragment(run_every=1.0)
def progress_box() -> None:
    """Live progress of the running solve: bar, level, objective and bound, and Stop."""
    lang = state.lang()
    job = state.job()
    if job is None:
        return
    view = job.view()
    if not view.running:
        if not job.applied:
            st.rerun()
        return
    frac = min(1.0, view.elapsed / view.time_limit) if view.time_limit else 0.0
    level = engine.level_label(view.level, lang) if view.level else t("ui.solve.starting", lang)
    st.progress(frac, text=t("ui.solve.progress", lang, seconds=f"{view.elapsed:.0f}",
                             limit=f"{view.time_limit:.0f}", level=level))
    c1, c2, c3 = st.columns([1, 1, 1])
    c1.metric(t("ui.solve.objective", lang), _num(view.objective))
    c2.metric(t("ui.solve.bound", lang), _num(view.bound))
    if view.stopping:
        c3.info(t("ui.solve.stopping", lang))
    elif c3.button(t("ui.solve.stop", lang), key="stop_btn", width="stretch"):
        job.stop()
        st.toast(t("ui.solve.stop_sent", lang))


def _num(value) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def render_progress(lang: str) -> None:
    """Show the progress fragment only while a job runs (then it stops polling).

    A job that finished before this point (the pre-checks answer "infeasible" in a blink) is
    picked up by a rerun, whose first step applies it.
    """
    job = state.job()
    if job is None or job.applied:
        return
    if job.view().running:
        st.info(t("ui.solve.running_hint", lang))
        progress_box()
    else:
        st.rerun()
