"""`budgetqa check FILE`: the document's own inconsistencies."""
from __future__ import annotations

import json

from budgetqa.cli.inputs import input_file
from budgetqa.core.settings import settings_with


SEVERITY_LABEL = {"error": "错误", "rounding": "舍入", "warning": "警告", "notice": "提示"}
SEVERITY_STYLE = {"error": "red", "rounding": "yellow", "warning": "yellow", "notice": "cyan"}
# a warning of these kinds is a difference within rounding (verify/audit.py `_f`); the other
# warnings compare a partial list (a project's amount, 资金分配 items) with its total
ROUNDING_KINDS = ("sum", "cross_table", "prose_vs_table")  # severity "rounding" (kept for importers)


def register(sub, common) -> None:
    p = sub.add_parser("check", parents=[common], help="audit a disclosure's own arithmetic (reported, never corrected)")
    p.add_argument("file", metavar="FILE", help="the disclosure to audit (.pdf .xlsx .txt .md)")
    p.add_argument("--format", choices=["text", "json", "html", "xlsx"], default="text",
                   help="text (default), json (findings and ambiguous rows), or a one-file report to hand on: "
                        "html (self-contained page) or xlsx (workbook)")
    p.add_argument("--out", help="where to write the html / xlsx report (default: FILE.check.html / FILE.check.xlsx "
                                 "next to the input); json also honours it")
    p.set_defaults(func=run)


def run(args) -> int:
    from budgetqa.extract.loader import load
    from budgetqa.extract.parse import parse
    from budgetqa.verify.audit import SEVERITIES, audit

    input_file(args.file)  # a missing file or a folder: one line, not a traceback
    settings = settings_with(workspace=args.workspace)
    src = load(args.file, max_mb=settings.max_file_mb)
    d = parse(src)
    # the source's lines give the 目录 and headings; a rounding gap repeated over rows and tables is one finding
    findings = audit(d, src, by_cause=True)
    ambiguous = [(t.number or t.title, r.raw.splitlines()[0]) for t in d.tables for r in t.rows if r.ambiguous]
    if args.format in ("html", "xlsx"):
        import sys
        from pathlib import Path

        from budgetqa.core.errors import UserInputError
        from budgetqa.verify.report import render_html, render_xlsx

        out = Path(args.out or Path(args.file).with_suffix(f".check.{args.format}"))
        if out.resolve() == Path(args.file).resolve():
            raise UserInputError("refusing to overwrite the input file", file=args.file, hint="give --out PATH")
        kw = dict(doc=d.source_name, doc_id=d.doc_id, ambiguous=ambiguous)
        if args.format == "html":
            out.write_text(render_html(findings, d.meta, **kw), "utf-8")
        else:
            out.write_bytes(render_xlsx(findings, d.meta, **kw))
        print(f"wrote {out} ({len(findings)} findings)", file=sys.stderr)
        return 0
    if args.format == "json":
        text = json.dumps({"doc": d.source_name, "doc_id": d.doc_id, "meta": d.meta.model_dump(mode="json"),
                           "findings": [f.model_dump() for f in findings],
                           "ambiguous_rows": [{"table": t, "row": r} for t, r in ambiguous]},
                          ensure_ascii=False, indent=2)
        if getattr(args, "out", None):
            from pathlib import Path
            Path(args.out).write_text(text + "\n", "utf-8")
        else:
            print(text)
        return 0
    from budgetqa.core.console import console as make_console

    console = make_console()
    m = d.meta
    console.print(f"[bold]{d.source_name}[/]  {m.department or '?'} · {m.year or '?'} · {m.kind or '?'} · 单位 {m.unit}")
    if not findings:
        console.print("[green]没有发现不一致[/]（已核对表格合计、文字中的占比和增长率、构成与项目金额）")
    else:
        count = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
        # 不一致 = errors + warnings (a rounding gap, a partial list); notices (placeholders, a missing table,
        # repeated punctuation) are counted apart
        warnings = count["rounding"] + count["warning"]
        console.print(f"{count['error'] + warnings} 处不一致：错误 {count['error']}，警告 {warnings}"
                      f"（其中舍入容差内 {count['rounding']}，部分列举 {count['warning']}）；提示 {count['notice']}；只报告，不更正原文")
        for f in sorted(findings, key=lambda f: SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 9):
            style = SEVERITY_STYLE.get(f.severity, "yellow")
            console.print(f"[{style}]{SEVERITY_LABEL.get(f.severity, f.severity)}[/] {f.line()}", soft_wrap=True)
    if ambiguous:
        console.print(f"[yellow]{len(ambiguous)} 行的列归属无法唯一确定[/]（已保留并标为 ambiguous；用 --format json 查看清单）")
    return 0
