"""The one module that talks to the model. Everything else is handed a chat model.

Where to connect (base URL, key, model) and how to ask for structure (the mode) are both
settings: `json_schema` sends a strict response_format, `function_calling` a forced tool,
`json_object` only asks for JSON, so the schema goes into the prompt text. No guessing
from the model name.

`structured_call` validates the reply against the schema, re-asks once with the validation
error, then raises `ModelOutputError` keeping the last completion. Transport failures become
`ModelTimeoutError` / `ModelHTTPError` with a hint naming the setting to check. The API key
is a SecretStr, and since servers echo it (a 401 body, a 500 body quoting the Authorization
header, even completion text) everything the endpoint says passes `redact` before it becomes
an error, a notice or an output: the configured key and anything shaped like a bearer token
or an `sk-...` key is replaced by `***`.

Completions are bounded (`BUDGETQA_LLM_MAX_TOKENS`); `evidence_budget` says how many
characters of evidence fit `BUDGETQA_LLM_CONTEXT_TOKENS` next to the instructions.

With BUDGETQA_TESTING=1 (the test suite) only loopback base URLs are accepted, so no test
can reach a real model.
"""
from __future__ import annotations

import json
import os
import re
from typing import Any, Callable, Literal, Sequence, TypeVar
from urllib.parse import urlsplit

import openai
from langchain_core.exceptions import OutputParserException
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, convert_to_messages
from pydantic import BaseModel, SecretStr, ValidationError

from budgetqa.core.errors import (ModelContextError, ModelError, ModelHTTPError, ModelOutputError, ModelResponseError,
                                  ModelTimeoutError, UserInputError)
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
_OUTPUT_ERRORS = (ValidationError, OutputParserException,
                  openai.LengthFinishReasonError, openai.ContentFilterFinishReasonError)


class RealModelBlockedError(ModelError):
    """Tests (BUDGETQA_TESTING=1) tried to reach a non-loopback model endpoint."""


# ---- secrets never leave through what the endpoint says -----------------------------------
REDACTED = "***"
KEY_ENV_VARS = ("BUDGETQA_LLM_API_KEY", "OPENAI_API_KEY", "BUDGETQA_EMBEDDING_API_KEY")
_SECRETS: set[str] = set()
_SECRET_SHAPES = [
    # a token after "Bearer" (with a digit, so English prose like "the bearer of" survives)
    (re.compile(r"\b([Bb]earer|BEARER)(\s+)(?=[A-Za-z._~+/=\-]*\d)[A-Za-z0-9._~+/=\-]{6,}"), r"\1\2" + REDACTED),
    (re.compile(r"\bsk-[A-Za-z0-9_\-]{4,}"), "sk-" + REDACTED),
    (re.compile(r"(?i)(\b(?:api[_-]?key|authorization|x-api-key)[\"']?\s*[:=]\s*[\"']?(?:bearer\s+)?)"
                r"(?!\*\*\*)[A-Za-z0-9._~+/\-]{8,}"),
     r"\1" + REDACTED),
]


def register_secret(secret: SecretStr | str | None) -> None:
    """Remember a key so `redact` removes it wherever an endpoint echoes it."""
    value = secret.get_secret_value() if isinstance(secret, SecretStr) else secret
    if value and len(value) >= 4 and value != PLACEHOLDER_KEY:
        _SECRETS.add(value)


def redact(text: Any) -> Any:
    """`text` with every known key (configured, in the key env vars, or registered) and anything
    shaped like a bearer token or an `sk-...` key replaced by ***. Non-strings pass unchanged."""
    if not isinstance(text, str) or not text:
        return text
    secrets = set(_SECRETS)
    secrets.update(v for v in (os.environ.get(k) for k in KEY_ENV_VARS) if v and len(v) >= 4 and v != PLACEHOLDER_KEY)
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    for pattern, repl in _SECRET_SHAPES:
        text = pattern.sub(repl, text)
    return text


def redact_data(obj: Any) -> Any:
    """`redact` over every string of nested dicts / lists / tuples (e.g. a model_dump)."""
    if isinstance(obj, str):
        return redact(obj)
    if isinstance(obj, dict):
        return {k: redact_data(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(redact_data(v) for v in obj)
    return obj


def redact_model(m: M) -> M:
    """A pydantic model with `redact` applied to all its strings (the same object if none changed)."""
    data = m.model_dump()
    clean = redact_data(data)
    return m if clean == data else type(m).model_validate(clean)


def redact_error(err: ModelError) -> ModelError:
    """The error with its message, hint and kept completion redacted, in place."""
    err.message = redact(err.message)
    err.hint = redact(err.hint)
    if isinstance(err, ModelOutputError):
        err.last_completion = redact(err.last_completion)
    err.args = (str(err),)
    return err


# ---- the context budget ----------------------------------------------------------------------
REASK_RESERVE = 512       # characters kept free for the re-ask note and the error it quotes
MESSAGE_OVERHEAD = 16     # per message: role markers of the chat template


def estimate_tokens(text: str) -> int:
    """An upper bound: one token a character (Chinese runs at most ~1 a character; ASCII fewer)."""
    return len(text)


def evidence_budget(settings: Settings, messages: Sequence[tuple[str, str]], schema: type[BaseModel] | None) -> int:
    """Characters of evidence that fit next to `messages` (rendered without the evidence), the
    schema (sent as a tool / response_format, or in the text), the completion and a re-ask."""
    fixed = sum(estimate_tokens(t) + MESSAGE_OVERHEAD for _, t in messages)
    if schema is not None:
        fixed += estimate_tokens(json.dumps(schema.model_json_schema(), ensure_ascii=False, indent=1))
    return settings.llm_context_tokens - max(0, settings.llm_max_tokens) - REASK_RESERVE - fixed


def context_error(needed_tokens: int, settings: Settings) -> ModelContextError:
    return ModelContextError(
        f"context too long: the instructions with room for the reply need about {needed_tokens} tokens, "
        f"more than BUDGETQA_LLM_CONTEXT_TOKENS={settings.llm_context_tokens} (BUDGETQA_LLM_MAX_TOKENS="
        f"{settings.llm_max_tokens} of them for the reply)",
        hint="raise BUDGETQA_LLM_CONTEXT_TOKENS (and the server's n_ctx) or lower BUDGETQA_LLM_MAX_TOKENS")


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
    register_secret(settings.llm_api_key)
    extra: dict[str, Any] = {}
    if settings.llm_max_tokens and settings.llm_max_tokens > 0:
        # `max_tokens` in the body itself: ChatOpenAI would rename its own field to
        # max_completion_tokens, which older local servers (llama.cpp, LM Studio) ignore
        extra["extra_body"] = {"max_tokens": settings.llm_max_tokens}
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        api_key=key,
        model=settings.llm_model,
        timeout=settings.llm_timeout_s,
        max_retries=max(0, settings.llm_max_retries),
        temperature=settings.llm_temperature,
        **extra,
    )


def _guard_chat(chat: Any) -> str | None:
    """Apply the test guard to a chat model built elsewhere; returns its base URL.
    In-process fakes (no base URL attribute) pass; an OpenAI client without one would
    go to the default public endpoint, so it is checked as such."""
    register_secret(getattr(chat, "openai_api_key", None))
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


def function_tool(schema: type[BaseModel]) -> dict:
    """The forced tool for function_calling mode, its parameters the model's own JSON schema.

    LangChain's conversion of a pydantic class dereferences `$ref`s and turns a recursive
    field (a Query's `operands`) into `items: {}`: the model is not told what an operand is,
    and llama.cpp's grammar builder crashes on it. The schema keeps `$defs`; a recursive root
    (`{"$ref": ...}`) is inlined so the parameters are an object, as the API requires."""
    params = schema.model_json_schema()
    ref = params.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        params = {**params["$defs"][ref.rsplit("/", 1)[1]], "$defs": params["$defs"]}
    return {"type": "function",
            "function": {"name": schema.__name__, "description": (schema.__doc__ or "").strip()[:1000],
                         "parameters": params}}


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
    mapped = _map_transport_error(err, base_url, timeout_s, retries)
    return redact_error(mapped) if mapped is not None else None


RETRIED_STATUSES = {408, 409, 429}      # and >= 500: what the openai SDK retries


CONTEXT_LENGTH = re.compile(r"(?i)context[ _-]?(length|window|size)|n_ctx|maximum context|too many tokens|"
                            r"exceeds? the (available )?context|prompt is too long|reduce the length")


STRUCTURE_REFUSED = re.compile(r"(?i)response_format|json_schema|tool_choice")
_SDK_PREFIX = re.compile(r"^Error code: \d{3} - ")
_SERVER_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|\n\s*File \"")


def _one_line(message: str, limit: int = 300) -> str:
    """What an HTTP error body says, as one line for a message: without the SDK's "Error code: N - "
    (the message says the status already), without a server's Python traceback (a llama.cpp
    server's 500 body carries one, with its file paths), whitespace collapsed, cut to `limit`."""
    text = _SDK_PREFIX.sub("", redact(message).strip())     # redacted before the cut can halve a key
    cut = _SERVER_TRACEBACK.search(text)
    if cut and cut.start() > 0:
        text = text[:cut.start()]
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _map_transport_error(err: BaseException, base_url: str | None, timeout_s: float | None,
                         retries: int | None) -> ModelError | None:
    where = public_url(base_url)
    tried = f" after {retries + 1} attempt(s)" if retries else ""
    if isinstance(err, (openai.APITimeoutError, TimeoutError)):
        return ModelTimeoutError(
            f"the model at {where} did not answer within {timeout_s}s{tried}",
            hint="check the server is up and not overloaded, or raise BUDGETQA_LLM_TIMEOUT_S")
    if isinstance(err, openai.APIStatusError):
        status = err.status_code
        detail = _one_line(getattr(err, "message", "") or "")
        if status not in RETRIED_STATUSES and status < 500:
            tried = ""                   # the client does not retry these: one attempt was made
        if status in (400, 413) and CONTEXT_LENGTH.search(detail):
            return ModelHTTPError(f"HTTP {status} from the model at {where}: context too long: {detail}", status=status,
                                  hint="context too long: raise BUDGETQA_LLM_CONTEXT_TOKENS or the server's n_ctx "
                                       "(or lower BUDGETQA_LLM_MAX_TOKENS)")
        if STRUCTURE_REFUSED.search(detail):
            # e.g. llama.cpp's server: 500 "response_format.type: Input should be 'text' or 'json_object'"
            hint = ("the server does not accept this structured-output request: set BUDGETQA_LLM_STRUCTURED_MODE "
                    "to another mode (json_schema | function_calling | json_object)")
        elif status in (401, 403):
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
    if _not_an_api_response(err):
        body = getattr(err, "doc", None)
        seen = f": {' '.join(str(body).split())[:120]!r}" if isinstance(body, str) and body.strip() else ""
        return ModelResponseError(
            f"the endpoint at {where} answered something that is not an OpenAI API response{seen}",
            status=None,
            hint="check BUDGETQA_LLM_BASE_URL: it must be the server's OpenAI-compatible API root (usually ending "
                 "in /v1), not a web page or a proxy in front of it")
    return None


def _not_an_api_response(err: BaseException) -> bool:
    """The SDK or LangChain choking on the HTTP body itself: not JSON (an HTML page), or JSON
    without `choices`. Parsing of the model's own output never raises these from invoke:
    with include_raw=True it comes back as `parsing_error`, or as a ValidationError."""
    if isinstance(err, json.JSONDecodeError):
        return True
    text = str(err)
    if isinstance(err, (AttributeError, TypeError, KeyError, ValueError)) and not isinstance(err, ValidationError):
        return ("choices" in text or "Unexpected response type" in text or "has no attribute 'model_dump'" in text)
    return False


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
    target: Any = function_tool(schema) if mode == "function_calling" else schema
    runnable = chat.with_structured_output(target, method=METHOD_FOR_MODE[mode], include_raw=True)

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
            if isinstance(parsed, dict):              # function_calling: the tool's arguments
                try:
                    parsed = schema.model_validate(parsed)
                except ValidationError as err:
                    parsed, perr = None, err
        last_text = _completion_text(raw, perr)

        if perr is not None:
            problem = _describe_output_error(perr)
        elif parsed is None:
            problem = "no structured output: the reply had neither valid JSON nor a valid tool call"
        else:
            issues = check(parsed) if check else []
            if not issues:
                return redact_model(parsed)
            problem = "\n".join(f"- {i}" for i in issues)
        if attempt == 0:
            convo = [*convo, AIMessage(content=last_text or ""),
                     *(HumanMessage(content=t) for _, t in render("reask", error=problem))]

    raise redact_error(ModelOutputError(
        f"the model's output did not validate as {schema.__name__} after one re-ask: {problem.splitlines()[0] if problem else ''}",
        last_completion=last_text,
        hint="try another BUDGETQA_LLM_STRUCTURED_MODE or a stronger BUDGETQA_LLM_MODEL; offline answers still work"))
