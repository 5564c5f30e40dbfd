"""The one message catalogue: every user-visible string, in Simplified Chinese and English.

The catalogue is split into parts by area (one module per area in this package) only so that
several people can edit it without conflicts; :func:`t` looks keys up in the merged whole
and a duplicate key across parts is an error at import time, so there is still exactly one
meaning per key.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def _load() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        part = info.name
        module = import_module(f"{__name__}.{part}")
        for key, pair in module.MESSAGES.items():
            if key in merged:
                raise ValueError(f"message key {key!r} defined twice (second in {part})")
            if len(pair) != 2:
                raise ValueError(f"message key {key!r} needs (zh, en)")
            merged[key] = pair
    return merged


CATALOGUE: dict[str, tuple[str, str]] = _load()


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """Return the message for ``key`` in ``lang`` with ``params`` filled in.

    An unknown key is returned as-is (so a missing translation is visible, never a crash),
    and tests check that every key used in code exists in the catalogue.
    """
    pair = CATALOGUE.get(key)
    if pair is None:
        return key
    text = pair[0] if lang == "zh" else pair[1]
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def has(key: str) -> bool:
    """Tell whether ``key`` is in the catalogue (used by tests and by fallbacks)."""
    return key in CATALOGUE
