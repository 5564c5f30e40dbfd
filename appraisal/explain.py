"""Plain-words reasons and flags per person, as catalogue keys with parameters.

The core does not choose a language: it returns :class:`Reason` objects and the shells render
them with ``office.i18n.t``. One pass over the people (not over indicators or ballots) builds
them from columns computed before, so explaining costs little even for ten thousand people.
"""

from __future__ import annotations

import pandas as pd

from .model import EXCELLENT, LOWEST, Reason, Rules
from .vetoes import SANCTION_CAP

MAX_NAMES = 8
USED = ("absence_days", "absence_veto", "base", "base_level", "bonus", "category",
        "commendation_points", "deductions", "eligible", "level", "longest_run", "months",
        "outside_quota", "prev1", "prev2", "quota_tie", "rank", "run_end", "run_start",
        "sanction", "sanction_date", "staff_id", "tie", "tie_group", "total")


def _names(ids: list[str], me: str) -> str:
    others = sorted(i for i in ids if i != me)
    text = ", ".join(others[:MAX_NAMES])
    return text + (" …" if len(others) > MAX_NAMES else "")


def _fmt(x: float) -> str:
    return f"{x:.2f}"


def _day(x) -> str:
    return "" if pd.isna(x) else pd.Timestamp(x).date().isoformat()


FLAG_COLUMNS = (("tie", "tie"), ("quota_tie", "quota_tie"),
                ("dismissal_review", "absence_veto"), ("missing_data", "missing_n"))


def flags_column(people: pd.DataFrame) -> list[tuple[str, ...]]:
    """Flags for the committee per person: ``tie``, ``quota_tie``, ``dismissal_review``,
    ``missing_data`` (computed column-wise; only the final tuples are built per row)."""
    cols = [(flag, people[col].to_numpy().astype(bool)) for flag, col in FLAG_COLUMNS]
    rows = zip(*(c for _, c in cols), strict=True)
    names = [f for f, _ in cols]
    return [tuple(n for n, on in zip(names, row, strict=True) if on) for row in rows]


def _grade_reasons(r, rules: Rules, quota: int, open_places: int, members) -> list[Reason]:
    """Why the person has this grade: thresholds, quota, ties and vetoes, in that order."""
    out: list[Reason] = []
    cat, total = r.category, r.total
    if r.base_level == EXCELLENT:
        out.append(Reason.of("appraisal.reason.threshold", total=_fmt(total),
                             low=_fmt(rules.threshold_excellent), level=EXCELLENT, category=cat))
    elif r.base_level == LOWEST:
        out.append(Reason.of("appraisal.reason.below", total=_fmt(total),
                             low=_fmt(rules.threshold_basic), level=LOWEST, category=cat))
    else:
        low = {2: rules.threshold_competent, 3: rules.threshold_basic}[int(r.base_level)]
        out.append(Reason.of("appraisal.reason.threshold", total=_fmt(total), low=_fmt(low),
                             level=int(r.base_level), category=cat))
    if isinstance(r.sanction, str) and r.sanction:
        key = ("appraisal.reason.sanction_no_excellent" if r.sanction == "warning"
               else "appraisal.reason.sanction_cap")
        out.append(Reason.of(key, sanction=r.sanction, date=_day(r.sanction_date),
                             level=SANCTION_CAP[r.sanction], category=cat))
    if r.absence_veto:
        unit = "working" if cat == "institution" else "calendar"
        out.append(Reason.of("appraisal.reason.absence", run=int(r.longest_run), unit=unit,
                             start=_day(r.run_start), end=_day(r.run_end),
                             days=int(r.absence_days), level=LOWEST, category=cat))
    elif r.absence_days:
        out.append(Reason.of("appraisal.reason.absence_below", days=int(r.absence_days),
                             run=int(r.longest_run)))
    if r.level == EXCELLENT:
        out.append(Reason.of("appraisal.reason.in_quota", rank=int(r.rank), quota=quota))
    elif r.quota_tie:
        out.append(Reason.of("appraisal.reason.quota_tie", others=_names(members, r.staff_id),
                             open=open_places, quota=quota))
    elif r.outside_quota:
        out.append(Reason.of("appraisal.reason.outside_quota", rank=int(r.rank), quota=quota))
    return out


def reasons_for(people: pd.DataFrame, missing: dict[str, list[str]], rules: Rules,
                quota: int, open_places: int) -> list[tuple[Reason, ...]]:
    """All reasons per person, aligned with ``people`` rows.

    ``missing`` maps a staff id to the indicators left out for lack of a value.
    """
    members = people[people["tie"]].groupby("tie_group")["staff_id"].agg(list).to_dict()
    graded = int(people["eligible"].sum())
    out = []
    for r in people[list(USED)].itertuples(index=False):  # only the columns used: faster
        rs: list[Reason] = []
        if not r.eligible:
            rs.append(Reason.of("appraisal.reason.not_eligible", months=f"{r.months:.1f}",
                                min=f"{rules.min_months_to_grade:g}", year=rules.year))
        elif r.months < 12 - 1e-9:
            rs.append(Reason.of("appraisal.reason.part_year", months=f"{r.months:.1f}",
                                min=f"{rules.min_months_to_grade:g}"))
        rs.append(Reason.of("appraisal.reason.total", total=_fmt(r.total), base=_fmt(r.base),
                            bonus=_fmt(r.bonus), deductions=_fmt(r.deductions)))
        if r.commendation_points > rules.bonus_cap:
            rs.append(Reason.of("appraisal.reason.bonus_capped",
                                points=f"{r.commendation_points:g}", cap=f"{rules.bonus_cap:g}"))
        for ind in sorted(missing.get(r.staff_id, ())):
            rs.append(Reason.of("appraisal.reason.missing", indicator=ind))
        if r.eligible:
            rs.append(Reason.of("appraisal.reason.rank", rank=int(r.rank), graded=graded))
            if r.tie:
                rs.append(Reason.of("appraisal.reason.tie",
                                    others=_names(members.get(r.tie_group, []), r.staff_id)))
            rs.extend(_grade_reasons(r, rules, quota, open_places,
                                     members.get(r.tie_group, [])))
            if r.prev1 == LOWEST and r.level == LOWEST:
                rs.append(Reason.of("appraisal.reason.two_lowest", year=rules.year - 1))
            if r.level == EXCELLENT and r.prev1 == EXCELLENT and r.prev2 == EXCELLENT:
                rs.append(Reason.of("appraisal.reason.three_excellent",
                                    first=rules.year - 2, last=rules.year))
        out.append(tuple(rs))
    return out
