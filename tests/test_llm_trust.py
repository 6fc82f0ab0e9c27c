"""What the LLM path may be trusted with: keys never echoed, verified figures never displaced,
bad replies counted as errors, misconfigured endpoints named, prompts bounded, honest timing.

Everything runs against tests/fake_openai.py on 127.0.0.1 (BUDGETQA_TESTING=1).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

sys.path.insert(0, str(Path(__file__).parent))
from fake_openai import FakeOpenAI, fake_llm  # noqa: E402,F401

from budgetqa.cli import main  # noqa: E402
from budgetqa.core.errors import ModelContextError, ModelHTTPError, ModelOutputError, ModelResponseError  # noqa: E402
from budgetqa.core.settings import Settings  # noqa: E402
from budgetqa.extract.enrich import enrich_with_llm, format_report  # noqa: E402
from budgetqa.extract.llm_fill import fill_project_allocations  # noqa: E402
from budgetqa.extract.loader import load  # noqa: E402
from budgetqa.extract.parse import parse  # noqa: E402
from budgetqa.llm.client import make_chat_model, redact, register_secret, structured_call  # noqa: E402
from budgetqa.llm.prompts import render  # noqa: E402
from budgetqa.qa.llm_answer import LLMAnswer, format_examples, llm_answer, load_examples  # noqa: E402
from budgetqa.qa.pipeline import answer_question  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CJ = SAMPLES / "000_fbfe44e17c8967fa.txt"
SECRET = "sk-test-SECRET123456"
MODES = ["json_schema", "function_calling", "json_object"]
VERIFIED_Q = "巴州高企奖励多少"            # offline: 1060 万元, verified (tests/test_ask.py)
UNANSWERABLE_Q = "2024年昌吉州科技局局长是谁"


def settings_for(fake: FakeOpenAI, mode: str = "json_schema", *, retries: int = 0, timeout: float = 10.0,
                 key: str | None = None, workspace: Path | None = None, **over) -> Settings:
    return Settings(llm_base_url=fake.base_url, llm_model="fake-model", llm_structured_mode=mode,
                    llm_timeout_s=timeout, llm_max_retries=retries, llm_api_key=SecretStr(key) if key else None,
                    workspace=workspace or Path("/nonexistent"), **over)


def not_found_reply(text: str) -> dict:
    return {"answer": text, "found": False, "value": None, "unit": None, "items": [], "polarity": None,
            "chunk_ids": [], "calculation": None}


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
        structured_call(make_chat_model(s), LLMAnswer, [("user", "q")], "json_schema")
    assert "sk-other-KEY987654321" not in str(info.value) and info.value.status == 401
    fake_llm.echo_key(500, "upstream failed, request headers: Authorization: {authorization}")
    with pytest.raises(ModelHTTPError) as info:
        structured_call(make_chat_model(s), LLMAnswer, [("user", "q")], "json_schema")
    assert "sk-other-KEY987654321" not in str(info.value)
    fake_llm.echo_key(200, json.dumps(not_found_reply("你的密钥是 {key}"), ensure_ascii=False))
    out = structured_call(make_chat_model(s), LLMAnswer, [("user", "q")], "json_schema")
    assert "sk-other-KEY987654321" not in out.answer and "***" in out.answer
    assert all(r.headers["authorization"] == "Bearer sk-other-KEY987654321" for r in fake_llm.requests)


@pytest.mark.parametrize("as_json", [True, False])
def test_ask_never_prints_the_key(fake_llm: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, qa_ws,
                                  capsys: pytest.CaptureFixture, as_json: bool):
    use_env(monkeypatch, fake_llm)
    root = str(qa_ws.root)
    flags = ["--json"] if as_json else []
    fake_llm.echo_key(401, "Incorrect API key provided: {key}")
    fake_llm.echo_key(500, "boom; got header Authorization: {authorization}")
    fake_llm.echo_key(200, json.dumps(not_found_reply("模型看到的密钥：{key}"), ensure_ascii=False))   # into the notice
    fake_llm.echo_key(200, json.dumps(not_found_reply("未找到，密钥 {key}"), ensure_ascii=False))     # into the answer
    outputs = []
    for q in (VERIFIED_Q, VERIFIED_Q, VERIFIED_Q, UNANSWERABLE_Q):
        assert main(["ask", q, "--workspace", root, *flags]) == 0
        cap = capsys.readouterr()
        outputs.append(cap.out + cap.err)
        if as_json:
            json.loads(cap.out)
    assert len(fake_llm.chat_bodies) == 4
    for text in outputs:
        assert SECRET not in text and "SECRET123456" not in text
    assert "401" in outputs[0] and "500" in outputs[1] and "***" in outputs[2] and "***" in outputs[3]


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
def test_conflicting_model_number_keeps_the_verified_figure_as_headline(fake_llm: FakeOpenAI, qa_ws):
    s = settings_for(fake_llm, workspace=qa_ws.root)
    hits = qa_ws.search(VERIFIED_Q, k=s.top_k)
    fake_llm.structured({"answer": "巴州高企奖励 999 万元。", "found": True, "value": 999.0, "unit": "万元", "items": [],
                         "polarity": None, "chunk_ids": [hits[0].chunk.id], "calculation": None})
    a = answer_question(VERIFIED_Q, qa_ws, s)
    assert a.value == pytest.approx(1060.0) and "1060" in a.answer.replace(",", "")
    assert a.verification.status == "conflict"
    assert any(c.kind == "conflict" and c.got == 999.0 for c in a.verification.checks)
    assert a.notice and "999" in a.notice and "1060" in a.notice


def test_model_not_found_does_not_displace_a_verified_offline_answer(fake_llm: FakeOpenAI, qa_ws):
    s = settings_for(fake_llm, workspace=qa_ws.root)
    fake_llm.structured({"answer": "1", "found": False})
    a = answer_question(VERIFIED_Q, qa_ws, s)
    assert a.found and a.value == pytest.approx(1060.0) and a.verification.status == "verified"
    assert a.mode == "offline" and a.notice and "模型未找到" in a.notice and "“1”" in a.notice


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
        structured_call(make_chat_model(s), LLMAnswer, [("user", "q")], mode)
    msg = str(info.value)
    assert "not an OpenAI API response" in msg and "BUDGETQA_LLM_BASE_URL" in msg
    assert "did not validate" not in msg


@pytest.mark.parametrize("status", [401, 403])
def test_auth_errors_are_not_retried_nor_said_to_be(fake_llm: FakeOpenAI, status: int):
    fake_llm.error(status, "invalid api key")
    s = settings_for(fake_llm, retries=2)
    with pytest.raises(ModelHTTPError) as info:
        structured_call(make_chat_model(s), LLMAnswer, [("user", "q")], "json_schema")
    assert len(fake_llm.chat_bodies) == 1 and "attempt" not in str(info.value)
    assert "BUDGETQA_LLM_API_KEY" in str(info.value)


# ---- 5. bounded completions and prompts -------------------------------------------------------------------
def test_max_tokens_is_sent(fake_llm: FakeOpenAI):
    fake_llm.structured(not_found_reply("未找到")).structured(not_found_reply("未找到"))
    s = settings_for(fake_llm)
    structured_call(make_chat_model(s), LLMAnswer, [("user", "q")], "json_schema")
    assert fake_llm.last_chat["max_tokens"] == 1024
    s = settings_for(fake_llm, llm_max_tokens=77)
    structured_call(make_chat_model(s), LLMAnswer, [("user", "q")], "json_schema")
    assert fake_llm.last_chat["max_tokens"] == 77


@pytest.mark.parametrize("mode", MODES)
def test_evidence_is_trimmed_to_the_context_budget_never_the_instructions(fake_llm: FakeOpenAI, mode: str):
    ctx, max_tokens = 5000, 256
    evidence = [(f"c{i}", f"第{i}段：" + "一般公共预算拨款收入" * 80) for i in range(12)]   # ~9,700 chars
    fake_llm.structured(not_found_reply("未找到"))
    s = settings_for(fake_llm, mode, llm_context_tokens=ctx, llm_max_tokens=max_tokens)
    llm_answer("三公经费？", evidence, "", make_chat_model(s), s)
    body = fake_llm.last_chat
    text = fake_llm.prompt_text(body)
    sent = len(text) + (len(json.dumps(body.get("tools") or body.get("response_format") or {}, ensure_ascii=False))
                        if mode != "json_object" else 0)
    assert sent <= ctx - max_tokens
    assert 'id="c0"' in text and 'id="c11"' not in text                 # best-ranked kept, the tail cut
    instructions = render("answer", question="三公经费？", evidence="", facts="（无）",
                          examples=format_examples(load_examples()))[0][1]
    assert instructions in body["messages"][0]["content"]               # the system prompt is whole


def test_instructions_that_cannot_fit_are_a_context_error_not_a_call(fake_llm: FakeOpenAI):
    s = settings_for(fake_llm, llm_context_tokens=1500, llm_max_tokens=256)
    with pytest.raises(ModelContextError, match="BUDGETQA_LLM_CONTEXT_TOKENS"):
        llm_answer("三公经费？", [("c1", "x")], "", make_chat_model(s), s)
    assert not fake_llm.chat_bodies


@pytest.mark.parametrize("message", [
    "the request exceeds the available context size, try increasing it",            # llama.cpp
    "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens",  # vLLM / OpenAI
])
def test_http_400_context_length_names_the_context_setting(fake_llm: FakeOpenAI, message: str):
    fake_llm.error(400, message)
    s = settings_for(fake_llm)
    with pytest.raises(ModelHTTPError) as info:
        structured_call(make_chat_model(s), LLMAnswer, [("user", "q")], "json_schema")
    assert "context too long" in str(info.value) and "BUDGETQA_LLM_CONTEXT_TOKENS" in info.value.hint
    assert "n_ctx" in info.value.hint and "STRUCTURED_MODE" not in info.value.hint


# ---- 6. honest timing ---------------------------------------------------------------------------------------
def test_latency_of_an_offline_fallback_includes_the_failed_llm_attempt(fake_llm: FakeOpenAI, qa_ws):
    fake_llm.delay(30.0, then="{}")
    s = settings_for(fake_llm, timeout=0.6, workspace=qa_ws.root)
    a = answer_question(VERIFIED_Q, qa_ws, s)
    assert a.mode == "offline" and a.notice and "LLM 不可用" in a.notice
    assert a.latency_ms is not None and a.latency_ms >= 550
