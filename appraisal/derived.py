"""Built-in derived metrics from the duty log and the task list.

The appraisal reads duty facts as a plain table (person, date, post, status) rather than
asking the roster solver, so a hand-kept attendance sheet works as well as a solved roster.
A person with nothing to count (no duties, no tasks) gets no rate (NaN) rather than 0:
not being on the duty roster is not a failure, and the caller leaves the indicator out.
Counts (``duties_missed``, ``tasks_led``) are 0 for such a person, a real and good value.

Results are arrays aligned with the staff list, computed with ``numpy.bincount`` so half a
million duty rows cost a few milliseconds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def duty_arrays(duty_log: pd.DataFrame, staff: pd.Index) -> dict[str, np.ndarray]:
    """``duty_completion_rate`` = done/(done+missed) and ``duties_missed`` per person.

    Swapped duties count for neither side: the person who took over is logged as done.
    Rates are on the 0–1 scale, as HR states them ("98 % completion" → 0.98 target).
    """
    n = len(staff)
    pos = staff.get_indexer(duty_log["staff_id"])
    ok = pos >= 0
    status = duty_log["status"].to_numpy()
    done = np.bincount(pos[ok & (status == "done")], minlength=n).astype(float)
    missed = np.bincount(pos[ok & (status == "missed")], minlength=n).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(done + missed > 0, done / (done + missed), np.nan)
    return {"duty_completion_rate": rate, "duties_missed": missed}


def task_people(tasks: pd.DataFrame) -> pd.DataFrame:
    """One row per (task, person) for the lead and each helper (a person counted once)."""
    leads = tasks[["task_id", "lead", "due", "done"]].rename(columns={"lead": "staff_id"})
    helpers = tasks[["task_id", "due", "done"]].assign(
        staff_id=tasks["helpers"].astype(str).str.replace("；", ";").str.split(";"))
    helpers = helpers.explode("staff_id")
    helpers["staff_id"] = helpers["staff_id"].fillna("").str.strip()
    helpers = helpers[helpers["staff_id"] != ""]
    both = pd.concat([leads, helpers], ignore_index=True)
    return both.drop_duplicates(["task_id", "staff_id"])


def task_arrays(tasks: pd.DataFrame, staff: pd.Index) -> dict[str, np.ndarray]:
    """``tasks_on_time_rate`` and ``tasks_led`` per person.

    On time = done on or before ``due``, over all tasks where the person is lead or helper
    (a task still open at year end is not on time). ``tasks_led`` = tasks led and done.
    """
    n = len(staff)
    if tasks.empty:
        return {"tasks_on_time_rate": np.full(n, np.nan), "tasks_led": np.zeros(n)}
    people = task_people(tasks)
    pos = staff.get_indexer(people["staff_id"])
    ok = pos >= 0
    on_time = (people["done"].notna() & (people["done"] <= people["due"])).to_numpy()
    total = np.bincount(pos[ok], minlength=n).astype(float)
    good = np.bincount(pos[ok & on_time], minlength=n).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(total > 0, good / total, np.nan)
    lead = staff.get_indexer(tasks["lead"])
    led_ok = (lead >= 0) & tasks["done"].notna().to_numpy()
    led = np.bincount(lead[led_ok], minlength=n).astype(float)
    return {"tasks_on_time_rate": rate, "tasks_led": led}


def derived_arrays(duty_log: pd.DataFrame, tasks: pd.DataFrame,
                   staff: pd.Index) -> dict[str, np.ndarray]:
    """All derived metrics, each an array aligned with ``staff``."""
    return {**duty_arrays(duty_log, staff), **task_arrays(tasks, staff)}


def derived_frame(duty_log: pd.DataFrame, tasks: pd.DataFrame, staff_ids) -> pd.DataFrame:
    """The derived metrics as a frame with a ``staff_id`` column (for reports and tests)."""
    staff = pd.Index(staff_ids)
    return pd.DataFrame({"staff_id": staff, **derived_arrays(duty_log, tasks, staff)})
