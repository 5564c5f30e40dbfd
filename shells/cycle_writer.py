"""Rendering appraisal results into words and writing the results workbook.

The engine returns codes and :class:`appraisal.Reason` objects; here they become Chinese or
English text. Numbers are written unrounded and shown with two decimals by the cell format,
so the workbook holds exactly what was ranked.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from appraisal.model import DIMENSION_ENGLISH, DIMENSIONS, Reason, Results
from office.i18n import t

from .atomic import atomic_path

RESULT_COLUMNS = ["staff_id", "name", "department", "category", *DIMENSIONS, "bonus",
                  "deductions", "total", "rank", "grade", "eligible", "flags", "suggestions",
                  "reasons", "year"]
BREAKDOWN_COLUMNS = ["staff_id", "indicator_id", "raw", "score", "weight", "contribution",
                     "dimension", "name", "rule", "effective_weight", "missing"]
LEVELS = (1, 2, 3, 4)


def grade_label(level: int, category: str, lang: str = "zh") -> str:
    """The official grade name for a level and staff category ('' when not graded)."""
    if not level:
        return ""
    cat = category if category in ("civil_servant", "institution") else "civil_servant"
    return t(f"appraisal.grade.{cat}.{int(level)}", lang)


def render_reason(reason: Reason, lang: str = "zh") -> str:
    """One reason in words; grade levels, sanctions and units are translated first."""
    params = dict(reason.params)
    if "level" in params:
        params["grade"] = grade_label(int(params["level"]), str(params.get("category", "")),
                                      lang)
    if "sanction" in params:
        params["sanction"] = t(f"appraisal.sanction.{params['sanction']}", lang)
    if "unit" in params:
        params["unit"] = t(f"appraisal.unit.{params['unit']}", lang)
    if "dimension" in params and lang != "zh":
        params["dimension"] = DIMENSION_ENGLISH.get(str(params["dimension"]),
                                                    params["dimension"])
    return t(reason.key, lang, **params)


def _sep(lang: str) -> str:
    return "；" if lang == "zh" else "; "


def results_frame(res: Results, lang: str = "zh") -> pd.DataFrame:
    """The ``results`` sheet: the contract columns, grades and texts in ``lang``."""
    p = res.people
    out = p[["staff_id", "name", "department", "category", *DIMENSIONS, "bonus", "deductions",
             "total"]].copy()
    out["rank"] = p["rank"].where(p["rank"] > 0).astype("Int64")
    out["grade"] = [grade_label(lv, c, lang) for lv, c in zip(p["level"], p["category"],
                                                              strict=True)]
    out["eligible"] = p["eligible"].astype(bool)
    out["flags"] = [";".join(f) for f in p["flags"]]
    sep = _sep(lang)
    out["suggestions"] = [sep.join(t(f"appraisal.suggestion.{s}", lang) for s in ss)
                          for ss in p["suggestions"]]
    out["reasons"] = [sep.join(render_reason(r, lang) for r in rs) for rs in p["reasons"]]
    out["year"] = res.year
    return out[RESULT_COLUMNS]


def summary_frames(res: Results, lang: str = "zh") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Grade counts per department, and the quota block (places, used, left open, notes)."""
    p = res.people
    cols = [t(f"appraisal.summary.level.{lv}", lang) for lv in LEVELS]
    none_col = t("appraisal.summary.not_graded", lang)
    dept_col = t("appraisal.summary.department", lang)
    total_col = t("appraisal.summary.total", lang)
    counts = pd.crosstab(p["department"], p["level"]).reindex(columns=[*LEVELS, 0],
                                                              fill_value=0)
    counts.columns = [*cols, none_col]
    counts[total_col] = counts.sum(axis=1)
    counts.loc[t("appraisal.summary.all", lang)] = counts.sum(axis=0)
    counts = counts.reset_index().rename(columns={"department": dept_col})
    item, value = t("appraisal.summary.item", lang), t("appraisal.summary.value", lang)
    rows = [
        (t("appraisal.summary.year", lang), res.year),
        (t("appraisal.summary.graded", lang), res.graded),
        (t("appraisal.summary.quota", lang), res.quota),
        (t("appraisal.summary.used", lang), res.quota_used),
        (t("appraisal.summary.open", lang), res.quota_open),
    ]
    rows += [(t("appraisal.summary.note", lang), render_reason(n, lang)) for n in res.notes]
    return counts, pd.DataFrame(rows, columns=[item, value])


def _format(ws, numeric_cols: list[int]) -> None:
    for col in numeric_cols:
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            if isinstance(cell.value, float):
                cell.number_format = "0.00"


def write_results(res: Results, out: str | Path, lang: str = "zh") -> None:
    """Write ``results``, ``breakdown`` and ``summary`` atomically (all or nothing)."""
    out = Path(out)
    results = results_frame(res, lang)
    breakdown = res.breakdown[BREAKDOWN_COLUMNS]
    counts, quota = summary_frames(res, lang)
    with atomic_path(out, suffix=".xlsx.part") as tmp, \
            pd.ExcelWriter(tmp, engine="openpyxl") as xw:
        results.to_excel(xw, sheet_name="results", index=False)
        breakdown.to_excel(xw, sheet_name="breakdown", index=False)
        counts.to_excel(xw, sheet_name="summary", index=False)
        quota.to_excel(xw, sheet_name="summary", index=False, startrow=len(counts) + 2)
        _format(xw.sheets["results"], list(range(5, 13)))
        _format(xw.sheets["breakdown"], [3, 4, 6, 10])
        xw.sheets["results"].freeze_panes = "C2"
