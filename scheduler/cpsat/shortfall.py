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
"""

from __future__ import annotations

import math
from fractions import Fraction

from ortools.sat.python import cp_model

from .context import ModelContext
from .lns import lp_solver
from .safe_solve import solve_model

CUT_SHARE = 0.05
"""Share of the time limit the shortfall minimum may take (3 s of a minute).

Its bound comes early (Instance12: 37 after 1.7 s, 40 after 2.0 s, with reading and model
building); a bound short of the minimum is still valid, only weaker."""


def scarce_shortfall(ctx: ModelContext) -> list[tuple[cp_model.IntVar, int]]:
    """(under-cover variable, weight) of every soft slot on a weekend or holiday."""
    scarce = {d.date for d in ctx.problem.days if d.is_weekend_or_holiday}
    return [(var, weight) for (date, _), (var, weight) in ctx.info.get("under", {}).items()
            if date in scarce]


def add_shortfall_cut(ctx: ModelContext, limit: float, workers: int, seed: int) -> int:
    """Add Σ weight·under ≥ L over weekend and holiday slots; L, or 0 if nothing was added.

    L is CP-SAT's lower bound for that sum alone, on a copy of the model with every rule,
    so the cut holds for every roster. ``ctx.model`` is changed only by the cut itself.
    """
    terms = scarce_shortfall(ctx)
    if not terms or limit <= 0:
        return 0
    expr = cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [w for _, w in terms])
    copy = ctx.model.clone()
    copy.clear_hints()
    copy.minimize(expr)
    solver = lp_solver(workers, seed, limit, lp=True)
    status = solve_model(solver, copy, None)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN):
        return 0  # infeasible or invalid: the full solve will say so itself
    bound = solver.objective_value if status == cp_model.OPTIMAL \
        else solver.best_objective_bound
    bound = math.ceil(bound - 1e-6) if math.isfinite(bound) else 0
    if bound <= 0:
        return 0
    ctx.model.add(expr >= bound)
    return bound


def objective_floor(ctx: ModelContext, cut: int) -> int:
    """The lower bound that Σ weight·under ≥ ``cut`` puts on the objective of ``ctx.model``.

    The scarce under-cover variables appear in the objective with some multiple of their
    slot weights, so their part is at least the smallest multiple times ``cut``; every other
    variable counts at the end of its domain that makes the objective least. Why not only
    the cut: a term such as ``requests`` is a constant minus the weights of the wishes met,
    so its parts are negative although the term never is; taken together it is ≥ 0.
    """
    obj = ctx.model.proto.objective
    terms = scarce_shortfall(ctx)
    if cut <= 0 or not terms or obj.scaling_factor not in (0, 1):
        return 0
    coeff = dict(zip(obj.vars, obj.coeffs, strict=True))
    ratio = min(Fraction(coeff.get(v.index, 0), w) for v, w in terms)
    if ratio <= 0:
        return 0
    scarce = {v.index for v, _ in terms}
    floor = Fraction(obj.offset) + ratio * cut
    for ref, c in coeff.items():
        if ref in scarce:
            continue
        dom = list(ctx.model.proto.variables[ref if ref >= 0 else -ref - 1].domain)  # the
        # proto's own [-1] is not the last element in OR-Tools 9.15
        lo, hi = (dom[0], dom[-1]) if ref >= 0 else (-dom[-1], -dom[0])
        floor += min(c * lo, c * hi)
    return max(0, math.floor(floor))
