"""The ``rules`` sheet of an appraisal cycle: keys, defaults and checks.

Unknown keys are only a warning (a later version or another office may add keys); a bad
value of a known key is an error, because a silently ignored quota or threshold would change
grades without anyone noticing.
"""

from __future__ import annotations

import pandas as pd

from appraisal.model import DIMENSION_ALIASES, DIMENSIONS, RATER_GROUPS, Rules

from .cycle_fields import Problem, SheetCheck

ROUNDINGS = ("half_up", "floor", "ceil")
TRUE = {"true", "1", "yes", "y", "是", "真", "on"}
FALSE = {"false", "0", "no", "n", "否", "假", "off", ""}
FLOAT_KEYS = {
    "quota_excellent": (0.0, 1.0), "threshold_excellent": (0.0, None),
    "threshold_competent": (0.0, None), "threshold_basic": (0.0, None),
    "bonus_cap": (0.0, None), "min_months_to_grade": (0.0, 12.0),
}


def _float(text: str, lo, hi) -> float | None:
    try:
        if text.endswith("%"):
            v = float(text[:-1]) / 100.0
        else:
            v = float(text)
    except ValueError:
        return None
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        return None
    return v


def dimension_of_key(key: str) -> str | None:
    """``weight_德`` or ``weight_morality`` → ``德``; None for other keys."""
    if not key.startswith("weight_"):
        return None
    return DIMENSION_ALIASES.get(key[len("weight_"):])


def read_rules(chk: SheetCheck | None, fallback_year: int | None) -> tuple[Rules | None, dict]:
    """Rules from the sheet (or defaults); also returns ``{key: frame index}`` for messages.

    The year may be left out when the data make it obvious (``fallback_year``, the most common
    year of the dated rows); a warning says so.
    """
    values: dict[str, object] = {}
    where: dict[str, object] = {}
    dims: dict[str, float] = {}
    groups: dict[str, float] = {}
    if chk is not None and chk.require(["rule", "value"]):
        keys = chk.text("rule").str.lower()
        vals = chk.text("value")
        chk.duplicates(pd.DataFrame({"rule": keys}), "rule", "appraisal.err.duplicate_rule")
        for idx, key in keys.items():
            text = vals.loc[idx]
            where.setdefault(key, idx)
            bad = False
            dim = dimension_of_key(key)
            if dim is not None:
                v = _float(text, 0.0, 100.0)
                bad = v is None
                dims[dim] = v or 0.0
            elif key.startswith("rater_weight_") and key[13:] in RATER_GROUPS:
                v = _float(text, 0.0, None)
                bad = v is None
                groups[key[13:]] = v or 0.0
            elif key == "year":
                bad = not text.isdigit() or not 1900 < int(text) < 3000
                values["year"] = None if bad else int(text)
            elif key in FLOAT_KEYS:
                v = _float(text, *FLOAT_KEYS[key])
                bad = v is None
                values[key] = v
            elif key == "quota_rounding":
                bad = text.lower() not in ROUNDINGS
                values[key] = text.lower()
            elif key == "normalise_raters" or key == "normalize_raters":
                bad = text.lower() not in TRUE | FALSE
                values["normalise_raters"] = text.lower() in TRUE
            elif key == "trim_above":
                bad = not text.isdigit()
                values[key] = int(text) if not bad else None
            elif key:
                chk.error(idx, "rule", "appraisal.warn.unknown_rule_key", warning=True, rule=key)
            if bad:
                chk.error(idx, "value", "appraisal.err.rule_value", rule=key, value=text)
                values.pop(key, None)
    year = values.pop("year", None) or fallback_year
    if year is None:
        sheet = chk.name if chk is not None else "rules"
        problems = chk.problems if chk is not None else []
        problems.append(Problem.at(sheet, None, "rule", "appraisal.err.no_year"))
        return None, where
    if "year" not in where and chk is not None:
        chk.error(None, "rule", "appraisal.warn.year_guessed", warning=True, year=year)
    kwargs = {k: v for k, v in values.items() if v is not None}
    if dims:
        kwargs["dimension_weights"] = tuple((d, dims.get(d, 0.0)) for d in DIMENSIONS)
    if groups:
        base = dict(Rules(year=year).rater_weights)
        base.update(groups)
        kwargs["rater_weights"] = tuple(base.items())
    return Rules(year=int(year), **kwargs), where


def check_rules(rules: Rules, where: dict, problems: list[Problem], rows) -> None:
    """Cross-key checks: dimension weights sum to 100, thresholds in order."""
    total = sum(w for _, w in rules.dimension_weights)
    if abs(total - 100.0) > 1e-6:
        keys = [k for k in where if dimension_of_key(k)]
        idx = where[keys[0]] if keys else None
        problems.append(Problem.at("rules", None if idx is None else rows.loc[idx], "value",
                                   "appraisal.err.dimension_weights", total=f"{total:g}"))
    if not rules.threshold_basic <= rules.threshold_competent <= rules.threshold_excellent:
        idx = where.get("threshold_basic", where.get("threshold_competent"))
        problems.append(Problem.at("rules", None if idx is None else rows.loc[idx], "value",
                                   "appraisal.err.thresholds"))
