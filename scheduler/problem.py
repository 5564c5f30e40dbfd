"""The roster problem and its results as frozen value objects.

One problem type serves the township model and the Curtois–Qu benchmark: the benchmark's
rules (shift lengths, forbidden successions, run lengths, weekends, soft cover) are options
here that the township roster may use as well. Everything the CP model needs is integral:
points are stored in hundredths (``points100``) and fte as an exact Fraction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from office.calendar import Day
from office.people import Leave, Staff  # noqa: F401  (re-exported)

DEFAULT_LEVELS: tuple[tuple[tuple[str, int], ...], ...] = (
    (("cover", 1),),
    (("max_excess", 1),),
    (("abs_dev", 1),),
    (("abs_dev_weekend_holiday", 1),),
    (("abs_dev_night", 1),),
    (("requests", 1),),
    (("spacing", 1), ("rotation", 1)),
    (("changes", 1),),
)
"""Township objective: each inner tuple is one lexicographic level of (term, weight) pairs."""

REPLAN_LEVELS: tuple[tuple[tuple[str, int], ...], ...] = (
    DEFAULT_LEVELS[0],
    (("changes", 1),),
    *DEFAULT_LEVELS[1:-1],
)
"""Re-planning after a sick call: keep the published roster first, then fairness."""

LEVEL_NAMES = {
    "cover": "level.cover",
    "max_excess": "level.max_excess",
    "abs_dev": "level.abs_dev",
    "abs_dev_weekend_holiday": "level.abs_dev_weekend_holiday",
    "abs_dev_night": "level.abs_dev_night",
    "requests": "level.requests",
    "spacing": "level.spacing",
    "rotation": "level.rotation",
    "changes": "level.changes",
}


@dataclass(frozen=True)
class Post:
    """A duty post (or, in the benchmark, a shift type).

    ``minutes`` is the duty length; a post whose ``start`` + ``minutes`` runs past midnight
    is a night post. ``cannot_follow`` names posts that may not be worked the day after.
    """

    post_id: str
    name: str
    day_types: frozenset[str]
    headcount: int
    qualification: str = ""
    start: dt.time | None = None
    minutes: int = 0
    points100: int = 100
    rest_days_after: int = 0
    cannot_follow: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_night(self) -> bool:
        """Night duties are balanced separately, so the test must be one shared rule."""
        if self.start is None or not self.minutes:
            return False
        return self.start.hour * 60 + self.start.minute + self.minutes > 24 * 60


@dataclass(frozen=True)
class Slot:
    """One (date, post) that needs people.

    ``weight_under`` / ``weight_over`` make cover soft; ``None`` means hard (exactly
    ``required``), except that ``SolveParams.allow_gaps`` softens the under side with weight 1.
    """

    date: dt.date
    post_id: str
    required: int
    weight_under: int | None = None
    weight_over: int | None = None


@dataclass(frozen=True)
class Request:
    """A wish: ``want`` or ``avoid`` a duty (any duty that day when ``post_id`` is empty)."""

    staff_id: str
    date: dt.date
    kind: str
    post_id: str = ""
    weight: int = 1


@dataclass(frozen=True)
class Pin:
    """A duty fixed by the director before solving."""

    date: dt.date
    post_id: str
    staff_id: str


@dataclass(frozen=True)
class History:
    """What a person carries over from earlier periods."""

    staff_id: str
    points100: int = 0
    last_duty: dt.date | None = None
    holidays_worked: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class PersonLimits:
    """Per-person overrides of the global rules (``None`` = use the rule)."""

    max_per_post: tuple[tuple[str, int], ...] = ()
    min_minutes: int | None = None
    max_minutes: int | None = None
    max_consecutive_days: int | None = None
    min_consecutive_days: int | None = None
    min_consecutive_days_off: int | None = None
    max_weekends: int | None = None


@dataclass(frozen=True)
class Rules:
    """Global hard rules and soft-term settings (the ``rules`` sheet)."""

    min_gap_days: int = 0
    max_duties_per_week: int | None = None
    max_duties_per_month: int | None = None
    max_weekend_holiday_duties_per_month: int | None = None
    max_consecutive_days: int | None = None
    min_consecutive_days: int | None = None
    min_consecutive_days_off: int | None = None
    max_weekends: int | None = None
    max_weekends_per_month: int | None = None
    never_together: tuple[tuple[str, str], ...] = ()
    spacing_days: int = 0
    weight_spacing: int = 1
    weight_rotation: int = 1
    fairness: bool = True


@dataclass(frozen=True)
class Problem:
    """A validated roster problem: who, which posts, which days, what rules.

    ``slots`` lists every (date, post) that needs people; a (date, post) not in ``slots``
    may not be staffed at all.
    """

    days: tuple[Day, ...]
    staff: tuple[Staff, ...]
    posts: tuple[Post, ...]
    slots: tuple[Slot, ...]
    leave: tuple[Leave, ...] = ()
    requests: tuple[Request, ...] = ()
    pins: tuple[Pin, ...] = ()
    history: tuple[History, ...] = ()
    limits: tuple[tuple[str, PersonLimits], ...] = ()
    rules: Rules = field(default_factory=Rules)
    levels: tuple[tuple[tuple[str, int], ...], ...] = DEFAULT_LEVELS
    name: str = ""

    @property
    def start(self) -> dt.date:
        return self.days[0].date

    @property
    def end(self) -> dt.date:
        return self.days[-1].date

    def staff_by_id(self) -> dict[str, Staff]:
        return {s.staff_id: s for s in self.staff}

    def post_by_id(self) -> dict[str, Post]:
        return {p.post_id: p for p in self.posts}

    def day_by_date(self) -> dict[dt.date, Day]:
        return {d.date: d for d in self.days}

    def history_by_id(self) -> dict[str, History]:
        return {h.staff_id: h for h in self.history}

    def limits_of(self, staff_id: str) -> PersonLimits:
        return dict(self.limits).get(staff_id, PersonLimits())


@dataclass(frozen=True, order=True)
class Assignment:
    """One person on one post on one day."""

    date: dt.date
    post_id: str
    staff_id: str


@dataclass(frozen=True)
class Roster:
    """A set of assignments, kept sorted so that two equal rosters compare equal."""

    assignments: tuple[Assignment, ...] = ()

    @staticmethod
    def of(items) -> Roster:
        return Roster(tuple(sorted(set(items))))

    def __len__(self) -> int:
        return len(self.assignments)


@dataclass(frozen=True)
class Finding:
    """One broken rule or conflict, in data the UI and the CLI put into plain words.

    ``rule`` is a catalogue key stem (``rule.<name>``); ``params`` fill its message.
    """

    rule: str
    date: dt.date | None = None
    post_id: str = ""
    staff_ids: tuple[str, ...] = ()
    params: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class LevelResult:
    """One objective level: value and proven bound as exact fractions, and time spent."""

    name: str
    value: Fraction
    bound: Fraction
    optimal: bool
    seconds: float


@dataclass(frozen=True)
class SolveParams:
    """How to solve: limits, reproducibility, gaps, and the roster to stay close to."""

    time_limit: float = 60.0
    workers: int = 2
    seed: int = 0
    allow_gaps: bool = False
    reference: Roster | None = None
    levels: tuple[tuple[tuple[str, int], ...], ...] | None = None
    log_progress: bool = False


@dataclass(frozen=True)
class Progress:
    """A progress event passed to the caller's callback while solving."""

    level: str
    objective: float
    bound: float
    seconds: float


@dataclass(frozen=True)
class SolveResult:
    """What ``solve`` returns: status, roster (maybe partial), levels and explanations."""

    status: str
    roster: Roster | None
    levels: tuple[LevelResult, ...] = ()
    uncovered: tuple[Finding, ...] = ()
    conflicts: tuple[Finding, ...] = ()
    seconds: float = 0.0
    seconds_to_best: float = 0.0
    stats: tuple[tuple[str, object], ...] = ()
