"""A redundant lower bound on the cover shortfall of weekend and holiday slots.

Why: the LP of a large model lets people work fractions of their weekends, so it covers
more weekend shifts than any roster can, and on the largest models the root LP is not even
solved in time (Instance12: change 17 ends the turn first, and the reported bound was 5–11
against the best known 4040). Minimising the weekend and holiday shortfall *alone* is
quick (Instance12: 40 shifts, proven in 2–3 s with 2 workers, where the whole cover alone
was still 48 short after 60 s), and every roster is at least that short. Added as a
constraint, it gives the model that integer minimum: Instance12's bound became 4000–4016.
In every best known value of Instance10–12 the cover part equals this minimum (46, 34 and
40 shifts).

It is added only where the root LP gave no bound in time (:mod:`.large`): where the LP is
solved (Instance8–11) it already knows this part (Instance10: bound 4621 against the cut's
4600), and added there from the start it cost the search (Instance10 4746 / 4738 against
4648 / 4643, seeds 0 / 1).

Weekend and holiday days are the scarce ones because a limit on worked weekends (or on
weekend and holiday duties a month) caps them, and the LP relaxes exactly that cap.

The same minimum also steers the search (:func:`repair_model`): a roster one weekend shift
shorter than necessary is a local optimum that windows of days do not leave, so where that
minimum is nearly the whole objective, the large path repairs the incumbent towards it
once, by windows that charge the scarce shortfall more.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ortools.sat.python import cp_model

from .context import ModelContext
from .expr import flat_value
from .lns import lp_solver, set_hint, solution_vector
from .safe_solve import solve_model

CUT_SHARE = 0.05
"""Share of the time limit the shortfall minimum may take (3 s of a minute).

Its bound comes early (Instance12: 37 after 1.7 s, 40 after 2.0 s, with reading and model
building); a bound short of the minimum is still valid, only weaker."""


REPAIR_DOMINANT = 0.9
"""The repair (:func:`repair_model`) is tried only where the least scarce shortfall makes up
at least this share of the objective's lower bound.

Why: there the scarce cover is nearly the whole objective, so a roster at that minimum is
likely near the optimum (Instance10: 4600 of a bound of 4624; the best known 4631 is at the
minimum). Where it is a small part, reaching it costs elsewhere: Instance8's minimum is 7
weekend shifts short (700 of a bound of 1262), its best known 1300 is 12 short, and the
repair never found a roster at 7 in its 6 s, which the windows then lacked (seeds 0–3:
1336 / 1337 / 1318 / 1317 against 1309 / 1423 / 1309 / 1315 without the repair). The
search for the minimum itself ends as soon as it finds a roster below this share
(Instance8: about 1 s instead of 1.5–3 s for the proof)."""


def scarce_shortfall(ctx: ModelContext) -> list[tuple[cp_model.IntVar, int]]:
    """(under-cover variable, weight) of every soft slot on a weekend or holiday."""
    scarce = {d.date for d in ctx.problem.days if d.is_weekend_or_holiday}
    return [(var, weight) for (date, _), (var, weight) in ctx.info.get("under", {}).items()
            if date in scarce]


def scarce_expr(terms) -> cp_model.LinearExpr:
    """Σ weight·under over the given (under-cover variable, weight) terms."""
    return cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [w for _, w in terms])


class _StopBelow(cp_model.CpSolverSolutionCallback):
    """Ends a minimisation once it has found a value under ``value``."""

    def __init__(self, value: int):
        super().__init__()
        self.below, self.hit = value, False

    def on_solution_callback(self) -> None:
        if self.objective_value < self.below:
            self.hit = True
            self.stop_search()


def scarce_minimum(ctx: ModelContext, limit: float, workers: int,
                   seed: int) -> tuple[int, bool]:
    """(L, proven): CP-SAT's lower bound L on the weighted scarce shortfall alone, with
    every rule, on a copy of the model; ``proven`` when L is that minimum exactly.
    (0, False) when there is nothing to bound or no time."""
    bound, proven, _ = _least_scarce(ctx, limit, workers, seed)
    return bound, proven


def _least_scarce(ctx: ModelContext, limit: float, workers: int, seed: int,
                  stop_below: int | None = None,
                  hint: list[int] | None = None,
                  stop_at_bound: int | None = None) -> tuple[int, bool, list[int] | None]:
    """:func:`scarce_minimum`, and the last roster found (a complete solution vector).

    With ``stop_below`` the search ends unproven as soon as it finds a roster under that
    shortfall (the caller only needs to know whether the minimum reaches it), and with
    ``stop_at_bound`` as soon as its bound reaches that value (the caller only needs to
    know that the minimum is at least that). With ``hint`` (a complete roster) the search
    starts from it; the repair (:func:`repair_model`) starts from the incumbent, which
    makes its bound come sooner (Instance10: 1.7 s to the proof from a final roster,
    against 2.8–3.3 s without a hint). The roster it ends with minds nothing but the
    shortfall, so its duties may differ widely from the hint's (from Instance11's stuck
    3556 roster: a roster at the least whose objective is 29 968).
    """
    terms = scarce_shortfall(ctx)
    if not terms or limit <= 0:
        return 0, False, None
    copy = ctx.model.clone()
    if hint is None:
        copy.clear_hints()
    else:
        set_hint(copy, range(len(hint)), hint)  # replaces the model's hint
    copy.minimize(scarce_expr(terms))
    solver = lp_solver(workers, seed, limit, lp=True)
    stop = None if stop_below is None else _StopBelow(stop_below)
    if stop_at_bound is not None:
        def _bound(value: float) -> None:
            if value >= stop_at_bound - 1e-6:
                solver.stop_search()
        solver.best_bound_callback = _bound
    status = solve_model(solver, copy, stop)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN):
        return 0, False, None  # infeasible or invalid: the full solve will say so itself
    found = None if status == cp_model.UNKNOWN else \
        solution_vector(solver.response_proto, len(copy.proto.variables))
    if stop is not None and stop.hit:
        return max(0, math.ceil(solver.best_objective_bound - 1e-6)), False, found
    bound = solver.objective_value if status == cp_model.OPTIMAL \
        else solver.best_objective_bound
    bound = math.ceil(bound - 1e-6) if math.isfinite(bound) else 0
    return max(0, bound), status == cp_model.OPTIMAL, found


def add_shortfall_cut(ctx: ModelContext, limit: float, workers: int, seed: int) -> int:
    """Add Σ weight·under ≥ L over weekend and holiday slots; L, or 0 if nothing was added.

    L is :func:`scarce_minimum`'s bound, so the cut holds for every roster.
    ``ctx.model`` is changed only by the cut itself.
    """
    bound, _ = scarce_minimum(ctx, limit, workers, seed)
    if bound <= 0:
        return 0
    ctx.model.add(scarce_expr(scarce_shortfall(ctx)) >= bound)
    return bound


REPAIR_WEIGHT = 10
"""In the repair's copy (:func:`repair_model`) each unit of scarce shortfall costs this
many times more, on top of its cost in the objective.

Why: a unit more covered must outweigh what the windows would otherwise keep (requests,
weekday cover), so that the repair reaches the least shortfall, while every other term
still counts, so that it changes little else. From a final Instance10 roster 48 shifts
short (4861), windows on the scarce shortfall alone reached the least (46) in 0.6–3.0 s
but left a roster of 11 066 / 11 257; with this weight, 46 in 4–6 s at 4781 / 4970."""


def repair_model(ctx: ModelContext, best: list[int], bound: int, limit: float, workers: int,
                 seed: int) -> tuple[cp_model.CpModel | None, int]:
    """A copy of the model whose objective also charges the scarce shortfall
    :data:`REPAIR_WEIGHT` times over, for the windows to repair ``best`` towards the least
    shortfall before the search goes on from what they reach.

    Why: a search can settle where one more weekend shift short than necessary is a deep
    local optimum: on Instance10, 2 of 6 runs ended 47 shifts short (4733–4744) where 46
    is the least, and 25 s of windows from that roster found nothing better, while from
    a roster repaired to 46 short the windows reached 4644 within 20 s (README, change
    20). Change 20 solved a copy restricted to the proven least; its proof needs a
    roster at the least, and on a slower machine none was found within its 6 s in seven
    of seven tries (README, change 27). The least's lower bound comes within about a
    second, and the weighted copy needs no roster at the least to start from.

    Returns the copy, or None when ``best`` is already at the lower bound found for the
    least within ``limit``, or when that bound is under :data:`REPAIR_DOMINANT` of
    ``bound`` (the objective's lower bound from the root LP): the search for the least
    stops as soon as it knows either. Returned with it is that lower bound on the least
    (the floor the repair aims at; 0 where none was sought), which holds for every roster,
    so that the caller can raise its bound by it (:func:`objective_floor`).
    ``ctx.model`` is not changed.
    """
    terms = scarce_shortfall(ctx)
    least = dominant_shortfall(ctx, REPAIR_DOMINANT * bound)
    current = scarce_level(ctx, best)
    if not terms or limit <= 0 or least is None or current <= least:
        return None, 0  # the minimum is at most ``current``: it cannot be dominant
    floor, _, _ = _least_scarce(ctx, limit, workers, seed, stop_below=least, hint=best,
                                stop_at_bound=least)
    if current <= floor or floor < least:
        return None, floor
    copy = ctx.model.clone()
    extra = [(copy.get_int_var_from_proto_index(v.index), w) for v, w in terms]
    copy.minimize(objective_expr(copy) + REPAIR_WEIGHT * scarce_expr(extra))
    copy.clear_hints()
    return copy, floor


def objective_expr(model: cp_model.CpModel) -> cp_model.LinearExpr:
    """The objective of ``model`` as a linear expression of its own variables.

    The offset is made an int: a float one would make a new objective built on it a
    floating-point one, which CP-SAT stores apart from ``objective.vars``."""
    objective = model.proto.objective
    refs = list(objective.vars)  # a negative reference stands for the variable negated
    return cp_model.LinearExpr.weighted_sum(
        [model.get_int_var_from_proto_index(r if r >= 0 else -r - 1) for r in refs],
        [c if r >= 0 else -c for r, c in zip(refs, objective.coeffs, strict=True)],
    ) + int(objective.offset)


def scarce_level(ctx: ModelContext, vector: list[int]) -> int:
    """The weighted scarce shortfall of a complete solution vector."""
    return flat_value(scarce_expr(scarce_shortfall(ctx)), vector)


def objective_floor(ctx: ModelContext, cut: int) -> int:
    """The lower bound that Σ weight·under ≥ ``cut`` puts on the objective of ``ctx.model``.

    The scarce under-cover variables appear in the objective with some multiple of their
    slot weights, so their part is at least the smallest multiple times ``cut``; every other
    variable counts at the end of its domain that makes the objective least. Why not only
    the cut: a term such as ``requests`` is a constant minus the weights of the wishes met,
    so its parts are negative although the term never is; taken together it is ≥ 0.
    """
    line = _floor_line(ctx) if cut > 0 else None
    if line is None:
        return 0
    rest, ratio = line
    return max(0, math.floor(rest + ratio * cut))


def dominant_shortfall(ctx: ModelContext, value: float) -> int | None:
    """The least scarce shortfall that bounds the objective by at least ``value`` through
    :func:`objective_floor`, or None where the scarce shortfall bounds nothing."""
    line = _floor_line(ctx)
    if line is None:
        return None
    rest, ratio = line
    return max(1, math.ceil((Fraction(math.ceil(value)) - rest) / ratio))


def _floor_line(ctx: ModelContext) -> tuple[Fraction, Fraction] | None:
    """(rest, ratio) with objective ≥ rest + ratio × (weighted scarce shortfall) for every
    roster (see :func:`objective_floor`), or None where no such line is known."""
    obj = ctx.model.proto.objective
    terms = scarce_shortfall(ctx)
    if not terms or obj.scaling_factor not in (0, 1):
        return None
    coeff = dict(zip(obj.vars, obj.coeffs, strict=True))
    ratio = min(Fraction(coeff.get(v.index, 0), w) for v, w in terms)
    if ratio <= 0:
        return None
    scarce = {v.index for v, _ in terms}
    rest = Fraction(obj.offset)
    for ref, c in coeff.items():
        if ref in scarce:
            continue
        dom = list(ctx.model.proto.variables[ref if ref >= 0 else -ref - 1].domain)  # the
        # proto's own [-1] is not the last element in OR-Tools 9.15
        lo, hi = (dom[0], dom[-1]) if ref >= 0 else (-dom[-1], -dom[0])
        rest += min(c * lo, c * hi)
    return rest, ratio
