"""Parsing speed on the bundled samples: KB/s and pages/s, beside a plain baseline
(read the file and pull every number out with one regex) in the same run.

    .venv/bin/python benchmarks/parse.py [--repeat N]
"""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    from budgetqa.extract.parse import parse_file

    files = [Path(f) for f in args.files] or sorted((ROOT / "samples").glob("*.txt"))
    num = re.compile(r"\d[\d,]*\.?\d*")
    print(f"{'file':<28}{'KB':>8}{'pages':>7}{'parse s':>9}{'KB/s':>9}{'pages/s':>9}{'tables':>8}{'rows':>6}{'baseline KB/s':>15}")
    tot_kb = tot_pages = tot_s = tot_b = 0.0
    for f in files:
        kb = f.stat().st_size / 1024
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            d = parse_file(f)
            best = min(best, time.perf_counter() - t0)
        bbest = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            len(num.findall(f.read_text(encoding="utf-8")))
            bbest = min(bbest, time.perf_counter() - t0)
        pages = d.pages or 0
        rows = sum(len(t.rows) for t in d.tables)
        print(f"{f.name:<28}{kb:>8.1f}{pages:>7}{best:>9.3f}{kb / best:>9.1f}{pages / best:>9.1f}{len(d.tables):>8}{rows:>6}{kb / bbest:>15.0f}")
        tot_kb += kb
        tot_pages += pages
        tot_s += best
        tot_b += bbest
    print(f"{'all':<28}{tot_kb:>8.1f}{int(tot_pages):>7}{tot_s:>9.3f}{tot_kb / tot_s:>9.1f}{tot_pages / tot_s:>9.1f}{'':>14}{tot_kb / tot_b:>15.0f}")


if __name__ == "__main__":
    main()
