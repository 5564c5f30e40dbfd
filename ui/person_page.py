"""One person's duties: a month calendar per month of the horizon, a list, and their .ics."""

from __future__ import annotations

import calendar as _cal

import pandas as pd
import streamlit as st

from office.i18n import t

from . import exports, state
from .common import need_problem, need_roster, person_label
from .exports import post_hours

PERSON = "person_pick"


def month_calendar(problem, roster, staff_id: str, month: str, lang: str):
    """Weeks × weekdays for one ``YYYY-MM``: day number and post name on duty days."""
    year, mon = map(int, month.split("-"))
    posts = problem.post_by_id()
    days = problem.day_by_date()
    duty = {a.date: posts[a.post_id].name if a.post_id in posts else a.post_id
            for a in roster.assignments if a.staff_id == staff_id}
    from office.people import days_on_leave

    off = days_on_leave(problem.leave, staff_id)
    weeks = _cal.Calendar(firstweekday=0).monthdatescalendar(year, mon)
    cols = [t(f"ui.weekday.{i}", lang) for i in range(7)]
    cells, css = [], []
    for week in weeks:
        row, row_css = [], []
        for d in week:
            if d.month != mon:
                row.append("")
                row_css.append("background-color: #f6f7f9")
                continue
            label = f"{d.day}"
            if d in duty:
                label += f" · {duty[d]}"
            elif d in off:
                label += " · " + t("ui.person.on_leave", lang)
            row.append(label)
            day = days.get(d)
            base = ""
            if day is not None:
                from .style import day_css

                base = day_css(day.day_type, day.adjusted_workday)
            if d in duty:
                base = "background-color: #cfe3ff; color: #0b3d91; font-weight: 700"
            elif d in off:
                base += "; color: #8a8f98; font-style: italic"
            row_css.append(base)
        cells.append(row)
        css.append(row_css)
    frame = pd.DataFrame(cells, columns=cols)
    styles = pd.DataFrame(css, columns=cols)
    return frame.style.apply(lambda _: styles, axis=None)


def duties_frame(problem, roster, staff_id: str, lang: str) -> pd.DataFrame:
    posts = problem.post_by_id()
    rows = [{t("ui.person.col.date", lang): a.date.isoformat(),
             t("ui.person.col.weekday", lang): t(f"ui.weekday.{a.date.weekday()}", lang),
             t("ui.person.col.post", lang): posts[a.post_id].name,
             t("ui.person.col.hours", lang): post_hours(posts[a.post_id], lang)}
            for a in roster.assignments if a.staff_id == staff_id and a.post_id in posts]
    return pd.DataFrame(rows)


def render() -> None:
    lang = state.lang()
    st.title(t("ui.person.title", lang))
    if need_problem(lang) is None:
        return
    plan = need_roster(lang)
    if plan is None:
        return
    problem, roster = plan.problem, plan.roster
    ids = [s.staff_id for s in problem.staff]
    c1, c2 = st.columns([2, 1])
    sid = c1.selectbox(t("ui.person.pick", lang), ids, key=PERSON,
                       format_func=person_label(problem, lang))
    unit = state.unit_name()
    c2.download_button(t("ui.person.ics", lang),
                       lambda: exports.person_ics(problem, roster, sid, lang, unit),
                       file_name=f"{sid}.ics", mime="text/calendar", key="dl_person_ics",
                       width="stretch")
    duties = duties_frame(problem, roster, sid, lang)
    leave = [lv for lv in problem.leave if lv.staff_id == sid]
    st.caption(t("ui.person.summary", lang, count=len(duties), leave=len(leave)))
    from .grid import months

    all_months = months(problem)
    for start in range(0, len(all_months), 3):
        for col, month in zip(st.columns(3), all_months[start:start + 3], strict=False):
            col.markdown(f"**{month}**")
            col.dataframe(month_calendar(problem, roster, sid, month, lang), hide_index=True,
                          width="stretch", key=f"person_cal_{month}")
    if len(duties):
        st.dataframe(duties, hide_index=True, width="stretch", key="person_duties")
