"""Benchmark of the web app (issue 5): first render, re-plan after a sick call, big grid.

Usage::

    python -m bench.bench_ui [--repeat 5] [--replan-limit 10]

Measures, with Streamlit's AppTest (the real page scripts, no browser):

1. first render with the sample: a fresh session loads ``data/sample_scenario.xlsx`` (cold
   caches) and the data page is drawn; then the planner is drawn with a solved roster;
2. re-plan after one sick call on a month (January 2026) of 40 staff: the median over
   several people of ``ui.engine.replan`` (what the Re-plan button calls);
3. the planner page with a roster of 60 staff × 92 days (generated year, cut to 92 days).

Figures are wall-clock seconds on this machine; other jobs sharing the two cores slow them.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

APP = str(ROOT / "app.py")


def _app():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state["sync_solve"] = True
    return at


def first_render(repeat: int) -> dict:
    """Load the sample into a fresh session (caches cleared) and draw the data page."""
    import streamlit as st

    loads = []
    for _ in range(repeat):
        st.cache_data.clear()
        at = _app()
        at.run()
        t0 = time.perf_counter()
        at.button(key="load_sample").click().run()
        loads.append(time.perf_counter() - t0)
        assert not at.exception and at.session_state["scenario"].problem is not None
    # The planner with a solved roster (solve once, then time redraws of the page).
    at.switch_page("ui/pages/planner.py").run()
    at.number_input(key="time_limit").set_value(10).run()
    at.button(key="solve_btn").click().run()
    draws = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        at.run()
        draws.append(time.perf_counter() - t0)
    assert not at.exception
    return {"cold_load_sample_and_draw_s": loads[0],
            "load_sample_and_draw_s": statistics.median(loads),
            "planner_with_roster_draw_s": statistics.median(draws)}


def month_problem(n_staff: int = 40):
    """January 2026 of the sample office, trimmed to ``n_staff`` people."""
    from shells.scenario_reader import read_scenario_frames
    from tools.make_sample_scenario import sample_frames

    frames = sample_frames(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    keep = list(frames["staff"]["staff_id"])[:n_staff]
    for name, frame in frames.items():
        if "staff_id" in frame.columns:
            frames[name] = frame[frame["staff_id"].isin(keep)].reset_index(drop=True)
    problem, problems = read_scenario_frames(frames)
    assert problem is not None, [p for p in problems if p.is_error]
    return problem


def replan_month(repeat: int, limit: float) -> dict:
    """Median time of a re-plan after one sick call (a week of sick leave mid-month).

    This is the Re-plan button's path: the engine's ``replan`` (cover, then fewest changes
    against the current roster, then fairness).
    """
    from scheduler import Leave
    from ui import engine

    problem = month_problem()
    job = engine.start_solve(problem, 20, False)
    job.join(60)
    base = job.view().result
    assert base.roster is not None, base.status
    counts: dict[str, int] = {}
    for a in base.roster.assignments:
        if dt.date(2026, 1, 12) <= a.date <= dt.date(2026, 1, 18):
            counts[a.staff_id] = counts.get(a.staff_id, 0) + 1
    people = sorted(counts, key=lambda s: -counts[s])[:repeat]
    times, changes, statuses = [], [], []
    for sid in people:
        sick = dataclasses.replace(problem, leave=problem.leave + (
            Leave(sid, dt.date(2026, 1, 12), dt.date(2026, 1, 18), "sick"),))
        t0 = time.perf_counter()
        res = engine.replan(sick, base.roster, limit, False)
        times.append(time.perf_counter() - t0)
        statuses.append(res.status)
        assert res.roster is not None, res.status
        changes.append(len(set(base.roster.assignments) - set(res.roster.assignments)))
    return {"replan_median_s": statistics.median(times), "replan_max_s": max(times),
            "replan_runs": len(times), "changes_per_replan": changes,
            "sick_duties": [counts[s] for s in people], "replan_statuses": statuses}


def big_grid(repeat: int) -> dict:
    """Planner page with 60 staff × 92 days and a full roster (round robin, no solver)."""
    from scheduler import Assignment, Roster
    from tools.gen_year import generate_year
    from ui import state
    from ui.grid import build_grid

    year = generate_year(n_staff=60)
    days = year.days[:92]
    dates = {d.date for d in days}
    problem = dataclasses.replace(year, days=days,
                                  slots=tuple(s for s in year.slots if s.date in dates),
                                  pins=(), leave=(), requests=())
    ids = [s.staff_id for s in problem.staff]
    roster = Roster.of(Assignment(s.date, s.post_id, ids[(k * 7 + j) % len(ids)])
                       for k, s in enumerate(problem.slots) for j in range(s.required))
    t0 = time.perf_counter()
    build_grid(problem, roster, "zh").styled().to_html()
    build_only = time.perf_counter() - t0
    at = _app()
    at.session_state["scenario"] = state.Scenario("bench", {}, problem, [])
    at.session_state["plan"] = state.Plan(problem, roster, None)
    at.run()
    at.switch_page("ui/pages/planner.py").run()
    draws = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        at.run()
        draws.append(time.perf_counter() - t0)
    assert not at.exception, [e.value for e in at.exception]
    return {"grid_build_and_style_s": build_only,
            "planner_page_60x92_draw_s": statistics.median(draws),
            "staff": len(problem.staff), "days": len(problem.days), "duties": len(roster)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--replan-limit", type=float, default=10.0)
    args = parser.parse_args(argv)
    results = {}
    results.update(first_render(args.repeat))
    results.update(big_grid(args.repeat))
    results.update(replan_month(args.repeat, args.replan_limit))
    for key, value in results.items():
        shown = f"{value:.3f}" if isinstance(value, float) else value
        print(f"{key:32s} {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
