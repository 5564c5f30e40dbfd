"""Write a roster workbook: the machine-readable ``assignments`` sheet plus the human sheets.

Sheet names are a contract (other tools and the reader rely on them): ``assignments``
(columns ``date``, ``post_id``, ``staff_id`` first, then human columns), ``grid`` (one row per
day, one column per post, weekends and holidays coloured), ``summary`` (per person: duties,
weekend/holiday and night counts, load, fair share, deviation), ``fairness`` (per group and per
objective term, exact) and ``solver`` (status, each level's value, bound, gap and seconds,
uncovered places, conflicts, broken rules).

The file appears whole or not at all: it is written to a temporary file in the target folder
and moved into place with ``os.replace``, so an interrupted run never leaves half a roster
that someone could print.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, PatternFill

from office.i18n import has, t
from scheduler.problem import Problem, Roster, SolveResult
from scheduler.validate import Validation, validate

from .atomic import atomic_path
from .roster_writer_sheets import fairness_sheet, header, solver_sheet, summary_sheet, widths

SHEETS = ("assignments", "grid", "summary", "fairness", "solver")
ASSIGNMENT_COLUMNS = ("date", "post_id", "staff_id")

WEEKEND_FILL = PatternFill("solid", fgColor="DDEBF7")
HOLIDAY_FILL = PatternFill("solid", fgColor="FCE4D6")
GAP_FILL = PatternFill("solid", fgColor="FF9999")
WEEKDAYS = {"zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
            "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def write_roster(path, problem: Problem, result_or_roster: SolveResult | Roster,
                 validation: Validation | None = None, lang: str = "zh",
                 solve_result: SolveResult | None = None) -> None:
    """Write the roster workbook to ``path`` (a file path, written atomically, or a binary
    file object such as ``io.BytesIO``).

    ``result_or_roster`` is a :class:`SolveResult` (its roster and report are used) or a bare
    :class:`Roster`; ``validation`` is computed here when not given, with gaps allowed when the
    solve result lists uncovered places.
    """
    if isinstance(result_or_roster, SolveResult):
        solve_result = solve_result or result_or_roster
        roster = result_or_roster.roster or Roster()
    else:
        roster = result_or_roster
    if validation is None:
        gaps = bool(solve_result is not None and solve_result.uncovered)
        validation = validate(problem, roster, allow_gaps=gaps)
    wb = build_workbook(problem, roster, validation, lang, solve_result)
    if hasattr(path, "write"):
        wb.save(path)
        return
    _save_atomically(wb, Path(path))


def roster_workbook_bytes(problem: Problem, roster: Roster, validation: Validation | None = None,
                          lang: str = "zh", solve_result: SolveResult | None = None) -> bytes:
    """The workbook as bytes (for a download button)."""
    buf = io.BytesIO()
    write_roster(buf, problem, roster, validation, lang, solve_result)
    return buf.getvalue()


def _save_atomically(wb: Workbook, target: Path) -> None:
    with atomic_path(target, suffix=".xlsx.part") as tmp:
        wb.save(tmp)


def build_workbook(problem: Problem, roster: Roster, validation: Validation, lang: str,
                   solve_result: SolveResult | None) -> Workbook:
    """All five sheets in a fresh workbook (nothing touches the disk here)."""
    wb = Workbook()
    assignments_sheet(wb.active, problem, roster, lang)
    grid_sheet(wb.create_sheet("grid"), problem, roster, lang)
    summary_sheet(wb.create_sheet("summary"), problem, validation, lang)
    fairness_sheet(wb.create_sheet("fairness"), problem, validation, lang)
    solver_sheet(wb.create_sheet("solver"), problem, validation, solve_result, lang)
    return wb


def day_type_text(day, lang: str) -> str:
    """Day type in words, with the festival (in the reader's language) or 调休 noted."""
    text = t(f"day_type.{day.day_type}", lang)
    note = ""
    if day.festival and has(f"festival.{day.festival}"):
        note = t(f"festival.{day.festival}", lang)
    elif day.holiday_name:
        note = day.holiday_name
    elif day.adjusted_workday:
        note = t("calendar.adjusted_workday", lang)
    if note:
        text += f"（{note}）" if lang == "zh" else f" ({note})"
    return text


def assignments_sheet(ws, problem: Problem, roster: Roster, lang: str) -> None:
    """The contract sheet: one row per person per post per day, ids first, ISO dates."""
    ws.title = "assignments"
    staff, posts, days = problem.staff_by_id(), problem.post_by_id(), problem.day_by_date()
    header(ws, [*ASSIGNMENT_COLUMNS, t("rosterio.col.name", lang), t("rosterio.col.post", lang),
                t("rosterio.col.weekday", lang), t("rosterio.col.day_type", lang),
                t("rosterio.col.phone", lang)])
    for a in roster.assignments:
        s, p, d = staff.get(a.staff_id), posts.get(a.post_id), days.get(a.date)
        ws.append([a.date.isoformat(), a.post_id, a.staff_id,
                   s.name if s else "", p.name if p else "",
                   WEEKDAYS[lang if lang in WEEKDAYS else "en"][a.date.weekday()],
                   day_type_text(d, lang) if d else "", s.phone if s else ""])
    widths(ws, {1: 12, 2: 12, 3: 12, 4: 14, 5: 16, 6: 8, 7: 18, 8: 16})


def grid_sheet(ws, problem: Problem, roster: Roster, lang: str) -> None:
    """One row per day, one column per post; weekends blue, holidays orange, gaps red."""
    staff = problem.staff_by_id()
    on: dict[tuple, list[str]] = {}
    for a in roster.assignments:
        name = staff[a.staff_id].name if a.staff_id in staff else a.staff_id
        on.setdefault((a.date, a.post_id), []).append(name)
    required = {(s.date, s.post_id): s.required for s in problem.slots}
    header(ws, [t("rosterio.col.date", lang), t("rosterio.col.weekday", lang),
                t("rosterio.col.day_type", lang), *[p.name for p in problem.posts]])
    ws.freeze_panes = "D2"
    sep = "、" if lang == "zh" else ", "
    for row, day in enumerate(problem.days, start=2):
        cells = [day.date.isoformat(), WEEKDAYS[lang if lang in WEEKDAYS else "en"][
            day.date.weekday()], day_type_text(day, lang)]
        for p in problem.posts:
            names = on.get((day.date, p.post_id), [])
            need = required.get((day.date, p.post_id), 0)
            text = sep.join(sorted(names))
            if len(names) < need:
                gap = t("rosterio.grid.missing", lang, missing=need - len(names))
                text = f"{text} {gap}".strip()
            cells.append(text)
        ws.append(cells)
        fill = HOLIDAY_FILL if day.day_type == "holiday" else (
            WEEKEND_FILL if day.day_type == "weekend" else None)
        for col, p in enumerate(problem.posts, start=4):
            c = ws.cell(row=row, column=col)
            c.alignment = Alignment(wrap_text=True, vertical="top")
            if len(on.get((day.date, p.post_id), [])) < required.get((day.date, p.post_id), 0):
                c.fill = GAP_FILL
            elif fill is not None:
                c.fill = fill
        if fill is not None:
            for col in (1, 2, 3):
                ws.cell(row=row, column=col).fill = fill
    widths(ws, {1: 12, 2: 6, 3: 22, **{k: 18 for k in range(4, 4 + len(problem.posts))}})
