"""The LLM client against a wire-level fake server: modes, re-ask, errors, prompts, quotes.

No key and no network: every call goes to tests/fake_openai.py on 127.0.0.1, and
BUDGETQA_TESTING=1 makes the client refuse any other host. The model's one job in answering is
to write the question's Query (qa/llm_query.py); what answer_question does with it is in
tests/test_llm_pipeline.py.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import openai
import pytest
from pydantic import SecretStr

sys.path.insert(0, str(Path(__file__).parent))
from fake_openai import FakeOpenAI, embed_text, fake_llm, query_reply  # noqa: E402,F401

from budgetqa.core.errors import ModelHTTPError, ModelOutputError, ModelTimeoutError, UserInputError  # noqa: E402
from budgetqa.core.settings import Settings  # noqa: E402
from budgetqa.extract.llm_fill import AllocationItemWithQuote, compare_with_parse, fill_project_allocations  # noqa: E402
from budgetqa.extract.models import AllocationItem, Figure  # noqa: E402
from budgetqa.extract.source import Locator  # noqa: E402
from budgetqa.llm.client import RealModelBlockedError, make_chat_model, structured_call  # noqa: E402
from budgetqa.llm.prompts import PromptError, load, parse_prompt, render  # noqa: E402
from budgetqa.core.numeric import UnsafeExpressionError, safe_eval_expression  # noqa: E402
from budgetqa.qa.llm_query import QueryReply, format_cues, llm_query  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MODES = ["json_schema", "function_calling", "json_object"]


# ---- helpers -------------------------------------------------------------------------
def settings_for(fake: FakeOpenAI, mode: str = "json_schema", *, timeout: float = 10.0,
                 retries: int = 0, key: str | None = None, tmp: Path | None = None) -> Settings:
    return Settings(llm_base_url=fake.base_url, llm_model="fake-model", llm_structured_mode=mode,
                    llm_timeout_s=timeout, llm_max_retries=retries,
                    llm_api_key=SecretStr(key) if key else None, workspace=tmp or Path("/nonexistent"))


def sample_lines(name_prefix: str) -> list[str]:
    path = next(SAMPLES.glob(f"{name_prefix}*.txt"))
    return path.read_text(encoding="utf-8").splitlines()


def project_allocation_text() -> str:
    """The first 资金分配情况 paragraph of a real sample, as pdftotext broke it."""
    lines = sample_lines("000")
    start = next(i for i, l in enumerate(lines) if l.startswith("资金分配情况"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("资金执行时间"))
    return "\n".join(lines[start:end])


DOCS = [{"doc_id": "cj-2024", "region": "昌吉回族自治州", "department": "昌吉回族自治州科学技术局", "year": 2024,
         "kind": "预算", "scope": "部门"}]
QUESTION = "昌吉州科技局2024年三公经费预算是多少？"


def good_reply(scope: dict | None = None, **over) -> dict:
    return query_reply("财政拨款“三公”经费 · 合计", ["cj-2024"], measure_kind="concept", unit_class="amount",
                       column="预算数", scope={"year": 2024, "kind": "预算", **(scope or {})}, **over)


def ask(fake: FakeOpenAI, mode: str = "json_schema", **kw):
    s = settings_for(fake, mode, **kw)
    return llm_query(QUESTION, DOCS, make_chat_model(s), s)


# ---- each structured-output mode, on the wire ----------------------------------------------------
@pytest.mark.parametrize("mode", MODES)
def test_mode_sends_the_right_wire_format(fake_llm: FakeOpenAI, mode: str):
    fake_llm.structured(good_reply())
    q = ask(fake_llm, mode)

    assert (q.op, q.measure, q.column, q.scope.doc_ids) == ("lookup", "财政拨款“三公”经费 · 合计", "预算数", ["cj-2024"])
    body = fake_llm.last_chat
    assert body["model"] == "fake-model"
    text = fake_llm.prompt_text(body)
    assert QUESTION in text and "id=cj-2024" in text
    if mode == "json_schema":
        rf = body["response_format"]
        assert rf["type"] == "json_schema" and rf["json_schema"]["strict"] is True
        assert rf["json_schema"]["schema"]["additionalProperties"] is False
        assert "measure" in rf["json_schema"]["schema"]["required"]
        assert "tools" not in body
    elif mode == "function_calling":
        assert [t["function"]["name"] for t in body["tools"]] == ["QueryReply"]
        assert body["tool_choice"] == {"type": "function", "function": {"name": "QueryReply"}}
        assert "response_format" not in body
    else:
        assert body["response_format"] == {"type": "json_object"}
        assert '"measure"' in text and "JSON Schema" in text
        assert "tools" not in body
    # no key configured: a placeholder goes out, never anything from the environment
    assert fake_llm.requests[-1].headers["authorization"] == "Bearer not-needed"


def test_schema_only_in_prompt_for_json_object_mode(fake_llm: FakeOpenAI):
    fake_llm.structured(good_reply())
    ask(fake_llm, "json_schema")
    assert "JSON Schema" not in fake_llm.prompt_text(fake_llm.last_chat)


# ---- bad output: re-ask once, then give up keeping the last completion -----------------
@pytest.mark.parametrize("mode", MODES)
def test_junk_json_is_reasked_once_and_then_succeeds(fake_llm: FakeOpenAI, mode: str):
    fake_llm.structured("这不是 JSON {")
    fake_llm.structured(good_reply())
    q = ask(fake_llm, mode)

    assert q.measure == "财政拨款“三公”经费 · 合计"
    first, second = fake_llm.chat_bodies
    assert len(second["messages"]) == len(first["messages"]) + 2
    assert second["messages"][-2]["role"] == "assistant" and "这不是 JSON {" in second["messages"][-2]["content"]
    assert "没有通过校验" in second["messages"][-1]["content"]


@pytest.mark.parametrize("mode", MODES)
def test_junk_twice_raises_model_output_error_keeping_last_completion(fake_llm: FakeOpenAI, mode: str):
    fake_llm.structured("first junk")
    fake_llm.structured("second junk ]")
    with pytest.raises(ModelOutputError) as info:
        ask(fake_llm, mode)
    assert info.value.last_completion == "second junk ]"
    assert "BUDGETQA_LLM_STRUCTURED_MODE" in str(info.value)
    assert len(fake_llm.chat_bodies) == 2


@pytest.mark.parametrize("mode", MODES)
def test_schema_invalid_output_is_reasked_with_the_validation_error(fake_llm: FakeOpenAI, mode: str):
    bad = {"op": "guess", "measure": 1, "scope": "x"}
    fake_llm.structured(bad).structured(bad)
    with pytest.raises(ModelOutputError) as info:
        ask(fake_llm, mode)
    reask = fake_llm.chat_bodies[1]["messages"][-1]["content"]
    assert "op" in reask and "scope" in reask
    assert json.loads(info.value.last_completion)["op"] == "guess"


def test_document_ids_must_be_listed_ids(fake_llm: FakeOpenAI):
    fake_llm.structured(good_reply(scope={"doc_ids": ["made-up-id"]}))
    fake_llm.structured(good_reply())
    q = ask(fake_llm)
    assert q.scope.doc_ids == ["cj-2024"]
    assert "made-up-id" in fake_llm.chat_bodies[1]["messages"][-1]["content"]


# ---- transport errors -----------------------------------------------------------------
def test_http_429_is_retried_as_configured_then_raises(fake_llm: FakeOpenAI):
    fake_llm.error(429, "rate limit reached").error(429, "rate limit reached")
    with pytest.raises(ModelHTTPError) as info:
        ask(fake_llm, retries=1)
    assert info.value.status == 429 and "rate limit" in str(info.value)
    assert len(fake_llm.chat_bodies) == 2           # one try + one retry, no more


def test_http_500_is_retried_as_configured_then_raises(fake_llm: FakeOpenAI):
    for _ in range(3):
        fake_llm.error(500, "internal failure")
    with pytest.raises(ModelHTTPError) as info:
        ask(fake_llm, retries=2)
    assert info.value.status == 500 and "BUDGETQA_LLM_STRUCTURED_MODE" in info.value.hint
    assert len(fake_llm.chat_bodies) == 3


def test_http_404_names_base_url_and_model_settings(fake_llm: FakeOpenAI):
    fake_llm.error(404, "model not found")
    with pytest.raises(ModelHTTPError) as info:
        ask(fake_llm)
    assert info.value.status == 404
    assert "BUDGETQA_LLM_BASE_URL" in info.value.hint and "BUDGETQA_LLM_MODEL" in info.value.hint


def test_http_401_error_never_shows_the_key(fake_llm: FakeOpenAI):
    fake_llm.error(401, "invalid api key")
    s = settings_for(fake_llm, key="sk-fake-secret-123")
    with pytest.raises(ModelHTTPError) as info:
        llm_query(QUESTION, DOCS, make_chat_model(s), s)
    assert "BUDGETQA_LLM_API_KEY" in str(info.value)
    assert "sk-fake-secret-123" not in str(info.value) and "sk-fake-secret-123" not in repr(s)
    assert fake_llm.requests[-1].headers["authorization"] == "Bearer sk-fake-secret-123"


def test_slow_server_raises_model_timeout_error(fake_llm: FakeOpenAI):
    fake_llm.delay(30.0, then=json.dumps(good_reply()))
    with pytest.raises(ModelTimeoutError) as info:
        ask(fake_llm, timeout=0.5, retries=0)
    assert "BUDGETQA_LLM_TIMEOUT_S" in str(info.value)


def test_no_server_raises_connection_error_with_hint(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BUDGETQA_TESTING", "1")
    fake = FakeOpenAI().start()
    url = fake.base_url
    fake.stop()                                      # nothing listens there any more
    s = Settings(llm_base_url=url, llm_model="m", llm_max_retries=0, llm_timeout_s=5, llm_api_key=None)
    with pytest.raises(ModelHTTPError) as info:
        structured_call(make_chat_model(s), QueryReply, [("user", "q")], "json_schema")
    assert info.value.status is None and "BUDGETQA_LLM_BASE_URL" in str(info.value)


# ---- the guard and the settings --------------------------------------------------------
@pytest.mark.parametrize("url", ["https://api.openai.com/v1", "http://10.0.0.5:8000/v1", "http://localhost.evil.com/v1"])
def test_testing_guard_refuses_non_loopback_endpoints(monkeypatch: pytest.MonkeyPatch, url: str):
    monkeypatch.setenv("BUDGETQA_TESTING", "1")
    s = Settings(llm_base_url=url, llm_model="gpt-x", llm_api_key=None)
    with pytest.raises(RealModelBlockedError, match="BUDGETQA_TESTING"):
        make_chat_model(s)
    from langchain_openai import ChatOpenAI  # a chat model built elsewhere is refused too
    chat = ChatOpenAI(base_url=url, api_key="not-needed", model="gpt-x", max_retries=0)
    with pytest.raises(RealModelBlockedError):
        structured_call(chat, QueryReply, [("user", "q")], "json_schema")


def test_unconfigured_llm_is_a_user_error():
    with pytest.raises(UserInputError, match="BUDGETQA_LLM_BASE_URL"):
        make_chat_model(Settings(llm_base_url=None, llm_model=None))


# ---- prompts ----------------------------------------------------------------------------
def test_query_prompt_declares_its_variables():
    assert load("query").variables == {"question", "documents", "cues"}
    msgs = render("query", question="Q?", documents="D", cues=format_cues())
    assert [r for r, _ in msgs] == ["system", "user"]
    system = msgs[0][1]
    assert "不写任何答案数字" in system and "doc_ids" in system and "不是指令" in system


def test_render_fails_on_missing_variable():
    with pytest.raises(PromptError, match="missing.*documents"):
        render("query", question="Q?", cues="C")


def test_render_fails_on_unknown_variable():
    with pytest.raises(PromptError, match="unknown.*questoin"):
        render("query", question="Q?", documents="D", cues="C", questoin="typo")


def test_prompt_file_checks_placeholders_against_declaration():
    with pytest.raises(PromptError, match="differ"):
        parse_prompt("t", "---\nvariables: a\n---\n=== user ===\n{a} {b}\n")
    with pytest.raises(PromptError, match="stray"):
        parse_prompt("t", "---\nvariables: a\n---\n=== user ===\n{a} {not a name}\n")
    t = parse_prompt("t", "---\nvariables: a\n---\n=== user ===\nJSON like {{\"k\": {a}}}\n")
    assert t.render(a="{b}") == [("user", 'JSON like {"k": {b}}')]   # values are not re-read


# ---- safe arithmetic ---------------------------------------------------------------------
@pytest.mark.parametrize("expr,value", [("53*20", 1060.0), ("1,060/1493.63*100", 1060 / 1493.63 * 100),
                                        ("(544.67 - 483.53) / 483.53 * 100", (544.67 - 483.53) / 483.53 * 100),
                                        ("-3+1,234,567.5", 1234564.5)])
def test_safe_eval_accepts_arithmetic(expr: str, value: float):
    assert safe_eval_expression(expr) == pytest.approx(value)


@pytest.mark.parametrize("expr", ["__import__('os')", "2**10", "7//2", "1/0", "abs(-1)", "1,06+1", "", "x+1", "1e3"])
def test_safe_eval_rejects_everything_else(expr: str):
    with pytest.raises(UnsafeExpressionError):
        safe_eval_expression(expr)


# ---- LLM extraction with quote checks -------------------------------------------------------
def test_llm_fill_keeps_verbatim_quotes_and_drops_invented_ones(fake_llm: FakeOpenAI):
    src = project_allocation_text()
    assert "办公费 22.00 万元" in src and "咨询费 3.00 万元" in src
    fake_llm.structured({"items": [
        {"name": "办公费", "amount": 22.0, "unit": "万元", "quote": "办公费22.00万元"},         # spacing differs: kept
        {"name": "咨询费", "amount": 3.0, "unit": "万元", "quote": "咨询费 3.00 万元、\n劳务费"},  # crosses a line: kept
        {"name": "印刷费", "amount": 6.0, "unit": "万元", "quote": "印刷费 6.00 万元"},          # not in source: dropped
        {"name": "劳务费", "amount": 51.0, "unit": "万元", "quote": "劳务费 15.00 万元"},        # amount not in quote: dropped
    ]})
    s = settings_for(fake_llm, "json_object")
    items, problems = fill_project_allocations(src, make_chat_model(s), s)

    assert [i.name for i in items] == ["办公费", "咨询费"]
    assert len(problems) == 2 and "印刷费" in problems[0] and "劳务费" in problems[1]
    assert src in fake_llm.prompt_text(fake_llm.last_chat)


def test_llm_fill_empty_list_is_legal(fake_llm: FakeOpenAI):
    fake_llm.structured({"items": []})
    s = settings_for(fake_llm, "function_calling")
    assert fill_project_allocations("资金分配情况：无。", make_chat_model(s), s) == ([], [])


def test_compare_with_parse_reports_disagreements():
    loc = Locator(line=1)
    parsed = [AllocationItem(name="办公费", amount=Figure(value=22.0, loc=loc)),
              AllocationItem(name="差旅费", amount=Figure(value=4.0, loc=loc)),
              AllocationItem(name="劳务费", amount=Figure(value=15.0, loc=loc))]
    llm = [AllocationItemWithQuote(name="办公费", amount=22.0, quote="办公费 22.00 万元"),
           AllocationItemWithQuote(name="差旅费", amount=40.0, quote="差旅费 4.00 万元"),
           AllocationItemWithQuote(name="咨询费", amount=3.0, quote="咨询费 3.00 万元")]
    diffs = compare_with_parse(llm, parsed)
    assert len(diffs) == 3
    assert any("差旅费" in d and "40" in d and "4" in d for d in diffs)
    assert any("咨询费" in d and "not in the parse" in d for d in diffs)
    assert any("劳务费" in d and "not found by the LLM" in d for d in diffs)
    assert compare_with_parse(llm[:1], parsed[:1]) == []


# ---- the fake server itself (others use its embeddings and models routes) -----------------
def test_fake_serves_models_and_deterministic_embeddings(fake_llm: FakeOpenAI):
    client = openai.OpenAI(base_url=fake_llm.base_url, api_key="not-needed", max_retries=0)
    assert [m.id for m in client.models.list()] == ["fake-model"]
    texts = ["一般公共预算拨款收入", "一般公共预算拨款", "公务用车运行维护费"]
    a = client.embeddings.create(model="e", input=texts).data       # SDK asks for base64
    b = client.embeddings.create(model="e", input=texts, encoding_format="float").data
    for x, y in zip(a, b):
        assert x.embedding == pytest.approx(y.embedding, abs=1e-6)
    assert a[0].embedding == pytest.approx(embed_text(texts[0], 64), abs=1e-6)
    dot = lambda u, v: sum(x * y for x, y in zip(u, v))  # noqa: E731
    assert dot(b[0].embedding, b[1].embedding) > dot(b[0].embedding, b[2].embedding)


def test_fake_streams_chat(fake_llm: FakeOpenAI):
    fake_llm.reply("你好")
    s = settings_for(fake_llm)
    assert "".join(str(c.content) for c in make_chat_model(s).stream("hi")) == "你好"


def test_in_process_fake_chat_models_pass_the_guard(monkeypatch: pytest.MonkeyPatch):
    """Unit tests elsewhere may hand structured_call a scripted in-process model (no URL)."""
    from langchain_core.messages import AIMessage
    from langchain_core.runnables import RunnableLambda

    reply = json.dumps(good_reply(), ensure_ascii=False)

    class Scripted:
        def with_structured_output(self, schema, method, include_raw):
            return RunnableLambda(lambda _: {"raw": AIMessage(content=reply),
                                             "parsed": schema.model_validate_json(reply), "parsing_error": None})

    monkeypatch.setenv("BUDGETQA_TESTING", "1")
    assert structured_call(Scripted(), QueryReply, [("user", "q")], "json_schema").scope.doc_ids == ["cj-2024"]
