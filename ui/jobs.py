"""A solver run in a background thread, with a thread-safe holder the page polls.

Streamlit re-runs the page script on every interaction; a solve that ran inside the script
would freeze the page until it finished. The thread only writes into this holder (never calls
Streamlit); a fragment reads :meth:`SolveJob.view` every second and the Stop button sets the
event that the solver's ``should_stop`` reads, so the solver returns its best roster so far.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobView:
    """A consistent snapshot of a job for one render of the progress fragment."""

    running: bool
    stopping: bool
    elapsed: float
    time_limit: float
    level: str
    objective: float | None
    bound: float | None
    result: Any
    error: str


class SolveJob:
    """Runs ``work(on_progress, should_stop)`` once in a daemon thread.

    Parameters
    ----------
    work : callable
        Called with ``on_progress`` (takes a ``Progress``) and ``should_stop`` (returns bool);
        its return value becomes :attr:`JobView.result`.
    time_limit : float
        Only used to draw the progress bar; the solver enforces its own limit.
    kind : str
        What the job does (``solve`` or ``replan``), so the page knows how to apply it.
    """

    def __init__(self, work: Callable[..., Any], time_limit: float, kind: str = "solve"):
        self._work = work
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._started = 0.0
        self._finished: float | None = None
        self._last: Any = None
        self._result: Any = None
        self._error = ""
        self.time_limit = float(time_limit)
        self.kind = kind
        self.applied = False
        self.problem: Any = None

    def start(self) -> SolveJob:
        """Start the thread (once); returns self so callers can chain."""
        if self._thread is None:
            self._started = time.monotonic()
            self._thread = threading.Thread(target=self._run, name="duty-solve", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        try:
            result = self._work(on_progress=self._on_progress, should_stop=self._stop.is_set)
            with self._lock:
                self._result = result
        except Exception as exc:  # noqa: BLE001 - any engine failure becomes a message
            LOG.exception("solver thread failed")
            with self._lock:
                self._error = f"{type(exc).__name__}: {exc}"
        finally:
            with self._lock:
                self._finished = time.monotonic()

    def _on_progress(self, progress: Any) -> None:
        with self._lock:
            self._last = progress

    def stop(self) -> None:
        """Ask the solver to return its best roster so far."""
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the thread (the synchronous path used by tests); True when finished."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.view().running is False

    def view(self) -> JobView:
        """Snapshot taken under the lock, so a render never sees half an update."""
        with self._lock:
            now = self._finished if self._finished is not None else time.monotonic()
            last = self._last
            return JobView(
                running=self._thread is not None and self._finished is None,
                stopping=self._stop.is_set(),
                elapsed=max(0.0, now - self._started) if self._started else 0.0,
                time_limit=self.time_limit,
                level=getattr(last, "level", "") if last is not None else "",
                objective=getattr(last, "objective", None) if last is not None else None,
                bound=getattr(last, "bound", None) if last is not None else None,
                result=self._result,
                error=self._error,
            )
