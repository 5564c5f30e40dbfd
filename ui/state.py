"""The one owner of ``st.session_state``: typed getters and setters for everything a page keeps.

Pages never touch ``st.session_state`` directly, so the names and types of what survives a
rerun are defined once, here; a test can read the same names through ``AppTest.session_state``.
Widget keys that other modules need to set before a widget is drawn are constants here too.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from office.i18n import DEFAULT_LANG, LANGS

LANG = "lang"
UNIT = "unit_name"
SYNC = "sync_solve"
SCENARIO = "scenario"
PLAN = "plan"
UNDO = "undo"
JOB = "solve_job"
CYCLE = "cycle"
APPRAISAL = "appraisal"
OVERRIDES = "overrides"
CELL_DATE = "cell_date"
CELL_POST = "cell_post"
MAX_UNDO = 30


@dataclass
class Scenario:
    """A loaded scenario: its editable sheets, the validated problem (if valid) and problems."""

    name: str
    frames: dict[str, pd.DataFrame]
    problem: Any = None
    problems: list = field(default_factory=list)
    version: int = field(default_factory=time.monotonic_ns)

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p.is_error]


@dataclass(frozen=True)
class Plan:
    """One state of the planner: the problem it was made for, the roster and what changed."""

    problem: Any
    roster: Any
    result: Any = None
    changed: frozenset = frozenset()
    note: str = ""


@dataclass
class Appraisal:
    """An appraisal run: the cycle's name, the engine's outcome and its problems."""

    name: str
    cycle: Any = None
    problems: list = field(default_factory=list)
    results: pd.DataFrame | None = None
    breakdown: pd.DataFrame | None = None
    extra: dict = field(default_factory=dict)


def _get(key: str, default: Any = None) -> Any:
    return st.session_state.get(key, default)


def _set(key: str, value: Any) -> None:
    st.session_state[key] = value


def lang() -> str:
    """The display language; Chinese unless the sidebar switch says otherwise."""
    value = _get(LANG, DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def unit_name() -> str:
    return str(_get(UNIT, "") or "")


def sync_solve() -> bool:
    """Tests (and ``DUTY_UI_SYNC=1``) wait for the solver thread so each run is deterministic."""
    return bool(_get(SYNC, False)) or os.environ.get("DUTY_UI_SYNC") == "1"


def scenario() -> Scenario | None:
    return _get(SCENARIO)


def set_scenario(value: Scenario | None) -> None:
    """A new scenario invalidates the plan built on the old one, so the plan is dropped."""
    _set(SCENARIO, value)
    _set(PLAN, None)
    _set(UNDO, [])
    _set(JOB, None)


def replace_scenario_problem(problem: Any, frames: dict[str, pd.DataFrame] | None = None) -> None:
    """Keep the scenario in step with edits made from the planner (pins, sick leave)."""
    sc = scenario()
    if sc is None:
        return
    sc.problem = problem
    if frames is not None:
        sc.frames = frames
    _set(SCENARIO, sc)


def plan() -> Plan | None:
    return _get(PLAN)


def set_plan(value: Plan | None, remember: bool = True) -> None:
    """Set the current plan; the previous one goes on the undo stack when ``remember``."""
    old = plan()
    if remember and old is not None:
        stack = list(_get(UNDO, []))
        stack.append(old)
        _set(UNDO, stack[-MAX_UNDO:])
    _set(PLAN, value)


def can_undo() -> bool:
    return bool(_get(UNDO, []))


def undo() -> Plan | None:
    """Go back one step (plan and the problem it belongs to); returns the restored plan."""
    stack = list(_get(UNDO, []))
    if not stack:
        return None
    previous = stack.pop()
    _set(UNDO, stack)
    _set(PLAN, previous)
    if previous.problem is not None:
        replace_scenario_problem(previous.problem)
    return previous


def job() -> Any:
    return _get(JOB)


def set_job(value: Any) -> None:
    _set(JOB, value)


def appraisal() -> Appraisal | None:
    return _get(APPRAISAL)


def set_appraisal(value: Appraisal | None) -> None:
    _set(APPRAISAL, value)
    _set(OVERRIDES, {})


def overrides() -> dict[str, dict]:
    """Committee overrides by staff id: ``{"grade", "reason", "was", "when"}``."""
    return dict(_get(OVERRIDES, {}) or {})


def set_override(staff_id: str, record: dict | None) -> None:
    current = overrides()
    if record is None:
        current.pop(staff_id, None)
    else:
        current[staff_id] = record
    _set(OVERRIDES, current)


def lang_key(key: str) -> str:
    """Key of a widget whose option labels are translated: one per language, because the
    browser keeps showing a select box's old labels when only the labels change."""
    return f"{key}_{lang()}"


def widget(key: str, default: Any = None) -> Any:
    """Value of a widget by key (for widgets drawn earlier in the same run)."""
    return _get(key, default)


def preset_widget(key: str, value: Any) -> None:
    """Set a widget's value before it is drawn (e.g. the cell chosen by clicking the grid)."""
    _set(key, value)
