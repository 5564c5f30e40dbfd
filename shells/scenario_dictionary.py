"""The scenario's data dictionary: every sheet's columns, whether required, and an example.

One list serves the blank template's header rows, its ``data_dictionary`` sheet and the
README table, so the three can never disagree. Meanings are catalogue entries
(``reader.dict.<sheet>.<column>``) in Chinese and English.
"""

from __future__ import annotations

from office.i18n import t

# (sheet, column, required, example)
COLUMNS: tuple[tuple[str, str, bool, str], ...] = (
    ("staff", "staff_id", True, "W001"),
    ("staff", "name", True, "王建国"),
    ("staff", "department", False, "党政综合办公室"),
    ("staff", "rank", False, "leader"),
    ("staff", "fairness_group", False, "leader"),
    ("staff", "qualifications", False, "duty;night"),
    ("staff", "fte", False, "0.5"),
    ("staff", "active_from", False, "2026-01-15"),
    ("staff", "active_to", False, "2026-12-31"),
    ("staff", "phone", False, "13800000000"),
    ("staff", "max_consecutive_days", False, "2"),
    ("staff", "min_consecutive_days", False, "1"),
    ("staff", "min_consecutive_days_off", False, "2"),
    ("staff", "max_weekends", False, "4"),
    ("staff", "min_minutes", False, "0"),
    ("staff", "max_minutes", False, "6000"),
    ("staff", "max_per_post", False, "NIGHT=2;HOL=0"),
    ("posts", "post_id", True, "NIGHT"),
    ("posts", "name", True, "夜间值班"),
    ("posts", "day_types", True, "workday;weekend;holiday"),
    ("posts", "headcount", True, "1"),
    ("posts", "qualification", False, "night"),
    ("posts", "start", False, "17:30"),
    ("posts", "hours", False, "15"),
    ("posts", "minutes", False, "900"),
    ("posts", "points", False, "1.5"),
    ("posts", "rest_days_after", False, "1"),
    ("posts", "cannot_follow", False, "NIGHT;HOL"),
    ("horizon", "start", True, "2026-01-01"),
    ("horizon", "end", True, "2026-03-31"),
    ("calendar", "date", True, "2027-02-06"),
    ("calendar", "day_type", True, "holiday"),
    ("calendar", "holiday_name", False, "春节"),
    ("leave", "staff_id", True, "W021"),
    ("leave", "start", True, "2026-01-19"),
    ("leave", "end", True, "2026-03-01"),
    ("leave", "kind", False, "sick"),
    ("requests", "staff_id", True, "W013"),
    ("requests", "date", True, "2026-02-16"),
    ("requests", "kind", True, "avoid"),
    ("requests", "post_id", False, "HOL"),
    ("requests", "weight", False, "2"),
    ("pins", "date", True, "2026-02-16"),
    ("pins", "post_id", True, "LEAD"),
    ("pins", "staff_id", True, "W001"),
    ("history", "staff_id", True, "W003"),
    ("history", "points", False, "12.5"),
    ("history", "last_duty", False, "2025-12-30"),
    ("history", "holidays_worked", False, "春节;元旦"),
    ("rules", "rule", True, "max_duties_per_month"),
    ("rules", "value", True, "6"),
)

SHEET_ORDER = ("staff", "posts", "horizon", "calendar", "leave", "requests", "pins",
               "history", "rules")
DICTIONARY_HEADER = ("sheet", "column", "required", "meaning_zh", "meaning_en", "example")


def columns_of(sheet: str) -> list[str]:
    """Header row of ``sheet`` in template order (required columns first, as listed)."""
    return [c for s, c, _r, _e in COLUMNS if s == sheet]


def dictionary_rows() -> list[dict[str, str]]:
    """One row per column, with both languages, for the template and the README."""
    return [
        {
            "sheet": sheet,
            "column": column,
            "required": t("reader.dict.required" if req else "reader.dict.optional", "zh")
            + " / " + t("reader.dict.required" if req else "reader.dict.optional", "en"),
            "meaning_zh": t(f"reader.dict.{sheet}.{column}", "zh"),
            "meaning_en": t(f"reader.dict.{sheet}.{column}", "en"),
            "example": example,
        }
        for sheet, column, req, example in COLUMNS
    ]
