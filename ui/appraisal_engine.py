"""The appraisal engine as the pages see it: read a cycle (path or upload), run, render texts.

``shells.cycle_reader.read_cycle`` takes a path, so an upload is written to a temporary file
first. Failures become :class:`ui.engine.EngineError` with a catalogue key, never tracebacks.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from .engine import DATA, EngineError, _call

SAMPLE_CYCLE = DATA / "sample_cycle.xlsx"
SAMPLE_HISTORY = (DATA / "results_2024.xlsx", DATA / "results_2025.xlsx")


def _to_temp(data: bytes, suffix: str, folder: Path) -> Path:
    fd, name = tempfile.mkstemp(suffix=suffix, dir=folder)
    with open(fd, "wb") as fh:
        fh.write(data)
    return Path(name)


@st.cache_data(show_spinner=False, max_entries=4)
def read_cycle_bytes(data: bytes, name: str, history: tuple[tuple[str, bytes], ...] = ()):
    """(cycle or None, problems, history frame) for an uploaded cycle and past results."""
    from shells.cycle_history import read_history
    from shells.cycle_reader import read_cycle

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = _to_temp(data, Path(name).suffix or ".xlsx", folder)
        read = _call("ui.err.read", read_cycle, path)
        problems = list(read.problems)
        hist = pd.DataFrame(columns=["staff_id", "year", "level"])
        if history:
            year = read.cycle.rules.year if read.cycle is not None else None
            paths = [_to_temp(b, Path(n).suffix or ".xlsx", folder) for n, b in history]
            hist, hist_problems = _call("ui.err.read", read_history, paths, year)
            problems += list(hist_problems)
    return read.cycle, problems, hist


def run(cycle, history):
    """Score, rank and grade (pure engine call, wrapped)."""
    from appraisal import run as _run

    return _call("ui.err.appraisal", _run, cycle, history=history)


def grade_label(level: int, category: str, lang: str) -> str:
    from shells.cycle_writer import grade_label as _label

    return _label(int(level or 0), str(category or ""), lang)


def results_frame(results, lang: str) -> pd.DataFrame:
    """The results sheet in ``lang`` (contract columns), as the CLI writes it."""
    from shells.cycle_writer import results_frame as _frame

    return _call("ui.err.appraisal", _frame, results, lang)


def summary_frames(results, lang: str):
    from shells.cycle_writer import summary_frames as _summary

    return _call("ui.err.appraisal", _summary, results, lang)


def reason_text(reason, lang: str) -> str:
    from shells.cycle_writer import render_reason

    try:
        return render_reason(reason, lang)
    except Exception:  # noqa: BLE001 - a key is better than a crash
        return getattr(reason, "key", str(reason))


def now_text() -> str:
    """When an override was recorded (local time, to the minute), for the audit trail."""
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")


def file_bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def raise_if_missing(path: Path) -> bytes:
    data = file_bytes(path)
    if data is None:
        raise EngineError("ui.ap.missing_sample", str(path))
    return data
