"""budgetqa ask / answer_question on the bundled samples (a real workspace in a temp dir)."""
from __future__ import annotations

import json

import pytest

from budgetqa.cli import main
from budgetqa.qa.pipeline import answer_question


@pytest.fixture(scope="module")
def ws(tmp_path_factory, samples_dir):
    from budgetqa.retrieval.workspace import Workspace

    w = Workspace.open(workspace=str(tmp_path_factory.mktemp("ws")))
    w.ingest([samples_dir])
    return w


def test_bazhou_high_tech_award_end_to_end(ws):
    a = answer_question("巴州高企奖励多少", ws)
    assert a.found and a.value == pytest.approx(1060.0) and a.unit == "万元"
    assert a.calculation == "53*20"
    assert a.verification.status == "verified"
    assert any(c.kind == "calc" and c.ok for c in a.verification.checks)
    texts = "".join(c.text for c in a.citations).replace(" ", "")
    assert "1,060.00" in texts and "53家，每家奖励20万元" in texts
    assert all(c.doc.startswith("002_") for c in a.citations)


def test_share_is_computed_in_code(ws):
    a = answer_question("昌吉州科技局2024年人员经费占基本支出的比例是多少", ws)
    assert a.value == pytest.approx(90.92, abs=0.01) and a.unit == "%"
    assert a.calculation == "442.47/486.67*100"
    assert a.verification.status == "verified"


def test_unanswerable_person(ws):
    a = answer_question("2024年昌吉州科技局局长是谁", ws)
    assert not a.found and a.value is None and a.verification.status == "not applicable"


def test_year_not_covered_is_not_answered_from_another_year(ws):
    a = answer_question("巴州科技局2024年决算支出是多少", ws)
    assert not a.found and a.value is None and not a.citations


def test_list_of_expense_classes(ws):
    a = answer_question("巴州科技局2025年支出预算都包括哪几类支出", ws)
    assert {"教育支出", "科学技术支出", "住房保障支出"} <= set(a.items)


def test_yes_no_from_facts(ws):
    a = answer_question("乌市科技局2025年有买公车的预算吗？", ws)
    assert a.polarity == "no"


def test_cli_json_and_batch(ws, tmp_path, capsys):
    root = str(ws.root)
    assert main(["ask", "昌吉州科技局2024年收支总预算是多少？", "--json", "--workspace", root]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["value"] == pytest.approx(1065.9) and out["mode"] == "offline"
    assert {"id", "question", "found", "answer", "value", "unit", "items", "polarity", "citations",
            "verification", "latency_ms"} <= set(out)
    f = tmp_path / "q.jsonl"
    f.write_text(json.dumps({"id": "a1", "question": "巴州高企奖励多少"}, ensure_ascii=False) + "\n"
                 + json.dumps({"id": "a2", "question": "巴州科技局局长是谁"}, ensure_ascii=False) + "\n", "utf-8")
    assert main(["ask", "--batch", str(f), "--json", "--workspace", root]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.strip().splitlines()]
    assert [x["id"] for x in lines] == ["a1", "a2"] and lines[0]["found"] and not lines[1]["found"]


def test_cli_empty_workspace(tmp_path, capsys):
    assert main(["ask", "巴州高企奖励多少", "--workspace", str(tmp_path / "empty")]) == 1
    assert "budgetqa ingest" in capsys.readouterr().err


def test_llm_unreachable_falls_back_to_offline_with_notice(ws):
    from budgetqa.core.settings import settings_with

    s = settings_with(workspace=str(ws.root), llm_base_url="http://127.0.0.1:9/v1", llm_model="m",
                      llm_timeout_s=2, llm_max_retries=0)
    a = answer_question("巴州高企奖励多少", ws, s)
    assert a.mode == "offline" and a.notice and a.value == pytest.approx(1060.0)
    assert a.verification.status == "verified"
