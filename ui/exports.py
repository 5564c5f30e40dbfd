"""Files people take away: roster workbook, printable month grid, per-person .ics, duty notice.

Pure functions returning bytes or text (no Streamlit), so tests and the benchmark call them
directly. Every header and word comes from the catalogue in the chosen language.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import logging

import pandas as pd

from office.i18n import t

from . import style
from .grid import build_grid, day_label, months

LOG = logging.getLogger(__name__)


def assignments_frame(problem, roster, lang: str) -> pd.DataFrame:
    """One row per duty, contract columns first (date, post_id, staff_id), then names."""
    staff = problem.staff_by_id()
    posts = problem.post_by_id()
    rows = [{
        "date": a.date.isoformat(), "post_id": a.post_id, "staff_id": a.staff_id,
        t("ui.x.name", lang): staff[a.staff_id].name if a.staff_id in staff else a.staff_id,
        t("ui.x.post", lang): posts[a.post_id].name if a.post_id in posts else a.post_id,
        t("ui.x.phone", lang): staff[a.staff_id].phone if a.staff_id in staff else "",
    } for a in roster.assignments]
    cols = ["date", "post_id", "staff_id", t("ui.x.name", lang), t("ui.x.post", lang),
            t("ui.x.phone", lang)]
    return pd.DataFrame(rows, columns=cols)


def roster_workbook(problem, roster, lang: str, result=None) -> bytes:
    """The roster workbook: the engine's writer if available, else the same sheets here."""
    try:
        from shells.roster_writer import write_roster

        buf = io.BytesIO()
        write_roster(buf, problem, roster, lang=lang, solve_result=result)
        data = buf.getvalue()
        if data:
            return data
    except Exception:  # noqa: BLE001 - fall back to the UI's own writer below
        LOG.info("shells.roster_writer unavailable or failed; using the UI writer",
                 exc_info=True)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        assignments_frame(problem, roster, lang).to_excel(xw, "assignments", index=False)
        build_grid(problem, roster, lang).frame.to_excel(
            xw, t("ui.x.sheet_grid", lang)[:31], index=False)
    return buf.getvalue()


def month_grid_html(problem, roster, lang: str, unit: str) -> str:
    """A printable page: one coloured table per month, A4 landscape, page break per month."""
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(t('ui.x.print_title', lang, unit=unit))}</title><style>",
        "@page { size: A4 landscape; margin: 10mm; }",
        "body { font-family: 'Noto Sans CJK SC','Microsoft YaHei',sans-serif; font-size: 11px; }",
        "h1 { font-size: 16px; margin: 0 0 4px; } h2 { font-size: 13px; margin: 10px 0 4px; }",
        "table { border-collapse: collapse; width: 100%; page-break-after: always; }",
        "th, td { border: 1px solid #999; padding: 2px 4px; text-align: left; }",
        "th { background: #eef1f4; } .foot { color: #555; margin-top: 6px; }",
        "</style></head><body>",
        f"<h1>{html.escape(t('ui.x.print_title', lang, unit=unit))}</h1>",
    ]
    for month in months(problem):
        model = build_grid(problem, roster, lang, month=month)
        parts.append(f"<h2>{html.escape(month)}</h2><table><tr>")
        parts.extend(f"<th>{html.escape(str(c))}</th>" for c in model.frame.columns)
        parts.append("</tr>")
        for (_, row), (_, css) in zip(model.frame.iterrows(), model.css.iterrows(), strict=True):
            cells = "".join(f"<td style=\"{html.escape(c)}\">{html.escape(str(v))}</td>"
                            for v, c in zip(row, css, strict=True))
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")
    parts.append(f"<div class='foot'>{html.escape(t('ui.x.print_foot', lang))}</div>")
    parts.append("</body></html>")
    return "".join(parts)


def person_ics(problem, roster, staff_id: str, lang: str, unit: str) -> bytes:
    """A calendar file with one event per duty of ``staff_id`` (timed if the post has a start)."""
    from icalendar import Calendar, Event

    posts = problem.post_by_id()
    cal = Calendar()
    cal.add("prodid", "-//duty-appraisal//roster//")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", t("ui.x.ics_name", lang, unit=unit))
    for a in roster.assignments:
        if a.staff_id != staff_id:
            continue
        post = posts.get(a.post_id)
        ev = Event()
        ev.add("uid", f"{a.date.isoformat()}-{a.post_id}-{a.staff_id}@duty-appraisal")
        ev.add("summary", t("ui.x.ics_summary", lang, post=post.name if post else a.post_id))
        if post is not None and post.start is not None:
            start = dt.datetime.combine(a.date, post.start)
            ev.add("dtstart", start)
            ev.add("dtend", start + dt.timedelta(minutes=post.minutes or 24 * 60))
        else:
            ev.add("dtstart", a.date)
            ev.add("dtend", a.date + dt.timedelta(days=1))
        ev.add("dtstamp", dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        ev.add("description", t("ui.x.ics_desc", lang, unit=unit))
        cal.add_component(ev)
    return cal.to_ical()


def post_hours(post, lang: str) -> str:
    """``08:30–17:30`` or ``17:30–次日08:30``; the whole day when the post has no start."""
    if post.start is None:
        return t("ui.notice.all_day", lang)
    start = dt.datetime.combine(dt.date(2000, 1, 1), post.start)
    end = start + dt.timedelta(minutes=post.minutes or 24 * 60)
    nxt = t("ui.notice.next_day", lang) if end.date() > start.date() else ""
    return f"{start:%H:%M}–{nxt}{end:%H:%M}"


def duty_notice(problem, roster, date: dt.date, lang: str, unit: str) -> str:
    """The 值班通知 for one day, ready to paste into a message group."""
    staff = problem.staff_by_id()
    day = problem.day_by_date().get(date)
    wd = t(f"ui.weekday.{date.weekday()}", lang)
    kind = day_label(day, lang) if day is not None else ""
    lines = [t("ui.notice.heading", lang, unit=unit),
             t("ui.notice.intro", lang, date=date.isoformat(), weekday=wd, kind=kind)]
    any_duty = False
    for post in problem.posts:
        people = sorted(a.staff_id for a in roster.assignments
                        if a.date == date and a.post_id == post.post_id)
        if not people:
            continue
        any_duty = True
        who = t("ui.notice.sep", lang).join(
            t("ui.notice.person_phone", lang, name=staff[s].name, phone=staff[s].phone)
            if s in staff and staff[s].phone else (staff[s].name if s in staff else s)
            for s in people)
        lines.append(t("ui.notice.line", lang, post=post.name, hours=post_hours(post, lang),
                       people=who))
    if not any_duty:
        lines.append(t("ui.notice.none", lang))
    lines.append(t("ui.notice.closing", lang))
    lines.append(t("ui.notice.sign", lang, unit=unit, today=date.isoformat()))
    return "\n".join(lines)


def grid_colours_legend(lang: str) -> list[tuple[str, str]]:
    return [(t(f"day_type.{k}", lang), v) for k, v in style.DAY_BG.items()]
