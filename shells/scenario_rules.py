"""The ``rules`` sheet: one ``rule``/``value`` row per setting, turned into :class:`Rules`.

Unknown rule names are warnings, not errors, because a workbook made for a newer version may
carry settings this one ignores; a bad value of a known rule is an error, since guessing a
cap would silently change who is on duty.
"""

from __future__ import annotations

from dataclasses import replace

from scheduler.problem import Rules

from .scenario_cells import Row, SheetView

# rule -> smallest allowed value; every one of these is a whole number
INT_RULES: dict[str, int] = {
    "min_gap_days": 0,
    "max_duties_per_week": 0,
    "max_duties_per_month": 0,
    "max_weekend_holiday_duties_per_month": 0,
    "max_consecutive_days": 1,
    "min_consecutive_days": 1,
    "min_consecutive_days_off": 1,
    "max_weekends": 0,
    "max_weekends_per_month": 0,
    "spacing_days": 0,
    "weight_spacing": 0,
    "weight_rotation": 0,
}
PAIR_RULES = ("never_together",)
KNOWN_RULES = tuple(INT_RULES) + PAIR_RULES


def _pair(row: Row, staff_ids: set[str] | None) -> tuple[str, str] | None:
    """One ``A;B`` pair of different, known people."""
    items = row.items("value")
    if len(items) != 2 or items[0] == items[1]:
        row.error("value", "reader.bad_pair", value=row.text("value"))
        return None
    for sid in items:
        if staff_ids is not None and sid not in staff_ids:
            row.error("value", "reader.unknown_staff", value=sid)
    return (items[0], items[1]) if row.ok else None


def read_rules(view: SheetView | None, staff_ids: set[str] | None) -> Rules:
    """Collect every rule row; rows with problems leave that setting at its default."""
    if view is None or not view.require("rule", "value"):
        return Rules()
    values: dict[str, int] = {}
    seen: dict[str, int] = {}
    pairs: list[tuple[str, str]] = []
    for row in view.rows():
        name = row.text("rule", required=True).lower()
        if not name:
            continue
        if name not in KNOWN_RULES:
            row.warn("rule", "reader.unknown_rule", value=name, known=", ".join(KNOWN_RULES))
            continue
        if name in PAIR_RULES:
            pair = _pair(row, staff_ids)
            if pair and pair not in pairs and pair[::-1] not in pairs:
                pairs.append(pair)
            continue
        if name in seen:
            row.error("rule", "reader.duplicate_id", value=name, first=seen[name])
            continue
        seen[name] = row.number
        value = row.integer("value", required=True, minimum=INT_RULES[name])
        if value is not None and row.ok:
            values[name] = value
    return replace(Rules(), never_together=tuple(pairs), **values)
