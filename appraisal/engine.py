"""The year-end run: one pure function from a validated cycle (and past grades) to results."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .explain import flags_column, reasons_for
from .grading import grade_people, rank_people
from .model import DIMENSIONS, Cycle, Reason, Results
from .scoring import dimension_totals, ledgers, score_pairs
from .suggestions import past_levels, suggest
from .vetoes import veto_frame

HISTORY_COLUMNS = ("staff_id", "year", "level")
BREAKDOWN_COLUMNS = ("staff_id", "indicator_id", "raw", "score", "weight", "contribution",
                     "dimension", "name", "rule", "effective_weight", "missing")


def _history_frame(history) -> pd.DataFrame:
    """Accept a frame or an iterable of frames/records with ``staff_id``, ``year``, ``level``."""
    history = list(history) if not isinstance(history, pd.DataFrame) else history
    if isinstance(history, pd.DataFrame):
        parts = [history]
    elif history and all(isinstance(h, dict) for h in history):
        parts = [pd.DataFrame(history)]
    else:
        parts = [h if isinstance(h, pd.DataFrame) else pd.DataFrame(h) for h in history]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in HISTORY_COLUMNS})
    h = pd.concat([p[list(HISTORY_COLUMNS)] for p in parts], ignore_index=True)
    h["year"] = h["year"].astype(int)
    h["level"] = h["level"].astype(int)
    return h


def run(cycle: Cycle, history=()) -> Results:
    """Score, rank, grade and explain everybody in ``cycle``.

    Parameters
    ----------
    cycle
        A validated cycle (see :class:`appraisal.model.Cycle`); readers in ``shells`` build it.
    history
        Past grades as a frame (or frames) with ``staff_id``, ``year``, ``level`` (1 = 优秀 …
        4 = lowest), needed for the multi-year suggestions (三等功, dismissal review).

    Returns
    -------
    Results
        Frozen results; numbers are unrounded (writers round for display).
    """
    rules = cycle.rules
    pairs, void = score_pairs(cycle)
    wide, pairs = dimension_totals(pairs, cycle)
    staff = cycle.staff[["staff_id", "name", "department", "category"]]
    people = staff.merge(wide, on="staff_id", how="left")
    people = people.merge(ledgers(cycle), on="staff_id", how="left")
    people = people.merge(veto_frame(cycle), on="staff_id", how="left")
    people["total"] = np.maximum(0.0, people["base"] + people["bonus"] - people["deductions"])

    people = rank_people(people)
    people, use = grade_people(people, rules)

    past = past_levels(_history_frame(history), people["staff_id"], rules.year)
    people["prev1"] = past["prev1"].to_numpy()
    people["prev2"] = past["prev2"].to_numpy()
    people["suggestions"] = suggest(people["level"], people["prev1"], people["prev2"])

    miss = pairs[pairs["missing"]]
    missing = miss.groupby("staff_id")["indicator_id"].agg(list).to_dict()
    people["missing_n"] = people["staff_id"].map({k: len(v) for k, v in missing.items()})
    people["missing_n"] = people["missing_n"].fillna(0).astype(int)
    people["flags"] = flags_column(people)
    people["reasons"] = reasons_for(people, missing, rules, use.quota, use.open)

    cols = ["staff_id", "name", "department", "category", *DIMENSIONS, "bonus", "deductions",
            "total", "rank", "level", "eligible", "flags", "suggestions", "reasons", "base",
            "months", "violation_points", "commendation_points", "sanction", "absence_days",
            "longest_run", "absence_veto"]
    out = people[cols].copy()
    out["year"] = rules.year
    breakdown = pairs[list(BREAKDOWN_COLUMNS)].sort_values(["staff_id", "indicator_id"])
    notes = tuple(Reason.of("appraisal.note.void_rater", rater=r.rater_id,
                            indicator=r.indicator_id, ballots=int(r.ballots),
                            score=f"{r.score:g}") for r in void.itertuples(index=False))
    return Results(year=rules.year, people=out.reset_index(drop=True),
                   breakdown=breakdown.reset_index(drop=True), graded=use.graded,
                   quota=use.quota, quota_used=use.used, quota_open=use.open,
                   void_raters=void, notes=notes)
