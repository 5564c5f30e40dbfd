"""Solving in the background: the page returns at once, and Stop keeps the best roster so far."""

from __future__ import annotations

import time


def test_stop_keeps_best_roster_so_far(app) -> None:
    """With the real background thread, Stop ends a 120 s solve early and keeps a roster."""
    app.load()
    app.at.session_state["sync_solve"] = False
    app.page("planner")
    app.at.number_input(key="time_limit").set_value(120).run()
    t0 = time.monotonic()
    app.at.button(key="solve_btn").click().run()
    assert time.monotonic() - t0 < 20, "the page must not wait for the solver"
    job = app.at.session_state["solve_job"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and job.view().objective is None:
        time.sleep(0.5)  # wait for a first roster before stopping
    app.at.run()
    app.at.button(key="stop_btn").click().run()
    assert job.join(60), "the solver did not stop"
    app.at.run()
    app.assert_clean()
    plan = app.plan
    assert plan is not None and plan.roster is not None and len(plan.roster) > 0
    assert plan.result.status in ("stopped", "feasible", "optimal")
    assert job.view().elapsed < 100
