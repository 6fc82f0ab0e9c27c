"""`budgetqa check FILE`: the document's own inconsistencies."""
from __future__ import annotations

import json

from budgetqa.core.settings import settings_with


def register(sub, common) -> None:
    p = sub.add_parser("check", parents=[common], help="audit a disclosure's own arithmetic (reported, never corrected)")
    p.add_argument("file")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    from budgetqa.extract.parse import parse_file
    from budgetqa.verify.audit import audit

    settings = settings_with(workspace=args.workspace)
    d = parse_file(args.file, max_mb=settings.max_file_mb)
    findings = audit(d)
    ambiguous = [(t.number or t.title, r.raw.splitlines()[0]) for t in d.tables for r in t.rows if r.ambiguous]
    if args.format == "json":
        print(json.dumps({"doc": d.source_name, "doc_id": d.doc_id, "meta": d.meta.model_dump(mode="json"),
                          "findings": [f.model_dump() for f in findings],
                          "ambiguous_rows": [{"table": t, "row": r} for t, r in ambiguous]},
                         ensure_ascii=False, indent=2))
        return 0
    from budgetqa.core.console import console as make_console

    console = make_console()
    m = d.meta
    console.print(f"[bold]{d.source_name}[/]  {m.department or '?'} · {m.year or '?'} · {m.kind or '?'} · 单位 {m.unit}")
    if not findings:
        console.print("[green]没有发现不一致[/] (tables, prose shares / growth rates, components and projects checked)")
    else:
        errors = [f for f in findings if f.severity == "error"]
        console.print(f"{len(findings)} 处不一致: {len(errors)} error, {len(findings) - len(errors)} warning "
                      "(the document is reported, never corrected; a warning is within rounding or a partial list)")
        for f in sorted(findings, key=lambda f: f.severity):
            style = "red" if f.severity == "error" else "yellow"
            console.print(f"[{style}]{f.severity:<7}[/] {f.line()}", soft_wrap=True)
    if ambiguous:
        console.print(f"[yellow]{len(ambiguous)} 行的列归属无法唯一确定[/] (kept, marked ambiguous; use --format json for the list)")
    return 0
