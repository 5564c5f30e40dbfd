"""Hard township rules, one function per rule, each guarded per rule instance.

Every function takes the :class:`ModelContext` and adds the constraints of one rule key of
``docs/ROSTER_RULES.md``. Each instance (one slot, one person-day, one window) is guarded by a
:class:`Guard` so that in explain mode CP-SAT can name exactly which instances conflict.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ortools.sat.python import cp_model

from .context import Guard, ModelContext
from .expr import is_zero, total

ONE = dt.timedelta(days=1)


def add_cover(ctx: ModelContext) -> None:
    """Exactly ``required`` people per slot, or penalised under/over where the slot allows it.

    Registers the ``cover`` term (Σ weight_under·under + weight_over·over); it is a constant 0
    when every slot is hard, which lets the lexicographic solver skip that level.
    """
    m = ctx.model
    gaps = ctx.params.allow_gaps
    coeffs, tvars, exact = [], [], []
    for slot in ctx.problem.slots:
        vs = ctx.slot_vars(slot.date, slot.post_id)
        n = total(vs)
        under_ok = gaps or slot.weight_under is not None
        over_ok = slot.weight_over is not None
        g = ctx.guard(Guard("cover", slot.date, slot.post_id,
                            params=(("required", slot.required),)))
        wu = 1 if slot.weight_under is None else slot.weight_under
        wo = 0 if slot.weight_over is None else slot.weight_over
        if not under_ok and not vs and slot.required > 0:
            _enforce_false(m, g)
        elif not under_ok and vs:
            _enforce(m, n >= slot.required, g)
        elif wu and slot.required > 0:
            u = m.new_int_var(0, slot.required, f"under_{slot.date}_{slot.post_id}")
            m.add(n + u >= slot.required)
            ctx.info.setdefault("under", {})[(slot.date, slot.post_id)] = (u, wu)
            coeffs.append(wu)
            tvars.append(u)
        if not over_ok and len(vs) > slot.required:
            _enforce(m, n <= slot.required, g)
        elif wo and len(vs) > slot.required:
            o = m.new_int_var(0, len(vs) - slot.required, f"over_{slot.date}_{slot.post_id}")
            m.add(n - o <= slot.required)
            coeffs.append(wo)
            tvars.append(o)
        if (under_ok and wu) or (over_ok and wo):
            exact.append((vs, slot.required, wu if under_ok else 0, wo if over_ok else 0))
    # Σ over slots whose n is a constant (no variables) still counts in the exact value.

    def value(sol) -> int:
        total = 0
        for vs, req, wu, wo in exact:
            n = sum(sol[v.index] for v in vs)
            total += wu * max(0, req - n) + wo * max(0, n - req)
        return total

    expr = cp_model.LinearExpr.weighted_sum(tvars, coeffs) if tvars else _const_cover(exact)
    ctx.add_term("cover", expr, 1, exact=value)


def _const_cover(exact) -> int:
    """Cover penalty of slots that have no eligible variable at all (a constant)."""
    return sum(wu * req for vs, req, wu, _ in exact if not vs)


def _enforce_false(m: cp_model.CpModel, guard: list) -> None:
    """A constraint that can never hold (under its guard in explain mode)."""
    c = m.add_bool_or([])
    if guard:
        c.only_enforce_if(guard)


def _enforce(m: cp_model.CpModel, ct, guard: list) -> None:
    """Add a constraint, conditional on the guard literals in explain mode."""
    c = m.add(ct)
    if guard:
        c.only_enforce_if(guard)


def add_one_per_day(ctx: ModelContext) -> None:
    """At most one duty per person per day.

    Outside explain mode ``work`` is defined as the sum of the day's duties (see ``variables``),
    which already implies this rule; only explain mode needs explicit guarded constraints.
    """
    if not ctx.explain:
        return
    for (s, d), posts in ctx.by_person_day.items():
        if len(posts) > 1:
            g = ctx.guard(Guard("one_per_day", d, "", (s,)))
            _enforce(ctx.model, cp_model.LinearExpr.sum(list(posts.values())) <= 1, g)


def add_rest_after(ctx: ModelContext) -> None:
    """After post p on day d, no duty on the next ``rest_days_after`` days; history counts."""
    posts = ctx.problem.post_by_id()
    days = {d.date for d in ctx.problem.days}
    for (s, d, p), v in ctx.x.items():
        r = posts[p].rest_days_after
        for k in range(1, r + 1):
            w = ctx.work.get((s, d + k * ONE))
            if w is None or is_zero(ctx, w):
                continue
            g = ctx.guard(Guard("rest_after", d, p, (s,), (("limit", r),)))
            _enforce(ctx.model, v + w <= 1, g)
    rmax = max((p.rest_days_after for p in ctx.problem.posts), default=0)
    for h in ctx.problem.history:
        if h.last_duty is None:
            continue
        for k in range(1, rmax + 1):
            d = h.last_duty + k * ONE
            if d in days and (h.staff_id, d) in ctx.work:
                g = ctx.guard(Guard("rest_after", d, "", (h.staff_id,),
                                    (("limit", rmax), ("other_date", h.last_duty))))
                _enforce(ctx.model, ctx.work[(h.staff_id, d)] == 0, g)


def add_min_gap(ctx: ModelContext) -> None:
    """At least ``min_gap_days`` free days between two duties: ≤ 1 duty in any gap+1 window."""
    gap = ctx.problem.rules.min_gap_days
    if gap <= 0:
        return
    dates = [d.date for d in ctx.problem.days]
    for s in ctx.problem.staff:
        sid = s.staff_id
        for k in range(len(dates)):
            window = [ctx.work[(sid, dd)] for dd in dates[k:k + gap + 1]
                      if not is_zero(ctx, ctx.work[(sid, dd)])]
            if len(window) > 1:
                g = ctx.guard(Guard("min_gap", dates[k], "", (sid,), (("limit", gap),)))
                _enforce(ctx.model, cp_model.LinearExpr.sum(window) <= 1, g)
            if k + gap + 1 >= len(dates):
                break
    for h in ctx.problem.history:
        if h.last_duty is None:
            continue
        for k in range(1, gap + 1):
            d = h.last_duty + k * ONE
            w = ctx.work.get((h.staff_id, d))
            if w is not None and not is_zero(ctx, w):
                g = ctx.guard(Guard("min_gap", d, "", (h.staff_id,),
                                    (("limit", gap), ("other_date", h.last_duty))))
                _enforce(ctx.model, w == 0, g)


def _cap(ctx: ModelContext, rule: str, cap: int | None, bucket, day_ok, label: str) -> None:
    """Σ work over each bucket of days (week, month) ≤ cap, one guard per person and bucket."""
    if cap is None:
        return
    buckets: dict[object, list[dt.date]] = defaultdict(list)
    for day in ctx.problem.days:
        if day_ok(day):
            buckets[bucket(day.date)].append(day.date)
    for s in ctx.problem.staff:
        sid = s.staff_id
        for dates in buckets.values():
            ws = [ctx.work[(sid, d)] for d in dates if not is_zero(ctx, ctx.work[(sid, d)])]
            if len(ws) > cap:
                b = bucket(dates[0])
                name = f"{b[0]:04d}-W{b[1]:02d}" if label == "week" else f"{b[0]:04d}-{b[1]:02d}"
                g = ctx.guard(Guard(rule, dates[0], "", (sid,), (("limit", cap), (label, name))))
                _enforce(ctx.model, cp_model.LinearExpr.sum(ws) <= cap, g)


def add_max_per_week(ctx: ModelContext) -> None:
    """At most ``max_duties_per_week`` duties per ISO week (horizon days only)."""
    _cap(ctx, "max_per_week", ctx.problem.rules.max_duties_per_week,
         lambda d: tuple(d.isocalendar()[:2]), lambda day: True, "week")


def add_max_per_month(ctx: ModelContext) -> None:
    """At most ``max_duties_per_month`` duties per calendar month."""
    _cap(ctx, "max_per_month", ctx.problem.rules.max_duties_per_month,
         lambda d: (d.year, d.month), lambda day: True, "month")


def add_max_weekend_holiday_per_month(ctx: ModelContext) -> None:
    """At most ``max_weekend_holiday_duties_per_month`` weekend/holiday duties per month."""
    _cap(ctx, "max_weekend_holiday_per_month",
         ctx.problem.rules.max_weekend_holiday_duties_per_month,
         lambda d: (d.year, d.month), lambda day: day.is_weekend_or_holiday, "month")


def add_pin(ctx: ModelContext) -> None:
    """Every pin is in the roster; a pin on an ineligible cell makes the model infeasible."""
    for pin in ctx.problem.pins:
        g = ctx.guard(Guard("pin", pin.date, pin.post_id, (pin.staff_id,)))
        v = ctx.x.get((pin.staff_id, pin.date, pin.post_id))
        if v is None:
            _enforce_false(ctx.model, g)
        else:
            _enforce(ctx.model, v == 1, g)


def add_never_together(ctx: ModelContext) -> None:
    """For each pair (A, B): not both on duty the same day."""
    for a, b in ctx.problem.rules.never_together:
        for day in ctx.problem.days:
            wa, wb = ctx.work.get((a, day.date)), ctx.work.get((b, day.date))
            if wa is None or wb is None or is_zero(ctx, wa) or is_zero(ctx, wb):
                continue
            g = ctx.guard(Guard("never_together", day.date, "", (a, b)))
            _enforce(ctx.model, wa + wb <= 1, g)


__all__ = [
    "add_cover", "add_one_per_day", "add_rest_after", "add_min_gap", "add_max_per_week",
    "add_max_per_month", "add_max_weekend_holiday_per_month", "add_pin", "add_never_together",
]
