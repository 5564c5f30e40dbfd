"""House rules of the architecture, checked on the source tree so they cannot drift."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORES = ("scheduler", "appraisal")
# Entry shims inside the core packages only forward to shells; they are allowed to exit.
SHIMS = {"__main__.py"}
FORBIDDEN_IMPORTS = ("streamlit", "sqlalchemy", "openpyxl", "shells", "ui")
FORBIDDEN_CALLS = ("print", "open", "input")


def _core_files():
    for core in CORES:
        for path in sorted((ROOT / core).rglob("*.py")):
            if path.name not in SHIMS:
                yield path


@pytest.mark.parametrize("path", list(_core_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_is_pure(path: Path) -> None:
    """A core module imports no UI, storage or shell package and never prints or opens files."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""] if node.level == 0 else []
        else:
            names = []
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN_IMPORTS, f"{path}: imports {name}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            call = node.func.id
            assert call not in FORBIDDEN_CALLS, f"{path}:{node.lineno} calls {call}()"


def test_cores_do_not_import_each_other() -> None:
    """The roster and appraisal cores share only ``office``; neither imports the other."""
    for core in CORES:
        other = CORES[1 - CORES.index(core)]
        for path in (ROOT / core).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    assert node.module.split(".")[0] != other, f"{path} imports {node.module}"
                if isinstance(node, ast.Import):
                    for a in node.names:
                        assert a.name.split(".")[0] != other, f"{path} imports {a.name}"


def test_modules_stay_small() -> None:
    """Modules stay near 300 lines so each has one responsibility (hard stop at 400)."""
    too_big = []
    for pkg in ("office", "scheduler", "appraisal", "shells", "ui", "tools", "bench"):
        for path in (ROOT / pkg).rglob("*.py"):
            if path.parent.name == "i18n":
                continue  # the catalogue is data, one entry per line pair
            n = len(path.read_text(encoding="utf-8").splitlines())
            if n > 400:
                too_big.append(f"{path.relative_to(ROOT)} ({n})")
    assert not too_big, "split these modules: " + ", ".join(too_big)
