"""`budgetqa eval`: gold questions through budgetqa and the plain baseline, graded side by side.

Exit code 0 whenever the eval ran (whatever the accuracy — the gate is in the test suite),
2 when it could not run (no gold, documents missing, no LLM for --mode llm, ...).
"""
from __future__ import annotations

import json
from pathlib import Path

from budgetqa.core.settings import settings_with


def register(sub, common) -> None:
    p = sub.add_parser("eval", parents=[common],
                       help="grade answers on gold questions, beside a plain LangChain baseline",
                       description="Without --workspace the gold documents go into their own index "
                                   "(<workspace>-eval), never into yours.")
    p.add_argument("--gold", nargs="+", default=[], metavar="FILE", type=Path,
                   help="extra gold JSONL files (the bundled set is always included unless --no-bundled)")
    p.add_argument("--no-bundled", action="store_true", help="run only the --gold files")
    p.add_argument("--docs", nargs="+", default=[], metavar="DIR", type=Path,
                   help="folders holding the documents the gold names (default: beside the gold file, then samples/)")
    p.add_argument("--mode", choices=["offline", "llm"], default="offline",
                   help="offline (default) or llm (needs BUDGETQA_LLM_BASE_URL and BUDGETQA_LLM_MODEL)")
    p.add_argument("--report", type=Path, metavar="DIR", help="where result.json and report.md go (default reports/eval-<time>)")
    p.add_argument("--no-baseline", action="store_true", help="skip the plain baseline")
    p.add_argument("--json", action="store_true", help="print the summary as JSON instead of a table")
    p.set_defaults(func=run)


def eval_workspace(user_workspace: Path) -> Path:
    """The eval's own index beside the user's (reused between runs; ingest is idempotent)."""
    ws = Path(user_workspace).expanduser()
    return ws.with_name(ws.name + "-eval")


def run(args) -> int:
    from budgetqa.core.errors import UserInputError
    from budgetqa.evals.runner import default_report_dir, print_table, run_eval

    if args.no_bundled and not args.gold:
        raise UserInputError("--no-bundled leaves no gold questions", hint="give --gold FILE")
    settings = settings_with(workspace=args.workspace)
    if args.workspace is None:  # never mix the gold documents into the user's own index
        settings = settings.model_copy(update={"workspace": eval_workspace(settings.workspace)})
    report = args.report or default_report_dir()
    result = run_eval(settings, gold_files=args.gold, include_bundled=not args.no_bundled, mode=args.mode,
                      report_dir=report, baseline=not args.no_baseline, doc_dirs=args.docs,
                      progress=not args.json)
    if args.json:
        print(json.dumps({k: result[k] for k in ("mode", "n_questions", "skipped", "summary")}
                         | {"report": str(report)}, ensure_ascii=False, indent=2))
        return 0
    print_table(result)
    if result["skipped"]:
        print(f"skipped {len(result['skipped'])} questions: documents not found ({', '.join(result['missing_documents'])})")
    print(f"report: {report / 'report.md'}  ·  data: {report / 'result.json'}")
    return 0
