"""Checks of the sheets that refer to people and posts: leave, requests, pins and history.

References are checked against every id the staff and posts sheets contain (valid rows or
not), and are skipped when the referenced sheet itself could not be read, so that one missing
sheet does not bury the user under hundreds of "unknown id" messages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from office.calendar import Day, festival_key
from office.people import LEAVE_KINDS, Leave, Staff
from scheduler.problem import History, Pin, Post, Request

from .scenario_cells import Row, SheetView

LEAVE_ALIASES = {"年休假": "annual", "年假": "annual", "病假": "sick", "出差": "trip",
                 "培训": "training", "学习": "training", "其他": "other"}
REQUEST_ALIASES = {"希望": "want", "想": "want", "避免": "avoid", "不想": "avoid"}


@dataclass
class Context:
    """What the link checks need from the defining sheets (``None`` = sheet unusable)."""

    staff_ids: set[str] | None
    post_ids: set[str] | None
    staff: dict[str, Staff] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    horizon: tuple[dt.date, dt.date] | None = None
    days: dict[dt.date, Day] = field(default_factory=dict)


def _staff_ref(row: Row, ctx: Context, column: str = "staff_id", required: bool = True) -> str:
    value = row.text(column, required=required)
    if value and ctx.staff_ids is not None and value not in ctx.staff_ids:
        row.error(column, "reader.unknown_staff", value=value)
    return value


def _post_ref(row: Row, ctx: Context, required: bool = True) -> str:
    value = row.text("post_id", required=required)
    if value and ctx.post_ids is not None and value not in ctx.post_ids:
        row.error("post_id", "reader.unknown_post", value=value)
    return value


def _in_horizon(row: Row, ctx: Context, column: str, day: dt.date | None) -> None:
    """Pins and requests name one day; outside the horizon they cannot be honoured."""
    if day is None or ctx.horizon is None:
        return
    lo, hi = ctx.horizon
    if not lo <= day <= hi:
        row.error(column, "reader.outside_horizon", value=day.isoformat(),
                  start=lo.isoformat(), end=hi.isoformat())


def read_leave(view: SheetView | None, ctx: Context) -> list[Leave]:
    """Leaves clipped to the horizon; a leave entirely outside it is dropped silently."""
    if view is None or not view.require("staff_id", "start", "end"):
        return []
    out: list[Leave] = []
    for row in view.rows():
        sid = _staff_ref(row, ctx)
        start, end = row.date("start", required=True), row.date("end", required=True)
        if start and end and end < start:
            row.error("end", "reader.end_before_start", start=start.isoformat(),
                      end=end.isoformat())
        kind = row.text("kind")
        kind = LEAVE_ALIASES.get(kind, kind.lower()) or "other"
        if kind not in LEAVE_KINDS:
            row.warn("kind", "reader.unknown_leave_kind", value=kind, known=", ".join(LEAVE_KINDS))
        if not row.ok:
            continue
        if ctx.horizon is not None:
            lo, hi = ctx.horizon
            if end < lo or start > hi:
                continue
            start, end = max(start, lo), min(end, hi)
        out.append(Leave(sid, start, end, kind))
    return out


def _request_sense(row: Row, ctx: Context, req: Request, leave: list[Leave]) -> None:
    """Warn about wishes that cannot matter: a duty wanted while away, a post not running."""
    person, day = ctx.staff.get(req.staff_id), ctx.days.get(req.date)
    if person is None or day is None:
        return
    away = not person.is_active(req.date) or any(
        lv.staff_id == req.staff_id and lv.covers(req.date) for lv in leave)
    if req.kind == "want" and away:
        row.warn("date", "reader.request_unavailable", staff=req.staff_id,
                 date=req.date.isoformat())
    post = ctx.posts.get(req.post_id)
    if post is not None and day.day_type not in post.day_types:
        row.warn("post_id", "reader.request_post_not_running", post=req.post_id,
                 date=req.date.isoformat(), day_type=day.day_type)


def read_requests(view: SheetView | None, ctx: Context,
                  leave: list[Leave] = ()) -> list[Request]:
    """Wishes; a request without ``post_id`` is about any duty that day."""
    if view is None or not view.require("staff_id", "date", "kind"):
        return []
    out: list[Request] = []
    for row in view.rows():
        sid = _staff_ref(row, ctx)
        day = row.date("date", required=True)
        _in_horizon(row, ctx, "date", day)
        kind = row.text("kind", required=True)
        kind = REQUEST_ALIASES.get(kind, kind.lower())
        if kind and kind not in ("want", "avoid"):
            row.error("kind", "reader.bad_request_kind", value=kind)
        post = _post_ref(row, ctx, required=False)
        weight = row.integer("weight", minimum=1, default=1)
        if row.ok:
            out.append(Request(sid, day, kind, post, weight))
            _request_sense(row, ctx, out[-1], list(leave))
    return out


def _pin_rules(row: Row, ctx: Context, pin: Pin, leave: list[Leave]) -> None:
    """A pin that on its own breaks a hard rule is bad input, not an infeasibility."""
    person, post, day = ctx.staff.get(pin.staff_id), ctx.posts.get(pin.post_id), \
        ctx.days.get(pin.date)
    if person is None or post is None or day is None:
        return  # the person's, post's or day's own problem is reported elsewhere
    params = {"staff": pin.staff_id, "post": pin.post_id, "date": pin.date.isoformat()}
    if any(lv.staff_id == pin.staff_id and lv.covers(pin.date) for lv in leave):
        row.error("staff_id", "reader.pin_on_leave", **params)
    if post.qualification and post.qualification not in person.qualifications:
        row.error("staff_id", "reader.pin_unqualified", qualification=post.qualification,
                  **params)
    if not person.is_active(pin.date):
        row.error("staff_id", "reader.pin_inactive", **params)
    if day.day_type not in post.day_types or post.headcount <= 0:
        row.error("post_id", "reader.pin_post_not_running", day_type=day.day_type, **params)


def read_pins(view: SheetView | None, ctx: Context, leave: list[Leave]) -> list[Pin]:
    """Duties fixed in advance; each is checked alone against leave, qualification, etc."""
    if view is None or not view.require("date", "post_id", "staff_id"):
        return []
    out: list[Pin] = []
    seen: dict[Pin, int] = {}
    for row in view.rows():
        day = row.date("date", required=True)
        _in_horizon(row, ctx, "date", day)
        post = _post_ref(row, ctx)
        sid = _staff_ref(row, ctx)
        if not row.ok:
            continue
        pin = Pin(day, post, sid)
        if pin in seen:
            row.warn("", "reader.duplicate_pin", first=seen[pin])
            continue
        seen[pin] = row.number
        _pin_rules(row, ctx, pin, leave)
        if row.ok:
            out.append(pin)
    return out


def read_history(view: SheetView | None, ctx: Context) -> list[History]:
    """Carried-over points, last duty before the horizon, festivals worked last year."""
    if view is None or not view.require("staff_id"):
        return []
    out: list[History] = []
    seen: dict[str, int] = {}
    for row in view.rows():
        sid = _staff_ref(row, ctx)
        if sid in seen:
            row.error("staff_id", "reader.duplicate_id", value=sid, first=seen[sid])
        elif sid:
            seen[sid] = row.number
        points = row.points100("points", default=0, allow_negative=True)
        last = row.date("last_duty")
        if last and ctx.horizon and last >= ctx.horizon[0]:
            row.error("last_duty", "reader.last_duty_in_horizon", value=last.isoformat(),
                      start=ctx.horizon[0].isoformat())
        worked = frozenset(k for k in (festival_key(n) for n in row.items("holidays_worked"))
                           if k)
        if row.ok:
            out.append(History(sid, points, last, worked))
    return out
