"""Reading an appraisal cycle (.xlsx workbook or CSV folder) into a validated ``Cycle``.

All problems are collected before anything is decided, so HR sees the whole list at once,
each with the sheet, the spreadsheet's row number (header = row 1; in a CSV, the line number)
and the column. Any error means no cycle (the CLI then writes nothing); warnings do not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from appraisal.model import Cycle
from appraisal.scoring import applicable_pairs
from office.calendar import CalendarOverride, build_calendar

from .cycle_fields import Problem, SheetCheck, parse_date
from .cycle_load import RawSheet, load_sheets
from .cycle_rules import check_rules, read_rules
from .cycle_sheets import (
    check_indicator_weights,
    read_actuals,
    read_duty_log,
    read_events,
    read_indicators,
    read_ratings,
    read_staff,
    read_targets,
    read_tasks,
)

REQUIRED_SHEETS = ("staff", "indicators")
OPTIONAL_SHEETS = ("targets", "actuals", "ratings", "events", "duty_log", "tasks", "rules",
                   "calendar")
DAY_TYPES = {"workday": "workday", "weekend": "weekend", "holiday": "holiday",
             "工作日": "workday", "周末": "weekend", "节假日": "holiday"}


@dataclass(frozen=True, eq=False)
class ReadResult:
    """The cycle (None when there is any error) and every problem found, errors first."""

    cycle: Cycle | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that stop the run."""
        return tuple(p for p in self.problems if not p.warning)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems reported but not stopping the run."""
        return tuple(p for p in self.problems if p.warning)


def _guess_year(*frames: pd.DataFrame | None) -> int | None:
    years: Counter[int] = Counter()
    for f in frames:
        if f is not None and "date" in f:
            years.update(int(y) for y in f["date"].dropna().dt.year)
    return years.most_common(1)[0][0] if years else None


def _calendar(chk: SheetCheck | None, year: int):
    """The year's working calendar with the user's overrides (sheet ``calendar``)."""
    overrides = []
    if chk is not None and chk.require(["date", "day_type"]):
        dates = chk.date("date", required=True)
        kinds = chk.choice("day_type", DAY_TYPES, "appraisal.err.unknown_day_type")
        names = chk.text("holiday_name")
        for idx in dates.index[dates.notna() & (kinds != "")]:
            overrides.append(CalendarOverride(dates.loc[idx].date(), kinds.loc[idx],
                                              names.loc[idx]))
    lo = min([parse_date(f"{year}-01-01")] + [o.date for o in overrides])
    hi = max([parse_date(f"{year}-12-31")] + [o.date for o in overrides])
    return build_calendar(lo, hi, overrides)


def _coverage_checks(problems, ind_chk, ind, staff, targets, actuals, ratings) -> None:
    """Targets every applicable person needs; missing actuals; ballots for non-ratings."""
    pairs = applicable_pairs(staff, ind).merge(ind, on="indicator_id")
    needs_target = pairs[pairs["rule"].isin(["ratio", "band", "binary"]) & pairs["target"].isna()]
    if targets is not None and not needs_target.empty:
        have = targets[targets["target"].notna()][["staff_id", "indicator_id"]]
        needs_target = needs_target.merge(have, how="left", indicator=True)
        needs_target = needs_target[needs_target["_merge"] == "left_only"]
    ind_idx = pd.Series(ind.index, index=ind["indicator_id"])
    ind_idx = ind_idx[~ind_idx.index.duplicated()]
    for iid, rows in needs_target.groupby("indicator_id", sort=True):
        ind_chk.error(ind_idx[iid], "target", "appraisal.err.no_target", count=len(rows),
                      staff=", ".join(rows["staff_id"].head(5)))
    from_actuals = pairs[pairs["rule"].isin(["ratio", "band", "binary"]) & (pairs["source"] == "")]
    if not from_actuals.empty:
        have = actuals if actuals is not None else pd.DataFrame(columns=["staff_id",
                                                                          "indicator_id"])
        gap = from_actuals.merge(have[["staff_id", "indicator_id"]], how="left", indicator=True)
        gap = gap[gap["_merge"] == "left_only"]
        for iid, rows in gap.groupby("indicator_id", sort=True):
            ind_chk.error(ind_idx[iid], "indicator_id", "appraisal.warn.missing_actuals",
                          warning=True, indicator=iid, count=len(rows),
                          staff=", ".join(rows["staff_id"].head(5)))
    if ratings is not None and not ratings.empty:
        not_rating = set(ind.loc[ind["rule"] != "rating", "indicator_id"])
        odd = ratings[ratings["indicator_id"].isin(not_rating)]
        for iid in sorted(set(odd["indicator_id"])):
            ind_chk.error(ind_idx[iid], "rule", "appraisal.warn.ballots_ignored", warning=True,
                          indicator=iid, count=int((odd["indicator_id"] == iid).sum()))


def read_cycle(path: str | Path) -> ReadResult:
    """Read and check a cycle; see the module docstring for the contract."""
    sheets, problems = load_sheets(path)
    if problems:
        return ReadResult(None, tuple(problems))
    for name in REQUIRED_SHEETS:
        if name not in sheets:
            problems.append(Problem.at(name, None, None, "appraisal.err.no_sheet"))
    if problems:
        return ReadResult(None, tuple(problems))

    def chk(name: str) -> SheetCheck | None:
        raw: RawSheet | None = sheets.get(name)
        return SheetCheck(name, raw.frame, problems) if raw is not None else None

    staff = read_staff(chk("staff"))
    ind_chk = chk("indicators")
    ind = read_indicators(ind_chk, set(sheets))
    sids = set(staff["staff_id"]) if staff is not None else None  # None: do not check
    iids = set(ind["indicator_id"]) if ind is not None else None
    frames = {}
    for name, fn in (("targets", read_targets), ("actuals", read_actuals),
                     ("ratings", read_ratings), ("events", read_events)):
        c = chk(name)
        frames[name] = fn(c, sids, iids) if c is not None else None
    for name, fn in (("duty_log", read_duty_log), ("tasks", read_tasks)):
        c = chk(name)
        frames[name] = fn(c, sids) if c is not None else None

    rules_chk = chk("rules")
    rules, where = read_rules(rules_chk, _guess_year(frames["events"], frames["duty_log"]))
    if rules_chk is None and rules is not None:
        problems.append(Problem.at("rules", None, None, "appraisal.warn.no_rules_sheet",
                                   warning=True, year=rules.year))
    if rules is not None:
        rows = rules_chk.rows if rules_chk is not None else pd.Series(dtype=int)
        check_rules(rules, where, problems, rows)
        if ind is not None:
            check_indicator_weights(ind_chk, ind, dict(rules.dimension_weights))
    calendar = _calendar(chk("calendar"), rules.year) if rules is not None else None
    if staff is not None and ind is not None:
        _coverage_checks(problems, ind_chk, ind, staff, frames["targets"], frames["actuals"],
                         frames["ratings"])
    if rules is not None:
        _outside_year(problems, sheets, frames, rules.year)

    ordered = tuple(sorted(problems, key=lambda p: p.warning))
    if any(not p.warning for p in problems):
        return ReadResult(None, ordered)
    present = {k: v for k, v in frames.items() if v is not None}
    cycle = Cycle(staff=staff, indicators=ind, rules=rules, calendar=calendar, **present)
    return ReadResult(cycle, ordered)


def _outside_year(problems, sheets, frames, year: int) -> None:
    """Dated rows outside the cycle year are probably typos: one warning per sheet."""
    for name in ("events", "duty_log"):
        f = frames.get(name)
        if f is None or f.empty:
            continue
        off = f["date"].notna() & (f["date"].dt.year != year)
        if off.any():
            first = sheets[name].frame["_row"].loc[off[off].index[0]]
            problems.append(Problem.at(name, first, "date", "appraisal.warn.outside_year",
                                       warning=True, count=int(off.sum()), year=year))
