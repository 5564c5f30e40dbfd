"""Every label the appraisal builds from a code exists in the catalogue, in both languages."""

from __future__ import annotations

from appraisal import CATEGORIES, SUGGESTIONS
from appraisal.model import SANCTIONS, Reason
from office.i18n import has, t
from shells.cycle_writer import grade_label, render_reason


def test_dynamic_keys_exist():
    """Grades per category, sanctions, suggestions, units and summary levels are all there."""
    keys = [f"appraisal.grade.{c}.{lv}" for c in CATEGORIES for lv in (1, 2, 3, 4)]
    keys += [f"appraisal.sanction.{s}" for s in SANCTIONS]
    keys += [f"appraisal.suggestion.{s}" for s in SUGGESTIONS]
    keys += [f"appraisal.unit.{u}" for u in ("calendar", "working")]
    keys += [f"appraisal.summary.level.{lv}" for lv in (1, 2, 3, 4)]
    keys += [f"appraisal.flag.{f}" for f in ("tie", "quota_tie", "dismissal_review",
                                             "missing_data")]
    assert [k for k in keys if not has(k)] == []


def test_grade_labels_follow_the_category():
    """称职 for civil servants, 合格 for institution staff; English in the English UI."""
    assert grade_label(2, "civil_servant") == "称职"
    assert grade_label(2, "institution") == "合格"
    assert grade_label(4, "institution", "en") == "unqualified"
    assert grade_label(0, "institution") == ""


def test_reason_rendering_translates_codes():
    """A sanction reason names the sanction and the capped grade in words."""
    r = Reason.of("appraisal.reason.sanction_cap", sanction="demerit", date="2026-03-18",
                  level=3, category="institution")
    assert render_reason(r) == "2026-03-18 受记过处分，最高只能定为基本合格"
    assert "at most basically qualified" in render_reason(r, "en")
    assert t("appraisal.reason.rank", "en", rank=1, graded=3) == "rank 1 of 3 graded"
