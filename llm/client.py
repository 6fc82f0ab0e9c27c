"""The one module that talks to the model. Everything else is handed a chat model.

Where to connect (base URL, key, model) and how to ask for structure (the mode) are both
settings: `json_schema` sends a strict response_format, `function_calling` a forced tool,
`json_object` only asks for JSON, so the schema goes into the prompt text. No guessing
from the model name.

`structured_call` validates the reply against the schema, re-asks once with the validation
error, then raises `ModelOutputError` keeping the last completion. Transport failures become
`ModelTimeoutError` / `ModelHTTPError` with a hint naming the setting to check. The API key
is a SecretStr and never appears in a message, a log line or an error.

With BUDGETQA_TESTING=1 (the test suite) only loopback base URLs are accepted, so no test
can reach a real model.
"""
from __future__ import annotations

import json
import os
from typing import Any, Callable, Literal, Sequence, TypeVar
from urllib.parse import urlsplit

import openai
from langchain_core.exceptions import OutputParserException
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, convert_to_messages
from pydantic import BaseModel, SecretStr, ValidationError

from budgetqa.core.errors import ModelError, ModelHTTPError, ModelOutputError, ModelTimeoutError, UserInputError
from budgetqa.core.settings import Settings

from .prompts import render

Mode = Literal["json_schema", "function_calling", "json_object"]
M = TypeVar("M", bound=BaseModel)

METHOD_FOR_MODE: dict[str, str] = {
    "json_schema": "json_schema",
    "function_calling": "function_calling",
    "json_object": "json_mode",
}
PLACEHOLDER_KEY = "not-needed"          # local servers need no key, the SDK insists on one
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
_OUTPUT_ERRORS = (ValidationError, OutputParserException, json.JSONDecodeError,
                  openai.LengthFinishReasonError, openai.ContentFilterFinishReasonError)


class RealModelBlockedError(ModelError):
    """Tests (BUDGETQA_TESTING=1) tried to reach a non-loopback model endpoint."""


def public_url(url: str | None) -> str:
    """The base URL without any user:password part, for messages."""
    if not url:
        return "(unset)"
    p = urlsplit(url)
    host = p.hostname or ""
    if p.port:
        host = f"{host}:{p.port}"
    return f"{p.scheme}://{host}{p.path}"


def guard_base_url(base_url: str | None) -> None:
    """Refuse anything but loopback while the test suite runs (BUDGETQA_TESTING=1)."""
    if os.environ.get("BUDGETQA_TESTING") != "1":
        return
    host = urlsplit(base_url or "").hostname
    if host not in LOOPBACK_HOSTS:
        raise RealModelBlockedError(
            f"refusing to call model endpoint {public_url(base_url)} while BUDGETQA_TESTING=1",
            hint="tests must use the fake server (tests/fake_openai.py) on 127.0.0.1")


def make_chat_model(settings: Settings) -> BaseChatModel:
    """A ChatOpenAI for the configured endpoint; timeouts and retries come from settings."""
    if not settings.llm_configured:
        raise UserInputError(
            "no LLM endpoint configured",
            hint="set BUDGETQA_LLM_BASE_URL and BUDGETQA_LLM_MODEL (or use offline mode)")
    guard_base_url(settings.llm_base_url)
    from langchain_openai import ChatOpenAI  # the framework stays at this edge

    key = settings.llm_api_key or SecretStr(PLACEHOLDER_KEY)
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        api_key=key,
        model=settings.llm_model,
        timeout=settings.llm_timeout_s,
        max_retries=max(0, settings.llm_max_retries),
        temperature=settings.llm_temperature,
    )


def _guard_chat(chat: Any) -> str | None:
    """Apply the test guard to a chat model built elsewhere; returns its base URL.
    In-process fakes (no base URL attribute) pass; an OpenAI client without one would
    go to the default public endpoint, so it is checked as such."""
    if hasattr(chat, "openai_api_base"):
        url = chat.openai_api_base or os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1"
    elif hasattr(chat, "base_url"):
        url = str(chat.base_url)
    else:
        return None
    guard_base_url(url)
    return url


def _with_schema_in_prompt(messages: list[BaseMessage], schema: type[BaseModel]) -> list[BaseMessage]:
    """json_object mode: the server only promises JSON, so the schema is told in the text,
    merged into the first system message (some chat templates allow only one, first)."""
    schema_json = json.dumps(schema.model_json_schema(), ensure_ascii=False, indent=1)
    instruction = "\n\n".join(text for _, text in render("json_object", schema=schema_json))
    out = list(messages)
    for i, m in enumerate(out):
        if isinstance(m, SystemMessage) and isinstance(m.content, str):
            out[i] = SystemMessage(content=f"{m.content}\n\n{instruction}")
            return out
    return [SystemMessage(content=instruction), *out]


def _describe_output_error(err: BaseException) -> str:
    if isinstance(err, ValidationError):
        lines = []
        for e in err.errors()[:20]:
            loc = ".".join(str(x) for x in e.get("loc", ())) or "(root)"
            lines.append(f"- {loc}: {e.get('msg')}")
        return "\n".join(lines)
    return str(err)[:1500]


def _completion_text(raw: AIMessage | None, err: BaseException | None = None) -> str | None:
    """What the model actually said: tool arguments, or the content."""
    if raw is not None:
        for tc in raw.tool_calls or []:
            return json.dumps(tc.get("args", {}), ensure_ascii=False)
        for tc in getattr(raw, "invalid_tool_calls", None) or []:
            return tc.get("args") or ""
        if isinstance(raw.content, str):
            return raw.content
        return json.dumps(raw.content, ensure_ascii=False)
    # json_schema mode: the openai SDK parses before LangChain sees the message; LangChain
    # attaches the HTTP response to the exception, which holds the completion.
    resp = getattr(err, "response", None)   # an httpx(2) Response; duck-typed across versions
    if resp is not None and callable(getattr(resp, "json", None)):
        try:
            msg = resp.json()["choices"][0]["message"]
            calls = msg.get("tool_calls") or []
            return calls[0]["function"]["arguments"] if calls else msg.get("content")
        except (ValueError, KeyError, IndexError, TypeError):
            return None
    if isinstance(err, ValidationError):
        for e in err.errors():
            if e.get("type") == "json_invalid" and isinstance(e.get("input"), str):
                return e["input"]
    return None


def map_transport_error(err: BaseException, base_url: str | None, timeout_s: float | None,
                        retries: int | None) -> ModelError | None:
    """openai / httpx failures -> our error tree, with what to check. None if not transport."""
    where = public_url(base_url)
    tried = f" after {retries + 1} attempt(s)" if retries is not None else ""
    if isinstance(err, (openai.APITimeoutError, TimeoutError)):
        return ModelTimeoutError(
            f"the model at {where} did not answer within {timeout_s}s{tried}",
            hint="check the server is up and not overloaded, or raise BUDGETQA_LLM_TIMEOUT_S")
    if isinstance(err, openai.APIStatusError):
        status = err.status_code
        detail = (getattr(err, "message", "") or "").strip()[:300]
        if status in (401, 403):
            hint = "check BUDGETQA_LLM_API_KEY"
        elif status == 404:
            hint = "check BUDGETQA_LLM_BASE_URL (usually ends in /v1) and BUDGETQA_LLM_MODEL"
        elif status == 429:
            hint = "rate limited: wait and retry, or raise BUDGETQA_LLM_MAX_RETRIES / your quota"
        elif status >= 500:
            hint = ("the server failed; check its log. If it rejects the structured-output request, "
                    "try another BUDGETQA_LLM_STRUCTURED_MODE (json_schema | function_calling | json_object)")
        else:
            hint = ("the server refused the request: check BUDGETQA_LLM_MODEL, and whether it supports "
                    "BUDGETQA_LLM_STRUCTURED_MODE (try function_calling or json_object)")
        return ModelHTTPError(f"HTTP {status} from the model at {where}{tried}: {detail}", status=status, hint=hint)
    if isinstance(err, openai.APIConnectionError):
        return ModelHTTPError(f"cannot connect to the model at {where}{tried}", status=None,
                              hint="is the server running? check BUDGETQA_LLM_BASE_URL")
    return None


def structured_call(
    chat: BaseChatModel,
    schema: type[M],
    messages: Sequence[BaseMessage | tuple[str, str]],
    mode: Mode,
    *,
    check: Callable[[M], list[str]] | None = None,
) -> M:
    """Ask for `schema`; validate; re-ask once with the error; else raise ModelOutputError.

    `check` adds semantic validation (e.g. cited ids exist): its problems count as a
    failed validation and are sent back in the re-ask like a schema error.
    """
    if mode not in METHOD_FOR_MODE:
        raise UserInputError(f"unknown structured-output mode {mode!r}",
                             hint="set BUDGETQA_LLM_STRUCTURED_MODE to json_schema, function_calling or json_object")
    base_url = _guard_chat(chat)
    convo = convert_to_messages(list(messages))
    if mode == "json_object":
        convo = _with_schema_in_prompt(convo, schema)
    runnable = chat.with_structured_output(schema, method=METHOD_FOR_MODE[mode], include_raw=True)

    last_text: str | None = None
    problem = ""
    for attempt in range(2):
        try:
            out = runnable.invoke(convo)
        except _OUTPUT_ERRORS as err:
            raw, parsed, perr = None, None, err
        except Exception as err:  # transport: map, or re-raise what is not ours to name
            mapped = map_transport_error(err, base_url, getattr(chat, "request_timeout", None),
                                         getattr(chat, "max_retries", None))
            if mapped is None:
                raise
            raise mapped from err
        else:
            raw, parsed, perr = out.get("raw"), out.get("parsed"), out.get("parsing_error")
        last_text = _completion_text(raw, perr)

        if perr is not None:
            problem = _describe_output_error(perr)
        elif parsed is None:
            problem = "no structured output: the reply had neither valid JSON nor a valid tool call"
        else:
            issues = check(parsed) if check else []
            if not issues:
                return parsed
            problem = "\n".join(f"- {i}" for i in issues)
        if attempt == 0:
            convo = [*convo, AIMessage(content=last_text or ""),
                     *(HumanMessage(content=t) for _, t in render("reask", error=problem))]

    raise ModelOutputError(
        f"the model's output did not validate as {schema.__name__} after one re-ask: {problem.splitlines()[0] if problem else ''}",
        last_completion=last_text,
        hint="try another BUDGETQA_LLM_STRUCTURED_MODE or a stronger BUDGETQA_LLM_MODEL; offline answers still work")
