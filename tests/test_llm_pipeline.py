"""answer_question in LLM mode, against the wire-level fake server: the model writes the Query.

The parser reads the question offline; the model reads it too, in the configured
structured-output mode. The same reading gives the offline answer; another reading is run by
the executor over the documents' facts and the answer says how the readings differ. A verified
offline answer is never displaced by one that is not, a figure the document lacks is said
plainly (「文件中没有“X”」), and no number the model sends ever reaches an answer.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fake_openai import FakeOpenAI, fake_llm, query_reply  # noqa: E402,F401

from budgetqa.cli import main  # noqa: E402
from budgetqa.core.query import Query  # noqa: E402
from budgetqa.core.settings import Settings  # noqa: E402
from budgetqa.qa.llm_query import QueryReply, ScopeReply  # noqa: E402
from budgetqa.qa.parser import parse_query  # noqa: E402
from budgetqa.qa.pipeline import answer_question  # noqa: E402

MODES = ["json_schema", "function_calling", "json_object"]
CJ, BZ = "000_fbfe44e17c8967fa.txt", "002_e49850479605d5c8.txt"
SANGONG_Q = "昌吉州科技局2024年三公经费是多少"          # offline: 三公经费合计 4.78 万元, verified
VERIFIED_Q = "巴州高企奖励多少"                          # offline: 1060 万元, verified
LOTTERY_Q = "昌吉州科技局2024年彩票公益金安排了多少？"     # the document has no 彩票公益金


def settings_for(fake: FakeOpenAI, ws, mode: str = "json_schema", **over) -> Settings:
    return Settings(llm_base_url=fake.base_url, llm_model="fake-model", llm_structured_mode=mode, llm_timeout_s=10.0,
                    llm_max_retries=0, workspace=ws.root, **over)


def doc_id(ws, source: str) -> str:
    return next(r.doc_id for r in ws.docs() if r.source == source)


def as_reply(q: Query) -> dict:
    """The Query as a model would send it: only the fields the wire schema has."""
    out = {k: getattr(q, k) for k in QueryReply.model_fields if k not in ("operands", "scope")}
    out["operands"] = [as_reply(o) for o in q.operands]
    out["scope"] = {k: getattr(q.scope, k) for k in ScopeReply.model_fields}
    return out


def comparable(a) -> dict:
    return a.model_dump(exclude={"mode", "notice", "latency_ms"})


# ---- the model's reading equals the parser's: the offline answer, in mode llm -----------------------------
@pytest.mark.parametrize("question", [VERIFIED_Q, SANGONG_Q])
def test_the_same_reading_gives_the_offline_answer(fake_llm: FakeOpenAI, qa_ws, question: str):
    offline_q = parse_query(question, qa_ws.docs())
    fake_llm.structured(as_reply(offline_q))
    offline = answer_question(question, qa_ws)
    a = answer_question(question, qa_ws, settings_for(fake_llm, qa_ws))
    assert a.mode == "llm" and a.notice is None
    assert comparable(a) == comparable(offline)
    assert a.verification.status == "verified"


def test_a_reading_differing_only_in_unstated_fields_is_the_same_reading(fake_llm: FakeOpenAI, qa_ws):
    # the parser names no column or kind for 「巴州高企奖励多少」: a model naming them reads it the same way
    reply = as_reply(parse_query(VERIFIED_Q, qa_ws.docs()))
    reply.update(column="预算数", scope=dict(reply["scope"], year=2025, kind="预算"))
    fake_llm.structured(reply)
    a = answer_question(VERIFIED_Q, qa_ws, settings_for(fake_llm, qa_ws))
    assert a.mode == "llm" and a.notice is None and a.value == pytest.approx(1060.0)


# ---- each structured-output mode, end to end -----------------------------------------------------------
@pytest.mark.parametrize("mode", MODES)
def test_each_mode_end_to_end_a_verified_other_reading_is_the_answer(fake_llm: FakeOpenAI, qa_ws, mode: str):
    cj = doc_id(qa_ws, CJ)
    fake_llm.structured(query_reply("财政拨款“三公”经费 · 公务接待费", [cj], measure_kind="concept", unit_class="amount",
                                    scope={"year": 2024, "kind": "预算"}, words="公务接待费"))
    a = answer_question(SANGONG_Q, qa_ws, settings_for(fake_llm, qa_ws, mode))

    assert a.mode == "llm" and a.found and a.value == pytest.approx(0.48) and a.unit == "万元"
    assert a.verification.status == "verified" and a.citations
    assert a.query and "公务接待费" in a.query
    assert a.notice.startswith("模型与离线解析的读法不同") and "公务接待费" in a.notice
    assert "4.78" in a.notice                                          # what the offline reading answered
    body = fake_llm.last_chat
    text = fake_llm.prompt_text(body)
    assert SANGONG_Q in text and all(f"id={r.doc_id}" in text for r in qa_ws.docs())
    if mode == "json_schema":
        assert body["response_format"]["type"] == "json_schema" and "tools" not in body
    elif mode == "function_calling":
        assert body["tool_choice"] == {"type": "function", "function": {"name": "QueryReply"}}
    else:
        assert body["response_format"] == {"type": "json_object"} and "JSON Schema" in text


@pytest.mark.parametrize("mode", MODES)
def test_each_mode_end_to_end_the_reply_is_reasked_once(fake_llm: FakeOpenAI, qa_ws, mode: str):
    cj = doc_id(qa_ws, CJ)
    fake_llm.structured(query_reply("三公经费", ["not-an-indexed-id"]))      # re-asked: an id it was not given
    fake_llm.structured(query_reply("财政拨款“三公”经费 · 合计", [cj], unit_class="amount",
                                    scope={"year": 2024, "kind": "预算"}))
    a = answer_question(SANGONG_Q, qa_ws, settings_for(fake_llm, qa_ws, mode))
    assert len(fake_llm.chat_bodies) == 2 and "not-an-indexed-id" in fake_llm.prompt_text(fake_llm.last_chat)
    assert a.mode == "llm" and a.value == pytest.approx(4.78) and a.verification.status == "verified"
    assert "答案相同" in a.notice                                       # other words, the same figure


# ---- a figure the document does not have ------------------------------------------------------------------
@pytest.mark.parametrize("mode", MODES)
def test_a_measure_the_document_lacks_is_said_plainly(fake_llm: FakeOpenAI, qa_ws, mode: str):
    fake_llm.structured(query_reply("政府性基金预算支出 · 彩票公益金", [doc_id(qa_ws, CJ)], unit_class="amount",
                                    scope={"year": 2024, "kind": "预算"}))
    offline = answer_question(LOTTERY_Q, qa_ws)
    a = answer_question(LOTTERY_Q, qa_ws, settings_for(fake_llm, qa_ws, mode))
    assert not a.found and a.value is None and not a.citations
    assert a.answer == "文件中没有“政府性基金预算支出 · 彩票公益金”" and a.doc == CJ
    assert a.mode == "llm" and a.verification.status != "verified"
    assert "读法不同" in a.notice and "离线读法" in a.notice and offline.answer.rstrip("。")[:20] in a.notice


# ---- a reading whose answer is not verified never displaces a verified one -------------------------------
def test_an_unverified_reading_keeps_the_verified_offline_headline(fake_llm: FakeOpenAI, qa_ws):
    fake_llm.structured(query_reply("高新技术企业奖励", [doc_id(qa_ws, BZ)], op="rank", rank="max",
                                    rank_over="documents", unit_class="amount", scope={"year": 2025, "kind": "预算"}))
    offline = answer_question(VERIFIED_Q, qa_ws)
    a = answer_question(VERIFIED_Q, qa_ws, settings_for(fake_llm, qa_ws))
    assert comparable(a) == comparable(offline) and a.verification.status == "verified"
    assert a.mode == "llm"
    assert "读法不同" in a.notice and "按模型的读法" in a.notice and "未采用" in a.notice
    assert "部分核验" in a.notice or "未核验" in a.notice                 # why it was not shown


# ---- the model never states a number ------------------------------------------------------------------------
@pytest.mark.parametrize("mode", MODES)
def test_a_number_the_model_sends_never_reaches_the_answer(fake_llm: FakeOpenAI, qa_ws, mode: str):
    cj = doc_id(qa_ws, CJ)
    reply = query_reply("财政拨款“三公”经费 · 公务接待费 9999万元", [cj], unit_class="amount", stated=9999,
                        amounts=[9999], scope={"year": 2024, "kind": "预算", "value": 9999},
                        value=9999, answer="公务接待费 9999 万元", unit="万元", calculation="9999*1",
                        words="公务接待费 9999")
    reply["operands"] = [{"measure": "公务接待费", "value": 9999, "stated": 9999, "scope": {"doc_ids": [cj]}}]
    fake_llm.structured(reply)
    a = answer_question(SANGONG_Q, qa_ws, settings_for(fake_llm, qa_ws, mode))

    assert a.value != 9999 and "9999" not in a.answer and "9999" not in (a.calculation or "")
    assert all("9999" not in x for x in a.items) and all(f.value != 9999 for f in a.facts)
    assert "9999" not in a.model_dump_json(exclude={"notice"})            # nowhere but the notice …
    assert "已删去" in a.notice and "已忽略" in a.notice                     # … which says it was thrown away
    assert a.mode == "llm" and a.value == pytest.approx(0.48)               # the document's 公务接待费


def test_a_verified_answer_never_comes_from_the_models_number(fake_llm: FakeOpenAI, qa_ws):
    # the model "answers" 1060 for the 三公 question: it is not a Query field, so it cannot be the answer
    fake_llm.structured(query_reply("财政拨款“三公”经费 · 合计", [doc_id(qa_ws, CJ)], value=1060.0, unit="万元",
                                    scope={"year": 2024, "kind": "预算"}))
    a = answer_question(SANGONG_Q, qa_ws, settings_for(fake_llm, qa_ws))
    assert a.value == pytest.approx(4.78) and "1060" not in a.answer.replace(",", "")


# ---- the CLI and the eval in LLM mode ----------------------------------------------------------------------
def use_env(monkeypatch: pytest.MonkeyPatch, fake: FakeOpenAI) -> None:
    monkeypatch.setenv("BUDGETQA_LLM_BASE_URL", fake.base_url)
    monkeypatch.setenv("BUDGETQA_LLM_MODEL", "fake-model")
    monkeypatch.setenv("BUDGETQA_LLM_MAX_RETRIES", "0")


def test_ask_json_in_llm_mode(fake_llm: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, qa_ws, capsys):
    use_env(monkeypatch, fake_llm)
    fake_llm.structured(query_reply("财政拨款“三公”经费 · 公务接待费", [doc_id(qa_ws, CJ)], unit_class="amount",
                                    scope={"year": 2024, "kind": "预算"}))
    assert main(["ask", SANGONG_Q, "--workspace", str(qa_ws.root), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["mode"] == "llm" and out["value"] == pytest.approx(0.48) and out["verification"]["status"] == "verified"
    assert out["notice"] and out["query"] and out["latency_ms"] > 0


def test_eval_runs_in_llm_mode(fake_llm: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys):
    use_env(monkeypatch, fake_llm)
    samples = Path(__file__).resolve().parent.parent / "samples"
    gold = tmp_path / "gold.jsonl"
    rows = [{"id": "t-1", "doc": CJ, "question": SANGONG_Q, "type": "table_lookup", "answer": "4.78万元。", "value": 4.78,
             "unit": "万元", "evidence": ["4.78"]},
            {"id": "t-2", "doc": BZ, "question": VERIFIED_Q, "type": "table_lookup", "answer": "1060万元。", "value": 1060.0,
             "unit": "万元", "evidence": ["1060"]}]
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    fake_llm.structured(query_reply("财政拨款“三公”经费 · 合计", unit_class="amount", scope={"year": 2024}))
    fake_llm.structured("不是 JSON").structured("还不是 JSON")            # the second question: a model error
    report = tmp_path / "r"
    assert main(["eval", "--workspace", str(tmp_path / "ws"), "--gold", str(gold), "--no-bundled", "--docs",
                 str(samples), "--mode", "llm", "--no-baseline", "--report", str(report), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["mode"] == "llm" and summary["n_questions"] == 2
    result = json.loads((report / "result.json").read_text("utf-8"))
    assert result["mode"] == "llm" and len(fake_llm.chat_bodies) == 3
    assert len(result["records"]["budgetqa"]) == 2
