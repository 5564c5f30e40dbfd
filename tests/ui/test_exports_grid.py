"""Pure pieces of the UI: grid cells and colours, exports (.ics, printable grid), the solve job."""

from __future__ import annotations

import io
import threading
import time
import zipfile

import pytest

from scheduler import Assignment, Roster
from ui import exports, style
from ui.downloads import all_ics
from ui.engine import SAMPLE, read_scenario_bytes
from ui.grid import build_grid, diff_cells
from ui.jobs import SolveJob


@pytest.fixture(scope="module")
def sample():
    """The sample problem and a simple round-robin roster (no solver needed here)."""
    _, problem, _ = read_scenario_bytes(SAMPLE.read_bytes(), SAMPLE.name)
    staff = [s.staff_id for s in problem.staff]
    roster = Roster.of(Assignment(s.date, s.post_id, staff[(k * 3 + j) % len(staff)])
                       for k, s in enumerate(problem.slots) for j in range(s.required))
    return problem, roster


def test_grid_has_a_row_per_day_and_colours_day_types(sample) -> None:
    """One row per day; weekends, holidays and 调休 days get their own colours."""
    problem, roster = sample
    model = build_grid(problem, roster, "zh")
    assert len(model.frame) == len(problem.days)
    for k, day in enumerate(problem.days):
        css = model.css.iloc[k, 0]
        if day.adjusted_workday:
            assert style.ADJUSTED_BG in css and model.frame.iloc[k, 2] == "调休上班"
        else:
            assert style.DAY_BG[day.day_type] in css


def test_grid_marks_gaps_changes_and_pins(sample) -> None:
    """A missing person shows the gap mark; a changed cell is yellow; a pinned name has 📌."""
    import dataclasses

    from scheduler import Pin

    problem, roster = sample
    first = roster.assignments[0]
    short = Roster.of(a for a in roster.assignments if a != first)
    pinned = dataclasses.replace(problem, pins=(Pin(*roster.assignments[1].__dict__.values()),))
    changed = diff_cells(roster, short)
    assert changed == {(first.date, first.post_id)}
    model = build_grid(pinned, short, "en", changed=changed)
    row = model.dates.index(first.date)
    col = model.post_columns[model.post_ids.index(first.post_id)]
    assert "[GAP]" in model.frame.loc[row, col]
    assert style.CHANGED_BG in model.css.loc[row, col]
    assert "📌" in " ".join(model.frame.astype(str).to_numpy().ravel())


def test_grid_for_60_staff_92_days_is_fast(sample) -> None:
    """The grid builder is linear and light (the benchmark measures the full page)."""
    problem, roster = sample
    t0 = time.perf_counter()
    build_grid(problem, roster, "zh").styled().to_html()
    assert time.perf_counter() - t0 < 5.0


def test_person_ics_has_one_event_per_duty(sample) -> None:
    """The .ics parses back with exactly the person's duties, timed when the post has a start."""
    from icalendar import Calendar

    problem, roster = sample
    sid = roster.assignments[0].staff_id
    cal = Calendar.from_ical(exports.person_ics(problem, roster, sid, "zh", "青山镇"))
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) == sum(1 for a in roster.assignments if a.staff_id == sid)
    data = all_ics(problem, roster, "en", "Qingshan")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert f"{sid}.ics" in names


def test_printable_grid_and_workbook(sample) -> None:
    """The printable page has one table per month with colours; the workbook has assignments."""
    import pandas as pd

    problem, roster = sample
    html = exports.month_grid_html(problem, roster, "zh", "青山镇")
    assert html.count("<table>") == len({d.date.strftime("%Y-%m") for d in problem.days})
    assert style.DAY_BG["holiday"] in html and "@page" in html
    book = pd.read_excel(io.BytesIO(exports.roster_workbook(problem, roster, "zh")),
                         sheet_name=None)
    assert "assignments" in book and len(book["assignments"]) == len(roster)


def test_duty_notice_handles_a_day_without_duties(sample) -> None:
    """A day with no duty says so instead of printing an empty list."""
    problem, _ = sample
    text = exports.duty_notice(problem, Roster(), problem.start, "en", "Qingshan")
    assert "No duty that day" in text and problem.start.isoformat() in text


def test_solve_job_stop_returns_and_reports_progress() -> None:
    """Stop sets the event the work polls; the job ends with the work's result, never hangs."""
    seen = threading.Event()

    def work(on_progress, should_stop):
        on_progress(type("P", (), {"level": "cover", "objective": 3.0, "bound": 1.0})())
        seen.set()
        while not should_stop():
            time.sleep(0.01)
        return "best-so-far"

    job = SolveJob(work, time_limit=30).start()
    seen.wait(5)
    view = job.view()
    assert view.running and view.level == "cover" and view.objective == 3.0
    job.stop()
    assert job.join(5)
    assert job.view().result == "best-so-far" and not job.view().error


def test_solve_job_turns_exceptions_into_messages() -> None:
    """An engine crash inside the thread becomes an error text, not a dead page."""
    def work(on_progress, should_stop):
        raise RuntimeError("boom")

    job = SolveJob(work, time_limit=1).start()
    job.join(5)
    assert "boom" in job.view().error and job.view().result is None


def test_grade_bands_read_both_languages() -> None:
    """基本称职 is not mistaken for 称职, and English grades map to the same colours."""
    assert style.grade_band("基本称职") == "basic"
    assert style.grade_band("不合格") == "incompetent"
    assert style.grade_band("称职") == "competent"
    assert style.grade_band("excellent") == "excellent"
    assert style.grade_band("") == "ungraded"
