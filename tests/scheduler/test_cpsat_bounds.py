"""The analytic lower bounds equal brute-force minima on small random groups (a bound that
is too high would silently cut optimal rosters, so it is checked exhaustively)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.cpsat.bounds import group_min_abs, lower_bound_max_excess
from scheduler.cpsat.fair import Measure


@st.composite
def groups(draw):
    n = draw(st.integers(1, 4))
    d = draw(st.integers(1, 7))
    step = draw(st.sampled_from((1, 2, 3)))
    ms = Measure("m")
    ids = [f"p{k}" for k in range(n)]
    for i in ids:
        ms.base[i] = draw(st.integers(0, 3))
        ms.step[i] = step if draw(st.booleans()) or i == "p0" else 0
        ms.high[i] = ms.base[i] + (ms.step[i] * draw(st.integers(0, 4)))
        ms.const_k[i] = draw(st.integers(0, 12 * d))
    return ms, d, ids


def _grid(ms, i):
    if not ms.step[i]:
        return [ms.base[i]]
    return list(range(ms.base[i], ms.high[i] + 1, ms.step[i]))


@settings(max_examples=150, deadline=None)
@given(groups(), st.integers(0, 30))
def test_group_min_abs_is_the_exact_minimum(group, total):
    """For every reachable total the bound is the true minimum (0 = no bound claimed)."""
    ms, d, ids = group
    best = None
    for vs in itertools.product(*[_grid(ms, i) for i in ids]):
        if sum(vs) == total:
            c = sum(abs(d * v - ms.const_k[i]) for i, v in zip(ids, vs, strict=True))
            best = c if best is None else min(best, c)
    lb = group_min_abs(ms, d, ids, total)
    assert lb >= 0
    if best is not None:  # an unreachable total has no roster, so any bound is sound
        assert lb in (0, best)


@settings(max_examples=150, deadline=None)
@given(groups(), st.integers(0, 30))
def test_max_excess_bound_never_exceeds_the_optimum(group, total):
    """The analytic bound on the largest excess is at most the brute-force optimum."""
    ms, d, ids = group
    ms.total["g"] = total
    for i in ids:
        ms.dev[i] = 0
    best = None
    for vs in itertools.product(*[_grid(ms, i) for i in ids]):
        if sum(vs) == total:
            z = max(d * v - ms.const_k[i] for i, v in zip(ids, vs, strict=True))
            best = z if best is None else min(best, z)
    lb = lower_bound_max_excess(ms, {"D": d, "groups": {"g": tuple(ids)}})
    if best is not None:
        assert lb <= max(best, 0)


@settings(max_examples=150, deadline=None)
@given(groups())
def test_grid_distance_is_the_exact_per_person_minimum(group):
    """Each person's deviation bound equals the distance from the share to their grid."""
    from scheduler.cpsat.bounds import grid_distance

    ms, d, ids = group
    for i in ids:
        best = min(abs(d * v - ms.const_k[i]) for v in _grid(ms, i))
        assert grid_distance(ms, d, i) == best
