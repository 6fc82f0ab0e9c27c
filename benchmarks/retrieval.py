"""Retrieval benchmark over the gold questions, with the four samples indexed together.

For each answerable gold question: rank chunks, find the first that contains one of the
gold evidence strings (compared without white space), and report recall@1/5/10 and MRR.
Recall as issue #3 defines it: a question is a hit at k when one of the top-k chunks
contains one of its evidence strings; for a cross-document question (evidence from
several documents) one such chunk suffices. MRR uses the rank of that first chunk —
for budgetqa's hybrid search (filters derived from the question) and, in the same run,
for a plain baseline: fixed-size character chunks with vector search only (same
embedding function, same store). Also ingest time and query latency p50 / p95.
No LLM, no network.

    python -m benchmarks.retrieval [--gold evals/gold/gold.jsonl] [--samples samples] [--misses]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", category=DeprecationWarning)
warnings.filterwarnings("ignore", category=SyntaxWarning)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from budgetqa.core.settings import Settings  # noqa: E402
from budgetqa.extract.loader import load  # noqa: E402
from budgetqa.core.normalize import squash  # noqa: E402
from budgetqa.retrieval.embedding import embedding_for  # noqa: E402
from budgetqa.retrieval.filters import filters_from_question  # noqa: E402
from budgetqa.retrieval.workspace import Workspace  # noqa: E402

KS = (1, 5, 10)


def first_hit_rank(texts: list[str], evidence: list[str]) -> int | None:
    ev = [squash(e) for e in evidence if e.strip()]
    for i, t in enumerate(texts, start=1):
        flat = squash(t)
        if any(e in flat for e in ev):
            return i
    return None


def metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    out = {f"R@{k}": sum(1 for r in ranks if r is not None and r <= k) / n for k in KS}
    out["MRR"] = sum(1.0 / r for r in ranks if r is not None and r <= max(KS)) / n
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else 0.0


class Baseline:
    """Fixed-size character chunks (size 400, overlap 50) in a Chroma collection, vector only."""

    def __init__(self, settings: Settings, root: Path, files: list[Path], size: int = 400, overlap: int = 50):
        import chromadb
        from chromadb.config import Settings as CS
        client = chromadb.PersistentClient(path=str(root / "baseline"), settings=CS(anonymized_telemetry=False))
        self.col = client.get_or_create_collection("baseline", embedding_function=embedding_for(settings),
                                                   metadata={"hnsw:space": "cosine"})
        ids, docs = [], []
        for f in files:
            text = load(f).text()
            for i, start in enumerate(range(0, len(text), size - overlap)):
                ids.append(f"{f.name}:{i}")
                docs.append(text[start:start + size])
        for i in range(0, len(ids), 1000):
            self.col.add(ids=ids[i:i + 1000], documents=docs[i:i + 1000])

    def search(self, q: str, k: int) -> list[str]:
        return self.col.query(query_texts=[q], n_results=k, include=["documents"])["documents"][0]


def run(gold_path: Path, samples: Path, show_misses: bool) -> dict:
    gold = [json.loads(l) for l in gold_path.read_text("utf-8").splitlines() if l.strip()]
    gold = [g for g in gold if g["type"] != "unanswerable" and g.get("evidence")]
    files = sorted(p for p in samples.iterdir() if p.suffix in {".txt", ".md", ".pdf", ".xlsx"})
    with tempfile.TemporaryDirectory(prefix="budgetqa-bench-") as tmp:
        settings = Settings(workspace=Path(tmp) / "ws")
        t0 = time.perf_counter()
        ws = Workspace.open(settings)
        res = ws.ingest(files)
        ingest_s = time.perf_counter() - t0
        failed = [r for r in res if r.status == "failed"]
        if failed:
            print("ingest failures:", *[r.message for r in failed], sep="\n  ", file=sys.stderr)
        t0 = time.perf_counter()
        base = Baseline(settings, Path(tmp), files)
        base_ingest_s = time.perf_counter() - t0

        docs = ws.docs()
        ws.search("预热", 1)  # load jieba and the segments once, like a running app
        ranks, base_ranks, lat, base_lat, misses = [], [], [], [], []
        for g in gold:
            t0 = time.perf_counter()
            hits = ws.search(g["question"], max(KS), filters_from_question(g["question"], docs))
            lat.append((time.perf_counter() - t0) * 1000)
            r = first_hit_rank([h.chunk.text for h in hits], g["evidence"])
            ranks.append(r)
            if r is None or r > 5:
                misses.append((g["id"], g["question"], r, [h.chunk.metadata.get("locator") + " " + h.chunk.metadata.get("source", "")[:3] for h in hits[:3]]))
            t0 = time.perf_counter()
            texts = base.search(g["question"], max(KS))
            base_lat.append((time.perf_counter() - t0) * 1000)
            base_ranks.append(first_hit_rank(texts, g["evidence"]))

    m, b = metrics(ranks), metrics(base_ranks)
    print(f"Retrieval benchmark — {len(gold)} answerable gold questions, {len(files)} documents indexed together, "
          f"embedding={settings.embedding}, no LLM, no network\n")
    head = f"| {'system':<44} | " + " | ".join(f"{k:>6}" for k in ("R@1", "R@5", "R@10", "MRR")) + \
           " | ingest s | p50 ms | p95 ms |"
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    for name, mm, ing, la in (("budgetqa hybrid (BM25+vector RRF, filters)", m, ingest_s, lat),
                              ("baseline (400-char chunks, vector only)", b, base_ingest_s, base_lat)):
        print(f"| {name:<44} | " + " | ".join(f"{mm[k]:>6.3f}" for k in ("R@1", "R@5", "R@10", "MRR")) +
              f" | {ing:>8.2f} | {pct(la, 50):>6.1f} | {pct(la, 95):>6.1f} |")
    if show_misses and misses:
        print("\nmisses at 5:")
        for mid, q, r, top in misses:
            print(f"  {mid} rank={r} {q}  top3={top}")
    return {"budgetqa": m, "baseline": b, "ingest_s": ingest_s, "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=ROOT / "evals" / "gold" / "gold.jsonl")
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--misses", action="store_true", help="list questions whose evidence is not in the top 5")
    args = ap.parse_args(argv)
    run(args.gold, args.samples, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
