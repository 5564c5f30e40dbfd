"""Small helpers on CP-SAT linear expressions shared by the rules and the solver loop."""

from __future__ import annotations

from ortools.sat.python import cp_model
from ortools.sat.python import cp_model_helper as _helper


def flat_value(expr, sol) -> int:
    """Value of a linear expression in a solution vector (list of values by variable index).

    The lexicographic loop keeps the best solution as a plain list so that every level's
    value can be recomputed exactly from the final roster, whichever solver found it.
    """
    if isinstance(expr, int):
        return expr
    flat = _helper.FlatIntExpr(expr)
    pairs = zip(flat.vars, flat.coeffs, strict=True)
    return int(flat.offset) + sum(int(c) * sol[v.index] for v, c in pairs)


def has_vars(expr) -> bool:
    """Whether an expression depends on any variable (a term without any is a constant)."""
    if isinstance(expr, int):
        return False
    return any(c != 0 for c in _helper.FlatIntExpr(expr).coeffs)


def is_zero(ctx, w) -> bool:
    """A ``work`` entry that is the shared constant 0 (nobody may put the person on that day)."""
    return isinstance(w, int) or w is ctx.zero or w.index == ctx.zero.index


def total(vs, coeffs=None):
    """Σ vs (weighted); 0 for an empty list so callers need no special case."""
    if not vs:
        return 0
    if coeffs is None:
        return cp_model.LinearExpr.sum(vs)
    return cp_model.LinearExpr.weighted_sum(vs, coeffs)
