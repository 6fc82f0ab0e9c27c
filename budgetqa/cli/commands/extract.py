"""`budgetqa extract FILE`: the parsed `Disclosure` as json, xlsx (a sheet a table) or markdown.

With `--llm` the configured model also fills prose fields (资金分配, 绩效指标) under their
schema; the report goes to stderr and, for json, under the top-level key `llm_enrichment`.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from budgetqa.cli.inputs import input_file
from budgetqa.core.errors import UserInputError
from budgetqa.core.settings import settings_with


def register(sub, common) -> None:
    p = sub.add_parser("extract", parents=[common], help="parse a disclosure into typed tables and facts")
    p.add_argument("file", metavar="FILE", help="the disclosure to parse (.pdf .xlsx .txt .md)")
    p.add_argument("--format", choices=["json", "xlsx", "md"], default="json",
                   help="json (default), xlsx (a sheet a table) or md")
    p.add_argument("--out", help="output path (default: stdout for json/md; FILE.xlsx next to the input for xlsx)")
    p.add_argument("--llm", action="store_true",
                   help="also let the configured LLM fill 资金分配 / 绩效指标 (quote-checked, compared with the parse); "
                        "needs BUDGETQA_LLM_BASE_URL and BUDGETQA_LLM_MODEL. Exit code 1 if it stopped on model errors")
    p.set_defaults(func=run)


def run(args) -> int:
    from budgetqa.extract.export import to_markdown, to_xlsx_bytes
    from budgetqa.extract.parse import parse_file

    input_file(args.file)  # a missing file or a folder: one line, not a traceback
    settings = settings_with(workspace=args.workspace)
    report = None
    if getattr(args, "llm", False):
        d, report = _parse_with_llm(args.file, settings)
    else:
        d = parse_file(args.file, max_mb=settings.max_file_mb)
    if args.format == "json" and report is not None:
        from budgetqa.llm.client import redact_data   # keys an endpoint echoed never reach the output
        data = json.dumps({**d.model_dump(mode="json"), "llm_enrichment": redact_data(report.model_dump(mode="json"))},
                          ensure_ascii=False, indent=2)
        _emit(data.encode(), args.out)
    elif args.format == "json":
        data = d.model_dump_json(indent=2)
        _emit(data.encode(), args.out)
    elif args.format == "md":
        _emit(to_markdown(d).encode(), args.out)
    else:
        out = args.out or str(Path(args.file).with_suffix(".xlsx"))
        if Path(out).resolve() == Path(args.file).resolve():
            raise UserInputError("refusing to overwrite the input file", file=args.file, hint="give --out PATH")
        Path(out).write_bytes(to_xlsx_bytes(d))
        print(f"wrote {out}", file=sys.stderr)
    return 1 if report is not None and not report.complete else 0


def _parse_with_llm(file: str, settings):
    """Parse, then enrich with the configured LLM; the report is printed to stderr."""
    if not settings.llm_configured:
        raise UserInputError("--llm needs an LLM endpoint, and none is configured",
                             hint="set BUDGETQA_LLM_BASE_URL (e.g. http://127.0.0.1:8000/v1) and BUDGETQA_LLM_MODEL, "
                                  "plus BUDGETQA_LLM_API_KEY if the server wants one and BUDGETQA_LLM_STRUCTURED_MODE "
                                  "(json_schema | function_calling | json_object) if it lacks json_schema")
    from budgetqa.extract.enrich import enrich_with_llm, format_report
    from budgetqa.extract.loader import load
    from budgetqa.extract.parse import parse
    from budgetqa.llm.client import make_chat_model

    src = load(file, max_mb=settings.max_file_mb)
    d = parse(src)
    report = enrich_with_llm(d, src, make_chat_model(settings), settings)
    print(format_report(report), file=sys.stderr)
    return d, report


def _emit(data: bytes, out: str | None) -> None:
    if out:
        Path(out).write_bytes(data)
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        if not data.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")
