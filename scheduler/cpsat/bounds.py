"""Lower bounds on the fairness levels that CP-SAT cannot see by itself.

All three use the same facts: with a constant group total, a person's value (load in
hundredths, or a duty count) moves on a grid ``base + k·step`` within [base, high], and the
shares are constants ``K_i / D``. The bounds are exact minima of relaxations (only the group
sum is imposed), so they are valid for every roster and often tight.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .fair import Measure


def lower_bound_max_excess(ms: Measure, info: dict) -> int:
    """Smallest z with Σ_i (largest reachable m_i ≤ (z + a_i·T_g)/D) ≥ T_g in every group.

    Only for groups with a constant total. Reachable values are ``base + k·step`` up to
    the person's upper bound, so the bound reflects that loads move in whole duties.
    """
    d, best = info["D"], 0
    for g, ids in info["groups"].items():
        t = ms.total[g]
        if not isinstance(t, int) or not all(i in ms.const_k for i in ids):
            continue

        def reach(z: int, ids=ids) -> int:
            s = 0
            for i in ids:
                cap = min(ms.high[i], (z + ms.const_k[i]) // d)
                b, st = ms.base[i], ms.step[i]
                if cap < b:
                    return -1  # even zero duties exceed z: z too small
                s += b + (st * ((cap - b) // st) if st else 0)
            return s

        hi = d * max(ms.high[i] for i in ids)
        lo = -hi - max(ms.const_k[i] for i in ids) - 1
        if reach(hi) < t:
            continue  # infeasible anyway; leave it to the solver
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if reach(mid) >= t:
                hi = mid
            else:
                lo = mid
        best = max(best, hi)
    return best


def grid_distance(ms: Measure, d: int, i: str) -> int:
    """Smallest |e_i| any roster can give person i when their share is a constant.

    Values move on the grid ``base + k·step`` within [base, high], so the deviation can
    never be smaller than the distance from the share to that grid: a free lower bound
    that lets CP-SAT start its bound on the absolute-deviation levels above zero.
    """
    if i not in ms.const_k:
        return 0
    k, b, st, hi = ms.const_k[i], ms.base[i], ms.step[i], ms.high[i]
    if not st:
        return abs(d * b - k)
    lo_v = b + st * max(0, min((hi - b) // st, (k // d - b) // st))
    best = abs(d * lo_v - k)
    for v in (lo_v - st, lo_v + st, lo_v + 2 * st):
        if b <= v <= hi:
            best = min(best, abs(d * v - k))
    return best


def group_min_abs(ms: Measure, d: int, ids, total_g) -> int:
    """Exact minimum of Σ_i |D·v_i − K_i| over one group when only the group sum is imposed.

    Valid when the total is a constant and every person with a choice moves on the same
    step: the cost is convex and separable, so adding or removing one step at a time where it
    costs least is optimal. This row tells CP-SAT that deviations must add up to at least
    the unavoidable rounding of the shares, a bound the per-person grid distances miss.
    """
    if not isinstance(total_g, int) or any(i not in ms.const_k for i in ids):
        return 0
    steps = {ms.step[i] for i in ids if ms.step[i]}
    if len(steps) != 1:
        return 0
    st = steps.pop()
    v = {}
    for i in ids:
        b, k = ms.base[i], ms.const_k[i]
        if not ms.step[i]:
            v[i] = b
            continue
        top = b + st * ((ms.high[i] - b) // st)
        v[i] = min(top, max(b, b + st * ((k // d - b) // st)))
    diff = total_g - sum(v.values())
    if diff % st:
        return 0
    n, sign = abs(diff) // st, (1 if diff > 0 else -1)

    def cost(i: str, x: int) -> int:
        return abs(d * x - ms.const_k[i])

    def ok(i: str, x: int) -> bool:
        return ms.step[i] and ms.base[i] <= x <= ms.high[i]

    heap = [(cost(i, v[i] + sign * st) - cost(i, v[i]), i) for i in ids
            if ok(i, v[i] + sign * st)]
    heapq.heapify(heap)
    for _ in range(n):
        if not heap:
            return 0  # infeasible totals: leave it to the solver
        _, i = heapq.heappop(heap)
        v[i] += sign * st
        if ok(i, v[i] + sign * st):
            heapq.heappush(heap, (cost(i, v[i] + sign * st) - cost(i, v[i]), i))
    return sum(cost(i, v[i]) for i in ids)
