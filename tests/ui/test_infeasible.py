"""The infeasible example is explained in plain words, and "allow gaps" gives a partial roster."""

from __future__ import annotations


def test_infeasible_scenario_shows_explanation_and_days(app) -> None:
    """Solving the infeasible example shows why (rule, day, post) and highlights those days."""
    app.load("load_infeasible")
    app.solve(seconds=6)
    app.assert_clean()
    plan = app.plan
    assert plan.roster is None and plan.result.conflicts
    errors = " ".join(app.texts("error"))
    assert "无法" in errors
    words = " ".join(app.texts("markdown"))
    assert any(f.date and f.date.isoformat() in words for f in plan.result.conflicts)
    assert "2026" in words
    from ui.explain import conflict_days

    days = conflict_days(plan.result)
    assert days
    grid_css = app.at.dataframe[0].value  # the grid is drawn even without a roster
    assert len(grid_css) > 0


def test_allow_gaps_gives_partial_roster_with_gaps_marked(app) -> None:
    """With "allow gaps" the same scenario gives a roster and marks the holes in the grid."""
    app.load("load_infeasible")
    app.solve(seconds=6, gaps=True)
    app.assert_clean()
    plan = app.plan
    assert plan.roster is not None and plan.result.uncovered
    cells = " ".join(str(v) for v in app.at.dataframe[0].value.to_numpy().ravel())
    assert "【空缺】" in cells
    assert app.texts("warning")
