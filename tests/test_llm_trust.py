"""What the LLM path may be trusted with: keys never echoed, verified figures never displaced,
bad replies counted as errors, misconfigured endpoints named, prompts bounded, honest timing.

In answering the model only writes the question's Query (qa/llm_query.py); the executor finds
every figure, so a model's reply here is Query JSON (fake_openai.query_reply).

Everything runs against tests/fake_openai.py on 127.0.0.1 (BUDGETQA_TESTING=1).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

sys.path.insert(0, str(Path(__file__).parent))
from fake_openai import FakeOpenAI, fake_llm, query_reply  # noqa: E402,F401

from budgetqa.cli import main  # noqa: E402
from budgetqa.core.errors import ModelContextError, ModelHTTPError, ModelOutputError, ModelResponseError  # noqa: E402
from budgetqa.core.settings import Settings  # noqa: E402
from budgetqa.extract.enrich import enrich_with_llm, format_report  # noqa: E402
from budgetqa.extract.llm_fill import fill_project_allocations  # noqa: E402
from budgetqa.extract.loader import load  # noqa: E402
from budgetqa.extract.parse import parse  # noqa: E402
from budgetqa.llm.client import make_chat_model, redact, register_secret, structured_call  # noqa: E402
from budgetqa.llm.prompts import render  # noqa: E402
from budgetqa.qa.llm_query import QueryReply, estimate_tokens, format_cues, llm_query_reading  # noqa: E402
from budgetqa.qa.pipeline import answer_question  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CJ = SAMPLES / "000_fbfe44e17c8967fa.txt"
SECRET = "sk-test-SECRET123456"
MODES = ["json_schema", "function_calling", "json_object"]
VERIFIED_Q = "巴州高企奖励多少"            # offline: 1060 万元, verified (tests/test_ask.py)
UNANSWERABLE_Q = "2024年昌吉州科技局局长是谁"
BZ = "002_e49850479605d5c8.txt"             # the document VERIFIED_Q is about


def settings_for(fake: FakeOpenAI, mode: str = "json_schema", *, retries: int = 0, timeout: float = 10.0,
                 key: str | None = None, workspace: Path | None = None, **over) -> Settings:
    return Settings(llm_base_url=fake.base_url, llm_model="fake-model", llm_structured_mode=mode,
                    llm_timeout_s=timeout, llm_max_retries=retries, llm_api_key=SecretStr(key) if key else None,
                    workspace=workspace or Path("/nonexistent"), **over)


def reply_text(measure: str, doc_ids: list[str] | None = None, **over) -> str:
    """A Query reply as the text a careless server may put a key into (`{key}` in `measure`)."""
    return json.dumps(query_reply(measure, doc_ids, **over), ensure_ascii=False)


def doc_id(ws, source: str) -> str:
    return next(r.doc_id for r in ws.docs() if r.source == source)


def use_env(monkeypatch: pytest.MonkeyPatch, fake: FakeOpenAI, mode: str = "json_schema") -> None:
    monkeypatch.setenv("BUDGETQA_LLM_BASE_URL", fake.base_url)
    monkeypatch.setenv("BUDGETQA_LLM_MODEL", "fake-model")
    monkeypatch.setenv("BUDGETQA_LLM_MAX_RETRIES", "0")
    monkeypatch.setenv("BUDGETQA_LLM_STRUCTURED_MODE", mode)
    monkeypatch.setenv("BUDGETQA_LLM_API_KEY", SECRET)


def extract_jobs() -> int:
    d = parse(load(CJ))
    return len([p for p in d.projects if (p.allocation_text or "").strip()]) + len(d.performance)


# ---- 1. the key never comes back out ------------------------------------------------------------
def test_redact_removes_registered_keys_and_key_shapes(monkeypatch: pytest.MonkeyPatch):
    for var in ("BUDGETQA_LLM_API_KEY", "OPENAI_API_KEY", "BUDGETQA_EMBEDDING_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    register_secret(SecretStr("plainkey-0xDEADBEEF"))
    text = ("bad key plainkey-0xDEADBEEF; header Authorization: Bearer abc.def-ghi_jkl; "
            "Incorrect API key provided: sk-proj-abcdEFGH1234; api_key=zzzzzzzzzzzzzzzz")
    out = redact(text)
    for leaked in ("plainkey-0xDEADBEEF", "abc.def-ghi_jkl", "sk-proj-abcdEFGH1234", "zzzzzzzzzzzzzzzz"):
        assert leaked not in out
    assert "***" in out and redact("办公费 22.00 万元") == "办公费 22.00 万元"


def test_key_echoed_in_401_500_and_completion_is_redacted(fake_llm: FakeOpenAI):
    s = settings_for(fake_llm, key="sk-other-KEY987654321")       # not in the environment: registered
    fake_llm.echo_key(401, "Incorrect API key provided: {key}. You can find your key at ...")
    with pytest.raises(ModelHTTPError) as info:
        structured_call(make_chat_model(s), QueryReply, [("user", "q")], "json_schema")
    assert "sk-other-KEY987654321" not in str(info.value) and info.value.status == 401
    fake_llm.echo_key(500, "upstream failed, request headers: Authorization: {authorization}")
    with pytest.raises(ModelHTTPError) as info:
        structured_call(make_chat_model(s), QueryReply, [("user", "q")], "json_schema")
    assert "sk-other-KEY987654321" not in str(info.value)
    fake_llm.echo_key(200, reply_text("你的密钥是 {key}"))
    out = structured_call(make_chat_model(s), QueryReply, [("user", "q")], "json_schema")
    assert "sk-other-KEY987654321" not in out.measure and "***" in out.measure
    assert all(r.headers["authorization"] == "Bearer sk-other-KEY987654321" for r in fake_llm.requests)


@pytest.mark.parametrize("as_json", [True, False])
def test_ask_never_prints_the_key(fake_llm: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, qa_ws,
                                  capsys: pytest.CaptureFixture, as_json: bool):
    use_env(monkeypatch, fake_llm)
    root = str(qa_ws.root)
    flags = ["--json"] if as_json else []
    fake_llm.echo_key(401, "Incorrect API key provided: {key}")
    fake_llm.echo_key(500, "boom; got header Authorization: {authorization}")
    # a reading with the key for its figure: the offline answer stays (verified), the key is in the notice
    fake_llm.echo_key(200, reply_text("模型看到的密钥 {key}"))
    # … and where the offline reading found nothing, the model's 「文件中没有“…”」 is the answer
    fake_llm.echo_key(200, reply_text("局长密钥 {key}", [doc_id(qa_ws, CJ.name)]))
    outputs, answers = [], []
    for q in (VERIFIED_Q, VERIFIED_Q, VERIFIED_Q, UNANSWERABLE_Q):
        assert main(["ask", q, "--workspace", root, *flags]) == 0
        cap = capsys.readouterr()
        outputs.append(cap.out + cap.err)
        if as_json:
            answers.append(json.loads(cap.out))
    assert len(fake_llm.chat_bodies) == 4
    for text in outputs:
        assert SECRET not in text and "SECRET123456" not in text
    assert "401" in outputs[0] and "500" in outputs[1] and "***" in outputs[2] and "***" in outputs[3]
    if as_json:
        assert [a["mode"] for a in answers] == ["offline", "offline", "llm", "llm"]
        assert "***" in answers[2]["notice"] and answers[2]["value"] == pytest.approx(1060.0)
        assert not answers[3]["found"] and "***" in answers[3]["answer"] and "文件中没有" in answers[3]["answer"]


def test_extract_llm_never_prints_the_key(fake_llm: FakeOpenAI, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture):
    use_env(monkeypatch, fake_llm)
    n = extract_jobs()
    assert n >= 3
    runs = []
    for _ in range(3):                     # three in a row stop the run
        fake_llm.echo_key(401, "Incorrect API key provided: {key}")
    runs.append(main(["extract", str(CJ), "--llm"]))
    runs.append(capsys.readouterr())
    for _ in range(3):
        fake_llm.echo_key(500, "server error; Authorization: {authorization}")
    runs.append(main(["extract", str(CJ), "--llm"]))
    runs.append(capsys.readouterr())
    reply = {"items": [{"name": "密钥 {key}", "amount": 1.0, "unit": "万元", "quote": "{key} 1.00 万元"}]}
    for _ in range(n):
        fake_llm.echo_key(200, json.dumps(reply, ensure_ascii=False))
    runs.append(main(["extract", str(CJ), "--llm"]))
    runs.append(capsys.readouterr())

    assert runs[0] == 1 and runs[2] == 1 and runs[4] == 0
    for cap in runs[1::2]:
        assert SECRET not in cap.out and SECRET not in cap.err and "SECRET123456" not in cap.out + cap.err
        json.loads(cap.out)                                  # the JSON (with llm_enrichment) went to stdout
    assert "401" in runs[1].err and "500" in runs[3].err and "***" in runs[5].err


# ---- 2. a verified offline figure is never displaced ------------------------------------------------
def test_a_reading_whose_answer_is_not_verified_keeps_the_verified_figure_as_headline(fake_llm: FakeOpenAI, qa_ws):
    s = settings_for(fake_llm, workspace=qa_ws.root)
    offline = answer_question(VERIFIED_Q, qa_ws)
    assert offline.verification.status == "verified" and offline.value == pytest.approx(1060.0)
    # "rank across documents" over one document: the executor's figure fails the identity check
    fake_llm.structured(query_reply("高新技术企业奖励", [doc_id(qa_ws, BZ)], op="rank", rank="max",
                                    rank_over="documents", unit_class="amount", scope={"year": 2025, "kind": "预算"}))
    a = answer_question(VERIFIED_Q, qa_ws, s)
    assert a.value == pytest.approx(1060.0) and a.verification.status == "verified"
    assert (a.answer, a.citations) == (offline.answer, offline.citations)
    assert a.mode == "llm" and a.notice
    assert "读法不同" in a.notice and "排序" in a.notice and "未采用" in a.notice and "离线读法核验" in a.notice


def test_a_reading_the_document_lacks_does_not_displace_a_verified_offline_answer(fake_llm: FakeOpenAI, qa_ws):
    s = settings_for(fake_llm, workspace=qa_ws.root)
    fake_llm.structured(query_reply("彩票公益金", [doc_id(qa_ws, BZ)]))
    a = answer_question(VERIFIED_Q, qa_ws, s)
    assert a.found and a.value == pytest.approx(1060.0) and a.verification.status == "verified"
    assert a.mode == "llm" and "文件中没有“彩票公益金”" in a.notice and "未采用" in a.notice


@pytest.mark.parametrize("reply", ["这不是 JSON", json.dumps({"op": "guess"})])
def test_an_unusable_reply_is_a_model_error_and_the_offline_answer_stands(fake_llm: FakeOpenAI, qa_ws, reply: str):
    s = settings_for(fake_llm, workspace=qa_ws.root)
    fake_llm.structured(reply).structured(reply)                       # asked, re-asked, refused
    offline = answer_question(VERIFIED_Q, qa_ws)
    a = answer_question(VERIFIED_Q, qa_ws, s)
    assert a.mode == "offline" and a.notice.startswith("LLM 不可用，已使用离线答案") and "QueryReply" in a.notice
    assert (a.answer, a.value, a.verification.status) == (offline.answer, offline.value, offline.verification.status)


# ---- 3. extraction: a schema-invalid reply is a model error -------------------------------------------
@pytest.mark.parametrize("mode", MODES)
def test_schema_invalid_extract_reply_is_a_model_error(fake_llm: FakeOpenAI, mode: str):
    fake_llm.structured({"foo": 1}).structured({"foo": 1})
    s = settings_for(fake_llm, mode)
    with pytest.raises(ModelOutputError):
        fill_project_allocations("资金分配情况：办公费 22.00 万元。", make_chat_model(s), s)
    assert len(fake_llm.chat_bodies) == 2                  # re-asked once


def test_cli_extract_counts_schema_invalid_replies_as_model_errors(fake_llm: FakeOpenAI,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture):
    use_env(monkeypatch, fake_llm, "function_calling")
    for _ in range(3 * 2):                                 # 3 items, each asked and re-asked, then stop
        fake_llm.structured({"foo": 1})
    assert main(["extract", str(CJ), "--llm"]) == 1
    cap = capsys.readouterr()
    report = json.loads(cap.out)["llm_enrichment"]
    assert report["model_errors"] == 3 and report["stopped"]
    assert "0 model error(s)" not in cap.err and "3 model error(s)" in cap.err


def test_report_says_how_much_the_model_submitted_when_nothing_was_accepted(fake_llm: FakeOpenAI):
    src = load(CJ)
    d = parse(src)
    d.projects = [next(p for p in d.projects if (p.allocation_text or "").strip())][:1]
    d.projects[0].allocations = []
    d.performance = []
    fake_llm.tool_call({"items": [{"name": "印刷费", "amount": 6.0, "unit": "万元", "quote": "印刷费 6.00 万元"},
                                  {"name": "会议费", "amount": 9.0, "unit": "万元", "quote": "会议费 9.00 万元"}]})
    s = settings_for(fake_llm, "function_calling")
    report = enrich_with_llm(d, src, make_chat_model(s), s)
    assert report.model_errors == 0 and report.projects[0].submitted == 2 and not report.projects[0].accepted
    assert "模型提交 2 项，采纳 0 项" in format_report(report)


# ---- 4. endpoints that are not an API, and keys that are refused ----------------------------------------
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("content_type", ["text/html", "application/json"])
def test_html_page_is_reported_as_not_an_api_response(fake_llm: FakeOpenAI, mode: str, content_type: str):
    fake_llm.raw("<html><body><h1>Welcome to nginx!</h1></body></html>", content_type=content_type)
    s = settings_for(fake_llm, mode)
    with pytest.raises(ModelResponseError) as info:
        structured_call(make_chat_model(s), QueryReply, [("user", "q")], mode)
    msg = str(info.value)
    assert "not an OpenAI API response" in msg and "BUDGETQA_LLM_BASE_URL" in msg
    assert "did not validate" not in msg


@pytest.mark.parametrize("status", [401, 403])
def test_auth_errors_are_not_retried_nor_said_to_be(fake_llm: FakeOpenAI, status: int):
    fake_llm.error(status, "invalid api key")
    s = settings_for(fake_llm, retries=2)
    with pytest.raises(ModelHTTPError) as info:
        structured_call(make_chat_model(s), QueryReply, [("user", "q")], "json_schema")
    assert len(fake_llm.chat_bodies) == 1 and "attempt" not in str(info.value)
    assert "BUDGETQA_LLM_API_KEY" in str(info.value)


# ---- 5. bounded completions and prompts -------------------------------------------------------------------
def test_max_tokens_is_sent(fake_llm: FakeOpenAI, qa_ws):
    fake_llm.structured(query_reply("三公经费")).structured(query_reply("三公经费"))
    s = settings_for(fake_llm)
    structured_call(make_chat_model(s), QueryReply, [("user", "q")], "json_schema")
    assert fake_llm.last_chat["max_tokens"] == 1024
    s = settings_for(fake_llm, llm_max_tokens=77, workspace=qa_ws.root)
    answer_question(VERIFIED_Q, qa_ws, s)                                # the query request itself
    assert fake_llm.last_chat["max_tokens"] == 77


@pytest.mark.parametrize("mode", MODES)
def test_documents_are_trimmed_to_the_context_budget_never_the_instructions(fake_llm: FakeOpenAI, mode: str):
    ctx, max_tokens = 8192, 256
    docs = [{"doc_id": f"doc-{i:03d}", "region": "甲市", "department": f"甲市第{i}局", "year": 2025, "kind": "预算",
             "scope": "部门"} for i in range(400)]
    fake_llm.structured(query_reply("三公经费", ["doc-000"]))
    s = settings_for(fake_llm, mode, llm_context_tokens=ctx, llm_max_tokens=max_tokens)
    reading = llm_query_reading("三公经费？", docs, make_chat_model(s), s)
    body = fake_llm.last_chat
    text = fake_llm.prompt_text(body)
    schema = json.dumps(body.get("tools") or body.get("response_format") or {}, ensure_ascii=False)
    assert estimate_tokens(text) + (estimate_tokens(schema) if mode != "json_object" else 0) <= ctx - max_tokens
    assert "id=doc-000" in text and "id=doc-399" not in text            # the first kept, the tail cut
    assert any("400" in n for n in reading.notes)
    instructions = render("query", question="三公经费？", documents="", cues=format_cues())[0][1]
    assert instructions in body["messages"][0]["content"]               # the system prompt is whole


def test_instructions_that_cannot_fit_are_a_context_error_not_a_call(fake_llm: FakeOpenAI, qa_ws):
    s = settings_for(fake_llm, llm_context_tokens=1500, llm_max_tokens=256, workspace=qa_ws.root)
    with pytest.raises(ModelContextError, match="BUDGETQA_LLM_CONTEXT_TOKENS") as info:
        llm_query_reading("三公经费？", [], make_chat_model(s), s)
    assert "context too long" in str(info.value)
    a = answer_question(VERIFIED_Q, qa_ws, s)                           # the answer: offline, said why
    assert a.mode == "offline" and a.value == pytest.approx(1060.0)
    assert "LLM 不可用" in a.notice and "context too long" in a.notice
    assert not fake_llm.chat_bodies


@pytest.mark.parametrize("message", [
    "the request exceeds the available context size, try increasing it",            # llama.cpp
    "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens",  # vLLM / OpenAI
])
def test_http_400_context_length_names_the_context_setting(fake_llm: FakeOpenAI, message: str):
    fake_llm.error(400, message)
    s = settings_for(fake_llm)
    with pytest.raises(ModelHTTPError) as info:
        structured_call(make_chat_model(s), QueryReply, [("user", "q")], "json_schema")
    assert "context too long" in str(info.value) and "BUDGETQA_LLM_CONTEXT_TOKENS" in info.value.hint
    assert "n_ctx" in info.value.hint and "STRUCTURED_MODE" not in info.value.hint


# ---- 6. honest timing ---------------------------------------------------------------------------------------
def test_latency_of_an_offline_fallback_includes_the_failed_llm_attempt(fake_llm: FakeOpenAI, qa_ws):
    fake_llm.delay(30.0, then="{}")
    s = settings_for(fake_llm, timeout=0.6, workspace=qa_ws.root)
    a = answer_question(VERIFIED_Q, qa_ws, s)
    assert a.mode == "offline" and a.notice and "LLM 不可用" in a.notice
    assert a.latency_ms is not None and a.latency_ms >= 550
