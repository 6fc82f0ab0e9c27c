"""Scale benchmark: ingest throughput, answer latency, memory and disk on the four text samples
and on synthetic corpora of N disclosures (default 100 and 1,000) made from the samples and the
real PDFs in evals/gold/seeds, for budgetqa and the plain baseline (evals/baseline.py) in the
same run, each beside the raw lookup costs (a bm25s query, a Chroma query) measured in the same
process; then the slopes: memory, disk and latency per added document.

    .venv/bin/python -m benchmarks.scale [--sizes 100,1000] [--queries 40] [--keep DIR] [--json FILE]

Phases, each in a fresh process (so each peak RSS is its own): budgetqa ingest; budgetqa
questions on the finished workspace (the memory a reader — `budgetqa ask`, the app — needs);
the baseline, ingest and questions in one process (its index is in memory).

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
def _percentile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))]


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


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


def budgetqa_ingest(files: list[str], workdir: str) -> dict:
    warnings.filterwarnings("ignore")
    from budgetqa.retrieval.workspace import Workspace

    settings = _settings(workdir)
    t0 = time.perf_counter()
    ws = Workspace.open(settings)
    results = ws.ingest([Path(f) for f in files], keep_duplicates=True)
    ingest_s = time.perf_counter() - t0
    indexed = sum(r.status == "indexed" for r in results)
    src = sum(Path(f).stat().st_size for f in files)
    disk = _du(settings.workspace)
    return {"docs": len(files), "indexed": indexed, "failed": sum(r.status == "failed" for r in results),
            "ingest_s": round(ingest_s, 2), "docs_per_s": round(len(files) / ingest_s, 2),
            "ingest_peak_rss_mb": _rss_mb(), "disk_mb": round(disk / 1048576, 1),
            "disk_per_doc_kb": round(disk / 1024 / max(1, indexed), 1),
            "source_per_doc_kb": round(src / 1024 / len(files), 1), "disk_x_source": round(disk / src, 1),
            "chunks": sum(r.n_chunks for r in ws.docs())}


def budgetqa_questions(questions: list[str], workdir: str) -> dict:
    """A reader on the finished workspace: cold and warm answers, then the raw lookups."""
    warnings.filterwarnings("ignore")
    import numpy as np

    from budgetqa.qa.pipeline import answer_question
    from budgetqa.retrieval.embedding import hashed_vector
    from budgetqa.retrieval.filters import filters_from_question
    from budgetqa.retrieval.lexical import tokenize
    from budgetqa.retrieval.workspace import Workspace

    settings = _settings(workdir)
    t0 = time.perf_counter()
    ws = Workspace.open(settings)
    open_ms = (time.perf_counter() - t0) * 1000
    cold, warm, found = _ask_passes(lambda q: answer_question(q, ws, settings), questions)
    rss_answers = _rss_mb()
    docs = ws.docs()
    filters = {q: filters_from_question(q, docs) for q in questions}
    search = _timed(lambda q: ws.search(q, 8, filters[q]), questions)
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
    out = {"open_ms": round(open_ms, 1), "answered": f"{found}/{len(questions)}", "peak_rss_mb": _rss_mb(),
           "rss_after_answers_mb": rss_answers, **_lat("cold", cold), **_lat("warm", warm), **_lat("search", search),
           "bm25s_ms": round(statistics.median(bm), 3), "chroma_ms": round(statistics.median(chroma), 3),
           "chroma_filtered_ms": round(statistics.median(chroma_f), 3), "segments": len(segs)}
    out["search_x_raw"] = round(out["search_p50_ms"] / raw, 1) if raw else None
    out["warm_x_raw"] = round(out["warm_p50_ms"] / raw, 1) if raw else None
    return out


def baseline_phase(files: list[str], questions: list[str], workdir: str) -> dict:
    warnings.filterwarnings("ignore")
    from budgetqa.evals.baseline import Baseline
    from budgetqa.retrieval.embedding import hashed_vector

    settings = _settings(workdir)
    t0 = time.perf_counter()
    b = Baseline(settings)
    b.ingest([Path(f) for f in files])
    ingest_s = time.perf_counter() - t0
    ingest_rss = _rss_mb()
    cold, warm, found = _ask_passes(b.answer, questions)
    vecs = {q: hashed_vector(q, settings.embedding_dim) for q in questions}
    chroma = _timed(lambda q: b.collection.query(query_embeddings=[vecs[q]], n_results=1, include=["distances"]), questions)
    raw = statistics.median(chroma)
    out = {"docs": len(files), "indexed": len(files), "failed": 0, "ingest_s": round(ingest_s, 2),
           "docs_per_s": round(len(files) / ingest_s, 2), "ingest_peak_rss_mb": ingest_rss,
           "disk_mb": 0.0, "disk_per_doc_kb": None, "disk_x_source": None, "chunks": b.n_chunks,
           "answered": f"{found}/{len(questions)}", "peak_rss_mb": _rss_mb(), **_lat("cold", cold), **_lat("warm", warm),
           "bm25s_ms": None, "chroma_ms": round(raw, 3), "chroma_filtered_ms": None}
    out["warm_x_raw"] = round(out["warm_p50_ms"] / raw, 1) if raw else None
    b.close()
    return out


def in_fresh_process(fn, *args) -> dict:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as ex:
        return ex.submit(fn, *args).result()


# ---------------------------------------------------------------- slopes and tables
def slopes(rows: dict[str, dict]) -> dict:
    """Per 1,000 added documents, between the smallest and the largest corpus of a system."""
    if len(rows) < 2:
        return {}
    small, big = min(rows.values(), key=lambda r: r["docs"]), max(rows.values(), key=lambda r: r["docs"])
    dn = (big["docs"] - small["docs"]) / 1000
    if dn <= 0:
        return {}
    per = lambda k: round((big[k] - small[k]) / dn, 2) if big.get(k) is not None and small.get(k) is not None else None
    return {"docs": f"{small['docs']} -> {big['docs']}", "per_1000_docs": {
        k: per(k) for k in ("ingest_s", "ingest_peak_rss_mb", "peak_rss_mb", "disk_mb", "cold_p50_ms", "cold_p95_ms",
                            "warm_p50_ms", "warm_p95_ms", "search_p50_ms", "chroma_ms", "chroma_filtered_ms", "bm25s_ms")}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000", help="synthetic corpus sizes, comma-separated (default 100,1000)")
    ap.add_argument("--n", type=int, help="one synthetic size (same as --sizes N)")
    ap.add_argument("--queries", type=int, default=40, help="timed questions per phase")
    ap.add_argument("--keep", type=Path, help="write the synthetic corpora here and keep them")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-pdf", action="store_true", help="text seeds only (no copies of the seed PDFs)")
    args = ap.parse_args(argv)
    sizes = [args.n] if args.n else [int(x) for x in args.sizes.split(",") if x.strip()]

    from rich.table import Table

    from budgetqa.core.console import console as make_console

    console = make_console()
    seeds = sorted(SAMPLES.glob("*.txt"))
    pdfs = [] if args.no_pdf else pdf_metas(sorted(PDF_SEEDS.glob("*.pdf")))
    systems = ["budgetqa"] + ([] if args.no_baseline else ["baseline"])
    rows: dict[str, dict[str, dict]] = {s: {} for s in systems}
    t_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="budgetqa-scale-") as tmp:
        corpora = {"seeds": ([str(s) for s in seeds], questions_for(seed_docs(seeds), args.queries))}
        for n in sizes:
            out = (args.keep or Path(tmp)) / f"corpus-{n}"
            t0 = time.perf_counter()
            syn = synthesize_mixed(seeds, pdfs, n, out)
            console.print(f"synthesized {len(syn)} documents ({sum(d['file'].endswith('.pdf') for d in syn)} PDF) "
                          f"in {time.perf_counter() - t0:.1f}s -> {out}")
            corpora[f"synthetic-{n}"] = ([str(out / d["file"]) for d in syn], questions_for(syn, args.queries))
        for cname, (files, qs) in corpora.items():
            work = str(Path(tmp) / f"budgetqa-{cname}")
            console.print(f"[dim]budgetqa on {cname} ({len(files)} docs): ingest…[/]")
            r = in_fresh_process(budgetqa_ingest, files, work)
            console.print(f"[dim]  … {r['ingest_s']:.0f} s; questions…[/]")
            r.update(in_fresh_process(budgetqa_questions, qs, work))
            rows["budgetqa"][cname] = r
            shutil.rmtree(work, ignore_errors=True)
            if "baseline" in systems:
                console.print(f"[dim]baseline on {cname}…[/]")
                rows["baseline"][cname] = in_fresh_process(baseline_phase, files, qs, str(Path(tmp) / f"baseline-{cname}"))
    wall = time.perf_counter() - t_all

    t = Table(title=f"scale benchmark (each phase in its own process; {wall / 60:.0f} min wall)")
    cols = ("system", "corpus", "docs", "failed", "ingest s", "docs/s", "ingest RSS MB", "disk KB/doc", "× source",
            "reader RSS MB", "cold p50", "cold p95", "warm p50", "warm p95", "answered")
    for col in cols:
        t.add_column(col, justify="left" if col in ("system", "corpus") else "right")
    f = lambda v, d=1: "—" if v is None else f"{v:.{d}f}"
    for s in systems:
        for cname, r in rows[s].items():
            t.add_row(s, cname, str(r["docs"]), str(r["failed"]), f(r["ingest_s"]), f(r["docs_per_s"], 2),
                      f(r["ingest_peak_rss_mb"], 0), f(r.get("disk_per_doc_kb"), 0), f(r.get("disk_x_source")),
                      f(r["peak_rss_mb"], 0) if s == "budgetqa" else "(same)", f(r["cold_p50_ms"]), f(r["cold_p95_ms"]),
                      f(r["warm_p50_ms"]), f(r["warm_p95_ms"]), r["answered"])
    console.print(t)
    t = Table(title="raw lookup costs, same process (ms, median over the questions) and the ratios")
    for col in ("system", "corpus", "bm25s", "chroma", "chroma filtered", "search p50", "search / raw", "warm p50",
                "warm / raw", "segments"):
        t.add_column(col, justify="left" if col in ("system", "corpus") else "right")
    for s in systems:
        for cname, r in rows[s].items():
            t.add_row(s, cname, f(r.get("bm25s_ms"), 2), f(r.get("chroma_ms"), 2), f(r.get("chroma_filtered_ms"), 2),
                      f(r.get("search_p50_ms")), f(r.get("search_x_raw")), f(r["warm_p50_ms"]), f(r.get("warm_x_raw")),
                      str(r.get("segments", "—")))
    console.print(t)
    slope = {s: slopes(rows[s]) for s in systems}
    t = Table(title="slopes: added per 1,000 documents (smallest -> largest corpus)")
    keys = ("ingest_s", "ingest_peak_rss_mb", "peak_rss_mb", "disk_mb", "cold_p95_ms", "warm_p50_ms", "warm_p95_ms",
            "search_p50_ms", "chroma_ms", "chroma_filtered_ms", "bm25s_ms")
    t.add_column("system")
    for k in keys:
        t.add_column(k, justify="right")
    for s in systems:
        if slope[s]:
            t.add_row(s, *(f(slope[s]["per_1000_docs"][k], 2) for k in keys))
    console.print(t)
    if args.json:
        args.json.write_text(json.dumps({"sizes": sizes, "queries": args.queries, "wall_s": round(wall, 1),
                                         "phases": rows, "slopes": slope}, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
