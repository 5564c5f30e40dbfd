"""Follow-up suggestions from this cycle's grade and the grades of earlier cycles.

* 优秀 → commendation (嘉奖); 优秀 three years running → merit citation (记三等功) proposal
  instead of the 嘉奖 (公务员奖励规定: 连续三年优秀记三等功);
* lowest grade → demotion review; lowest grade two years running → dismissal review instead
  (公务员法 Art 88: 连续两年不称职予以辞退);
* 优秀 or the second grade → eligible for the year-end bonus.

``history`` is a frame ``staff_id``, ``year``, ``level`` (1–4) read from past results files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .model import EXCELLENT, LOWEST, SECOND

SUGGESTIONS = ("commendation", "merit_citation", "demotion_review", "dismissal_review",
               "year_end_bonus")


def past_levels(history: pd.DataFrame, staff_ids: pd.Series, year: int) -> pd.DataFrame:
    """``prev1`` and ``prev2``: each person's level one and two years before (0 = unknown)."""
    out = pd.DataFrame({"staff_id": staff_ids.to_numpy()})
    for back in (1, 2):
        h = history[history["year"] == year - back].drop_duplicates("staff_id", keep="last")
        lv = out["staff_id"].map(h.set_index("staff_id")["level"])
        out[f"prev{back}"] = lv.fillna(0).astype(int).to_numpy()
    return out


def suggest(levels: pd.Series, prev1: pd.Series, prev2: pd.Series) -> list[tuple[str, ...]]:
    """Suggestion codes per person, in a fixed order, from aligned level series."""
    lv, p1, p2 = levels.to_numpy(), prev1.to_numpy(), prev2.to_numpy()
    three = (lv == EXCELLENT) & (p1 == EXCELLENT) & (p2 == EXCELLENT)
    two_low = (lv == LOWEST) & (p1 == LOWEST)
    cols = {
        "commendation": (lv == EXCELLENT) & ~three,
        "merit_citation": three,
        "demotion_review": (lv == LOWEST) & ~two_low,
        "dismissal_review": two_low,
        "year_end_bonus": (lv == EXCELLENT) | (lv == SECOND),
    }
    mat = np.column_stack([cols[c] for c in SUGGESTIONS]) if len(lv) else np.zeros((0, 5), bool)
    return [tuple(c for c, on in zip(SUGGESTIONS, row, strict=True) if on) for row in mat]
