"""Roster planner driven through the UI: solve, pin and re-solve, replace, sick call, undo."""

from __future__ import annotations

import datetime as dt


def _cells(roster) -> dict:
    out: dict = {}
    for a in roster.assignments:
        out.setdefault((a.date, a.post_id), set()).add(a.staff_id)
    return out


def test_solve_draws_grid_with_names(solved_sample) -> None:
    """Solve gives a roster, the success line and a grid whose cells hold staff names."""
    d = solved_sample
    d.assert_clean()
    plan = d.plan
    assert plan.roster is not None and len(plan.roster) > 0
    assert d.texts("success")
    grid = d.at.dataframe[0].value
    names = {s.name for s in plan.problem.staff}
    assert len(grid) == len(plan.problem.days)
    cells = " ".join(str(v) for v in grid.iloc[:, 3:].to_numpy().ravel())
    assert sum(1 for n in names if n in cells) > 10


def test_pin_holds_after_resolve(solved_sample) -> None:
    """A pinned cell keeps its person after solving again."""
    d = solved_sample
    at = d.at
    plan = d.plan
    first = sorted(plan.roster.assignments)[5]
    at.selectbox(key="cell_date").set_value(first.date).run()
    at.selectbox(key="cell_post").set_value(first.post_id).run()
    at.button(key="pin_btn").click().run()
    d.assert_clean()
    assert any((p.date, p.post_id, p.staff_id) == (first.date, first.post_id, first.staff_id)
               for p in d.plan.problem.pins)
    d.solve()
    d.assert_clean()
    assert first in d.plan.roster.assignments
    assert "📌" in " ".join(str(v) for v in d.at.dataframe[0].value.iloc[:, 3:].to_numpy().ravel())


def test_replace_offers_only_legal_people_and_undo_restores(solved_sample) -> None:
    """Replacing a person uses the engine's legal list; the change is highlighted; undo reverts."""
    d = solved_sample
    at = d.at
    before = d.plan
    cell = sorted(before.roster.assignments)[20]
    at.selectbox(key="cell_date").set_value(cell.date).run()
    at.selectbox(key="cell_post").set_value(cell.post_id).run()
    at.selectbox(key="replace_out").set_value(cell.staff_id).run()
    options = at.selectbox(key="replace_in").options
    assert options, "the engine found no legal replacement on the sample"
    at.button(key="replace_btn").click().run()
    d.assert_clean()
    after = d.plan
    assert cell not in after.roster.assignments
    assert after.changed == frozenset({(cell.date, cell.post_id)})
    from ui.engine import validate

    assert validate(after.problem, after.roster).ok
    at.button(key="undo_btn").click().run()
    assert d.plan.roster == before.roster


def test_sick_call_replans_with_fewest_changes(app) -> None:
    """Marking someone sick removes exactly their duties in the period and changes nothing else."""
    app.load()
    app.solve()
    plan = app.plan
    by_person: dict[str, list] = {}
    for a in plan.roster.assignments:
        by_person.setdefault(a.staff_id, []).append(a)
    sid, duties = max(((s, ds) for s, ds in by_person.items()
                       if any(x.date >= plan.problem.start + dt.timedelta(days=20) for x in ds)),
                      key=lambda p: len(p[1]))
    start = plan.problem.start + dt.timedelta(days=20)
    end = start + dt.timedelta(days=13)
    hit = [a for a in duties if start <= a.date <= end]
    assert hit
    at = app.at
    at.selectbox(key="sick_staff").set_value(sid).run()
    at.date_input(key="sick_from").set_value(start).run()
    at.date_input(key="sick_to").set_value(end).run()
    at.button(key="replan_btn").click().run()
    app.assert_clean()
    new = app.plan
    assert new.roster is not None
    assert not [a for a in new.roster.assignments if a.staff_id == sid and start <= a.date <= end]
    old_cells, new_cells = _cells(plan.roster), _cells(new.roster)
    removed = sum(len(old_cells[k] - new_cells.get(k, set())) for k in old_cells)
    assert removed == len(hit), "only the sick person's duties should move"
    assert new.changed == frozenset((a.date, a.post_id) for a in hit)
    assert any(lv.kind == "sick" for lv in new.problem.leave if lv.staff_id == sid)
    from ui.engine import validate

    assert validate(new.problem, new.roster).ok, "the re-planned roster breaks no hard rule"
