"""Parsing speed on the bundled samples (text) and the bundled real PDFs, each beside its raw cost
measured in the same run:

- text: KB/s and pages/s beside a plain baseline (read the file, pull every number out with one regex);
- PDF: pages/s and ms per table beside pdfplumber's own cost on the same pages — opening the file and
  running `page.extract_tables()` (lines strategy) on every page, which is the least any grid reader
  pays; the ratio says what the rest of the parse (text lines, grids with spans, catalogue, prose,
  performance tables, metadata) costs on top.

    .venv/bin/python benchmarks/parse.py [--repeat N] [FILE ...]
"""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "evals" / "gold" / "seeds"


def best_of(n: int, fn) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(n):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def text_rows(files: list[Path], repeat: int) -> None:
    from budgetqa.extract.parse import parse_file

    num = re.compile(r"\d[\d,]*\.?\d*")
    print(f"{'text file':<34}{'KB':>8}{'pages':>7}{'parse s':>9}{'KB/s':>9}{'pages/s':>9}{'tables':>8}{'rows':>6}{'baseline KB/s':>15}")
    tot_kb = tot_pages = tot_s = tot_b = 0.0
    for f in files:
        kb = f.stat().st_size / 1024
        s, d = best_of(repeat, lambda: parse_file(f))
        b, _ = best_of(repeat, lambda: len(num.findall(f.read_text(encoding="utf-8"))))
        pages = d.pages or 0
        rows = sum(len(t.rows) for t in d.tables)
        print(f"{f.name:<34}{kb:>8.1f}{pages:>7}{s:>9.3f}{kb / s:>9.1f}{pages / s:>9.1f}{len(d.tables):>8}{rows:>6}{kb / b:>15.0f}")
        tot_kb, tot_pages, tot_s, tot_b = tot_kb + kb, tot_pages + pages, tot_s + s, tot_b + b
    if files:
        print(f"{'all':<34}{tot_kb:>8.1f}{int(tot_pages):>7}{tot_s:>9.3f}{tot_kb / tot_s:>9.1f}{tot_pages / tot_s:>9.1f}{'':>14}{tot_kb / tot_b:>15.0f}")


def pdf_rows(files: list[Path], repeat: int) -> None:
    import pdfplumber

    from budgetqa.extract.parse import parse_file

    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

    def raw(f: Path) -> int:
        with pdfplumber.open(f) as pdf:
            return sum(len(p.extract_tables(settings)) for p in pdf.pages)

    print(f"{'PDF':<34}{'pages':>7}{'tables':>8}{'rows':>6}{'parse s':>9}{'pages/s':>9}{'ms/table':>10}"
          f"{'raw s':>8}{'raw pages/s':>12}{'raw ms/tbl':>11}{'× raw':>7}")
    tot = [0, 0, 0.0, 0.0, 0]
    for f in files:
        s, d = best_of(repeat, lambda: parse_file(f))
        r, n_raw = best_of(repeat, lambda: raw(f))
        pages, tables = d.pages or 0, len(d.tables)
        rows = sum(len(t.rows) for t in d.tables)
        print(f"{f.name:<34}{pages:>7}{tables:>8}{rows:>6}{s:>9.3f}{pages / s:>9.1f}{1000 * s / max(1, tables):>10.1f}"
              f"{r:>8.3f}{pages / r:>12.1f}{1000 * r / max(1, n_raw):>11.1f}{s / r:>7.2f}")
        tot = [tot[0] + pages, tot[1] + tables, tot[2] + s, tot[3] + r, tot[4] + n_raw]
    if files:
        p, t, s, r, n = tot
        print(f"{'all':<34}{p:>7}{t:>8}{'':>6}{s:>9.3f}{p / s:>9.1f}{1000 * s / max(1, t):>10.1f}"
              f"{r:>8.3f}{p / r:>12.1f}{1000 * r / max(1, n):>11.1f}{s / r:>7.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    given = [Path(f) for f in args.files]
    texts = [f for f in given if f.suffix.lower() != ".pdf"] if given else sorted((ROOT / "samples").glob("*.txt"))
    pdfs = [f for f in given if f.suffix.lower() == ".pdf"] if given else sorted(PDFS.glob("*.pdf"))
    text_rows(texts, args.repeat)
    print()
    pdf_rows(pdfs, args.repeat)


if __name__ == "__main__":
    main()
