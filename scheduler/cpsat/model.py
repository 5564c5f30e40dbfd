"""Build one CP-SAT model: eligible duty variables, then every rule of the ``RULES`` table."""

from __future__ import annotations

from ..problem import Problem, SolveParams
from .context import ModelContext
from .eligibility import ELIGIBILITY, PER_POST, Facts
from .expr import total


def create_vars(ctx: ModelContext) -> None:
    """Create ``x`` only where every eligibility rule allows it, then ``work`` per person-day.

    Outside explain mode ``work = Σ x`` (which is the one-per-day rule for free); in explain
    mode ``work`` is the OR of the day's duties so that one-per-day can be a guarded rule.
    """
    problem, m = ctx.problem, ctx.model
    facts = Facts.of(problem)
    ctx.info["facts"] = facts
    posts = problem.post_by_id()
    per_post = [t for key, t in ELIGIBILITY if key in PER_POST]
    per_day = [t for key, t in ELIGIBILITY if key != "cover" and key not in PER_POST]
    slots = [(s.date, posts[s.post_id]) for s in problem.slots if s.post_id in posts]
    for s in problem.staff:
        mine = {pid for pid, p in posts.items() if all(t(facts, s, None, p) for t in per_post)}
        for d, p in slots:
            if p.post_id in mine and all(t(facts, s, d, p) for t in per_day):
                key = (s.staff_id, d, p.post_id)
                ctx.add_x(key, m.new_bool_var(f"x_{s.staff_id}_{d}_{p.post_id}"))
    for s in problem.staff:
        for day in problem.days:
            vs = ctx.person_day_vars(s.staff_id, day.date)
            key = (s.staff_id, day.date)
            if not vs:
                ctx.work[key] = ctx.zero
            elif len(vs) == 1:
                ctx.work[key] = vs[0]
            else:
                w = m.new_bool_var(f"work_{s.staff_id}_{day.date}")
                if ctx.explain:
                    for v in vs:
                        m.add_implication(v, w)
                    m.add(w <= total(vs))
                else:
                    m.add(w == total(vs))
                ctx.work[key] = w


LAZY_TERMS = frozenset({"spacing"})
"""Terms whose variables (one per pair of nearby duty days) outnumber the duty variables;
``build_model(lazy=True)`` leaves them out until their level is solved."""


def ensure_terms(ctx: ModelContext, names) -> bool:
    """Add the named objective terms that the model does not have yet; True if any added."""
    from .rules import RULES

    added = False
    for name in names:
        entry = RULES.get(name)
        if name not in ctx.terms and entry is not None and entry[2] == "term":
            entry[1](ctx)
            added = True
    return added


def build_model(problem: Problem, params: SolveParams | None = None,
                explain: bool = False, skip: frozenset[str] = frozenset(),
                lazy: bool = False) -> ModelContext:
    """The full model of ``problem``: variables, every hard rule, every objective term.

    In explain mode objective terms are left out (only feasibility matters) and every rule
    instance is guarded. ``skip`` leaves rules out by key (used by tests and by the
    explanation's drop-one search); ``lazy`` leaves out :data:`LAZY_TERMS` (add them with
    :func:`ensure_terms`). The returned ``ctx.model`` is open for more constraints or hints
    (large-neighbourhood search builds on it).
    """
    from .rules import RULES  # late import: rules import this module's helpers

    ctx = ModelContext(problem=problem, params=params or SolveParams(), explain=explain)
    create_vars(ctx)
    for name, (_label, fn, kind) in RULES.items():
        if name in skip or (explain and kind == "term") or (lazy and name in LAZY_TERMS):
            continue
        fn(ctx)
    return ctx
