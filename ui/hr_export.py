"""The HR export: results (contract columns, plus the committee's final grade and reason),
a human sheet with headers in the chosen language, breakdown, summary and the override log."""

from __future__ import annotations

import io

import pandas as pd

from office.i18n import t

from . import appraisal_engine as ae
from . import state


def workbook(ap, lang: str) -> bytes:
    """All sheets in one ``.xlsx``; overrides are recorded, never silently merged."""
    from .appraisal_page import ranking_frame

    res = ap.results
    results = ranking_frame(ap, lang)
    human = results.drop(columns=["reasons"]).rename(columns=lambda c: t(f"ui.ap.col.{c}", lang))
    counts, quota = ae.summary_frames(res, lang)
    ov = state.overrides()
    log = pd.DataFrame([{
        "staff_id": s, t("ui.ov.col.was", lang): r["was_label"][lang],
        t("ui.ov.col.now", lang): r["grade_label"][lang],
        t("ui.ov.col.reason", lang): r["reason"], t("ui.ov.col.when", lang): r["when"],
    } for s, r in ov.items()], columns=["staff_id", t("ui.ov.col.was", lang),
                                        t("ui.ov.col.now", lang), t("ui.ov.col.reason", lang),
                                        t("ui.ov.col.when", lang)])
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        results.to_excel(xw, sheet_name="results", index=False)
        human.to_excel(xw, sheet_name=t("ui.ap.sheet_hr", lang)[:31], index=False)
        res.breakdown.to_excel(xw, sheet_name="breakdown", index=False)
        counts.to_excel(xw, sheet_name="summary", index=False)
        quota.to_excel(xw, sheet_name="summary", index=False, startrow=len(counts) + 2)
        log.to_excel(xw, sheet_name="overrides", index=False)
    return buf.getvalue()
