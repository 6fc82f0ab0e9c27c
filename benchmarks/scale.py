"""Scale benchmark: ingest throughput, answer latency, memory and disk on the four text samples
and on synthetic corpora of N disclosures (default 100 and 1,000) made from the samples and the
real PDFs in evals/gold/seeds, for budgetqa and the plain baseline (evals/baseline.py) in the
same run, each beside the raw lookup costs (a bm25s query, a Chroma query) measured in the same
process; then the slopes: memory, disk and latency per added document.

    .venv/bin/python -m benchmarks.scale [--sizes 100,1000] [--queries 40] [--keep DIR] [--json FILE]
    .venv/bin/python -m benchmarks.scale --report FILE     # the tables again, from a saved --json

The four text samples ("seeds") are always run first, then each synthetic size. Phases, each
in a fresh process (so each peak RSS is its own): an untimed warm-up (fills a private bytecode
cache: see `_phase_setup`); budgetqa ingest; budgetqa questions on the finished workspace (the
memory a reader — `budgetqa ask`, the app — needs, read before the raw lookups, which load
the whole vector index); the baseline, ingest and questions in one process (given a
persistent Chroma collection in the run's temp folder, so its disk can be measured too).
--json is rewritten after every phase, so an interrupted run keeps what finished; it also
holds every question's cold and warm latency (`per_question`).

Printed as Markdown tables: per (system, corpus) docs/s, peak RSS, disk per document and ×
the source, cold and warm answer p50/p95; the raw lookup costs (a bm25s query over every
segment, a Chroma top-60 query, unfiltered and filtered to the question's documents) with
the ratios to them; budgetqa's disk by part; the slopes (added per 1,000 documents,
between consecutive corpora); and budgetqa against issue 14's targets, with the 10,000-
document extrapolations (largest corpus + last slope × added documents) and their arithmetic.
Targets live here, in the benchmark's output, never in timed tests.

The synthetic corpus: one document in three is a copy of one of the seed PDFs (the bytes with
a PDF comment appended after %%EOF: a new content hash, the same disclosure — ingested with
keep_duplicates, as re-publications of one document would be); the others are text seeds
(`synthesize`), each a seed with
  - the department renamed (region and department kind replaced, with their short forms
    from budgetqa/core/aliases.py), e.g. 昌吉回族自治州科学技术局 -> 哈密市教育局;
  - every year shifted by the same number of years;
  - every amount written with two decimals multiplied by one per-document factor and
    re-rounded to 2 decimals. Percentages are left alone (shares and growth rates are
    ratios, unchanged by a common factor), counts too. So the tables still add up, except
    that re-rounding can make a sum differ from its parts by 0.01 (or a few 0.01 on long
    sums) — the audit will report those, which is what it should do.
Words split across a line break (科学技 / 术局) are not renamed; that does not matter here.

Each (system, corpus) phase runs in a fresh process, so its peak RSS (getrusage) is its own.
Query latency is the whole answer: budgetqa's `answer_question` offline, the baseline's
top-chunk-first-number. The questions run twice: "cold" is the first pass (budgetqa builds
a document's fact catalog on its first question; a fresh `budgetqa ask` process pays it),
"warm" the second (a long-running app or server).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "samples"
PDF_SEEDS = ROOT / "evals" / "gold" / "seeds"
PDF_EVERY = 3  # one synthetic document in PDF_EVERY is a PDF copy
DEPARTMENTS = ["教育局", "卫生健康委员会", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局",
               "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化体育广电和旅游局",
               "应急管理局", "审计局", "统计局", "医疗保障局", "林业和草原局", "市场监督管理局"]
REGIONS = ["哈密市", "吐鲁番市", "阿克苏地区", "喀什地区", "和田地区", "伊犁哈萨克自治州", "塔城地区", "阿勒泰地区",
           "博尔塔拉蒙古自治州", "克拉玛依市", "克孜勒苏柯尔克孜自治州", "石河子市", "五家渠市"]
QUESTIONS = ["{org}{year}年收支总预算是多少？", "{org}{year}年三公经费预算多少", "{org}{year}年基本支出是多少",
             "{org}{year}年一般公共预算拨款占收入预算的比例是多少", "{org}{year}年机关运行经费是多少？",
             "{org}{year}年项目支出一共多少", "{org}{year}年有几个科室", "{org}{year}年人员经费是多少"]

_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})(?![\d.])(?!\s*[%％])")
_YEAR = re.compile(r"(?<![\d.,])(20\d\d)(?![\d.,])")


# ---------------------------------------------------------------- the synthetic corpus (pure)
def scale_amounts(text: str, factor: float) -> str:
    """Every two-decimal amount times `factor`, re-rounded, thousands separators kept as written."""
    def sub(m: re.Match) -> str:
        whole = m.group(1)
        v = round(float(whole.replace(",", "") + "." + m.group(2)) * factor + 1e-9, 2)
        return f"{v:,.2f}" if "," in whole else f"{v:.2f}"
    return _AMOUNT.sub(sub, text)


def shift_years(text: str, delta: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)


def name_forms(department: str, region: str | None) -> tuple[list[str], list[str], str]:
    """(region forms, department-kind forms, kind) to rename, longest first. The kind is the
    department name after its region prefix (科学技术局); short forms come from the aliases."""
    from budgetqa.core.aliases import ALIASES, REGION_CANON, REGION_SUFFIXES

    suffixes = "|".join(sorted(REGION_SUFFIXES, key=len, reverse=True))
    m = re.match(rf"^(.*?(?:{suffixes}))(.+)$", department)
    prefix, kind = (m.group(1), m.group(2)) if m else ("", department)
    regions = {prefix} | ({region} if region else set())
    regions |= {k for k, v in ALIASES.items() if region and v and v[0] == region}
    regions |= {k for k, v in REGION_CANON.items() if v == region}
    kinds = {kind} | {k for k, v in ALIASES.items() if v and v[0] == kind}
    by_len = lambda xs: sorted((x for x in xs if x), key=len, reverse=True)
    return by_len(regions), by_len(kinds), kind


def rename(text: str, department: str, region: str | None, new_region: str, new_kind: str) -> str:
    regions, kinds, _ = name_forms(department, region)
    text = text.replace(department, new_region + new_kind)
    for r in regions:
        text = text.replace(r, new_region)
    for k in kinds:
        text = text.replace(k, new_kind)
    return text


def synthesize(seeds: list[Path], n: int, out: Path, rng_seed: int = 7) -> list[dict]:
    """Write n documents made from the seeds into `out`; returns their metadata."""
    from budgetqa.extract.parse import parse_file

    rng = random.Random(rng_seed)
    metas = []
    for s in seeds:
        d = parse_file(s)
        metas.append((s, s.read_text("utf-8"), d.meta.department or "", d.meta.region, d.meta.year or 2024))
    out.mkdir(parents=True, exist_ok=True)
    docs = []
    for i in range(n):
        seed, text, dept, region, year = metas[i % len(metas)]
        new_region, new_kind = rng.choice(REGIONS), rng.choice(DEPARTMENTS)
        delta = rng.randint(-3, 2)
        factor = round(rng.uniform(0.3, 4.0), 3)
        t = rename(text, dept, region, new_region, new_kind) if dept else text
        t = scale_amounts(shift_years(t, delta), factor)
        name = f"syn{i:04d}_{seed.stem.split('_')[0]}.txt"
        (out / name).write_text(t, "utf-8")
        docs.append({"file": name, "org": new_region + new_kind, "year": year + delta, "factor": factor, "seed": seed.name})
    return docs


def pdf_metas(pdfs: list[Path]) -> list[dict]:
    from budgetqa.extract.parse import parse_file

    out = []
    for p in pdfs:
        m = parse_file(p).meta
        out.append({"path": p, "org": m.department or "", "year": m.year or 2025})
    return out


def synthesize_mixed(seeds: list[Path], pdfs: list[dict], n: int, out: Path) -> list[dict]:
    """n documents: every PDF_EVERY-th a copy of a seed PDF (bytes + a trailing PDF comment), the
    rest `synthesize`d from the text seeds."""
    n_pdf = n // PDF_EVERY if pdfs else 0
    docs = synthesize(seeds, n - n_pdf, out)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n_pdf):
        m = pdfs[i % len(pdfs)]
        name = f"syn{n - n_pdf + i:04d}_{m['path'].stem}.pdf"
        (out / name).write_bytes(m["path"].read_bytes() + f"\n% budgetqa scale copy {i}\n".encode())
        docs.append({"file": name, "org": m["org"], "year": m["year"], "factor": 1.0, "seed": m["path"].name})
    return docs


def questions_for(docs: list[dict], k: int, rng_seed: int = 11) -> list[str]:
    rng = random.Random(rng_seed)
    return [rng.choice(QUESTIONS).format(org=d["org"], year=d["year"]) for d in (rng.choice(docs) for _ in range(k))]


def seed_docs(seeds: list[Path]) -> list[dict]:
    from budgetqa.extract.parse import parse_file

    out = []
    for s in seeds:
        m = parse_file(s).meta
        out.append({"file": s.name, "org": m.department or "", "year": m.year or 2024, "factor": 1.0, "seed": s.name})
    return out


# ---------------------------------------------------------------- phases, each in its own process
PYC_ENV = "BUDGETQA_BENCH_PYCACHE"


def _phase_setup() -> None:
    """Each phase starts like an installed program: with PYTHONDONTWRITEBYTECODE=1 (as in this
    sandbox) and no .pyc anywhere, every process would compile chromadb, numpy, pandas … from
    source, seconds that no install pays. The parent points every phase at one private
    bytecode cache (PYTHONPYCACHEPREFIX) filled by an untimed warm-up phase."""
    warnings.filterwarnings("ignore")
    if os.environ.get(PYC_ENV):
        sys.pycache_prefix = os.environ[PYC_ENV]
        sys.dont_write_bytecode = False


def _percentile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))]


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def _du_parts(root: Path) -> dict[str, float]:
    """MB per top-level entry of a workspace (files at the top summed as 'files')."""
    parts: dict[str, float] = {}
    for p in Path(root).iterdir():
        key = p.name if p.is_dir() else "files"
        parts[key] = parts.get(key, 0.0) + (_du(p) if p.is_dir() else p.stat().st_size)
    return {k: round(v / 1048576, 2) for k, v in sorted(parts.items())}


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _settings(workdir: str):
    from budgetqa.core.settings import Settings
    return Settings(workspace=Path(workdir) / "ws", llm_base_url=None, llm_model=None, embedding="hash",
                    chroma_url=None)


def _timed(fn, xs) -> list[float]:
    out = []
    for x in xs:
        t = time.perf_counter()
        fn(x)
        out.append((time.perf_counter() - t) * 1000)
    return out


def _ask_passes(ask, questions: list[str]) -> tuple[list[float], list[float], int]:
    passes, found = [], 0
    for _ in range(2):  # first pass cold (per-document caches, jieba, the vector index), second warm
        lat = []
        for q in questions:
            t = time.perf_counter()
            a = ask(q)
            lat.append((time.perf_counter() - t) * 1000)
            found += bool(a.found)
        passes.append(lat)
    return passes[0], passes[1], found // 2


def _lat(prefix: str, xs: list[float]) -> dict:
    return {f"{prefix}_p50_ms": round(statistics.median(xs), 2), f"{prefix}_p95_ms": round(_percentile(xs, 95), 2)}


def warmup(files: list[str], questions: list[str], workdir: str) -> dict:
    """Untimed: fills the private bytecode cache with everything the timed phases import."""
    _phase_setup()
    from budgetqa.qa.pipeline import answer_question
    from budgetqa.retrieval.workspace import Workspace

    settings = _settings(workdir)
    ws = Workspace.open(settings)
    ws.ingest([Path(f) for f in files], keep_duplicates=True)
    for q in questions:
        answer_question(q, ws, settings)
    baseline_phase(files, questions, str(Path(workdir) / "baseline"))
    return {}


def budgetqa_ingest(files: list[str], workdir: str) -> dict:
    _phase_setup()
    from budgetqa.retrieval.workspace import Workspace

    settings = _settings(workdir)
    load0 = _load()
    t0 = time.perf_counter()
    ws = Workspace.open(settings)
    results = ws.ingest([Path(f) for f in files], keep_duplicates=True)
    ingest_s = time.perf_counter() - t0
    indexed = sum(r.status == "indexed" for r in results)
    src = sum(Path(f).stat().st_size for f in files)
    disk = _du(settings.workspace)
    return {"docs": len(files), "indexed": indexed, "failed": sum(r.status == "failed" for r in results),
            "ingest_s": round(ingest_s, 2), "docs_per_s": round(len(files) / ingest_s, 2),
            "ingest_peak_rss_mb": _rss_mb(), "disk_mb": round(disk / 1048576, 2),
            "disk_per_doc_kb": round(disk / 1024 / max(1, indexed), 1), "disk_parts_mb": _du_parts(settings.workspace),
            "source_mb": round(src / 1048576, 2), "source_per_doc_kb": round(src / 1024 / len(files), 1),
            "disk_x_source": round(disk / src, 1), "chunks": sum(r.n_chunks for r in ws.docs()),
            "load_ingest": [load0, _load()]}


def budgetqa_questions(questions: list[str], workdir: str) -> dict:
    """A reader on the finished workspace: cold and warm answers, filtered searches, then the raw
    lookups (which load the whole vector index: the reader's own memory is read before them)."""
    _phase_setup()
    import numpy as np

    from budgetqa.qa.pipeline import answer_question
    from budgetqa.retrieval.embedding import hashed_vector
    from budgetqa.retrieval.filters import filters_from_question
    from budgetqa.retrieval.lexical import tokenize
    from budgetqa.retrieval.workspace import Workspace

    settings = _settings(workdir)
    load0 = _load()
    rss_imports = _rss_mb()
    t0 = time.perf_counter()
    ws = Workspace.open(settings)
    open_ms = (time.perf_counter() - t0) * 1000
    cold, warm, found = _ask_passes(lambda q: answer_question(q, ws, settings), questions)
    rss_answers = _rss_mb()
    docs = ws.docs()
    filters = {q: filters_from_question(q, docs) for q in questions}
    search = _timed(lambda q: ws.search(q, 8, filters[q]), questions)
    rss_search = _rss_mb()
    # raw lookups: what the index libraries themselves take for one query, same process, same data
    segs = [s for s in ws.lexical._refresh() if s.model is not None]
    toks = {q: tokenize(q) for q in questions}

    def bm25(q):
        for seg in segs:
            ids = seg.model.get_tokens_ids(toks[q])
            if ids:
                sc = np.asarray(seg.model.get_scores_from_ids(ids))
                np.argpartition(-sc, min(59, len(sc) - 1))[:60]
    col, dim = ws.vectors.collection, settings.embedding_dim
    vecs = {q: hashed_vector(q, dim) for q in questions}
    chroma = _timed(lambda q: col.query(query_embeddings=[vecs[q]], n_results=60, include=["distances"]), questions)
    one = {q: (filters[q].doc_ids or [d.doc_id for d in docs if filters[q].matches(d)] or [docs[0].doc_id]) for q in questions}
    chroma_f = _timed(lambda q: col.query(query_embeddings=[vecs[q]], n_results=60, include=["distances"],
                                          where={"doc_id": {"$in": one[q][:50]}}), questions)
    bm = _timed(bm25, questions)
    raw = statistics.median(bm) + statistics.median(chroma)
    out = {"open_ms": round(open_ms, 1), "answered": f"{found}/{len(questions)}", "rss_imports_mb": rss_imports,
           "reader_rss_mb": rss_answers, "rss_after_search_mb": rss_search, "peak_rss_mb": _rss_mb(),
           **_lat("cold", cold), **_lat("warm", warm), **_lat("search", search),
           "bm25s_ms": round(statistics.median(bm), 3), "chroma_ms": round(statistics.median(chroma), 3),
           "chroma_filtered_ms": round(statistics.median(chroma_f), 3), "raw_ms": round(raw, 3),
           "segments": len(segs), "filtered_docs_median": statistics.median(len(v) for v in one.values()),
           "load_questions": [load0, _load()],
           "per_question": [[q, round(c, 1), round(w, 1)] for q, c, w in zip(questions, cold, warm)]}
    for k in ("search_p50", "search_p95", "warm_p50", "warm_p95", "cold_p50", "cold_p95"):
        out[f"{k}_x_raw"] = round(out[f"{k}_ms"] / raw, 1) if raw else None
    return out


def baseline_phase(files: list[str], questions: list[str], workdir: str) -> dict:
    """The plain baseline (evals/baseline.py), ingest and questions in one process. Its own
    Chroma collection is ephemeral (in memory); here it is given a persistent one in `workdir`
    (the same collection settings), so that its disk per document can be set beside budgetqa's."""
    _phase_setup()
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from budgetqa.evals.baseline import Baseline
    from budgetqa.retrieval.embedding import embedding_for, hashed_vector

    settings = _settings(workdir)
    load0 = _load()
    root = Path(workdir) / "chroma"
    t0 = time.perf_counter()
    b = Baseline(settings)
    b.client = chromadb.PersistentClient(path=str(root), settings=ChromaSettings(anonymized_telemetry=False))
    b.collection = b.client.create_collection(b.name, embedding_function=embedding_for(settings),
                                              metadata={"hnsw:space": "cosine"})
    b.ingest([Path(f) for f in files])
    ingest_s = time.perf_counter() - t0
    ingest_rss = _rss_mb()
    disk = _du(root)
    src = sum(Path(f).stat().st_size for f in files)
    cold, warm, found = _ask_passes(b.answer, questions)
    vecs = {q: hashed_vector(q, settings.embedding_dim) for q in questions}
    chroma = _timed(lambda q: b.collection.query(query_embeddings=[vecs[q]], n_results=1, include=["distances"]), questions)
    raw = statistics.median(chroma)
    out = {"docs": len(files), "indexed": len(files), "failed": 0, "ingest_s": round(ingest_s, 2),
           "docs_per_s": round(len(files) / ingest_s, 2), "ingest_peak_rss_mb": ingest_rss,
           "disk_mb": round(disk / 1048576, 2), "disk_per_doc_kb": round(disk / 1024 / len(files), 1),
           "source_mb": round(src / 1048576, 2), "source_per_doc_kb": round(src / 1024 / len(files), 1),
           "disk_x_source": round(disk / src, 1), "chunks": b.n_chunks,
           "answered": f"{found}/{len(questions)}", "reader_rss_mb": _rss_mb(), "peak_rss_mb": _rss_mb(),
           **_lat("cold", cold), **_lat("warm", warm),
           "bm25s_ms": None, "chroma_ms": round(raw, 3), "chroma_filtered_ms": None, "raw_ms": round(raw, 3),
           "load_ingest": [load0], "load_questions": [_load()],
           "per_question": [[q, round(c, 1), round(w, 1)] for q, c, w in zip(questions, cold, warm)]}
    for k in ("warm_p50", "warm_p95", "cold_p50", "cold_p95"):
        out[f"{k}_x_raw"] = round(out[f"{k}_ms"] / raw, 1) if raw else None
    b.close()
    return out


def in_fresh_process(fn, *args) -> dict:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as ex:
        return ex.submit(fn, *args).result()


# ---------------------------------------------------------------- slopes, targets and tables
SLOPE_KEYS = ("ingest_s", "ingest_peak_rss_mb", "reader_rss_mb", "disk_mb", "cold_p50_ms", "cold_p95_ms",
              "warm_p50_ms", "warm_p95_ms", "search_p50_ms", "search_p95_ms", "chroma_ms", "chroma_filtered_ms",
              "bm25s_ms")
TARGET_DOCS = 10_000


def slopes(rows: dict[str, dict]) -> list[dict]:
    """Per added document, between each corpus and the next larger one of a system."""
    by_n = sorted(rows.values(), key=lambda r: r["docs"])
    out = []
    for small, big in zip(by_n, by_n[1:]):
        dn = big["docs"] - small["docs"]
        if dn <= 0:
            continue
        per = {k: (big[k] - small[k]) / dn if big.get(k) is not None and small.get(k) is not None else None
               for k in SLOPE_KEYS}
        out.append({"from": small["docs"], "to": big["docs"], "per_doc": per})
    return out


def extrapolate(rows: dict[str, dict], slope: list[dict], key: str, n: int = TARGET_DOCS) -> tuple[float, str] | None:
    """value at n documents: the largest corpus's value plus the last slope times the added documents."""
    if not slope or slope[-1]["per_doc"].get(key) is None:
        return None
    big = max(rows.values(), key=lambda r: r["docs"])
    s = slope[-1]["per_doc"][key]
    if s < 0:  # a latency that fell between two runs is noise, not a trend: held flat
        return big[key], f"{big[key]:.4g} (slope {s:.4g} < 0: held flat)"
    v = big[key] + s * (n - big["docs"])
    return v, f"{big[key]:.4g} + {s:.4g} × ({n:,} − {big['docs']:,})"


def targets(rows: dict[str, dict], slope: list[dict]) -> list[tuple]:
    """(measure, corpus, value, target, met) — budgetqa against issue 14's targets."""
    out = []
    for cname, r in rows.items():
        out += [("warm answer p95 / raw lookups (bm25s + Chroma)", cname, f"{r['warm_p95_x_raw']}×", "≤ 10×",
                 r["warm_p95_x_raw"] <= 10),
                ("filtered search p95", cname, f"{r['search_p95_ms']:.1f} ms (p50 {r['search_p50_ms']:.1f})", "≤ 20 ms",
                 r["search_p95_ms"] <= 20),
                ("reader RSS (answers + searches)", cname, f"{r['reader_rss_mb']:.0f} MB", "≤ 1 GB",
                 r["reader_rss_mb"] <= 1024),
                ("ingest peak RSS", cname, f"{r['ingest_peak_rss_mb']:.0f} MB", "≤ 1 GB", r["ingest_peak_rss_mb"] <= 1024),
                ("disk / source", cname, f"{r['disk_x_source']}×", "≤ 5×", r["disk_x_source"] <= 5)]
    for key, label, target, limit in (("reader_rss_mb", "reader RSS", "≤ 2 GB", 2048),
                                      ("warm_p95_ms", "warm answer p95", "≤ 100 ms", 100),
                                      ("cold_p95_ms", "cold answer p95", "≤ 100 ms", 100),
                                      ("search_p95_ms", "filtered search p95", "≤ 100 ms", 100)):
        e = extrapolate(rows, slope, key)
        if e:
            out.append((f"{label} at {TARGET_DOCS:,} docs (extrapolated)", e[1], f"{e[0]:.0f}", target, e[0] <= limit))
    return out


def _md(head: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def report(data: dict) -> str:
    rows, systems = data["phases"], list(data["phases"])
    f = lambda v, d=1: "—" if v is None else f"{v:.{d}f}"
    out = [f"scale benchmark — each phase in its own process; {data.get('wall_s', 0) / 60:.0f} min wall; "
           f"{data.get('queries')} questions per phase; cpus {data.get('cpus')}; commit {data.get('commit')}"]
    out.append("\n" + _md(["system", "corpus", "docs", "failed", "ingest s", "docs/s", "ingest RSS MB", "disk MB",
                           "disk KB/doc", "× source", "reader RSS MB", "cold p50", "cold p95", "warm p50", "warm p95",
                           "answered"],
                          [[s, c, r["docs"], r["failed"], f(r["ingest_s"]), f(r["docs_per_s"], 2),
                            f(r["ingest_peak_rss_mb"], 0), f(r.get("disk_mb")), f(r.get("disk_per_doc_kb"), 0),
                            f(r.get("disk_x_source")), f(r.get("reader_rss_mb"), 0) if s == "budgetqa" else "(same)",
                            f(r["cold_p50_ms"]), f(r["cold_p95_ms"]), f(r["warm_p50_ms"]), f(r["warm_p95_ms"]),
                            r["answered"]] for s in systems for c, r in rows[s].items()]))
    out.append("\nraw lookup costs, same process (ms, median over the questions), and the ratios to them "
               "(raw = bm25s + Chroma top-60 for budgetqa, Chroma top-1 for the baseline)")
    out.append(_md(["system", "corpus", "bm25s", "chroma", "chroma filtered", "search p50", "search p95", "search p95 / raw",
                    "warm p50 / raw", "warm p95 / raw", "cold p95 / raw", "segments"],
                   [[s, c, f(r.get("bm25s_ms"), 2), f(r.get("chroma_ms"), 2), f(r.get("chroma_filtered_ms"), 2),
                     f(r.get("search_p50_ms")), f(r.get("search_p95_ms")), f(r.get("search_p95_x_raw")),
                     f(r.get("warm_p50_x_raw")), f(r.get("warm_p95_x_raw")), f(r.get("cold_p95_x_raw")),
                     r.get("segments", "—")] for s in systems for c, r in rows[s].items()]))
    parts = [(c, r) for c, r in rows.get("budgetqa", {}).items() if r.get("disk_parts_mb")]
    if parts:
        out.append("\nbudgetqa disk by part (MB), and memory: after imports / after answers / after searches / "
                   "peak with the raw lookups")
        out.append(_md(["corpus", "disk parts MB", "source MB", "RSS MB imports / answers / searches / peak",
                        "load avg (ingest, questions)"],
                       [[c, ", ".join(f"{k} {v}" for k, v in r["disk_parts_mb"].items()), r.get("source_mb"),
                         f"{f(r.get('rss_imports_mb'), 0)} / {f(r.get('reader_rss_mb'), 0)} / "
                         f"{f(r.get('rss_after_search_mb'), 0)} / {f(r.get('peak_rss_mb'), 0)}",
                         f"{r.get('load_ingest')}, {r.get('load_questions')}"] for c, r in parts]))
    out.append("\nslopes: added per 1,000 documents (s, MB or ms), between consecutive corpora")
    keys = list(SLOPE_KEYS)
    srows = []
    for s in systems:
        for seg in data["slopes"].get(s, []):
            srows.append([s, f"{seg['from']} → {seg['to']}",
                          *(f(None if seg["per_doc"][k] is None else seg["per_doc"][k] * 1000, 2) for k in keys)])
    out.append(_md(["system", "docs", *keys], srows))
    if "budgetqa" in rows:
        out.append(f"\nbudgetqa against issue 14's targets (extrapolations: the largest corpus's value + the last "
                   f"slope × the added documents)")
        out.append(_md(["measure", "corpus / arithmetic", "value", "target", "met"],
                       [[m, c, v, t, "yes" if ok else "**no**"] for m, c, v, t, ok in
                        targets(rows["budgetqa"], data["slopes"].get("budgetqa", []))]))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000", help="synthetic corpus sizes, comma-separated (default 100,1000)")
    ap.add_argument("--n", type=int, help="one synthetic size (same as --sizes N)")
    ap.add_argument("--queries", type=int, default=40, help="timed questions per phase")
    ap.add_argument("--keep", type=Path, help="write the synthetic corpora here and keep them")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON (rewritten after every phase)")
    ap.add_argument("--report", type=Path, metavar="JSON", help="only print the tables of an earlier run's --json")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-pdf", action="store_true", help="text seeds only (no copies of the seed PDFs)")
    args = ap.parse_args(argv)
    if args.report:
        print(report(json.loads(args.report.read_text("utf-8"))))
        return 0
    sizes = [args.n] if args.n else [int(x) for x in args.sizes.split(",") if x.strip()]

    seeds = sorted(SAMPLES.glob("*.txt"))
    pdfs = [] if args.no_pdf else pdf_metas(sorted(PDF_SEEDS.glob("*.pdf")))
    systems = ["budgetqa"] + ([] if args.no_baseline else ["baseline"])
    data = {"sizes": sizes, "queries": args.queries, "cpus": os.cpu_count(), "commit": _commit(),
            "phases": {s: {} for s in systems}, "slopes": {}}
    rows = data["phases"]

    def save(wall: float) -> None:
        data["wall_s"] = round(wall, 1)
        data["slopes"] = {s: slopes(rows[s]) for s in systems}
        if args.json:
            args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")

    t_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="budgetqa-scale-") as tmp:
        os.environ[PYC_ENV] = str(Path(tmp) / "pycache")
        seed_qs = questions_for(seed_docs(seeds), args.queries)
        print("warm-up (untimed: fills a private bytecode cache)…", flush=True)
        in_fresh_process(warmup, [str(seeds[0])], seed_qs[:3], str(Path(tmp) / "warmup"))
        corpora = {"seeds": ([str(s) for s in seeds], seed_qs)}
        for n in sizes:
            out = (args.keep or Path(tmp)) / f"corpus-{n}"
            t0 = time.perf_counter()
            syn = synthesize_mixed(seeds, pdfs, n, out)
            print(f"synthesized {len(syn)} documents ({sum(d['file'].endswith('.pdf') for d in syn)} PDF) "
                  f"in {time.perf_counter() - t0:.1f}s -> {out}", flush=True)
            corpora[f"synthetic-{n}"] = ([str(out / d["file"]) for d in syn], questions_for(syn, args.queries))
        for cname, (files, qs) in corpora.items():
            work = str(Path(tmp) / f"budgetqa-{cname}")
            print(f"budgetqa on {cname} ({len(files)} docs): ingest… ({time.strftime('%H:%M:%S')})", flush=True)
            r = in_fresh_process(budgetqa_ingest, files, work)
            print(f"  … {r['ingest_s']:.0f} s, {r['failed']} failed; questions…", flush=True)
            r.update(in_fresh_process(budgetqa_questions, qs, work))
            rows["budgetqa"][cname] = r
            shutil.rmtree(work, ignore_errors=True)
            save(time.perf_counter() - t_all)
            if "baseline" in systems:
                print(f"baseline on {cname}… ({time.strftime('%H:%M:%S')})", flush=True)
                bwork = str(Path(tmp) / f"baseline-{cname}")
                rows["baseline"][cname] = in_fresh_process(baseline_phase, files, qs, bwork)
                shutil.rmtree(bwork, ignore_errors=True)
                save(time.perf_counter() - t_all)
    save(time.perf_counter() - t_all)
    print(report(data))
    return 0


def _commit() -> str | None:
    """The checked-out commit, read from .git (no git command)."""
    try:
        head = (ROOT / ".git" / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = head[5:]
            p = ROOT / ".git" / ref
            if p.exists():
                return p.read_text().strip()[:7]
            for line in (ROOT / ".git" / "packed-refs").read_text().splitlines():
                if line.endswith(" " + ref):
                    return line.split()[0][:7]
            return None
        return head[:7]
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main())
