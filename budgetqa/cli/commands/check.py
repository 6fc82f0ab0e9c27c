"""`budgetqa check FILE`: the document's own inconsistencies."""
from __future__ import annotations

import json

from budgetqa.cli.inputs import input_file
from budgetqa.core.settings import settings_with


SEVERITY_LABEL = {"error": "错误", "warning": "警告"}
# a warning of these kinds is a difference within rounding (verify/audit.py `_f`); the other
# warnings compare a partial list (a project's amount, 资金分配 items) with its total
ROUNDING_KINDS = ("sum", "cross_table", "prose_vs_table")


def register(sub, common) -> None:
    p = sub.add_parser("check", parents=[common], help="audit a disclosure's own arithmetic (reported, never corrected)")
    p.add_argument("file", metavar="FILE", help="the disclosure to audit (.pdf .xlsx .txt .md)")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="text (default) or json (findings and ambiguous rows)")
    p.set_defaults(func=run)


def run(args) -> int:
    from budgetqa.extract.parse import parse_file
    from budgetqa.verify.audit import audit

    input_file(args.file)  # a missing file or a folder: one line, not a traceback
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
        console.print("[green]没有发现不一致[/]（已核对表格合计、文字中的占比和增长率、构成与项目金额）")
    else:
        errors = [f for f in findings if f.severity == "error"]
        warnings = [f for f in findings if f.severity != "error"]
        rounding = sum(1 for f in warnings if f.kind in ROUNDING_KINDS)
        console.print(f"{len(findings)} 处不一致：错误 {len(errors)}，警告 {len(warnings)}"
                      f"（其中舍入容差内 {rounding}，部分列举 {len(warnings) - rounding}）；只报告，不更正原文")
        for f in sorted(findings, key=lambda f: f.severity):
            style = "red" if f.severity == "error" else "yellow"
            console.print(f"[{style}]{SEVERITY_LABEL.get(f.severity, f.severity)}[/] {f.line()}", soft_wrap=True)
    if ambiguous:
        console.print(f"[yellow]{len(ambiguous)} 行的列归属无法唯一确定[/]（已保留并标为 ambiguous；用 --format json 查看清单）")
    return 0
