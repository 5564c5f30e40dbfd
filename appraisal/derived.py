"""Built-in derived metrics from the duty log and the task list.

The appraisal reads duty facts as a plain table (person, date, post, status) rather than
asking the roster solver, so a hand-kept attendance sheet works as well as a solved roster.
A person with nothing to count (no duties, no tasks) gets no value (NaN) rather than 0:
not being on the duty roster is not a failure, and the caller leaves the indicator out.
"""

from __future__ import annotations

import pandas as pd


def duty_metrics(duty_log: pd.DataFrame) -> pd.DataFrame:
    """Per person: ``duty_completion_rate`` = done/(done+missed) and ``duties_missed``.

    Swapped duties count for neither side: the person who took over is logged as done.
    Rates are on the 0–1 scale, as HR states them ("98 % completion" → 0.98 target).
    """
    cols = ["staff_id", "duty_completion_rate", "duties_missed"]
    if duty_log.empty:
        return pd.DataFrame(columns=cols)
    log = duty_log.assign(
        done=(duty_log["status"] == "done").astype(int),
        missed=(duty_log["status"] == "missed").astype(int),
    )
    g = log.groupby("staff_id", sort=True)[["done", "missed"]].sum().reset_index()
    counted = g["done"] + g["missed"]
    g["duty_completion_rate"] = g["done"] / counted.where(counted > 0)
    g["duties_missed"] = g["missed"].astype(float)
    return g[cols]


def _explode_helpers(tasks: pd.DataFrame) -> pd.DataFrame:
    """One row per (task, person) for the lead and each helper (a person counted once)."""
    leads = tasks[["task_id", "lead", "due", "done"]].rename(columns={"lead": "staff_id"})
    helpers = tasks[["task_id", "helpers", "due", "done"]].assign(
        staff_id=tasks["helpers"].astype(str).str.split(";")).explode("staff_id")
    helpers["staff_id"] = helpers["staff_id"].fillna("").str.strip()
    helpers = helpers[helpers["staff_id"] != ""].drop(columns="helpers")
    both = pd.concat([leads, helpers], ignore_index=True)
    return both.drop_duplicates(["task_id", "staff_id"])


def task_metrics(tasks: pd.DataFrame) -> pd.DataFrame:
    """Per person: ``tasks_on_time_rate`` and ``tasks_led``.

    On time = done on or before ``due``, over all tasks where the person is lead or helper
    (an open task past its due date is late; an open task counts as not on time either way,
    because the cycle is closed). ``tasks_led`` = tasks the person led that are done.
    """
    cols = ["staff_id", "tasks_on_time_rate", "tasks_led"]
    if tasks.empty:
        return pd.DataFrame(columns=cols)
    people = _explode_helpers(tasks)
    on_time = people["done"].notna() & (people["done"] <= people["due"])
    people = people.assign(on_time=on_time.astype(int))
    rate = people.groupby("staff_id", sort=True).agg(n=("task_id", "size"), ok=("on_time", "sum"))
    rate["tasks_on_time_rate"] = rate["ok"] / rate["n"]
    led = tasks[tasks["done"].notna()].groupby("lead").size().rename("tasks_led")
    out = rate.join(led, how="outer")
    out["tasks_led"] = out["tasks_led"].fillna(0).astype(float)
    out = out.reset_index().rename(columns={"index": "staff_id", "lead": "staff_id"})
    return out[cols]


def derived_long(duty_log: pd.DataFrame, tasks: pd.DataFrame, staff_ids) -> pd.DataFrame:
    """All derived metrics in long form: ``staff_id``, ``source``, ``value``.

    Counts (``duties_missed``, ``tasks_led``) are 0 for everybody without rows, since zero
    missed duties is a real, good value; rates stay missing without a denominator.
    """
    base = pd.DataFrame({"staff_id": pd.Index(staff_ids, dtype=str)})
    wide = base.merge(duty_metrics(duty_log), on="staff_id", how="left")
    wide = wide.merge(task_metrics(tasks), on="staff_id", how="left")
    for col in ("duties_missed", "tasks_led"):
        wide[col] = pd.to_numeric(wide[col], errors="coerce").fillna(0.0)
    long = wide.melt(id_vars="staff_id", var_name="source", value_name="value")
    long["value"] = pd.to_numeric(long["value"], errors="coerce")
    return long
