"""The one table of rules: rule key → (plain-words label key, model function, kind).

``kind`` is ``"hard"`` for constraints (guarded, so explain mode can name them) and
``"term"`` for objective terms. Keys are those of ``docs/ROSTER_RULES.md``; labels live in the
message catalogue as ``rule.<key>`` (hard rules and terms alike). Eligibility
rules (qualification, active, leave, per-post limit 0) act earlier, when variables are
created, see :mod:`scheduler.cpsat.eligibility`.
"""

from __future__ import annotations

from collections.abc import Callable

from .context import ModelContext
from .fair import add_abs_dev, add_abs_dev_night, add_abs_dev_weekend_holiday, add_max_excess
from .hard import (
    add_cover,
    add_max_per_month,
    add_max_per_week,
    add_max_weekend_holiday_per_month,
    add_min_gap,
    add_never_together,
    add_one_per_day,
    add_pin,
    add_rest_after,
)
from .terms import add_changes, add_requests, add_rotation, add_spacing

RuleFn = Callable[[ModelContext], None]

RULES: dict[str, tuple[str, RuleFn, str]] = {
    "cover": ("rule.cover", add_cover, "hard"),
    "one_per_day": ("rule.one_per_day", add_one_per_day, "hard"),
    "rest_after": ("rule.rest_after", add_rest_after, "hard"),
    "min_gap": ("rule.min_gap", add_min_gap, "hard"),
    "max_per_week": ("rule.max_per_week", add_max_per_week, "hard"),
    "max_per_month": ("rule.max_per_month", add_max_per_month, "hard"),
    "max_weekend_holiday_per_month": ("rule.max_weekend_holiday_per_month",
                                      add_max_weekend_holiday_per_month, "hard"),
    "pin": ("rule.pin", add_pin, "hard"),
    "never_together": ("rule.never_together", add_never_together, "hard"),
}

SEQUENCE_RULES = (
    "cannot_follow", "max_per_post", "minutes", "max_consecutive", "min_consecutive",
    "min_days_off", "max_weekends", "max_weekends_per_month",
)
"""Benchmark-style rules written in ``sequence.py`` (by the benchmark work)."""

try:
    from . import sequence as _sequence
except ImportError:  # pragma: no cover - the module arrives separately
    _sequence = None
if _sequence is not None:
    for _key in SEQUENCE_RULES:
        _fn = getattr(_sequence, f"add_{_key}", None)
        if _fn is not None:
            RULES[_key] = (f"rule.{_key}", _fn, "hard")

RULES.update({
    "max_excess": ("rule.max_excess", add_max_excess, "term"),
    "abs_dev": ("rule.abs_dev", add_abs_dev, "term"),
    "abs_dev_weekend_holiday": ("rule.abs_dev_weekend_holiday",
                                add_abs_dev_weekend_holiday, "term"),
    "abs_dev_night": ("rule.abs_dev_night", add_abs_dev_night, "term"),
    "requests": ("rule.requests", add_requests, "term"),
    "spacing": ("rule.spacing", add_spacing, "term"),
    "rotation": ("rule.rotation", add_rotation, "term"),
    "changes": ("rule.changes", add_changes, "term"),
})

HARD_RULES = tuple(k for k, (_, _, kind) in RULES.items() if kind == "hard")
