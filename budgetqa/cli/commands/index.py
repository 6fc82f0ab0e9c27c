"""`budgetqa ingest | docs | remove | search`: build and query the workspace index."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from budgetqa.core.settings import settings_with


def _workspace(args):
    from budgetqa.retrieval.workspace import Workspace
    return Workspace.open(settings_with(workspace=args.workspace))


def _console():
    from budgetqa.core.console import console
    return console(soft_wrap=False)


def cmd_ingest(args) -> int:
    ws = _workspace(args)
    results = ws.ingest([Path(p) for p in args.paths], progress=not args.json and sys.stderr.isatty(),
                        keep_duplicates=args.keep_duplicates)
    if args.json:
        print(json.dumps([r.model_dump() for r in results], ensure_ascii=False, indent=1))
    else:
        from rich.table import Table
        t = Table(title=f"ingest → {ws.root}")
        for col in ("file", "status", "doc id", "detail"):
            t.add_column(col, overflow="fold")
        style = {"indexed": "green", "already indexed": "cyan", "failed": "red"}
        for r in results:
            t.add_row(Path(r.path).name, f"[{style[r.status]}]{r.status}[/]", (r.doc_id or "")[:12], r.message)
        _console().print(t)
    if not results:
        print("no files found", file=sys.stderr)
        return 1
    return 0 if any(r.status != "failed" for r in results) else 1


def cmd_docs(args) -> int:
    docs = _workspace(args).docs()
    if args.json:
        print(json.dumps([d.model_dump() for d in docs], ensure_ascii=False, indent=1))
        return 0
    if not docs:
        print("no documents indexed — run `budgetqa ingest PATH...`")
        return 0
    from rich.table import Table
    t = Table()
    for col in ("doc id", "file", "department", "region", "year", "kind", "scope", "pages", "chunks", "tables", "ingested"):
        t.add_column(col)
    for d in docs:
        t.add_row(d.doc_id[:12], d.source, d.department or "?", d.region or "?", str(d.year or "?"), d.kind or "?",
                  d.scope or "?", str(d.pages or ""), str(d.n_chunks), str(d.n_tables), d.ingested_at[:10])
    _console().print(t)
    return 0


def cmd_remove(args) -> int:
    rec = _workspace(args).remove(args.doc)
    print(f"removed {rec.doc_id} ({rec.source})")
    return 0


def cmd_search(args) -> int:
    from budgetqa.retrieval.filters import filters_from_question, region_names
    ws = _workspace(args)
    docs = ws.docs()
    f = filters_from_question(args.query, docs)
    if args.doc:
        f.doc_ids = [ws.resolve(d).doc_id for d in args.doc]
    if args.year:
        f.year = args.year
    if args.kind:
        f.kind = [args.kind]
    if args.region:  # a name users type (巴州) resolves to the documents' region
        regions = {d.region for d in docs if d.region and args.region in region_names(d.region, d.department)}
        f.region = sorted(regions) or [args.region]
    hits = ws.search(args.query, k=args.k, filters=f)
    if args.json:
        print(json.dumps({"query": args.query, "filters": f.model_dump(exclude_none=True),
                          "hits": [{"score": h.score, "lexical_rank": h.lexical_rank, "vector_rank": h.vector_rank,
                                    "doc_id": h.chunk.doc_id, "source": h.chunk.metadata.get("source"),
                                    "locator": h.chunk.metadata.get("locator"), "kind": h.chunk.kind,
                                    "chunk_id": h.chunk.id, "text": h.chunk.text} for h in hits]},
                         ensure_ascii=False, indent=1))
        return 0
    active = f.model_dump(exclude_none=True)
    if active:
        print(f"filters: {active}")
    if not hits:
        print("no matching passages" + (" (no indexed document matches the filters)" if active else ""))
        return 0
    for i, h in enumerate(hits, 1):
        m = h.chunk.metadata
        print(f"{i}. [{h.score:.4f}] {m.get('source')} {m.get('locator')} ({h.chunk.kind}; bm25 #{h.lexical_rank or '-'}, vector #{h.vector_rank or '-'})")
        print("   " + h.chunk.text.replace("\n", "\n   "))
    return 0


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser("ingest", parents=[common], help="index disclosure files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files (.pdf .xlsx .txt .md) or folders")
    p.add_argument("--json", action="store_true", help="results as JSON")
    p.add_argument("--keep-duplicates", action="store_true",
                   help="index a file even when it is the same disclosure as an indexed one (same department, year, "
                        "kind, scope and figures, e.g. a GBK copy or the PDF of the same text); by default it is skipped")
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser("docs", parents=[common], help="list the indexed documents")
    p.add_argument("--json", action="store_true", help="the document records as JSON")
    p.set_defaults(func=cmd_docs)

    p = subparsers.add_parser("remove", parents=[common], help="remove a document from the index")
    p.add_argument("doc", metavar="DOC", help="document id or file name, or a prefix of either (exact matches first; see `budgetqa docs`)")
    p.set_defaults(func=cmd_remove)

    p = subparsers.add_parser("search", parents=[common], help="ranked passages for a query")
    p.add_argument("query", metavar="QUERY", help="what to look for, in Chinese (e.g. 三公经费)")
    p.add_argument("--k", type=int, default=8, help="number of passages (default 8)")
    p.add_argument("--json", action="store_true", help="the query, filters and hits as JSON")
    p.add_argument("--doc", action="append", help="restrict to a document: id or file name, or a prefix of either; repeatable")
    p.add_argument("--year", type=int, action="append", help="restrict to a year; repeatable")
    p.add_argument("--kind", choices=["预算", "决算"], help="restrict to budgets (预算) or final accounts (决算)")
    p.add_argument("--region", help="restrict to a region (巴州, 乌鲁木齐市, …)")
    p.set_defaults(func=cmd_search)
