"""The roster as a calendar grid: one row per day, one column per post, names in the cells.

Built as a plain DataFrame plus a same-shaped frame of CSS, so the page can show it with
``st.dataframe`` (fast, selectable cells) and the printable export can reuse the same cells.
Kept free of Streamlit so the benchmark can time it alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from office.i18n import t

from . import style

DATE_COL = "date"


@dataclass(frozen=True)
class GridModel:
    """The grid's cells and styles, and which (date, post) each cell stands for."""

    frame: pd.DataFrame
    css: pd.DataFrame
    dates: tuple[dt.date, ...]
    post_ids: tuple[str, ...]
    post_columns: tuple[str, ...]

    def cell(self, row: int, column: str) -> tuple[dt.date, str] | None:
        """The (date, post_id) of a clicked cell, or None for the day columns."""
        if column not in self.post_columns or not 0 <= row < len(self.dates):
            return None
        return self.dates[row], self.post_ids[self.post_columns.index(column)]

    def styled(self):
        """A pandas Styler carrying the colours (st.dataframe renders its cell styles)."""
        return self.frame.style.apply(lambda _: self.css, axis=None)


def day_label(day, lang: str) -> str:
    """Day type in words, with the holiday's name or the 调休 mark."""
    if day.adjusted_workday:
        return t("calendar.adjusted_workday", lang)
    label = t(f"day_type.{day.day_type}", lang)
    if day.day_type == "holiday" and day.festival:
        fest = t(f"festival.{day.festival}", lang)
        return fest if not fest.startswith("festival.") else (day.holiday_name or label)
    return label


def column_names(posts, lang: str) -> list[str]:
    """Post names as column headers, made unique (two posts may share a display name)."""
    seen: dict[str, int] = {}
    out = []
    for p in posts:
        name = p.name or p.post_id
        if name in seen or name in (t("ui.grid.date", lang), t("ui.grid.weekday", lang),
                                    t("ui.grid.day_type", lang)):
            name = f"{name} ({p.post_id})"
        seen[name] = 1
        out.append(name)
    return out


def build_grid(problem, roster, lang: str, *, names: dict[str, str] | None = None,
               changed=frozenset(), conflict_days=frozenset(), month: str | None = None,
               selected: tuple | None = None, only=None) -> GridModel:
    """Cells and colours for ``problem``'s days (or one ``YYYY-MM`` month of them).

    Parameters
    ----------
    changed : set of (date, post_id)
        Cells that differ from the previous plan; highlighted so a re-plan is easy to check.
    conflict_days : set of date
        Days named by an infeasibility explanation; their rows are highlighted.
    """
    names = names or {s.staff_id: s.name for s in problem.staff}
    days = [d for d in problem.days if (month is None or d.date.strftime("%Y-%m") == month)
            and (only is None or d.date in only)]
    posts = list(problem.posts)
    cols = column_names(posts, lang)
    required = {(s.date, s.post_id): s.required for s in problem.slots}
    pinned = {(p.date, p.post_id, p.staff_id) for p in problem.pins}
    cell_people: dict[tuple, list[str]] = {}
    for a in (roster.assignments if roster is not None else ()):
        cell_people.setdefault((a.date, a.post_id), []).append(a.staff_id)

    gap = t("ui.grid.gap", lang)
    sep = t("ui.grid.sep", lang)
    wd = [t(f"ui.weekday.{i}", lang) for i in range(7)]
    rows, css_rows = [], []
    for day in days:
        base = style.day_css(day.day_type, day.adjusted_workday)
        if day.date in conflict_days:
            base = f"background-color: {style.CONFLICT_BG}; color: #5c0b0b"
        row = [day.date.isoformat(), wd[day.date.weekday()], day_label(day, lang)]
        css = [base, base, base + "; font-weight: 600" if day.day_type != "workday" else base]
        for post in posts:
            key = (day.date, post.post_id)
            people = sorted(cell_people.get(key, ()))
            need = required.get(key, 0)
            text = sep.join(
                (style.PINNED_MARK if (day.date, post.post_id, sid) in pinned else "")
                + names.get(sid, sid) for sid in people)
            cell_css = base
            if need and roster is None:
                text = ""
            elif need and len(people) < need:
                text = (text + sep if text else "") + gap * (need - len(people))
                cell_css = f"background-color: {style.GAP_BG}; color: #842029; font-weight: 600"
            elif not need and not people:
                text = "·"
                cell_css = base + "; color: #9aa5b1"
            if key in changed:
                cell_css = f"background-color: {style.CHANGED_BG}; font-weight: 600"
            if selected is not None and key == tuple(selected):
                cell_css = style.SELECTED_CSS
            row.append(text)
            css.append(cell_css)
        rows.append(row)
        css_rows.append(css)
    header = [t("ui.grid.date", lang), t("ui.grid.weekday", lang), t("ui.grid.day_type", lang)]
    frame = pd.DataFrame(rows, columns=header + cols)
    css_frame = pd.DataFrame(css_rows, columns=header + cols)
    return GridModel(frame, css_frame, tuple(d.date for d in days),
                     tuple(p.post_id for p in posts), tuple(cols))


def months(problem) -> list[str]:
    """The ``YYYY-MM`` months the horizon touches, in order."""
    return sorted({d.date.strftime("%Y-%m") for d in problem.days})


def diff_cells(old, new) -> frozenset:
    """(date, post) cells whose people differ between two rosters."""
    def cells(roster):
        out: dict[tuple, set] = {}
        for a in (roster.assignments if roster is not None else ()):
            out.setdefault((a.date, a.post_id), set()).add(a.staff_id)
        return out

    a, b = cells(old), cells(new)
    return frozenset(k for k in set(a) | set(b) if a.get(k, set()) != b.get(k, set()))
