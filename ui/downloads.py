"""Download buttons for the roster: workbook, printable month grid and everyone's .ics.

The files are built only when a button is pressed (Streamlit calls the data function then),
so drawing the planner never pays for exports nobody asked for.
"""

from __future__ import annotations

import io
import zipfile

import streamlit as st

from office.i18n import t

from . import exports, state

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_roster_downloads(plan, lang: str) -> None:
    unit = state.unit_name()
    problem, roster, result = plan.problem, plan.roster, plan.result
    c1, c2, c3 = st.columns(3)
    c1.download_button(t("ui.dl.workbook", lang),
                       lambda: exports.roster_workbook(problem, roster, lang, result),
                       file_name="roster.xlsx", mime=XLSX, key="dl_roster", width="stretch")
    c2.download_button(t("ui.dl.print", lang),
                       lambda: exports.month_grid_html(problem, roster, lang, unit).encode(),
                       file_name="roster_print.html", mime="text/html", key="dl_print",
                       width="stretch")
    c3.download_button(t("ui.dl.ics_all", lang), lambda: all_ics(problem, roster, lang, unit),
                       file_name="roster_ics.zip", mime="application/zip", key="dl_ics_all",
                       width="stretch")
    st.caption(t("ui.dl.print_hint", lang))


def all_ics(problem, roster, lang: str, unit: str) -> bytes:
    """One .ics per person with duties, zipped (for sending each person their own file)."""
    buf = io.BytesIO()
    on_duty = {a.staff_id for a in roster.assignments}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for s in problem.staff:
            if s.staff_id in on_duty:
                zf.writestr(f"{s.staff_id}.ics",
                            exports.person_ics(problem, roster, s.staff_id, lang, unit))
    return buf.getvalue()
