"""Read the ``assignments`` of any roster: our own workbook, a hand-edited one, or a CSV.

The director may have edited the roster in Excel: dates typed as date cells or as text,
ids typed as numbers, blank lines, a duplicated row. Everything that can be read is read;
everything that cannot is reported as an :class:`~shells.input_problems.InputProblem` with
the spreadsheet's own row number (header = row 1; in a CSV the line number), never as a
traceback. Whether the people, posts and dates exist is the validator's business, not ours.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from scheduler.problem import Assignment, Roster

from .input_problems import ERROR, WARNING, InputProblem

SHEET = "assignments"
COLUMNS = ("date", "post_id", "staff_id")
ENCODINGS = ("utf-8-sig", "gb18030")


def read_roster(path) -> tuple[Roster | None, list[InputProblem]]:
    """Read the roster at ``path`` (``.xlsx``, ``.csv``, or a folder with ``assignments.csv``).

    Returns
    -------
    (Roster or None, problems)
        ``None`` whenever at least one problem is an error; warnings (duplicate rows) still
        come with a roster.
    """
    p = Path(path)
    if p.is_dir():
        p = p / f"{SHEET}.csv"
    if not p.exists():
        return None, [InputProblem(p.name, None, "", "rosterio.read.not_found",
                                   (("path", str(p)),))]
    try:
        if p.suffix.lower() == ".csv":
            rows, first_row = _csv_rows(p), 1
        else:
            rows, first_row = _xlsx_rows(p), 1
    except _UnreadableError as err:
        return None, [err.problem]
    return rows_to_roster(rows, first_row, SHEET if p.suffix.lower() != ".csv" else p.stem)


class _UnreadableError(Exception):
    def __init__(self, problem: InputProblem) -> None:
        super().__init__(problem.key)
        self.problem = problem


def _xlsx_rows(p: Path) -> list[tuple]:
    try:
        wb = load_workbook(p, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as err:
        raise _UnreadableError(InputProblem(p.name, None, "", "rosterio.read.unreadable",
                                       (("path", str(p)), ("error", str(err))))) from err
    try:
        if SHEET not in wb.sheetnames:
            raise _UnreadableError(InputProblem(SHEET, None, "", "rosterio.read.no_sheet",
                                           (("sheets", ", ".join(wb.sheetnames)),)))
        return [tuple(r) for r in wb[SHEET].iter_rows(values_only=True)]
    finally:
        wb.close()


def _csv_rows(p: Path) -> list[tuple]:
    raw = p.read_bytes()
    for enc in ENCODINGS:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        return [tuple(r) for r in csv.reader(io.StringIO(text))]
    raise _UnreadableError(InputProblem(p.name, None, "", "rosterio.read.encoding",
                                   (("path", str(p)),)))


def _text(value) -> str:
    """A cell as an id: numbers typed into Excel (1001.0) become "1001"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def rows_to_roster(rows: list[tuple], first_row: int = 1, sheet: str = SHEET
                   ) -> tuple[Roster | None, list[InputProblem]]:
    """Turn header + data rows into a roster; ``first_row`` is the header's row number."""
    problems: list[InputProblem] = []
    if not rows:
        return None, [InputProblem(sheet, None, "", "rosterio.read.empty")]
    head = [_text(h).lower() for h in rows[0]]
    where = {}
    for col in COLUMNS:
        if col in head:
            where[col] = head.index(col)
        else:
            problems.append(InputProblem(sheet, first_row, col, "rosterio.read.no_column",
                                         (("column", col),)))
    if problems:
        return None, problems
    seen: dict[Assignment, int] = {}
    for k, raw in enumerate(rows[1:], start=first_row + 1):
        cells = {c: (raw[i] if i < len(raw) else None) for c, i in where.items()}
        if all(_text(v) == "" for v in raw):
            continue
        d = _date(cells["date"])
        if d is None:
            blank = _text(cells["date"]) == ""
            key = "rosterio.read.no_date" if blank else "rosterio.read.bad_date"
            problems.append(InputProblem(sheet, k, "date", key,
                                         (("value", _text(cells["date"])),)))
        for col in ("post_id", "staff_id"):
            if _text(cells[col]) == "":
                problems.append(InputProblem(sheet, k, col, "rosterio.read.empty_cell",
                                             (("column", col),)))
        if d is None or not _text(cells["post_id"]) or not _text(cells["staff_id"]):
            continue
        a = Assignment(d, _text(cells["post_id"]), _text(cells["staff_id"]))
        if a in seen:
            problems.append(InputProblem(sheet, k, "", "rosterio.read.duplicate",
                                         (("first", seen[a]),), WARNING))
            continue
        seen[a] = k
    if any(p.severity == ERROR for p in problems):
        return None, problems
    return Roster.of(seen), problems
