"""Appraisal engine (pure core): a validated cycle in, scores, ranks, grades and reasons out.

No file access, no printing: readers and writers live in ``shells`` (``shells.cycle_reader``,
``shells.appraisal_cli``). Typical use::

    from appraisal import run
    results = run(cycle, history=past_grades)
"""

from .engine import run
from .grading import quota_places
from .indicator_rules import score_band, score_binary, score_deduction, score_ratio
from .model import (
    CATEGORIES,
    DERIVED,
    DIMENSION_ALIASES,
    DIMENSIONS,
    EVENT_KINDS,
    GRADE_LABELS,
    GRADE_LABELS_EN,
    RATER_GROUPS,
    RULES,
    SANCTION_ALIASES,
    Cycle,
    Reason,
    Results,
    Rules,
    make_cycle,
)
from .suggestions import SUGGESTIONS

__all__ = [
    "CATEGORIES", "DERIVED", "DIMENSIONS", "DIMENSION_ALIASES", "EVENT_KINDS", "GRADE_LABELS",
    "GRADE_LABELS_EN", "RATER_GROUPS", "RULES", "SANCTION_ALIASES", "SUGGESTIONS", "Cycle",
    "Reason", "Results", "Rules", "make_cycle", "quota_places", "run", "score_band",
    "score_binary", "score_deduction", "score_ratio",
]
