"""Fairness terms with exact integers: max excess and absolute deviations from fair shares.

For a measure m (load in hundredths, weekend/holiday count, night count) and person i of group g
with weight share a_i / D = w_i / W_g (D = ``common_denominator``), the deviation in units of
1/D of the measure is ``e_i = D·m_i − a_i·T_g`` with ``T_g = Σ_{j∈g} m_j``. Everything is an
integer, so people of different groups compare exactly.

When every slot that a group's people can take is hard-exact and taken only by that group,
``T_g`` is a constant: shares are constants and ``e_i ≤ z`` becomes a plain upper bound on
``m_i``. That is the usual township case and it makes the model far stronger; the general
form (gaps, shared posts) stays correct.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..fairness import common_denominator, fairness_groups, weights
from .bounds import grid_distance, group_min_abs, lower_bound_max_excess
from .context import ModelContext
from .expr import flat_value, total

LIMIT = 2**62
"""CP-SAT works in int64; stay well clear of overflow in any sum of coefficients."""


class FairnessOverflowError(ValueError):
    """The exact fairness integers would not fit in CP-SAT's 64-bit arithmetic.

    Raised rather than rounding, because a rounded share would make the solver's fairness
    disagree with the validator's. ``key``/``params`` give the catalogue message.
    """

    key = "sched.overflow"

    def __init__(self, name: str, magnitude: int) -> None:
        super().__init__(f"fairness of '{name}' needs integers up to {magnitude}, beyond 64 "
                         "bits; use fewer distinct fte/availability fractions")
        self.params = {"name": name, "magnitude": magnitude}


@dataclass
class Measure:
    """One balanced quantity: per-person values and group totals as CP-SAT expressions."""

    name: str
    value: dict[str, object] = field(default_factory=dict)      # person -> int var / int
    high: dict[str, int] = field(default_factory=dict)          # person -> upper bound
    base: dict[str, int] = field(default_factory=dict)          # person -> constant part
    step: dict[str, int] = field(default_factory=dict)          # person -> gcd of coefficients
    total: dict[str, object] = field(default_factory=dict)      # group -> expr or int
    dev: dict[str, object] = field(default_factory=dict)        # person -> e_i expression
    const_k: dict[str, int] = field(default_factory=dict)       # person -> a_i·T_g if constant


def setup(ctx: ModelContext) -> dict | None:
    """Weights, groups, a_i and D, computed once per model (None when fairness is off)."""
    if "fair" in ctx.info:
        return ctx.info["fair"]
    problem = ctx.problem
    info = None
    if problem.rules.fairness:
        w = weights(problem)
        groups = fairness_groups(problem)
        d = common_denominator(problem)
        a, member = {}, {}
        for g, ids in groups.items():
            wg = sum(w[i] for i in ids)
            for i in ids:
                q = d * w[i] / wg
                assert q.denominator == 1
                a[i], member[i] = int(q), g
        info = {"groups": groups, "D": d, "a": a, "member": member}
    ctx.info["fair"] = info
    return info


def measure(ctx: ModelContext, name: str, coef, base: dict[str, int]) -> Measure | None:
    """Build person values and group totals of the measure with per-slot coefficient ``coef``."""
    key = f"measure_{name}"
    if key in ctx.info:
        return ctx.info[key]
    info = setup(ctx)
    if info is None:
        ctx.info[key] = None
        return None
    m, gaps = ctx.model, ctx.params.allow_gaps
    member, groups = info["member"], info["groups"]
    out = Measure(name)
    g_const = {g: sum(base.get(i, 0) for i in ids) for g, ids in groups.items()}
    g_vars: dict[str, list] = {g: [] for g in groups}
    g_coef: dict[str, list] = {g: [] for g in groups}
    for slot in ctx.problem.slots:
        c = coef(slot.date, slot.post_id)
        by = ctx.by_slot.get((slot.date, slot.post_id), {})
        if not c or not by:
            continue
        owners = {member[s] for s in by}
        hard = not gaps and slot.weight_under is None and slot.weight_over is None
        if hard and len(owners) == 1:
            g_const[owners.pop()] += c * slot.required
        else:
            for s, v in by.items():
                g_vars[member[s]].append(v)
                g_coef[member[s]].append(c)
    for g, ids in groups.items():
        for i in ids:
            items = [(c, v) for (d, p), v in ctx.person_vars(i).items() if (c := coef(d, p))]
            b = base.get(i, 0)
            hi = b + sum(c for c, _ in items)
            out.base[i], out.high[i] = b, hi
            out.step[i] = math.gcd(*[c for c, _ in items]) if items else 0
            if items:
                val = m.new_int_var(b, hi, f"{name}_{i}")
                m.add(val == b + total([v for _, v in items], [c for c, _ in items]))
                out.value[i] = val
            else:
                out.value[i] = b
        if g_vars[g]:
            hi = g_const[g] + sum(g_coef[g])
            tv = m.new_int_var(g_const[g], hi, f"{name}_total_{g}")
            m.add(tv == g_const[g] + total(g_vars[g], g_coef[g]))
            out.total[g] = tv
        else:
            out.total[g] = g_const[g]
    # No redundant "Σ loads = constant total" row: measured, it makes the bounded probes
    # on the sample 30x slower (it is implied by cover anyway).
    d = info["D"]
    for g, ids in groups.items():
        t = out.total[g]
        t_hi = t if isinstance(t, int) else sum(g_coef[g]) + g_const[g]
        for i in ids:
            mag = d * out.high[i] + info["a"][i] * t_hi
            if mag * max(1, len(member)) >= LIMIT:
                raise FairnessOverflowError(name, mag * len(member))
            if isinstance(t, int):
                out.const_k[i] = info["a"][i] * t
                out.dev[i] = d * out.value[i] - out.const_k[i]
            else:
                out.dev[i] = d * out.value[i] - info["a"][i] * t
    ctx.info[key] = out
    return out


def load_measure(ctx: ModelContext) -> Measure | None:
    """Load in hundredths of a point: history points plus post points of each duty."""
    posts = ctx.problem.post_by_id()
    hist = {h.staff_id: h.points100 for h in ctx.problem.history}
    return measure(ctx, "load", lambda d, p: posts[p].points100, hist)


def weekend_measure(ctx: ModelContext) -> Measure | None:
    """Count of duties on weekend or holiday days (no history)."""
    wh = {d.date for d in ctx.problem.days if d.is_weekend_or_holiday}
    return measure(ctx, "wh", lambda d, p: 1 if d in wh else 0, {})


def night_measure(ctx: ModelContext) -> Measure | None:
    """Count of night duties (no history)."""
    night = {p.post_id for p in ctx.problem.posts if p.is_night}
    return measure(ctx, "night", lambda d, p: 1 if p in night else 0, {})


def add_max_excess(ctx: ModelContext) -> None:
    """z ≥ e_i for every person; the term is z in units of 1/(100·D) of a point."""
    ms = load_measure(ctx)
    if ms is None or not ms.dev:
        ctx.add_term("max_excess", 0, 1)
        return
    info = ctx.info["fair"]
    d = info["D"]
    lb = lower_bound_max_excess(ms, info)
    hi = max(d * ms.high[i] for i in ms.dev)
    z = ctx.model.new_int_var(max(0, lb), max(hi, lb, 0), "max_excess")
    for i, e in ms.dev.items():
        if i in ms.const_k and not isinstance(ms.value[i], int):
            ctx.model.add(d * ms.value[i] - z <= ms.const_k[i])
        else:
            ctx.model.add(z >= e)
    devs = list(ms.dev.values())
    ctx.info["z"] = z
    ctx.add_term("max_excess", z, 100 * d,
                 exact=lambda sol: max(flat_value(e, sol) for e in devs))


def _add_abs(ctx: ModelContext, name: str, ms: Measure | None, scale_mult: int) -> None:
    """Σ_i |e_i| with t_i ≥ ±e_i; the exact value is recomputed from the roster."""
    if ms is None or not ms.dev or all(isinstance(ms.value[i], int) and isinstance(
            ms.total[ctx.info["fair"]["member"][i]], int) for i in ms.dev):
        const = 0
        if ms is not None:
            const = sum(abs(e) for e in ms.dev.values() if isinstance(e, int))
        ctx.add_term(name, const, scale_mult * (ctx.info["fair"]["D"] if ctx.info.get("fair")
                                                else 1))
        return
    d = ctx.info["fair"]["D"]
    m = ctx.model
    ts = []
    for i, e in ms.dev.items():
        if isinstance(e, int):
            ts.append(abs(e))
            continue
        bound = d * ms.high[i] + ctx.info["fair"]["a"][i] * _hi(ms, ctx, i)
        t = m.new_int_var(min(grid_distance(ms, d, i), bound), bound, f"abs_{name}_{i}")
        m.add(t >= e)
        m.add(t >= -e)
        ts.append(t)
    by_id = dict(zip(ms.dev, ts, strict=True))
    for g, ids in ctx.info["fair"]["groups"].items():
        lb = group_min_abs(ms, d, ids, ms.total[g])
        if lb:
            m.add(sum(by_id[i] for i in ids) >= lb)
    devs = list(ms.dev.values())
    ctx.add_term(name, sum(ts), scale_mult * d,
                 exact=lambda sol: sum(abs(flat_value(e, sol)) for e in devs))


def _hi(ms: Measure, ctx: ModelContext, i: str) -> int:
    """Upper bound of the group total of person i."""
    t = ms.total[ctx.info["fair"]["member"][i]]
    return t if isinstance(t, int) else int(list(t.proto.domain)[-1])


def add_abs_dev(ctx: ModelContext) -> None:
    """Σ |load_i − share_i| in units of 1/(100·D) of a point."""
    _add_abs(ctx, "abs_dev", load_measure(ctx), 100)


def add_abs_dev_weekend_holiday(ctx: ModelContext) -> None:
    """Σ |c_i − share_i| of weekend/holiday duty counts, units of 1/D."""
    _add_abs(ctx, "abs_dev_weekend_holiday", weekend_measure(ctx), 1)


def add_abs_dev_night(ctx: ModelContext) -> None:
    """Σ |c_i − share_i| of night duty counts, units of 1/D."""
    _add_abs(ctx, "abs_dev_night", night_measure(ctx), 1)
