"""The cycle reader: every error kind at its sheet, row and column; warnings; file formats.

Row numbers are the spreadsheet's own (header = row 1, first data row = row 2).
"""

from __future__ import annotations

import pandas as pd
import pytest

from shells.cycle_reader import read_cycle


def base_sheets() -> dict[str, pd.DataFrame]:
    """A small valid cycle: 3 staff, one indicator per dimension, every sheet present."""
    staff = pd.DataFrame([
        {"staff_id": "S1", "name": "张三", "department": "D1", "rank": "cadre",
         "category": "civil_servant", "post": "科员", "active_from": "", "active_to": ""},
        {"staff_id": "S2", "name": "李四", "department": "D2", "rank": "worker",
         "category": "institution", "post": "工作人员", "active_from": "2026-01-15",
         "active_to": ""},
        {"staff_id": "S3", "name": "王五", "department": "D1", "rank": "cadre",
         "category": "civil_servant", "post": "科员", "active_from": "", "active_to": ""},
    ])
    ind = pd.DataFrame([  # rows 2..6
        {"indicator_id": "M", "dimension": "德", "name": "政治素质", "weight": 100,
         "rule": "rating", "direction": "", "target": "", "threshold": "", "stretch": "",
         "cap": "", "applies_to": "", "source": ""},
        {"indicator_id": "A", "dimension": "能", "name": "学时", "weight": 100, "rule": "ratio",
         "direction": "higher", "target": 10, "threshold": "", "stretch": "", "cap": 120,
         "applies_to": "", "source": ""},
        {"indicator_id": "D", "dimension": "勤", "name": "值班", "weight": 100, "rule": "band",
         "direction": "higher", "target": 0.95, "threshold": 0.8, "stretch": 1, "cap": 105,
         "applies_to": "", "source": "duty_completion_rate"},
        {"indicator_id": "P", "dimension": "绩", "name": "目标", "weight": 100, "rule": "band",
         "direction": "higher", "target": 100, "threshold": 80, "stretch": 120, "cap": 110,
         "applies_to": "", "source": ""},
        {"indicator_id": "I", "dimension": "廉", "name": "廉洁", "weight": 100,
         "rule": "deduction", "direction": "lower", "target": "", "threshold": "",
         "stretch": "", "cap": "", "applies_to": "", "source": ""},
    ])
    actuals = pd.DataFrame([{"staff_id": s, "indicator_id": i, "value": v}
                            for s in ("S1", "S2", "S3") for i, v in (("A", 9), ("P", 101))])
    ratings = pd.DataFrame([{"rater_id": "L1", "rater_group": "leader", "staff_id": s,
                             "indicator_id": "M", "score": v}
                            for s, v in (("S1", 90), ("S2", 85), ("S3", 80))])
    events = pd.DataFrame([{"staff_id": "S1", "date": "2026-04-01", "kind": "commendation",
                            "points": 2, "indicator_id": "", "note": "表扬"}])
    duty = pd.DataFrame([{"staff_id": s, "date": "2026-02-01", "post_id": "P",
                          "status": "done"} for s in ("S1", "S2", "S3")])
    tasks = pd.DataFrame([{"task_id": "T1", "lead": "S1", "helpers": "S2;S3",
                           "assigned": "2026-03-01", "due": "2026-03-10", "done": "2026-03-09"}])
    rules = pd.DataFrame([("year", 2026), ("weight_德", 20), ("weight_能", 15),
                          ("weight_勤", 15), ("weight_绩", 40), ("weight_廉", 10)],
                         columns=["rule", "value"])
    return {"staff": staff, "indicators": ind, "actuals": actuals, "ratings": ratings,
            "events": events, "duty_log": duty, "tasks": tasks, "rules": rules}


def write_xlsx(path, sheets) -> str:
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for name, frame in sheets.items():
            frame.to_excel(xw, sheet_name=name, index=False)
    return str(path)


def read(tmp_path, sheets):
    return read_cycle(write_xlsx(tmp_path / "cycle.xlsx", sheets))


def errors(result, lang="en"):
    return [p.render(lang) for p in result.errors]


def with_row(frame, **values):
    return pd.concat([frame, pd.DataFrame([values])], ignore_index=True)


def test_valid_cycle_reads_without_problems(tmp_path):
    """The base cycle is clean and typed (dates parsed, dimension canonical)."""
    res = read(tmp_path, base_sheets())
    assert res.errors == () and res.cycle is not None
    assert str(res.cycle.staff.set_index("staff_id").loc["S2", "active_from"].date()) == \
        "2026-01-15"
    assert res.cycle.rules.year == 2026


def test_indicator_weights_of_a_dimension_must_sum_to_100(tmp_path):
    """P (row 5) alone in 绩 with weight 90 → an error at its row naming the total."""
    s = base_sheets()
    s["indicators"].loc[3, "weight"] = 90
    msgs = errors(read(tmp_path, s))
    assert any(m.startswith("indicators row 5 column weight:") and "sum to 90" in m
               for m in msgs), msgs


def test_dimension_weights_must_sum_to_100(tmp_path):
    """weight_德 25 makes the five dimension weights 105 → error in the rules sheet."""
    s = base_sheets()
    s["rules"].loc[1, "value"] = 25
    msgs = errors(read(tmp_path, s))
    assert any(m.startswith("rules row 3 column value:") and "105" in m for m in msgs), msgs


def test_unknown_dimension(tmp_path):
    """A dimension '智' (row 3) is not one of 德 能 勤 绩 廉."""
    s = base_sheets()
    s["indicators"].loc[1, "dimension"] = "智"
    msgs = errors(read(tmp_path, s))
    assert any(m.startswith("indicators row 3 column dimension:") and "智" in m
               for m in msgs), msgs


def test_english_dimension_names_are_accepted(tmp_path):
    """'Morality' means 德 (case-insensitive)."""
    s = base_sheets()
    s["indicators"].loc[0, "dimension"] = "Morality"
    res = read(tmp_path, s)
    assert res.errors == () and res.cycle.indicators.loc[0, "dimension"] == "德"


def test_unknown_staff(tmp_path):
    """An actual for S9 (row 8) names nobody in the staff sheet."""
    s = base_sheets()
    s["actuals"] = with_row(s["actuals"], staff_id="S9", indicator_id="A", value=3)
    msgs = errors(read(tmp_path, s))
    assert any(m.startswith("actuals row 8 column staff_id:") and "S9" in m
               for m in msgs), msgs


def test_unknown_indicator(tmp_path):
    """A ballot for indicator Z (row 5) names no indicator."""
    s = base_sheets()
    s["ratings"] = with_row(s["ratings"], rater_id="L2", rater_group="leader", staff_id="S1",
                            indicator_id="Z", score=80)
    msgs = errors(read(tmp_path, s))
    assert any(m.startswith("ratings row 5 column indicator_id:") and "Z" in m
               for m in msgs), msgs


def test_duplicate_rating(tmp_path):
    """L1 rating S1 on M twice: the second (row 5) is reported with the first (row 2)."""
    s = base_sheets()
    s["ratings"] = with_row(s["ratings"], rater_id="L1", rater_group="leader", staff_id="S1",
                            indicator_id="M", score=70)
    msgs = errors(read(tmp_path, s))
    assert any(m.startswith("ratings row 5 column rater_id:") and "row 2" in m
               for m in msgs), msgs


def test_score_outside_0_100(tmp_path):
    """A score of 105 (row 3) is outside 0–100."""
    s = base_sheets()
    s["ratings"].loc[1, "score"] = 105
    msgs = errors(read(tmp_path, s))
    assert any(m.startswith("ratings row 3 column score:") and "105" in m
               for m in msgs), msgs


def test_unparsable_number(tmp_path):
    """An actual value 'abc' (row 2) is not a number."""
    s = base_sheets()
    s["actuals"]["value"] = s["actuals"]["value"].astype(object)
    s["actuals"].loc[0, "value"] = "abc"
    msgs = errors(read(tmp_path, s))
    assert any(m.startswith("actuals row 2 column value:") and "abc" in m
               for m in msgs), msgs


def test_unparsable_date(tmp_path):
    """An event dated 2026-13-01 (row 2) is not a date."""
    s = base_sheets()
    s["events"].loc[0, "date"] = "2026-13-01"
    msgs = errors(read(tmp_path, s))
    assert any(m.startswith("events row 2 column date:") and "2026-13-01" in m
               for m in msgs), msgs


def test_missing_sheet(tmp_path):
    """Without the indicators sheet nothing can be scored."""
    s = base_sheets()
    del s["indicators"]
    assert errors(read(tmp_path, s)) == ["indicators: sheet missing"]


def test_missing_column(tmp_path):
    """The actuals sheet without its value column: reported at the header row."""
    s = base_sheets()
    s["actuals"] = s["actuals"].drop(columns="value")
    msgs = errors(read(tmp_path, s))
    assert "actuals row 1 column value: column missing" in msgs


def test_unknown_rule_key_is_only_a_warning(tmp_path):
    """A rule 'colour' (row 8) is reported as a warning; the cycle is still read."""
    s = base_sheets()
    s["rules"] = with_row(s["rules"], rule="colour", value="red")
    res = read(tmp_path, s)
    assert res.cycle is not None and res.errors == ()
    assert [w.render("en") for w in res.warnings] == [
        "rules row 8 column rule: unknown rule colour: ignored"]


def test_bad_value_of_a_known_rule_is_an_error(tmp_path):
    """quota_excellent 1.5 is not a share → error."""
    s = base_sheets()
    s["rules"] = with_row(s["rules"], rule="quota_excellent", value=1.5)
    assert any(m.startswith("rules row 8 column value:") for m in errors(read(tmp_path, s)))


def test_all_problems_are_reported_at_once(tmp_path):
    """Three independent mistakes in three sheets → three errors, no cycle."""
    s = base_sheets()
    s["indicators"].loc[1, "dimension"] = "智"
    s["ratings"].loc[1, "score"] = 105
    s["events"].loc[0, "date"] = "yesterday"
    res = read(tmp_path, s)
    assert res.cycle is None and len(res.errors) == 3


@pytest.mark.parametrize("change, where", [
    (lambda s: s["staff"].__setitem__("category", ["civil_servant", "contractor",
                                                   "civil_servant"]),
     "staff row 3 column category:"),
    (lambda s: s["staff"].__setitem__("staff_id", ["S1", "S1", "S3"]),
     "staff row 3 column staff_id:"),
    (lambda s: s["indicators"].__setitem__("rule", ["rating", "ratio", "band", "curve",
                                                    "deduction"]),
     "indicators row 5 column rule:"),
    (lambda s: s["indicators"].__setitem__("target", ["", 0, 0.95, 100, ""]),
     "indicators row 3 column target:"),
    (lambda s: s["indicators"].__setitem__("threshold", ["", "", 0.99, 80, ""]),
     "indicators row 4 column target:"),
    (lambda s: s["indicators"].__setitem__("source", ["", "", "duty_rate", "", ""]),
     "indicators row 4 column source:"),
    (lambda s: s.pop("duty_log"), "indicators row 4 column source:"),
    (lambda s: s["indicators"].__setitem__("target", ["", "", 0.95, "", ""]),
     "indicators row 5 column target:"),
    (lambda s: s["events"].__setitem__("kind", ["praise"]), "events row 2 column kind:"),
    (lambda s: s["duty_log"].__setitem__("status", ["done", "late", "done"]),
     "duty_log row 3 column status:"),
    (lambda s: s["tasks"].__setitem__("helpers", ["S2;S8"]), "tasks row 2 column helpers:"),
    (lambda s: s["ratings"].__setitem__("rater_group", ["leader", "boss", "leader"]),
     "ratings row 3 column rater_group:"),
    (lambda s: s["staff"].__setitem__("active_to", ["", "2026-01-01", ""]),
     "staff row 3 column active_to:"),
])
def test_other_errors_are_located(tmp_path, change, where):
    """Unknown category, duplicate id, unknown rule, ratio target 0, band out of order,
    unknown source, source without its sheet, no target, unknown event kind, duty status,
    helper and rater group, active_to before active_from: each at its cell."""
    s = base_sheets()
    change(s)
    msgs = errors(read(tmp_path, s))
    assert any(m.startswith(where) for m in msgs), msgs


def test_messages_in_chinese_by_default(tmp_path):
    """The default language is Chinese; the location keeps the 'sheet row N column C' form."""
    s = base_sheets()
    s["ratings"].loc[1, "score"] = 105
    res = read(tmp_path, s)
    assert res.errors[0].render() == "ratings row 3 column score: 评分 105 不在 0–100 之间"


def test_missing_actual_is_a_warning(tmp_path):
    """No actual for S3 on A: warned at the indicator's row; the run will leave it out."""
    s = base_sheets()
    s["actuals"] = s["actuals"][~((s["actuals"].staff_id == "S3")
                                  & (s["actuals"].indicator_id == "A"))]
    res = read(tmp_path, s)
    assert res.cycle is not None
    assert any(w.render("en").startswith("indicators row 3 column indicator_id:")
               for w in res.warnings)


def test_year_is_guessed_from_the_dates_with_a_warning(tmp_path):
    """Without 'year' in rules the most common year of the dated rows is used."""
    s = base_sheets()
    s["rules"] = s["rules"].iloc[1:]
    res = read(tmp_path, s)
    assert res.cycle.rules.year == 2026
    assert any("2026" in w.render("en") for w in res.warnings)


def test_not_a_workbook(tmp_path):
    """A text file is neither a workbook nor a CSV folder."""
    p = tmp_path / "cycle.txt"
    p.write_text("hello")
    assert [e.render("en") for e in read_cycle(p).errors] == [
        "cycle.txt: only an .xlsx workbook or a folder of CSV files can be read"]


def test_unreadable_staff_sheet_does_not_flood_other_sheets(tmp_path):
    """Without a staff_id column, only that is reported — not every row of every other sheet
    as an unknown person."""
    s = base_sheets()
    s["staff"] = s["staff"].drop(columns="staff_id")
    assert errors(read(tmp_path, s)) == ["staff row 1 column staff_id: column missing"]
