"""One palette for the whole app, so a weekend or a 优秀 looks the same on every page and export.

Colours are muted (printable, readable in grey) and paired with a marker character for people
who cannot tell them apart; grades and day types are keyed by their catalogue code, never by
the translated word.
"""

from __future__ import annotations

DAY_BG = {"workday": "#ffffff", "weekend": "#e8f1fb", "holiday": "#fde8e4"}
"""Row background by day type (workday plain, weekend blue, holiday red)."""
DAY_FG = {"workday": "#1f2933", "weekend": "#1d4f91", "holiday": "#a4262c"}
ADJUSTED_BG = "#fff4ce"
"""An adjusted working day (调休上班): yellow, because people forget they work that Saturday."""
CHANGED_BG = "#ffe08a"
CHANGED_BORDER = "2px solid #d29200"
PINNED_MARK = "📌"
GAP_BG = "#f8d7da"
CONFLICT_BG = "#f4b6b6"
SELECTED_CSS = "background-color: #cfe3ff; color: #0b3d91; font-weight: 700"
"""The cell chosen for editing (canvas grids ignore outlines, so a fill it is)."""

GRADE_COLORS = {
    "excellent": "#2e7d32",
    "competent": "#1565c0",
    "basic": "#ef6c00",
    "incompetent": "#c62828",
    "ungraded": "#757575",
}
"""Grade bands (优秀, 称职/合格, 基本称职/基本合格, 不称职/不合格, not graded)."""

GRADE_ORDER = ("excellent", "competent", "basic", "incompetent", "ungraded")

_GRADE_WORDS = {
    "excellent": ("优秀", "excellent", "outstanding"),
    "competent": ("称职", "合格", "competent", "qualified", "pass"),
    "basic": ("基本称职", "基本合格", "basically competent", "basically qualified", "basic"),
    "incompetent": ("不称职", "不合格", "incompetent", "unqualified", "fail"),
}

FAIR_COLORS = {"over": "#c62828", "under": "#1565c0", "even": "#2e7d32"}

CSS = """
<style>
section.main > div.block-container, div[data-testid="stMainBlockContainer"] {
  padding-top: 1.2rem; padding-bottom: 1rem; max-width: 100%;
}
div[data-testid="stMetric"] { padding: 0.2rem 0.4rem; }
div[data-testid="stMetricValue"] { font-size: 1.3rem; }
h1 { font-size: 1.6rem !important; margin-bottom: 0.2rem; }
h2, h3 { font-size: 1.15rem !important; }
.duty-legend span { display: inline-block; padding: 1px 8px; margin-right: 6px;
  border: 1px solid #d0d7de; border-radius: 3px; font-size: 0.8rem; }
</style>
"""


def grade_band(grade: object) -> str:
    """Map a grade as the engine or a person wrote it (zh or en) to a colour band."""
    text = str(grade or "").strip().lower()
    if not text or text in ("nan", "none"):
        return "ungraded"
    # Longest words first, so 基本称职 is not taken for 称职 and 不称职 not for 称职.
    pairs = sorted(((w, band) for band, words in _GRADE_WORDS.items() for w in words),
                   key=lambda p: -len(p[0]))
    for word, band in pairs:
        if text == word.lower() or text.startswith(word.lower()):
            return band
    return "ungraded"


def grade_css(grade: object) -> str:
    """Cell style for a grade: coloured text on a light tint of the same colour."""
    color = GRADE_COLORS[grade_band(grade)]
    return f"color: {color}; background-color: {color}1a; font-weight: 600"


def day_css(day_type: str, adjusted: bool = False) -> str:
    """Row style for a day type; adjusted working days get their own tint."""
    if adjusted:
        return f"background-color: {ADJUSTED_BG}; color: {DAY_FG['workday']}"
    return f"background-color: {DAY_BG.get(day_type, '#ffffff')}; color: {DAY_FG.get(day_type, '')}"


def legend_html(items: list[tuple[str, str]]) -> str:
    """A one-line colour legend: ``[(label, background)]``."""
    spans = "".join(f'<span style="background:{bg}">{label}</span>' for label, bg in items)
    return f'<div class="duty-legend">{spans}</div>'
