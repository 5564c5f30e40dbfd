"""The message catalogue: complete, bilingual, and covering every key the code uses."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from office.i18n import CATALOGUE, has, t

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("office", "scheduler", "appraisal", "shells", "ui")


def _literal_keys():
    """Keys passed as string literals to ``t(...)`` anywhere in the code."""
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "t"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    yield path, node.lineno, node.args[0].value
    if (ROOT / "app.py").exists():
        for m in re.finditer(r"\bt\(\s*\"([^\"]+)\"", (ROOT / "app.py").read_text("utf-8")):
            yield ROOT / "app.py", 0, m.group(1)


def test_every_literal_key_used_in_code_exists() -> None:
    """A key typed in code but missing from the catalogue would show users a raw key."""
    missing = [f"{p.relative_to(ROOT)}:{line} {key}" for p, line, key in _literal_keys()
               if not has(key)]
    assert not missing, "missing catalogue keys: " + "; ".join(missing)


def test_every_entry_has_both_languages_with_the_same_placeholders() -> None:
    """Chinese and English texts exist and take the same ``{params}``, so both render."""
    field = re.compile(r"\{(\w+)[^}]*\}")
    bad = []
    for key, (zh, en) in CATALOGUE.items():
        if not zh.strip() or not en.strip():
            bad.append(f"{key}: empty text")
        elif set(field.findall(zh)) != set(field.findall(en)):
            bad.append(f"{key}: placeholders differ")
    assert not bad, "; ".join(bad)


def test_lookup_fills_parameters_and_switches_language() -> None:
    """``t`` formats parameters and returns Chinese by default, English on request."""
    zh = t("calendar.unpublished", year=2027)
    en = t("calendar.unpublished", "en", year=2027)
    assert "2027" in zh and "2027" in en
    assert zh != en and "calendar sheet" in en


def test_unknown_key_is_returned_visibly() -> None:
    """An unknown key comes back unchanged instead of raising, so the UI never crashes on it."""
    assert t("no.such.key") == "no.such.key"
