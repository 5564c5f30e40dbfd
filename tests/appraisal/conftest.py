"""Builders for small appraisal cycles, so each test states only what it is about."""

from __future__ import annotations

import pytest

from appraisal import Rules, make_cycle

ONE_OF_EACH = [
    # A single indicator per dimension keeps hand calculations short.
    {"indicator_id": "M", "dimension": "德", "weight": 100, "rule": "rating"},
    {"indicator_id": "A", "dimension": "能", "weight": 100, "rule": "ratio", "target": 10},
    {"indicator_id": "D", "dimension": "勤", "weight": 100, "rule": "deduction"},
    {"indicator_id": "P", "dimension": "绩", "weight": 100, "rule": "band", "target": 100,
     "threshold": 80, "stretch": 120, "cap": 110},
    {"indicator_id": "I", "dimension": "廉", "weight": 100, "rule": "binary", "target": 1},
]


def staff_rows(ids, category="civil_servant", **extra):
    """Staff rows with defaults: department D1, rank cadre, post 科员, active all year."""
    rows = []
    for sid in ids:
        row = {"staff_id": sid, "name": f"name {sid}", "department": "D1", "rank": "cadre",
               "category": category, "post": "科员"}
        row.update(extra.get(sid, {}))
        rows.append(row)
    return rows


def build(staff, indicators=None, rules=None, **sheets):
    """A cycle from plain lists (year 2026 and default rules unless given)."""
    return make_cycle(staff, indicators if indicators is not None else ONE_OF_EACH,
                      rules or Rules(year=2026), **sheets)


def flat_actuals(ids, a=10.0, p=100.0, i=1.0):
    """Actuals giving everybody the same values on A, P and I."""
    out = []
    for sid in ids:
        out += [{"staff_id": sid, "indicator_id": "A", "value": a},
                {"staff_id": sid, "indicator_id": "P", "value": p},
                {"staff_id": sid, "indicator_id": "I", "value": i}]
    return out


def leader_ballots(scores: dict[str, float], indicator="M", rater="L1"):
    """One leader ballot per person."""
    return [{"rater_id": rater, "rater_group": "leader", "staff_id": s, "indicator_id": indicator,
             "score": v} for s, v in scores.items()]


@pytest.fixture
def cycle_builder():
    """The :func:`build` helper as a fixture (importlib mode: tests cannot import conftest)."""
    return build


@pytest.fixture
def helpers():
    """Namespace of the small builders above."""

    class H:
        staff_rows = staticmethod(staff_rows)
        build = staticmethod(build)
        flat_actuals = staticmethod(flat_actuals)
        leader_ballots = staticmethod(leader_ballots)
        one_of_each = ONE_OF_EACH

    return H
