"""Eligibility to be graded, and the vetoes that cap or force a grade.

Legal basis, so the numbers are not re-argued every year:

* not graded when active less than ``min_months_to_grade`` months of the cycle year
  (months = active days × 12 / days in the year);
* 警告 → not 优秀; 记过 or heavier → at most 基本称职 / 基本合格 (处分期间的考核);
* unexcused absence of more than 15 consecutive days or more than 30 days in the year →
  lowest grade and a dismissal review. "Consecutive" is counted in calendar days for civil
  servants (公务员法 Art 88) and in working days for institution staff (事业单位人事管理条例
  Art 15), where weekends and holidays between absences do not break the run and absences
  logged on non-working days are not absences from work at all.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
import pandas as pd

from office.calendar import build_calendar

from .model import BASIC, EXCELLENT, LOWEST, SANCTIONS, SECOND, Cycle, year_bounds

MAX_CONSECUTIVE_ABSENCE = 15
MAX_YEARLY_ABSENCE = 30
SANCTION_CAP = {"warning": SECOND, "demerit": BASIC, "major_demerit": BASIC,
                "demotion": BASIC, "removal": BASIC}


def eligibility(staff: pd.DataFrame, year: int, min_months: float) -> pd.DataFrame:
    """``staff_id``, ``months`` active in the year and ``eligible`` (months ≥ minimum)."""
    first, last = year_bounds(year)
    lo, hi = pd.Timestamp(first), pd.Timestamp(last)
    start = staff["active_from"].fillna(lo).clip(lower=lo)
    end = staff["active_to"].fillna(hi).clip(upper=hi)
    days = ((end - start).dt.days + 1).clip(lower=0)
    n_days = (last - first).days + 1
    months = days * 12.0 / n_days
    return pd.DataFrame({"staff_id": staff["staff_id"], "months": months.to_numpy(),
                         "eligible": (months >= min_months - 1e-9).to_numpy()})


def sanctions(events: pd.DataFrame) -> pd.DataFrame:
    """Heaviest sanction per person: ``staff_id``, ``sanction``, ``sanction_date``, ``cap``."""
    s = events[events["kind"].isin(SANCTIONS)]
    cols = ["staff_id", "sanction", "sanction_date", "cap"]
    if s.empty:
        return pd.DataFrame(columns=cols)
    order = {k: i for i, k in enumerate(SANCTIONS)}
    s = s.assign(sev=s["kind"].map(order)).sort_values(["staff_id", "sev", "date"],
                                                       ascending=[True, False, True])
    worst = s.drop_duplicates("staff_id", keep="first")
    out = pd.DataFrame({"staff_id": worst["staff_id"], "sanction": worst["kind"],
                        "sanction_date": worst["date"]})
    out["cap"] = out["sanction"].map(SANCTION_CAP).fillna(EXCELLENT).astype(int)
    return out.reset_index(drop=True)


@lru_cache(maxsize=8)
def _official_calendar(lo: dt.date, hi: dt.date):
    """The official calendar for a span (cached: the holiday tables are slow to compute)."""
    return build_calendar(lo, hi)


def _working_day_index(days) -> dict[dt.date, int]:
    """Ordinal of each working day, so consecutive working days differ by exactly 1."""
    return {d.date: i for i, d in enumerate(x for x in days if x.day_type == "workday")}


def absence_runs(events: pd.DataFrame, staff: pd.DataFrame, year: int,
                 calendar=None) -> pd.DataFrame:
    """Longest run and yearly count of unexcused absence per person, and the veto.

    Columns ``staff_id``, ``absence_days``, ``longest_run``, ``run_start``, ``run_end``,
    ``absence_veto``. Vectorised: each absence day gets a position (calendar ordinal or
    working-day ordinal by category) and a run breaks where positions jump by more than one.
    """
    cols = ["staff_id", "absence_days", "longest_run", "run_start", "run_end", "absence_veto"]
    ab = events.loc[events["kind"] == "absence", ["staff_id", "date"]].dropna()
    if ab.empty:
        return pd.DataFrame(columns=cols)
    ab = ab.drop_duplicates()
    cat = ab["staff_id"].map(staff.set_index("staff_id")["category"])
    inst = (cat == "institution").to_numpy()
    pos = ab["date"].map(pd.Timestamp.toordinal).to_numpy(dtype=float)
    if inst.any():  # the working calendar is only needed for institution staff
        dates = ab["date"].dt.date
        lo = min(min(dates), year_bounds(year)[0])
        hi = max(max(dates), year_bounds(year)[1])
        days = calendar if calendar else _official_calendar(lo, hi)
        if calendar and (days[0].date > lo or days[-1].date < hi):
            days = _official_calendar(lo, hi)
        work_pos = dates.map(_working_day_index(days)).to_numpy(dtype=float)
        pos = np.where(inst, work_pos, pos)
    ab = ab.assign(pos=pos)
    ab = ab[ab["pos"].notna()].sort_values(["staff_id", "pos"])
    if ab.empty:
        return pd.DataFrame(columns=cols)
    new_run = (ab["staff_id"] != ab["staff_id"].shift()) | (ab["pos"].diff() != 1)
    ab["run"] = new_run.cumsum()
    runs = ab.groupby(["staff_id", "run"]).agg(n=("pos", "size"), start=("date", "min"),
                                               end=("date", "max")).reset_index()
    runs = runs.sort_values(["staff_id", "n", "start"], ascending=[True, False, True])
    best = runs.drop_duplicates("staff_id").set_index("staff_id")
    total = ab.groupby("staff_id").size()
    out = pd.DataFrame({"staff_id": best.index})
    out["absence_days"] = out["staff_id"].map(total).astype(int)
    out["longest_run"] = out["staff_id"].map(best["n"]).astype(int)
    out["run_start"] = out["staff_id"].map(best["start"])
    out["run_end"] = out["staff_id"].map(best["end"])
    out["absence_veto"] = (out["longest_run"] > MAX_CONSECUTIVE_ABSENCE) | (
        out["absence_days"] > MAX_YEARLY_ABSENCE)
    return out[cols]


def veto_frame(cycle: Cycle) -> pd.DataFrame:
    """Eligibility, sanctions and absence per person, with ``cap`` = best grade allowed."""
    r = cycle.rules
    out = eligibility(cycle.staff, r.year, r.min_months_to_grade)
    out = out.merge(sanctions(cycle.events), on="staff_id", how="left")
    out = out.merge(absence_runs(cycle.events, cycle.staff, r.year, cycle.calendar),
                    on="staff_id", how="left")
    out["cap"] = out["cap"].fillna(EXCELLENT).astype(int)
    out["absence_veto"] = out["absence_veto"].astype("boolean").fillna(False).astype(bool)
    out["absence_days"] = out["absence_days"].fillna(0).astype(int)
    out["longest_run"] = out["longest_run"].fillna(0).astype(int)
    out.loc[out["absence_veto"], "cap"] = LOWEST
    return out
