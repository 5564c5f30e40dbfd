"""Reading past appraisal results (``--history``): sheet ``results`` with staff_id, grade, year.

Grades may be written with either category's labels, in Chinese or English (a results file
this program wrote in the English UI, or one typed by HR), so every label maps to its level.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from appraisal.model import GRADE_LABELS, GRADE_LABELS_EN

from .cycle_fields import Problem, SheetCheck
from .cycle_load import load_sheets

LEVEL_OF = {label.lower(): level for table in (GRADE_LABELS, GRADE_LABELS_EN)
            for labels in table.values() for level, label in labels.items()}


def read_history(paths, year: int | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Past grades from several files: frame ``staff_id``, ``year``, ``level``, and problems.

    Rows of the cycle's own ``year`` are ignored with a warning (a re-run must not count the
    year twice); the same person and year in two places is an error.
    """
    problems: list[Problem] = []
    parts = []
    for path in paths:
        sheets, load_problems = load_sheets(path)
        problems.extend(load_problems)
        if load_problems:
            continue
        label = Path(path).name
        raw = sheets.get("results")
        if raw is None:
            problems.append(Problem.at(f"{label}:results", None, None, "appraisal.err.no_sheet"))
            continue
        chk = SheetCheck(f"{label}:results", raw.frame, problems)
        if not chk.require(["staff_id", "grade", "year"]):
            continue
        sid = chk.text("staff_id")
        chk.blank_error("staff_id", sid)
        level = chk.choice("grade", LEVEL_OF, "appraisal.err.unknown_grade")
        yr = chk.number("year", required=True, lo=1900, hi=3000)
        frame = pd.DataFrame({"staff_id": sid, "year": yr, "level": level,
                              "file": label, "row": raw.frame["_row"]})
        frame = frame[(frame["staff_id"] != "") & frame["year"].notna() & (level != "")]
        if year is not None and (frame["year"] == year).any():
            first = frame.loc[frame["year"] == year, "row"].iloc[0]
            problems.append(Problem.at(f"{label}:results", first, "year",
                                       "appraisal.warn.history_same_year", warning=True,
                                       year=year))
            frame = frame[frame["year"] != year]
        parts.append(frame)
    if not parts:
        return pd.DataFrame(columns=["staff_id", "year", "level"]), problems
    hist = pd.concat(parts, ignore_index=True)
    hist["year"] = hist["year"].astype(int)
    hist["level"] = hist["level"].astype(int)
    dup = hist.duplicated(["staff_id", "year"], keep="first")
    for r in hist[dup].itertuples(index=False):
        problems.append(Problem.at(f"{r.file}:results", r.row, "staff_id",
                                   "appraisal.err.history_duplicate", value=r.staff_id,
                                   year=r.year))
    return hist[["staff_id", "year", "level"]], problems
