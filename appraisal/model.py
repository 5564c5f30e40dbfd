"""Value objects of one appraisal cycle and of its results.

The core works on pandas frames because ten thousand people × forty indicators × twenty
ballots only fit the time budget when every rule is a vectorised column operation. The frames
are wrapped in frozen dataclasses so nobody swaps a table behind the engine's back; the engine
never mutates the frames it is given (it copies before adding columns).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from office.calendar import Day

DIMENSIONS = ("德", "能", "勤", "绩", "廉")
DIMENSION_ALIASES = {
    "德": "德", "morality": "德",
    "能": "能", "ability": "能",
    "勤": "勤", "diligence": "勤",
    "绩": "绩", "performance": "绩",
    "廉": "廉", "integrity": "廉",
}
DIMENSION_ENGLISH = dict(zip(DIMENSIONS, ("morality", "ability", "diligence", "performance",
                                          "integrity"), strict=True))
DEFAULT_DIMENSION_WEIGHTS = (("德", 20.0), ("能", 15.0), ("勤", 15.0), ("绩", 40.0), ("廉", 10.0))
"""No official split exists; 绩 carries most weight as in most county schemes."""

RULES = ("ratio", "band", "binary", "deduction", "rating")
RATER_GROUPS = ("leader", "peer", "public", "self")
CATEGORIES = ("civil_servant", "institution")
DERIVED = ("duty_completion_rate", "duties_missed", "tasks_on_time_rate", "tasks_led")

# Sanctions from lightest to heaviest; Chinese names are the ones HR types.
SANCTIONS = ("warning", "demerit", "major_demerit", "demotion", "removal")
SANCTION_ALIASES = {
    "警告": "warning", "warning": "warning",
    "记过": "demerit", "demerit": "demerit",
    "记大过": "major_demerit", "major_demerit": "major_demerit",
    "降级": "demotion", "demotion": "demotion",
    "撤职": "removal", "removal": "removal",
}
EVENT_KINDS = ("commendation", "violation", "absence", *SANCTIONS)

# Grade levels: 1 = 优秀, 2 = 称职/合格, 3 = 基本称职/基本合格, 4 = 不称职/不合格, 0 = not graded.
EXCELLENT, SECOND, BASIC, LOWEST, NOT_GRADED = 1, 2, 3, 4, 0
GRADE_LABELS = {
    "civil_servant": {1: "优秀", 2: "称职", 3: "基本称职", 4: "不称职"},
    "institution": {1: "优秀", 2: "合格", 3: "基本合格", 4: "不合格"},
}
GRADE_LABELS_EN = {
    "civil_servant": {1: "excellent", 2: "competent", 3: "basically competent", 4: "incompetent"},
    "institution": {1: "excellent", 2: "qualified", 3: "basically qualified", 4: "unqualified"},
}

STAFF_COLUMNS = ("staff_id", "name", "department", "rank", "category", "post",
                 "active_from", "active_to")
INDICATOR_COLUMNS = ("indicator_id", "dimension", "name", "weight", "rule", "direction", "target",
                     "threshold", "stretch", "cap", "applies_to", "source")
FRAME_COLUMNS = {
    "staff": STAFF_COLUMNS,
    "indicators": INDICATOR_COLUMNS,
    "targets": ("staff_id", "indicator_id", "target", "threshold", "stretch"),
    "actuals": ("staff_id", "indicator_id", "value"),
    "ratings": ("rater_id", "rater_group", "staff_id", "indicator_id", "score"),
    "events": ("staff_id", "date", "kind", "points", "indicator_id", "note"),
    "duty_log": ("staff_id", "date", "post_id", "status"),
    "tasks": ("task_id", "lead", "helpers", "assigned", "due", "done"),
}
NUMERIC = {"weight", "target", "threshold", "stretch", "cap", "value", "score", "points"}
CATEGORICAL_RATING_COLUMNS = ("rater_id", "rater_group", "staff_id", "indicator_id")
DATES = {"active_from", "active_to", "date", "assigned", "due", "done"}


@dataclass(frozen=True)
class Rules:
    """The cycle's rule values (sheet ``rules``); defaults are the issue's defaults."""

    year: int
    dimension_weights: tuple[tuple[str, float], ...] = DEFAULT_DIMENSION_WEIGHTS
    quota_excellent: float = 0.20
    quota_rounding: str = "half_up"
    threshold_excellent: float = 90.0
    threshold_competent: float = 70.0
    threshold_basic: float = 60.0
    bonus_cap: float = 5.0
    min_months_to_grade: float = 6.0
    rater_weights: tuple[tuple[str, float], ...] = (
        ("leader", 40.0), ("peer", 30.0), ("public", 20.0), ("self", 10.0))
    normalise_raters: bool = False
    trim_above: int = 5

    def dimension_weight(self, dimension: str) -> float:
        """Weight of one dimension (0 when the rules leave it out)."""
        return dict(self.dimension_weights).get(dimension, 0.0)


@dataclass(frozen=True, eq=False)
class Cycle:
    """One validated appraisal cycle: the sheets as typed frames, plus the rules.

    ``applies_to`` and ``helpers`` are kept as the ``;``-separated text of the sheet; dates are
    ``datetime64`` columns, numbers ``float``. ``calendar`` may carry the working calendar of
    the year (with the user's overrides); when it is None the engine builds the official one.
    """

    staff: pd.DataFrame
    indicators: pd.DataFrame
    rules: Rules
    targets: pd.DataFrame = field(default_factory=lambda: _empty("targets"))
    actuals: pd.DataFrame = field(default_factory=lambda: _empty("actuals"))
    ratings: pd.DataFrame = field(default_factory=lambda: _empty("ratings"))
    events: pd.DataFrame = field(default_factory=lambda: _empty("events"))
    duty_log: pd.DataFrame = field(default_factory=lambda: _empty("duty_log"))
    tasks: pd.DataFrame = field(default_factory=lambda: _empty("tasks"))
    calendar: tuple[Day, ...] | None = None


class Reason(NamedTuple):
    """One plain-words explanation: a catalogue key and its parameters (rendered by shells).

    A named tuple rather than a dataclass: ten thousand people get several each, and tuples
    are immutable and cheap to build.
    """

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **params: object) -> Reason:
        """Build a reason from keyword parameters (in the order given)."""
        return cls(key, tuple(params.items()))


@dataclass(frozen=True, eq=False)
class Results:
    """Everything the year-end run decided, with the numbers that explain it.

    ``people`` has one row per staff member: ``staff_id``, ``name``, ``department``,
    ``category``, one column per dimension, ``bonus``, ``deductions``, ``total``, ``rank``
    (0 when not graded), ``level`` (1–4, 0 = not graded), ``eligible``, ``flags``,
    ``suggestions`` (tuples of codes) and ``reasons`` (tuple of :class:`Reason`).
    ``breakdown`` has one row per person and applicable indicator.
    """

    year: int
    people: pd.DataFrame
    breakdown: pd.DataFrame
    graded: int
    quota: int
    quota_used: int
    quota_open: int
    void_raters: pd.DataFrame
    notes: tuple[Reason, ...] = ()


def _empty(sheet: str) -> pd.DataFrame:
    return normalise_frame(sheet, pd.DataFrame(columns=list(FRAME_COLUMNS[sheet])))


def normalise_frame(sheet: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Give a sheet's frame its contract columns and types (missing optional columns blank).

    Readers produce clean values; this only fixes dtypes so that tests and benchmarks can build
    cycles from plain lists of dicts.
    """
    out = frame.copy()
    for col in FRAME_COLUMNS[sheet]:
        if col not in out.columns:
            out[col] = None
        if col in NUMERIC:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
        elif sheet == "ratings" and col in CATEGORICAL_RATING_COLUMNS:
            # Millions of ballots: ids as categories make every later grouping an integer op.
            if not isinstance(out[col].dtype, pd.CategoricalDtype):
                out[col] = out[col].fillna("").astype(str).astype("category")
        elif col in DATES:
            col_data = out[col]
            if col_data.dtype == object:
                col_data = col_data.where(col_data != "", None)
            out[col] = pd.to_datetime(col_data, errors="coerce")
        else:
            out[col] = out[col].fillna("").astype(str)
    return out.reset_index(drop=True)


def make_cycle(staff, indicators, rules: Rules, calendar=None, **sheets) -> Cycle:
    """Build a :class:`Cycle` from frames or lists of dicts (for tests, tools and benchmarks)."""
    frames = {"staff": staff, "indicators": indicators, **sheets}
    typed = {k: normalise_frame(k, pd.DataFrame(v)) for k, v in frames.items()}
    typed["indicators"]["dimension"] = typed["indicators"]["dimension"].map(
        lambda d: DIMENSION_ALIASES.get(d.strip().lower() if d.isascii() else d.strip(), d))
    ind = typed["indicators"]
    ind["cap"] = ind["cap"].fillna(100.0)
    ind["direction"] = ind["direction"].replace("", "higher")
    ev = typed.get("events")
    if ev is not None:
        ev["kind"] = ev["kind"].map(lambda k: SANCTION_ALIASES.get(k, k))
        ev["points"] = ev["points"].fillna(0.0)
    return Cycle(rules=rules, calendar=calendar, **typed)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of the cycle year."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
