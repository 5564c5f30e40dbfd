"""Shared AppTest drivers: a fresh app in synchronous-solve mode, loading and solving the sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SOLVE_SECONDS = 8


class Driver:
    """Drives the app like a user would, by widget keys (each step reruns the script)."""

    def __init__(self) -> None:
        self.at = AppTest.from_file(APP, default_timeout=180)
        self.at.session_state["sync_solve"] = True
        self.at.run()

    def page(self, name: str) -> AppTest:
        return self.at.switch_page(f"ui/pages/{name}.py").run()

    def load(self, key: str = "load_sample") -> AppTest:
        self.page("data")
        return self.at.button(key=key).click().run()

    def solve(self, seconds: int = SOLVE_SECONDS, gaps: bool = False) -> AppTest:
        self.page("planner")
        self.at.number_input(key="time_limit").set_value(seconds).run()
        if gaps:
            self.at.checkbox(key="allow_gaps").check().run()
        return self.at.button(key="solve_btn").click().run()

    @property
    def plan(self):
        return self.at.session_state["plan"]

    def texts(self, kind: str) -> list[str]:
        return [str(e.value) for e in getattr(self.at, kind)]

    def assert_clean(self) -> None:
        assert not self.at.exception, [e.value for e in self.at.exception]


@pytest.fixture
def app() -> Driver:
    return Driver()


@pytest.fixture(scope="module")
def solved_sample() -> Driver:
    """One solved sample per module: solving is the slow part, later steps reuse it."""
    d = Driver()
    d.load()
    d.solve()
    return d
