"""Soft objective terms other than fairness: requests, spacing, rotation, changes.

Each function registers one term named as in ``docs/ROSTER_RULES.md``. A term without any
variable (no requests, no reference roster...) is a plain integer, which tells the
lexicographic solver to skip its level.
"""

from __future__ import annotations

import datetime as dt

from .context import ModelContext
from .expr import flat_value, is_zero, total


def _cell(ctx: ModelContext, staff_id: str, date: dt.date, post_id: str):
    """x (with a post) or work (without): a variable, or 0 when it cannot be 1."""
    if post_id:
        return ctx.x.get((staff_id, date, post_id), 0)
    w = ctx.work.get((staff_id, date), 0)
    return 0 if isinstance(w, int) or is_zero(ctx, w) else w


def add_requests(ctx: ModelContext) -> None:
    """Σ weight × [unmet]: ``want`` unmet when not on duty, ``avoid`` unmet when on duty."""
    const, vs, cs = 0, [], []
    for r in ctx.problem.requests:
        v = _cell(ctx, r.staff_id, r.date, r.post_id)
        if r.kind == "want":
            const += r.weight
            if not isinstance(v, int):
                vs.append(v)
                cs.append(-r.weight)
        elif not isinstance(v, int):
            vs.append(v)
            cs.append(r.weight)
    ctx.add_term("requests", const + total(vs, cs) if vs else const, 1)


def add_spacing(ctx: ModelContext) -> None:
    """``weight_spacing`` × pairs of duty days of one person at most ``spacing_days`` apart.

    Pairs closer than the hard minimum gap cannot occur and get no variable (outside
    explain mode, where the gap rule always holds).
    """
    rules = ctx.problem.rules
    s_days = rules.spacing_days
    if s_days <= 0 or rules.weight_spacing == 0:
        ctx.add_term("spacing", 0, 1)
        return
    m = ctx.model
    dates = [d.date for d in ctx.problem.days]
    pairs, pairs_exact = [], []
    for s in ctx.problem.staff:
        ws = [ctx.work[(s.staff_id, d)] for d in dates]
        for k1 in range(len(dates)):
            if is_zero(ctx, ws[k1]):
                continue
            for k2 in range(k1 + 1, min(len(dates), k1 + s_days + 1)):
                gap = (dates[k2] - dates[k1]).days
                if gap > s_days or is_zero(ctx, ws[k2]):
                    continue
                pairs_exact.append((ws[k1], ws[k2]))
                if gap - 1 < rules.min_gap_days:
                    continue
                b = m.new_bool_var(f"pair_{s.staff_id}_{k1}_{k2}")
                m.add(b >= ws[k1] + ws[k2] - 1)
                pairs.append(b)
    weight = rules.weight_spacing

    def exact(sol) -> int:
        return weight * sum(1 for a, b in pairs_exact if sol[a.index] and sol[b.index])

    ctx.add_term("spacing", weight * total(pairs) if pairs else 0, 1, exact=exact)


def add_rotation(ctx: ModelContext) -> None:
    """``weight_rotation`` × duties on festival days the person worked last year."""
    rules = ctx.problem.rules
    hist = ctx.problem.history_by_id()
    vs = []
    for day in ctx.problem.days:
        if not day.festival:
            continue
        for s in ctx.problem.staff:
            h = hist.get(s.staff_id)
            if h and day.festival in h.holidays_worked:
                w = ctx.work[(s.staff_id, day.date)]
                if not is_zero(ctx, w):
                    vs.append(w)
    ctx.add_term("rotation", rules.weight_rotation * total(vs) if vs and rules.weight_rotation
                 else 0, 1)


def add_changes(ctx: ModelContext) -> None:
    """Reference assignments inside the horizon that the new roster drops."""
    ref = ctx.params.reference
    if ref is None:
        ctx.add_term("changes", 0, 1)
        return
    days = {d.date for d in ctx.problem.days}
    const, vs = 0, []
    for a in ref.assignments:
        if a.date not in days:
            continue
        const += 1
        v = ctx.x.get((a.staff_id, a.date, a.post_id))
        if v is not None:
            vs.append(v)
    ctx.add_term("changes", const - total(vs) if vs else const, 1)


__all__ = ["add_requests", "add_spacing", "add_rotation", "add_changes", "flat_value"]
