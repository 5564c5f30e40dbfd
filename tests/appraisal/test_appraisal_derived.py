"""Worked examples for the derived metrics from the duty log and the task list."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from appraisal.derived import derived_frame
from appraisal.model import normalise_frame


def duty(rows):
    return normalise_frame("duty_log", pd.DataFrame(rows, columns=["staff_id", "date",
                                                                   "post_id", "status"]))


def tasks(rows):
    return normalise_frame("tasks", pd.DataFrame(rows, columns=["task_id", "lead", "helpers",
                                                                "assigned", "due", "done"]))


def metrics(duty_rows=(), task_rows=(), ids=("A", "B", "C")):
    return derived_frame(duty(list(duty_rows)), tasks(list(task_rows)), list(ids)).set_index(
        "staff_id")


def test_completion_rate_ignores_swapped_duties():
    """A: 3 done, 1 missed, 2 swapped → 3 / (3 + 1) = 0.75; 1 duty missed."""
    rows = [("A", f"2026-01-0{d}", "P", s) for d, s in
            ((1, "done"), (2, "done"), (3, "done"), (4, "missed"), (5, "swapped"),
             (6, "swapped"))]
    m = metrics(rows)
    assert m.loc["A", "duty_completion_rate"] == pytest.approx(0.75)
    assert m.loc["A", "duties_missed"] == 1


def test_no_duties_means_no_rate_but_zero_missed():
    """Someone never on the roster has no completion rate (left out) and 0 missed duties."""
    m = metrics([("A", "2026-01-01", "P", "done")])
    assert np.isnan(m.loc["B", "duty_completion_rate"])
    assert m.loc["B", "duties_missed"] == 0


def test_only_swapped_duties_give_no_rate():
    """All duties swapped away: done + missed = 0, so no rate (not 0 %, not 100 %)."""
    assert np.isnan(metrics([("A", "2026-01-01", "P", "swapped")]).loc["A",
                                                                       "duty_completion_rate"])


def test_tasks_on_time_counts_lead_and_helper_roles():
    """T1 (lead A, helper B) on time; T2 (lead A) late; T3 (lead C, helpers A;B) done on the
    due day; T4 (lead C) still open.

    A: T1 ok, T2 late, T3 ok → 2/3. B: T1, T3 → 2/2 = 1. C: T3 ok, T4 open → 1/2.
    Tasks led and done: A 2, B 0, C 1 (T4 is open).
    """
    rows = [("T1", "A", "B", "2026-03-01", "2026-03-10", "2026-03-09"),
            ("T2", "A", "", "2026-04-01", "2026-04-10", "2026-04-12"),
            ("T3", "C", "A;B", "2026-05-01", "2026-05-10", "2026-05-10"),
            ("T4", "C", "", "2026-05-20", "2026-06-01", "")]
    m = metrics(task_rows=rows)
    assert m["tasks_on_time_rate"].to_dict() == pytest.approx({"A": 2 / 3, "B": 1.0, "C": 0.5})
    assert m["tasks_led"].to_dict() == {"A": 2.0, "B": 0.0, "C": 1.0}


def test_lead_listed_as_helper_counts_once():
    """A task whose lead is also typed among the helpers counts once for that person."""
    rows = [("T1", "A", "A;B", "2026-03-01", "2026-03-10", "2026-03-20")]
    assert metrics(task_rows=rows).loc["A", "tasks_on_time_rate"] == 0.0
