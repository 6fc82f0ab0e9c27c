"""A scripted OpenAI-compatible HTTP server for tests: the real wire protocol, no model.

Client code (ChatOpenAI, the openai SDK, OpenAIEmbeddings) is exercised end to end over
HTTP on 127.0.0.1, so what it sends is asserted on and what it receives is real JSON.
In LLM mode the model writes the question's Query (qa/llm_query.py), so a scripted reply to a
question is Query JSON (`query_reply` below builds one):

    fake.reply('{"op": "lookup", ...}')       # assistant content
    fake.tool_call({"op": "lookup", ...})      # a tool call (name = the forced tool_choice)
    fake.structured(query_reply("三公经费"))   # tool call if tools were sent, else content
    fake.error(429, "slow down")              # HTTP error with an OpenAI-style error body
    fake.delay(2.0, then=...)                 # answer only after `seconds` (client timeouts)
    fake.raw("<html>…</html>", status=200)    # a body that is not an API response at all
    fake.echo_key(401, "Incorrect API key provided: {key}")   # echo the request's key / header
    fake.echo_key(200, '{"op": "lookup", "measure": "{key}"}')  # ... in completion text (as `structured`)

Every request is recorded (`fake.requests`, `fake.chat_bodies`). A request with nothing
scripted gets HTTP 500 and is listed in `fake.unscripted`; the `fake_llm` fixture fails
the test if anything was unscripted or left unused.

Tests import it as:  sys.path.insert(0, str(Path(__file__).parent)); from fake_openai import fake_llm
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import struct
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator, Literal

import pytest

Kind = Literal["content", "tool", "structured", "error", "raw", "echo"]


@dataclass
class Scripted:
    """One scripted answer to one chat request."""

    kind: Kind
    content: str | None = None
    arguments: str | None = None          # tool call arguments, a JSON string (may be junk on purpose)
    tool_name: str | None = None          # None: echo the name the request forced
    status: int = 200
    message: str = ""
    delay_s: float = 0.0
    finish_reason: str | None = None
    retry_after_ms: int = 1               # errors: how long the client should wait before retrying
    content_type: str = "application/json"  # raw: the content-type header sent


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None


@dataclass
class FakeOpenAI:
    """The server and its script. Start with `start()`, stop with `stop()` (the fixture does both)."""

    model: str = "fake-model"
    embedding_dim: int = 64
    requests: list[Recorded] = field(default_factory=list)
    unscripted: list[Recorded] = field(default_factory=list)
    _queue: deque[Scripted] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    # ---- scripting -------------------------------------------------------------------
    def reply(self, content: str, *, finish_reason: str = "stop") -> "FakeOpenAI":
        self._queue.append(Scripted("content", content=content, finish_reason=finish_reason))
        return self

    def tool_call(self, arguments: str | dict | list, *, name: str | None = None) -> "FakeOpenAI":
        args = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
        self._queue.append(Scripted("tool", arguments=args, tool_name=name))
        return self

    def structured(self, obj: dict | str) -> "FakeOpenAI":
        """Answer in whatever shape the request asked for: a tool call when tools were sent,
        message content otherwise. Lets one script serve every structured-output mode."""
        text = obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False)
        self._queue.append(Scripted("structured", content=text, arguments=text))
        return self

    def error(self, status: int, message: str = "fake error", *, retry_after_ms: int = 1) -> "FakeOpenAI":
        self._queue.append(Scripted("error", status=status, message=message, retry_after_ms=retry_after_ms))
        return self

    def raw(self, body: str, *, status: int = 200, content_type: str = "text/html") -> "FakeOpenAI":
        """Answer with `body` as is: e.g. a proxy's HTML error page, not an API response."""
        self._queue.append(Scripted("raw", content=body, status=status, content_type=content_type))
        return self

    def echo_key(self, status: int, template: str) -> "FakeOpenAI":
        """Like a careless server: `{key}` in `template` becomes the API key the request sent,
        `{authorization}` its whole Authorization header. status != 200: an error body with that
        message; 200: the text as a structured answer (tool call if tools were sent, else content)."""
        self._queue.append(Scripted("echo", content=template, status=status))
        return self

    def delay(self, seconds: float, then: str = "{}") -> "FakeOpenAI":
        self._queue.append(Scripted("content", content=then, delay_s=seconds, finish_reason="stop"))
        return self

    @property
    def pending(self) -> int:
        return len(self._queue)

    # ---- what was sent ---------------------------------------------------------------
    @property
    def chat_bodies(self) -> list[dict[str, Any]]:
        return [r.body or {} for r in self.requests if r.path.endswith("/chat/completions")]

    @property
    def last_chat(self) -> dict[str, Any]:
        bodies = self.chat_bodies
        assert bodies, "no chat request was made"
        return bodies[-1]

    @staticmethod
    def prompt_text(body: dict[str, Any]) -> str:
        """All message text of one request body, joined: for 'the prompt contains X' checks."""
        parts = []
        for m in body.get("messages", []):
            c = m.get("content")
            if isinstance(c, str):
                parts.append(c)
            elif isinstance(c, list):
                parts.extend(p.get("text", "") for p in c if isinstance(p, dict))
        return "\n".join(parts)

    # ---- lifecycle -------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> "FakeOpenAI":
        fake = self

        class Handler(_Handler):
            server_fake = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def _next(self, rec: Recorded) -> Scripted | None:
        with self._lock:
            self.requests.append(rec)
            if self._queue:
                return self._queue.popleft()
            self.unscripted.append(rec)
            return None


class _Handler(BaseHTTPRequestHandler):
    server_fake: FakeOpenAI
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:  # keep test output clean
        pass

    # ---- plumbing --------------------------------------------------------------------
    def _read_body(self) -> dict[str, Any] | None:
        n = int(self.headers.get("content-length") or 0)
        if not n:
            return None
        raw = self.rfile.read(n)
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return {"_unparseable": raw.decode("utf-8", "replace")}

    def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def _record(self, body: dict[str, Any] | None) -> Recorded:
        return Recorded(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)

    # ---- routes ----------------------------------------------------------------------
    def do_GET(self) -> None:
        fake = self.server_fake
        if self.path.rstrip("/").endswith("/models"):
            with fake._lock:
                fake.requests.append(self._record(None))
            self._send(200, {"object": "list", "data": [
                {"id": fake.model, "object": "model", "created": 0, "owned_by": "fake-openai"}]})
            return
        self._send(404, _error_body(f"no route GET {self.path}", "not_found"))

    def do_POST(self) -> None:
        body = self._read_body()
        if self.path.endswith("/chat/completions"):
            self._chat(body or {})
        elif self.path.endswith("/embeddings"):
            with self.server_fake._lock:
                self.server_fake.requests.append(self._record(body))
            self._embeddings(body or {})
        else:
            self._send(404, _error_body(f"no route POST {self.path}", "not_found"))

    def _chat(self, body: dict[str, Any]) -> None:
        fake = self.server_fake
        step = fake._next(self._record(body))
        if step is None:
            self._send(500, _error_body("fake_openai: no scripted response left", "server_error"))
            return
        if step.delay_s and fake._stopping.wait(step.delay_s):
            return
        if step.kind == "raw":
            data = (step.content or "").encode("utf-8")
            try:
                self.send_response(step.status)
                self.send_header("content-type", step.content_type)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if step.kind == "echo":
            auth = self.headers.get("authorization") or ""
            key = auth.split(" ", 1)[1] if " " in auth else auth
            text = (step.content or "").replace("{authorization}", auth).replace("{key}", key)
            if step.status != 200:
                self._send(step.status, _error_body(text, _error_type(step.status)), {"retry-after-ms": "1"})
                return
            step = Scripted("structured", content=text, arguments=text)
        if step.kind == "error":
            self._send(step.status, _error_body(step.message, _error_type(step.status)),
                       {"retry-after-ms": str(step.retry_after_ms)})
            return
        message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
        finish = step.finish_reason or "stop"
        wants_tool = bool(body.get("tools"))
        if step.kind == "tool" or (step.kind == "structured" and wants_tool):
            name = step.tool_name or _forced_tool_name(body) or "unknown_tool"
            message["tool_calls"] = [{
                "id": f"call_{uuid.uuid4().hex[:12]}", "type": "function",
                "function": {"name": name, "arguments": step.arguments or "{}"}}]
            finish = "tool_calls"
        else:
            message["content"] = step.content
        completion = {
            "id": f"chatcmpl-{uuid.uuid4().hex[:16]}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model") or fake.model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
            "usage": _usage(body, message),
        }
        if body.get("stream"):
            self._stream(completion)
        else:
            self._send(200, completion)

    def _stream(self, completion: dict[str, Any]) -> None:
        """Server-sent events: one delta with the whole message, one with the finish reason."""
        msg = completion["choices"][0]["message"]
        delta: dict[str, Any] = {"role": "assistant", "content": msg.get("content")}
        if msg.get("tool_calls"):
            delta["tool_calls"] = [dict(tc, index=i) for i, tc in enumerate(msg["tool_calls"])]
        base = {k: completion[k] for k in ("id", "created", "model")} | {"object": "chat.completion.chunk"}
        chunks = [
            base | {"choices": [{"index": 0, "delta": delta, "finish_reason": None}]},
            base | {"choices": [{"index": 0, "delta": {}, "finish_reason": completion["choices"][0]["finish_reason"]}]},
        ]
        data = b"".join(b"data: " + json.dumps(c, ensure_ascii=False).encode() + b"\n\n" for c in chunks)
        data += b"data: [DONE]\n\n"
        try:
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _embeddings(self, body: dict[str, Any]) -> None:
        fake = self.server_fake
        inputs = body.get("input")
        if isinstance(inputs, str) or (isinstance(inputs, list) and inputs and isinstance(inputs[0], int)):
            inputs = [inputs]
        if not isinstance(inputs, list) or not inputs:
            self._send(400, _error_body("'input' must be a non-empty string or list", "invalid_request_error"))
            return
        dim = int(body.get("dimensions") or fake.embedding_dim)
        b64 = body.get("encoding_format") == "base64"
        data = []
        for i, item in enumerate(inputs):
            vec = embed_text(item if isinstance(item, str) else " ".join(map(str, item)), dim)
            emb: Any = base64.b64encode(struct.pack(f"<{dim}f", *vec)).decode() if b64 else vec
            data.append({"object": "embedding", "index": i, "embedding": emb})
        tokens = sum(len(x) for x in inputs)
        self._send(200, {"object": "list", "data": data, "model": body.get("model") or fake.model,
                         "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})


def query_reply(measure: str, doc_ids: list[str] | None = None, *, op: str = "lookup", **over: Any) -> dict[str, Any]:
    """A model's reply to the query request (the QueryReply wire shape of qa/llm_query.py): `op`
    over `measure` in the documents `doc_ids`; `over` sets any other field (`scope` is merged)."""
    reply: dict[str, Any] = {"op": op, "measure": measure, "scope": {"doc_ids": list(doc_ids or [])}}
    scope = over.pop("scope", None) or {}
    reply.update(over)
    reply["scope"].update(scope)
    return reply


def embed_text(text: str, dim: int) -> list[float]:
    """Deterministic unit vector from hashed character uni- and bigrams: similar texts get
    similar vectors, so retrieval tests through this server can assert an order."""
    vec = [0.0] * dim
    grams = list(text) + [text[i:i + 2] for i in range(len(text) - 1)]
    for g in grams:
        if g.isspace():
            continue
        h = int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "little")
        vec[h % dim] += 1.0 if (h >> 32) & 1 else -1.0
    n = math.sqrt(sum(v * v for v in vec)) or 1.0
    return [v / n for v in vec]


def _forced_tool_name(body: dict[str, Any]) -> str | None:
    choice = body.get("tool_choice")
    if isinstance(choice, dict):
        return (choice.get("function") or {}).get("name")
    tools = body.get("tools") or []
    if len(tools) == 1:
        return tools[0].get("function", {}).get("name")
    return None


def _usage(body: dict[str, Any], message: dict[str, Any]) -> dict[str, int]:
    prompt = sum(len(str(m.get("content") or "")) for m in body.get("messages", [])) // 4 + 1
    out = len(json.dumps(message, ensure_ascii=False)) // 4 + 1
    return {"prompt_tokens": prompt, "completion_tokens": out, "total_tokens": prompt + out}


def _error_type(status: int) -> str:
    return {400: "invalid_request_error", 401: "authentication_error", 404: "not_found_error",
            429: "rate_limit_error"}.get(status, "server_error" if status >= 500 else "invalid_request_error")


def _error_body(message: str, etype: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": etype, "param": None, "code": None}}


@pytest.fixture
def fake_llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    """A running fake server; BUDGETQA_TESTING=1 so no client can reach anything else.
    Fails the test if a request found nothing scripted or if scripted answers were left."""
    monkeypatch.setenv("BUDGETQA_TESTING", "1")
    for var in ("BUDGETQA_LLM_API_KEY", "OPENAI_API_KEY", "BUDGETQA_EMBEDDING_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    fake = FakeOpenAI().start()
    try:
        yield fake
    finally:
        fake.stop()
    assert not fake.unscripted, f"{len(fake.unscripted)} request(s) found no scripted response"
    assert not fake.pending, f"{fake.pending} scripted response(s) were never requested"
