"""Every page renders on the sample in both languages, and the sidebar switch changes labels."""

from __future__ import annotations

import re

PAGES = ("data", "planner", "fairness", "person", "notice", "appraisal", "appraisal_person")
RAW_KEY = re.compile(r"\bui\.[a-z_]+\.[a-z_.]+")


def _visible_text(at) -> str:
    parts = []
    for kind in ("title", "markdown", "caption", "info", "success", "warning", "error",
                 "subheader", "metric", "code"):
        parts += [str(getattr(e, "value", "")) for e in getattr(at, kind)]
        parts += [str(getattr(e, "label", "")) for e in getattr(at, kind)]
    for kind in ("button", "selectbox", "number_input", "checkbox", "date_input", "radio",
                 "text_input"):
        parts += [str(e.label) for e in getattr(at, kind)]
    for df in at.dataframe:
        parts += [str(c) for c in df.value.columns]
    return "\n".join(parts)


def test_language_switch_changes_labels(app) -> None:
    """Chinese by default; switching the sidebar to English turns titles and buttons English."""
    app.page("data")
    assert app.at.title[0].value == "数据"
    assert app.at.button(key="load_sample").label == "载入示例数据"
    app.at.radio(key="lang").set_value("en").run()
    assert app.at.title[0].value == "Data"
    assert app.at.button(key="load_sample").label == "Load the sample"
    assert app.at.sidebar.text_input(key="unit_name").label == "Unit name"


def test_every_page_renders_in_both_languages_without_raw_keys(solved_sample) -> None:
    """With a solved roster and an appraisal run, all pages render, with no raw catalogue key."""
    d = solved_sample
    d.page("appraisal")
    d.at.button(key="ap_load_sample").click().run()
    d.at.button(key="ap_run").click().run()
    for lang in ("zh", "en"):
        d.at.radio(key="lang").set_value(lang).run()
        for page in PAGES:
            d.page(page)
            d.assert_clean()
            text = _visible_text(d.at)
            assert not RAW_KEY.findall(text), (page, lang, RAW_KEY.findall(text)[:5])
            assert d.at.title, page
    d.at.radio(key="lang").set_value("zh").run()


def test_duty_notice_lists_posts_names_and_phones(solved_sample) -> None:
    """The notice for a day names each post on duty, its hours and the people with phones."""
    d = solved_sample
    plan = d.plan
    day = sorted(plan.roster.assignments)[0].date
    d.page("notice")
    d.at.date_input(key="notice_date").set_value(day).run()
    text = d.at.code[0].value
    staff = plan.problem.staff_by_id()
    for a in plan.roster.assignments:
        if a.date == day:
            assert staff[a.staff_id].name in text
            if staff[a.staff_id].phone:
                assert staff[a.staff_id].phone in text
    assert "值班通知" in text and day.isoformat() in text
