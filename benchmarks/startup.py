"""Start-up and ingest speed, each figure beside its raw cost measured in the same run.

CLI: each command runs N times in a fresh process on a workspace holding the 4 bundled
samples; the median wall time is printed beside `python -c pass` and `python -c "import
budgetqa.cli"`. Ingest (in-process, the 4 samples into a fresh workspace) is printed beside
parse-only time and the raw costs of its parts: jieba tokenising the chunks, embedding
them, and a Chroma upsert of the same chunks with precomputed vectors.

Bytecode: with PYTHONDONTWRITEBYTECODE=1 (as in some sandboxes / read-only installs) every
process compiles every module from source, which alone costs seconds; `--bytecode cached`
(the default) gives the child processes a private PYTHONPYCACHEPREFIX so they run as an
ordinary install does (pip writes .pyc at install time); `--bytecode none` shows the other case.

    .venv/bin/python benchmarks/startup.py [-n 5] [--bytecode cached|none]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
PY = sys.executable


def child_env(bytecode: str, pyc_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("BUDGETQA_LLM_BASE_URL", None)
    if bytecode == "cached":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pyc_dir
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def median_run(argv: list[str], n: int, env: dict[str, str]) -> tuple[float, int]:
    times, code = [], 0
    for _ in range(n):
        t0 = time.perf_counter()
        r = subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
        code = code or r.returncode
    return statistics.median(times), code


def cli_rows(ws: Path, n: int, env: dict[str, str]) -> None:
    cmds = [
        ("python -c pass", [PY, "-c", "pass"]),
        ("python -c 'import budgetqa.cli'", [PY, "-c", "import budgetqa.cli"]),
        ("docs", [PY, "-m", "budgetqa.cli", "docs", "--workspace", str(ws)]),
        ("search 三公经费", [PY, "-m", "budgetqa.cli", "search", "三公经费", "--workspace", str(ws)]),
        ("ask 三公经费多少", [PY, "-m", "budgetqa.cli", "ask", "三公经费多少", "--workspace", str(ws)]),
        ("check samples/002…txt", [PY, "-m", "budgetqa.cli", "check", str(ROOT / "samples" / "002_e49850479605d5c8.txt")]),
        ("extract samples/002…txt", [PY, "-m", "budgetqa.cli", "extract", str(ROOT / "samples" / "002_e49850479605d5c8.txt")]),
    ]
    for _, argv in cmds:  # warm the bytecode cache and the OS file cache
        subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"{'command (fresh process)':<36}{'median s':>10}{'exit':>6}")
    for name, argv in cmds:
        s, code = median_run(argv, n, env)
        print(f"{name:<36}{s:>10.3f}{code:>6}")


def ingest_rows(repeat: int) -> None:
    import numpy as np

    from budgetqa.core.settings import settings_with
    from budgetqa.extract.loader import load
    from budgetqa.extract.parse import parse, parse_file
    from budgetqa.retrieval.chunks import make_chunks
    from budgetqa.retrieval.embedding import hashed_vector
    from budgetqa.retrieval.lexical import _jieba, index_tokens
    from budgetqa.retrieval.workspace import Workspace

    t0 = time.perf_counter()
    _jieba()
    t_jieba_init = time.perf_counter() - t0
    for f in SAMPLES:  # warm: imports, regexes
        parse_file(f)

    def best(fn):
        b = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            out = fn()
            b = min(b, time.perf_counter() - t)
        return b, out

    t_read, _ = best(lambda: [f.read_text("utf-8") for f in SAMPLES])
    t_parse, _ = best(lambda: [parse_file(f) for f in SAMPLES])

    def ingest():
        with tempfile.TemporaryDirectory() as d:
            ws = Workspace.open(settings_with(workspace=d))
            res = ws.ingest(list(SAMPLES), progress=False)
            assert all(r.status == "indexed" for r in res), res
    t_ingest, _ = best(ingest)

    chunks = []
    for f in SAMPLES:
        src = load(f)
        chunks += make_chunks(src, parse(src))
    texts = [c.text for c in chunks]
    t_chunk, _ = best(lambda: [make_chunks(s, parse(s)) for s in [load(f) for f in SAMPLES]])
    t_tok, _ = best(lambda: [index_tokens(t) for t in texts])
    dim = settings_with().embedding_dim
    t_emb, vecs = best(lambda: [hashed_vector(t, dim) for t in texts])

    def upsert():
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        with tempfile.TemporaryDirectory() as d:
            client = chromadb.PersistentClient(path=d, settings=ChromaSettings(anonymized_telemetry=False))
            col = client.get_or_create_collection("bench", embedding_function=None, metadata={"hnsw:space": "cosine"})
            for i in range(0, len(chunks), 1000):
                part = slice(i, i + 1000)
                col.upsert(ids=[c.id for c in chunks[part]], documents=texts[part],
                           embeddings=np.asarray(vecs[part]), metadatas=[{**c.metadata, "chunk_kind": c.kind} for c in chunks[part]])
    t_up, _ = best(upsert)

    kb = sum(f.stat().st_size for f in SAMPLES) / 1024
    print(f"\ningest of {len(SAMPLES)} samples ({kb:.0f} KB, {len(chunks)} chunks), in-process, best of {repeat}")
    rows = [("read the files", t_read), ("parse only (parse_file)", t_parse), ("load+parse+make_chunks", t_chunk),
            ("jieba: tokenise the chunks (index_tokens)", t_tok), ("embedding: hashed_vector on the chunks", t_emb),
            ("chroma: upsert with precomputed vectors", t_up), ("ingest (Workspace.ingest, fresh workspace)", t_ingest)]
    for name, s in rows:
        print(f"  {name:<46}{s:>8.3f} s{s / t_parse:>8.2f}× parse")
    print(f"  {'(jieba dictionary load + domain words, once)':<46}{t_jieba_init:>8.3f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=5, help="runs per CLI command (median)")
    ap.add_argument("--repeat", type=int, default=3, help="in-process repeats (best)")
    ap.add_argument("--bytecode", choices=["cached", "none"], default="cached")
    ap.add_argument("--skip-cli", action="store_true")
    ap.add_argument("--skip-ingest", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(args.bytecode, str(Path(tmp) / "pyc"))
        if not args.skip_cli:
            ws = Path(tmp) / "ws"
            r = subprocess.run([PY, "-m", "budgetqa.cli", "ingest", *map(str, SAMPLES), "--workspace", str(ws), "--json"],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if r.returncode:
                sys.exit(f"ingest failed: {r.stderr[-500:]}")
            print(f"bytecode: {args.bytecode}; python {sys.version.split()[0]}; cpus {os.cpu_count()}")
            cli_rows(ws, args.n, env)
        if not args.skip_ingest:
            ingest_rows(args.repeat)


if __name__ == "__main__":
    main()
