"""Scale benchmark: ingest throughput, query latency and peak memory on the four seeds and on
a synthetic corpus of N disclosures made from them, for budgetqa and for the plain baseline
(evals/baseline.py) in the same run; then how ingest time and query latency grow 4 -> N.

    .venv/bin/python -m benchmarks.scale [--n 500] [--queries 40] [--keep DIR] [--json FILE]

The synthetic corpus (`synthesize`): each document is a seed with
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


# ---------------------------------------------------------------- one phase, in its own process
def _percentile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))]


def run_phase(system: str, files: list[str], questions: list[str], workdir: str) -> dict:
    warnings.filterwarnings("ignore")
    from budgetqa.core.settings import Settings

    settings = Settings(workspace=Path(workdir) / "ws", llm_base_url=None, llm_model=None, embedding="hash")
    paths = [Path(f) for f in files]
    failed = 0
    t0 = time.perf_counter()
    if system == "budgetqa":
        from budgetqa.qa.pipeline import answer_question
        from budgetqa.retrieval.workspace import Workspace

        ws = Workspace.open(settings)
        results = ws.ingest(paths)
        failed = sum(r.status == "failed" for r in results)
        ask = lambda q: answer_question(q, ws, settings)
    else:
        from budgetqa.evals.baseline import Baseline

        b = Baseline(settings)
        b.ingest(paths)
        ask = b.answer
    ingest_s = time.perf_counter() - t0
    passes: list[list[float]] = []
    found = 0
    for _ in range(2):  # first pass cold (per-document caches, jieba), second pass warm
        lat = []
        for q in questions:
            t = time.perf_counter()
            a = ask(q)
            lat.append((time.perf_counter() - t) * 1000)
            found += bool(a.found)
        passes.append(lat)
    cold, warm = passes
    return {"system": system, "docs": len(paths), "failed": failed, "ingest_s": round(ingest_s, 2),
            "docs_per_s": round(len(paths) / ingest_s, 2) if ingest_s else None,
            "cold_p50_ms": round(statistics.median(cold), 1), "cold_p95_ms": round(_percentile(cold, 95), 1),
            "query_p50_ms": round(statistics.median(warm), 1), "query_p95_ms": round(_percentile(warm, 95), 1),
            "answered": f"{found // 2}/{len(questions)}",
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def in_fresh_process(*args) -> dict:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as ex:
        return ex.submit(run_phase, *args).result()


# ---------------------------------------------------------------- main
def growth(small: dict, big: dict) -> dict:
    ratio = lambda a, b: round(b / a, 2) if a else None
    return {"docs": f"{small['docs']} -> {big['docs']}", "ingest_time_x": ratio(small["ingest_s"], big["ingest_s"]),
            "docs_per_s_x": ratio(small["docs_per_s"], big["docs_per_s"]),
            "query_p50_x": ratio(small["query_p50_ms"], big["query_p50_ms"]),
            "query_p95_x": ratio(small["query_p95_ms"], big["query_p95_ms"]),
            "cold_p95_x": ratio(small["cold_p95_ms"], big["cold_p95_ms"]),
            "peak_rss_x": ratio(small["peak_rss_mb"], big["peak_rss_mb"])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=500, help="synthetic documents (default 500)")
    ap.add_argument("--queries", type=int, default=40, help="timed questions per phase")
    ap.add_argument("--keep", type=Path, help="write the synthetic corpus here and keep it")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args(argv)

    from rich.table import Table

    from budgetqa.core.console import console as make_console

    console = make_console()
    seeds = sorted(SAMPLES.glob("*.txt"))
    systems = ["budgetqa"] + ([] if args.no_baseline else ["baseline"])
    with tempfile.TemporaryDirectory(prefix="budgetqa-scale-") as tmp:
        corpus = args.keep or Path(tmp) / "corpus"
        t0 = time.perf_counter()
        syn = synthesize(seeds, args.n, corpus)
        console.print(f"synthesized {len(syn)} documents in {time.perf_counter() - t0:.1f}s -> {corpus}")
        corpora = {"seeds": ([str(s) for s in seeds], questions_for(seed_docs(seeds), args.queries)),
                   f"synthetic-{args.n}": ([str(corpus / d["file"]) for d in syn], questions_for(syn, args.queries))}
        rows: dict[str, dict[str, dict]] = {s: {} for s in systems}
        for cname, (files, qs) in corpora.items():
            for s in systems:
                console.print(f"[dim]{s} on {cname} ({len(files)} docs)…[/]")
                rows[s][cname] = in_fresh_process(s, files, qs, str(Path(tmp) / f"{s}-{cname}"))

    t = Table(title="scale benchmark (each phase in its own process)")
    for col in ("system", "corpus", "docs", "failed", "ingest s", "docs/s", "cold p50 ms", "cold p95 ms",
                "warm p50 ms", "warm p95 ms", "answered", "peak RSS MB"):
        t.add_column(col, justify="left" if col in ("system", "corpus") else "right")
    for s in systems:
        for cname, r in rows[s].items():
            t.add_row(s, cname, str(r["docs"]), str(r["failed"]), f"{r['ingest_s']:.1f}", f"{r['docs_per_s']:.1f}",
                      f"{r['cold_p50_ms']:.1f}", f"{r['cold_p95_ms']:.1f}", f"{r['query_p50_ms']:.1f}", f"{r['query_p95_ms']:.1f}", r["answered"], f"{r['peak_rss_mb']:.0f}")
    console.print(t)
    g = Table(title=f"growth 4 -> {args.n} documents (x times)")
    for col in ("system", "ingest time", "docs/s", "warm p50", "warm p95", "cold p95", "peak RSS"):
        g.add_column(col, justify="left" if col == "system" else "right")
    grow = {}
    for s in systems:
        small, big = rows[s].values()
        grow[s] = growth(small, big)
        g.add_row(s, *(str(grow[s][k]) for k in ("ingest_time_x", "docs_per_s_x", "query_p50_x", "query_p95_x", "cold_p95_x", "peak_rss_x")))
    console.print(g)
    if args.json:
        args.json.write_text(json.dumps({"n": args.n, "queries": args.queries, "phases": rows, "growth": grow},
                                        ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
