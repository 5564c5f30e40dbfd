"""Why a roster is impossible: pre-checks without a solver, then CP-SAT assumptions."""

from __future__ import annotations


def prechecks(problem, params):
    return []


def explain(problem, params, time_limit):
    return []
