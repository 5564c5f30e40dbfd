"""The roster engine as the pages see it: cached, and failing with messages, never tracebacks.

Every call into ``scheduler`` or ``shells`` goes through here. A failure raises
:class:`EngineError` carrying a catalogue key, which the page turns into ``st.error`` with what
to do; the exception text is logged for the developer, not shown to the director.
"""

from __future__ import annotations

import functools
import io
import logging
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from .jobs import SolveJob

LOG = logging.getLogger(__name__)
DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "sample_scenario.xlsx"
TEMPLATE = DATA / "template.xlsx"
INFEASIBLE = DATA / "infeasible_scenario.xlsx"
EDITABLE = ("staff", "leave", "requests", "pins")


class EngineError(Exception):
    """A failure the user can act on: ``key`` names the catalogue message."""

    def __init__(self, key: str, detail: str = ""):
        super().__init__(detail or key)
        self.key = key
        self.detail = detail


def _call(key: str, fn, *args, **kwargs):
    """Run an engine function; any exception becomes an :class:`EngineError` with ``key``."""
    try:
        return fn(*args, **kwargs)
    except EngineError:
        raise
    except Exception as exc:  # noqa: BLE001 - the UI must never show a traceback
        LOG.exception("engine call failed: %s", key)
        raise EngineError(key, f"{type(exc).__name__}: {exc}") from exc


@st.cache_data(show_spinner=False)
def file_bytes(path: str) -> bytes | None:
    """A bundled file (template, sample) for download, or None if it is missing."""
    p = Path(path)
    return p.read_bytes() if p.is_file() else None


def _as_text(value: Any) -> str:
    """Cells as the user would type them: dates ISO, whole numbers without ``.0``."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def text_frames(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every cell as text, so ``st.data_editor`` edits them and the reader checks them as CSV."""
    out = {}
    for name, frame in frames.items():
        f = frame.copy()
        f.columns = [str(c).strip().lower() for c in f.columns]
        out[str(name).strip().lower()] = f.map(_as_text).astype(str) if len(f) else f.astype(str)
    return out


def _raw_frames(data: bytes, name: str) -> dict[str, pd.DataFrame]:
    try:
        from shells.scenario_frames import load_frames
        frames = load_frames(io.BytesIO(data))[0]
        if frames:
            return frames
    except Exception:  # noqa: BLE001 - fall back to plain pandas below
        LOG.debug("load_frames failed, using pandas", exc_info=True)
    return pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=object, engine="openpyxl")


@st.cache_data(show_spinner=False, max_entries=8)
def read_scenario_bytes(data: bytes, name: str) -> tuple[dict, Any, list]:
    """Frames (as text, for the editors), the validated problem or None, and all problems."""
    from shells.scenario_reader import read_scenario

    problem, problems = _call("ui.err.read", read_scenario, io.BytesIO(data))
    try:
        frames = text_frames(_raw_frames(data, name))
    except Exception:  # noqa: BLE001 - editors are a convenience; the problems list stands
        LOG.exception("could not load frames for editing")
        frames = {}
    return frames, problem, list(problems)


def revalidate(frames: dict[str, pd.DataFrame]) -> tuple[Any, list]:
    """Re-read edited sheets with the same checks as an uploaded workbook."""
    from shells.scenario_reader import read_scenario_frames

    problem, problems = _call("ui.err.read", read_scenario_frames, dict(frames))
    return problem, list(problems)


def solve_params(time_limit: float, allow_gaps: bool, reference: Any = None):
    from scheduler import SolveParams

    return SolveParams(time_limit=float(time_limit), workers=2, seed=0,
                       allow_gaps=bool(allow_gaps), reference=reference)


def start_solve(problem: Any, time_limit: float, allow_gaps: bool) -> SolveJob:
    """Start the solver in a background thread; the page polls the returned job."""
    from scheduler.solve import solve

    params = solve_params(time_limit, allow_gaps)

    def work(on_progress, should_stop):
        return solve(problem, params, on_progress=on_progress, should_stop=should_stop)

    return SolveJob(work, time_limit, kind="solve").start()


def replan(problem: Any, roster: Any, time_limit: float, allow_gaps: bool) -> Any:
    """Re-plan with fewest changes (fast: the published roster is kept where possible)."""
    from scheduler.solve import replan as _replan

    params = solve_params(time_limit, allow_gaps, reference=roster)
    return _call("ui.err.replan", _replan, problem, roster, params)


@functools.lru_cache(maxsize=16)
def validate(problem: Any, roster: Any, allow_gaps: bool = False) -> Any:
    """The solver-free check of a roster (cached: problem and roster are frozen, hashable)."""
    from scheduler.validate import validate as _validate

    return _call("ui.err.validate", _validate, problem, roster, allow_gaps=allow_gaps)


def candidates(problem: Any, roster: Any, date: Any, post_id: str, replace: str | None = None,
               allow_gaps: bool = False) -> list[tuple[str, tuple]]:
    """Everyone not in the cell with the rules they would break there (empty = legal).

    The engine decides (``scheduler.candidates``); the page lists the legal ones to choose
    from and can say why the others are not offered.
    """
    from scheduler.candidates import candidates as _candidates

    return list(_call("ui.err.candidates", _candidates, problem, roster, date, post_id,
                      replace=replace or None, allow_gaps=allow_gaps))


def level_label(name: str, lang: str) -> str:
    """A level's plain label (``max_excess`` → "the largest excess over the fair share")."""
    try:
        from scheduler.describe import level_label as _label

        return _label(name, lang)
    except Exception:  # noqa: BLE001
        return name


def describe(finding: Any, lang: str, problem: Any = None) -> str:
    """A finding in plain words; falls back to the rule label if the describer fails."""
    from office.i18n import t

    try:
        from scheduler.describe import describe_finding, names_of

        return describe_finding(finding, lang, names=names_of(problem) if problem else None)
    except Exception:  # noqa: BLE001 - a sentence is better than nothing
        LOG.exception("describe_finding failed")
        when = finding.date.isoformat() if finding.date else ""
        return " ".join(x for x in (t(f"rule.{finding.rule}", lang), when, finding.post_id) if x)
