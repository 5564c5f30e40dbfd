"""A greedy roster and a load repair, used as solver hints.

Construction fills the scarcest slots first with the person furthest below their fair share
who breaks no township rule. Repair then moves or swaps single duties away from people whose
load exceeds a cap (the caps that "largest excess ≤ c" implies) until nobody is over, which
on township problems usually reaches the analytic lower bound in a fraction of a second, where
CP-SAT alone needs minutes on a year. Neither is a solver: they ignore the benchmark-style
sequence rules and may fail; CP-SAT completes, checks and improves what they produce.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..fairness import fairness_groups, weights
from .context import Key, ModelContext

ONE = dt.timedelta(days=1)


class State:
    """A roster under construction with the counters the township rules need."""

    def __init__(self, ctx: ModelContext) -> None:
        problem = ctx.problem
        self.ctx, self.rules = ctx, problem.rules
        self.posts = problem.post_by_id()
        self.day_of = problem.day_by_date()
        hist = {h.staff_id: h for h in problem.history}
        self.load = {s.staff_id: hist[s.staff_id].points100 if s.staff_id in hist else 0
                     for s in problem.staff}
        self.duties: dict[str, dict[dt.date, str]] = defaultdict(dict)  # person->date->post
        self.history_rest: dict[str, tuple[dt.date, int]] = {}
        rmax = max((p.rest_days_after for p in problem.posts), default=0)
        for h in problem.history:
            if h.last_duty is not None:
                self.history_rest[h.staff_id] = (h.last_duty, rmax)
        self.rmax = rmax
        self.count = defaultdict(int)
        self.partners = defaultdict(set)
        for a, b in self.rules.never_together:
            self.partners[a].add(b)
            self.partners[b].add(a)
        self.pinned = {(p.staff_id, p.date, p.post_id) for p in problem.pins}

    def _keys(self, s: str, d: dt.date) -> list[tuple]:
        """The capped counters (month, ISO week, weekend/holiday month) a duty counts in."""
        keys = [("m", s, d.year, d.month), ("w", s, *d.isocalendar()[:2])]
        if self.day_of[d].is_weekend_or_holiday:
            keys.append(("wh", s, d.year, d.month))
        return keys

    def take(self, s: str, d: dt.date, p: str) -> None:
        """Put s on p on day d and update load and counters."""
        self.duties[s][d] = p
        self.load[s] += self.posts[p].points100
        for k in self._keys(s, d):
            self.count[k] += 1

    def remove(self, s: str, d: dt.date) -> None:
        """Take s off their duty on day d (the inverse of :meth:`take`)."""
        p = self.duties[s].pop(d)
        self.load[s] -= self.posts[p].points100
        for k in self._keys(s, d):
            self.count[k] -= 1

    def ok(self, s: str, d: dt.date, p: str, ignore: dt.date | None = None) -> bool:
        """Whether s may take p on d (``ignore``: a duty of s about to be given away)."""
        if (s, d, p) not in self.ctx.x:
            return False
        mine = self.duties[s]
        if d in mine and d != ignore:
            return False
        gap, rest = self.rules.min_gap_days, self.posts[p].rest_days_after
        for k in range(1, max(gap, self.rmax) + 1):
            b, a = d - k * ONE, d + k * ONE
            if b in mine and b != ignore and (k - 1 < gap or k <= self.posts[mine[b]]
                                              .rest_days_after):
                return False
            if a in mine and a != ignore and (k - 1 < gap or k <= rest):
                return False
        h = self.history_rest.get(s)
        if h is not None and 0 < (d - h[0]).days and ((d - h[0]).days <= h[1]
                                                     or (d - h[0]).days - 1 < gap):
            return False
        r = self.rules
        same = ignore is not None and (ignore.year, ignore.month) == (d.year, d.month)
        if r.max_duties_per_month is not None and \
                self.count[("m", s, d.year, d.month)] - same >= r.max_duties_per_month:
            return False
        same_w = ignore is not None and ignore.isocalendar()[:2] == d.isocalendar()[:2]
        if r.max_duties_per_week is not None and \
                self.count[("w", s, *d.isocalendar()[:2])] - same_w >= r.max_duties_per_week:
            return False
        if self.day_of[d].is_weekend_or_holiday and \
                r.max_weekend_holiday_duties_per_month is not None:
            same_wh = same and self.day_of[ignore].is_weekend_or_holiday
            if self.count[("wh", s, d.year, d.month)] - same_wh >= \
                    r.max_weekend_holiday_duties_per_month:
                return False
        return not any(d in self.duties[q] for q in self.partners[s])

    def values(self) -> dict[Key, int]:
        """0/1 per duty variable, the form a solver hint needs."""
        out = dict.fromkeys(self.ctx.x, 0)
        for s, days in self.duties.items():
            for d, p in days.items():
                out[(s, d, p)] = 1
        return out


def _shares(ctx: ModelContext, load: dict[str, int]) -> dict[str, float]:
    """Expected full load (history included) per person, groups split by eligibility."""
    problem = ctx.problem
    posts = problem.post_by_id()
    w = weights(problem)
    groups = fairness_groups(problem)
    member = {i: g for g, ids in groups.items() for i in ids}
    g_total = {g: float(sum(load[i] for i in ids)) for g, ids in groups.items()}
    for slot in problem.slots:
        elig = [member[i] for i in ctx.by_slot.get((slot.date, slot.post_id), {}) if i in member]
        for g in elig:
            g_total[g] += slot.required * posts[slot.post_id].points100 / len(elig)
    return {i: g_total[g] * float(w[i]) / float(sum(w[j] for j in groups[g]))
            for g, ids in groups.items() for i in ids}


def construct(ctx: ModelContext, rng=None) -> State:
    """Pins first, then day by day the scarcest slot to the person most below their share
    (``rng``: random tie-breaking noise for restarts)."""
    st = State(ctx)
    share = _shares(ctx, st.load)
    problem = ctx.problem
    pinned_slot = defaultdict(int)
    for pin in problem.pins:
        if (pin.staff_id, pin.date, pin.post_id) in ctx.x and pin.date not in \
                st.duties[pin.staff_id]:
            st.take(pin.staff_id, pin.date, pin.post_id)
            pinned_slot[(pin.date, pin.post_id)] += 1
    by_day = defaultdict(list)
    for s in problem.slots:
        by_day[s.date].append(s)
    for day in problem.days:
        d = day.date
        slots = sorted(by_day[d], key=lambda s: len(ctx.by_slot.get((d, s.post_id), {})))
        for slot in slots:
            need = slot.required - pinned_slot[(d, slot.post_id)]
            pts = st.posts[slot.post_id].points100
            cands = [s for s in ctx.by_slot.get((d, slot.post_id), {})
                     if st.ok(s, d, slot.post_id)]
            noise = {s: rng.random() * 60 for s in cands} if rng else {}
            cands.sort(key=lambda s: st.load[s] + pts - share.get(s, 0.0) + noise.get(s, 0))
            for s in cands:
                if need <= 0:
                    break
                if st.ok(s, d, slot.post_id):
                    st.take(s, d, slot.post_id)
                    need -= 1
    return st


def repair(st: State, caps: dict[str, int], max_rounds: int = 20) -> int:
    """Move or swap duties so that no load exceeds its cap; returns the overflow left.

    A move gives one duty of an over-cap person to someone eligible with room under their cap;
    a swap exchanges it for a duty worth fewer points of such a person on another day.
    """
    ctx = st.ctx
    posts = st.posts

    def over(s: str) -> int:
        return max(0, st.load[s] - caps.get(s, st.load[s]))

    for _ in range(max_rounds):
        changed = False
        for i in sorted(caps, key=lambda s: -over(s)):
            if over(i) == 0:
                continue
            mine = sorted(st.duties[i].items(), key=lambda dp: -posts[dp[1]].points100)
            for d, p in mine:
                if over(i) == 0:
                    break
                if (i, d, p) in st.pinned:
                    continue
                pts = posts[p].points100
                cands = [j for j in ctx.by_slot.get((d, p), {}) if j != i and j in caps]
                cands.sort(key=lambda j: st.load[j] - caps[j])
                done = False
                for j in cands:
                    if st.load[j] + pts <= caps[j] and st.ok(j, d, p):
                        st.remove(i, d)
                        st.take(j, d, p)
                        done = changed = True
                        break
                if done:
                    continue
                done = _chain(st, caps, i, d, p, cands)
                changed = changed or done
                if done:
                    continue
                for j in cands:  # swap: j takes (d, p), i takes a cheaper duty of j
                    if not st.ok(j, d, p):
                        continue
                    for d2, p2 in list(st.duties[j].items()):
                        pts2 = posts[p2].points100
                        if pts2 >= pts or (j, d2, p2) in st.pinned:
                            continue
                        if st.load[j] + pts - pts2 > caps[j]:
                            continue
                        if _exchange(st, [(i, d, p), (j, d2, p2)], [(i, d2, p2), (j, d, p)]):
                            done = changed = True
                            break
                    if done:
                        break
        if not changed:
            break
    return sum(over(s) for s in caps)


def _chain(st: State, caps: dict[str, int], i: str, d: dt.date, p: str,
           cands: list[str]) -> bool:
    """Ejection chain of length two: j takes (d, p) from i after passing one of its own
    duties to some k with room, which frees j either of load (cap) or of a rule conflict
    (rest, gap, monthly caps) with the duty it takes."""
    ctx, posts = st.ctx, st.posts
    pts = posts[p].points100
    for j in cands:
        for d2, p2 in list(st.duties[j].items()):
            pts2 = posts[p2].points100
            if d2 == d or (j, d2, p2) in st.pinned or st.load[j] + pts - pts2 > caps[j]:
                continue
            if not st.ok(j, d, p, ignore=d2):
                continue
            for k in ctx.by_slot.get((d2, p2), {}):
                if k in (i, j) or k not in caps or st.load[k] + pts2 > caps[k]:
                    continue
                if not st.ok(k, d2, p2):
                    continue
                if _exchange(st, [(j, d2, p2), (i, d, p)], [(j, d, p), (k, d2, p2)]):
                    return True
    return False


def _exchange(st: State, out: list[tuple], into: list[tuple]) -> bool:
    """Give up the duties ``out`` and take ``into`` if each is legal once ``out`` is gone;
    otherwise put ``out`` back, so a failed move leaves the roster as it was."""
    for who, d, _ in out:
        st.remove(who, d)
    if all(st.ok(*duty) for duty in into):
        for duty in into:
            st.take(*duty)
        return True
    for duty in out:
        st.take(*duty)
    return False


def greedy_roster(ctx: ModelContext, caps: dict[str, int] | None = None,
                  seconds: float = 0.0, seed: int = 0) -> dict[Key, int]:
    """0/1 values for every duty variable (a hint; may be incomplete as a roster).

    With ``caps``, the roster is repaired towards them, and randomised restarts are tried
    for up to ``seconds`` while some load is still over its cap.
    """
    import random
    import time

    st = construct(ctx)
    if not caps:
        return st.values()
    best_left = repair(st, caps)
    best = st
    rng = random.Random(seed)
    t_end = time.monotonic() + seconds
    while best_left > 0 and time.monotonic() < t_end:
        st = construct(ctx, rng)
        left = repair(st, caps)
        if left < best_left:
            best, best_left = st, left
    return best.values()
