"""Findings in plain words, through the one catalogue (``office/i18n/rule_msgs.py``).

The validator, the CP-SAT explanation, the CLI and the UI all describe a
:class:`~scheduler.problem.Finding` with :func:`describe_finding`, so a broken rule reads the
same wherever it shows up. Pure: it only formats strings.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from fractions import Fraction

from office.i18n import CATALOGUE, has, t

from .problem import Finding, Problem

_FIELDS = string.Formatter()


def names_of(problem: Problem) -> dict[str, str]:
    """Display names of staff and posts by id (what ``describe_finding`` takes as ``names``)."""
    out = {p.post_id: p.name for p in problem.posts}
    out.update({s.staff_id: s.name for s in problem.staff})
    return out


def rule_label(key: str, lang: str = "zh") -> str:
    """The short plain label of a rule or term key (the key itself if unknown)."""
    return t(f"rule.{key}", lang)


def level_label(name: str, lang: str = "zh") -> str:
    """The label of a level named ``"a+b"``: each term's level label joined by " + "."""
    parts = []
    for term in name.split("+"):
        key = f"level.{term}"
        parts.append(t(key, lang) if has(key) else rule_label(term, lang))
    return " + ".join(parts)


def fmt_value(value: object, lang: str = "zh") -> str:
    """Dates as ISO, fractions as decimals with two places, ``None`` as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        value = float(value)
    if isinstance(value, float):
        text = f"{value:.2f}"
        return "0.00" if text == "-0.00" else text
    return str(value)


def _name(names: Mapping[str, str] | None, key: str) -> str:
    if not key:
        return ""
    if names and key in names and names[key] and names[key] != key:
        return f"{names[key]}({key})"
    return key


def _params(finding: Finding, lang: str, names: Mapping[str, str] | None) -> dict[str, str]:
    sep = "、" if lang == "zh" else ", "
    people = [_name(names, s) for s in finding.staff_ids]
    out = {
        "date": fmt_value(finding.date, lang) if finding.date else "",
        "post": _name(names, finding.post_id),
        "staff": sep.join(people),
        "staff_a": people[0] if people else "",
        "staff_b": people[1] if len(people) > 1 else "",
    }
    for key, value in finding.params:
        if key in ("other_post",):
            out[key] = _name(names, str(value)) if value else t("rule.history.last_duty", lang)
        elif key == "posts":
            out[key] = sep.join(_name(names, str(p)) for p in value)
        elif key == "leave_kind" and has(f"leave.{value}"):
            out[key] = t(f"leave.{value}", lang)
        elif key == "kind" and has(f"rule.request.{value}"):
            out[key] = t(f"rule.request.{value}", lang)
        elif key == "festival" and has(f"festival.{value}"):
            out[key] = t(f"festival.{value}", lang)
        else:
            out[key] = fmt_value(value, lang)
    return out


def describe_finding(finding: Finding, lang: str = "zh",
                     names: Mapping[str, str] | None = None) -> str:
    """One finding as a sentence, e.g. ``2026-02-16 带班：张三 当天休假（年休假，…）``.

    Uses ``rule.<key>.detail`` when the finding carries every placeholder it needs; otherwise
    (a caller with fewer params, or an unknown key) falls back to "label: date post people",
    so there is always a readable sentence and never a raw template.
    """
    params = _params(finding, lang, names)
    raw = dict(finding.params)
    key = f"rule.{finding.rule}.detail"
    if finding.rule == "cover" and "excluded" in raw:
        key = "rule.cover.eligible"  # a pre-check: too few people *could* take the slot
    return _sentence(finding, key, params, lang) + _excluded(raw.get("excluded"), lang, names)


def _sentence(finding: Finding, key: str, params: dict[str, str], lang: str) -> str:
    pair = CATALOGUE.get(key)
    if pair is not None:
        text = pair[0] if lang == "zh" else pair[1]
        needed = {f for _, f, _, _ in _FIELDS.parse(text) if f}
        if needed <= params.keys():
            return text.format(**params)
    where = " ".join(v for v in (params["date"], params["post"], params["staff"]) if v)
    sep = "：" if lang == "zh" else ": "
    return rule_label(finding.rule, lang) + (sep + where if where else "")


def _some(ids, names: Mapping[str, str] | None, sep: str, lang: str, show: int = 6) -> str:
    """Up to ``show`` people by name, then how many there are in all."""
    ids = list(ids)
    text = sep.join(_name(names, s) for s in ids[:show])
    if len(ids) > show:
        text += ("" if lang == "zh" else sep) + t("rule.more_people", lang, count=len(ids))
    return text


def _excluded(excluded, lang: str, names: Mapping[str, str] | None) -> str:
    """Why the others cannot take a slot: ``((rule, staff_ids), ...)`` in words."""
    if not excluded:
        return ""
    sep = "、" if lang == "zh" else ", "
    colon = "：" if lang == "zh" else ": "
    try:
        parts = [rule_label(rule, lang) + colon + _some(ids, names, sep, lang)
                 for rule, ids in excluded]
    except (TypeError, ValueError):
        return ""
    text = ("；" if lang == "zh" else "; ").join(parts)
    if has("sched.excluded"):
        text = t("sched.excluded", lang, reasons=text)
    return ("；" if lang == "zh" else "; ") + text
