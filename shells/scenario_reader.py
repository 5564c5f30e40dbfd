"""Read a scenario (workbook, CSV folder or upload) into a validated :class:`Problem`.

All problems are collected in one pass — missing sheets and columns, bad cells, unknown
references, pins that break a rule on their own — each with its sheet, spreadsheet row and
column, so the user fixes the whole file at once. Any error means no Problem; warnings (an
unknown rank, a post shared by fairness groups, an unpublished holiday schedule) still give
one. Nothing here raises on bad input.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from office.calendar import build_calendar, unpublished_years
from scheduler.build import township_slots
from scheduler.problem import Problem

from .input_problems import WARNING, InputProblem
from .scenario_cells import SheetView
from .scenario_frames import ALL_SHEETS, REQUIRED_SHEETS, load_frames, normalise
from .scenario_links import Context, read_history, read_leave, read_pins, read_requests
from .scenario_rules import read_rules
from .scenario_sheets import (
    PostSheet,
    StaffSheet,
    read_calendar,
    read_horizon,
    read_posts,
    read_staff,
)

IGNORED_SHEETS = ("data_dictionary", "readme", "说明")


def read_scenario(source: object) -> tuple[Problem | None, list[InputProblem]]:
    """Read and validate a scenario from a path (``.xlsx`` or CSV folder), bytes or a file.

    Returns
    -------
    (Problem or None, problems)
        ``None`` whenever at least one problem is an error.
    """
    frames, kind, name, problems = load_frames(source)
    if not frames and problems:
        return None, problems
    problem, more = read_scenario_frames(frames, kind, name=name)
    unreadable = {Path(p.sheet).stem.lower() for p in problems}
    problems = problems + [p for p in more
                           if not (p.key == "reader.missing_csv" and p.sheet in unreadable)]
    return (None if any(p.is_error for p in problems) else problem), problems


def _sheet_checks(frames: dict[str, pd.DataFrame], kind: str,
                  out: list[InputProblem]) -> dict[str, SheetView]:
    """Views of the known sheets; missing required ones and stray sheets are reported."""
    for sheet in REQUIRED_SHEETS:
        if sheet not in frames:
            key = "reader.missing_csv" if kind == "csv" else "reader.missing_sheet"
            out.append(InputProblem(sheet, None, "", key, (("sheet", sheet),)))
    for sheet in frames:
        if sheet not in ALL_SHEETS and sheet not in IGNORED_SHEETS:
            out.append(InputProblem(sheet, None, "", "reader.unknown_sheet",
                                    (("known", ", ".join(ALL_SHEETS)), ("sheet", sheet)),
                                    WARNING))
    return {s: SheetView(s, frames[s], out) for s in ALL_SHEETS if s in frames}


def _shared_posts(staff: StaffSheet, posts: PostSheet, out: list[InputProblem]) -> None:
    """Warn about posts that people of several fairness groups may take.

    Fairness is balanced within each group, so how such a post is split *between* groups is
    left to chance; the director should keep each group's posts apart by qualification.
    """
    for pid, post in posts.posts.items():
        groups = sorted({s.group for s in staff.staff.values()
                         if not post.qualification or post.qualification in s.qualifications})
        if len(groups) > 1:
            out.append(InputProblem("posts", posts.rows[pid], "qualification",
                                    "reader.post_shared_groups",
                                    (("groups", ", ".join(groups)), ("post", pid)), WARNING))


def read_scenario_frames(
    frames: dict[str, pd.DataFrame], source_kind: str = "xlsx", name: str = ""
) -> tuple[Problem | None, list[InputProblem]]:
    """Validate sheets given as DataFrames (row number = position + 2) into a Problem.

    The UI's data editor passes edited sheets here, so this is the one validation path for
    files and for screens alike.
    """
    out: list[InputProblem] = []
    views = _sheet_checks(normalise(frames), source_kind, out)
    horizon = read_horizon(views["horizon"]) if "horizon" in views else None
    overrides = read_calendar(views.get("calendar"))
    staff = read_staff(views["staff"]) if "staff" in views else None
    posts = read_posts(views["posts"]) if "posts" in views else None
    days = build_calendar(horizon[0], horizon[1], overrides) if horizon else ()
    if horizon:
        for year in unpublished_years(horizon[0], horizon[1], overrides):
            out.append(InputProblem("calendar", None, "", "calendar.unpublished",
                                    (("year", year),), WARNING))
    if staff and posts:
        for row, _sid, post in staff.per_post:
            if post not in posts.ids:
                out.append(InputProblem("staff", row, "max_per_post", "reader.unknown_post",
                                        (("value", post),)))
        _shared_posts(staff, posts, out)
    ctx = Context(
        staff_ids=staff.ids if staff and "staff_id" in views["staff"].frame.columns else None,
        post_ids=posts.ids if posts and "post_id" in views["posts"].frame.columns else None,
        staff=staff.staff if staff else {}, posts=posts.posts if posts else {},
        horizon=horizon, days={d.date: d for d in days},
    )
    leave = read_leave(views.get("leave"), ctx)
    pins = read_pins(views.get("pins"), ctx, leave)
    requests = read_requests(views.get("requests"), ctx, leave)
    history = read_history(views.get("history"), ctx)
    rules = read_rules(views.get("rules"), ctx.staff_ids)
    if any(p.is_error for p in out) or not (staff and posts and horizon):
        return None, out
    post_tuple = tuple(posts.posts.values())
    problem = Problem(
        days=days, staff=tuple(staff.staff.values()), posts=post_tuple,
        slots=township_slots(days, post_tuple), leave=tuple(leave), requests=tuple(requests),
        pins=tuple(pins), history=tuple(history), limits=tuple(sorted(staff.limits.items())),
        rules=rules, name=name,
    )
    return problem, out
