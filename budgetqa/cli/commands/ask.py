"""`budgetqa ask QUESTION [--json]` and `budgetqa ask --batch QUESTIONS.jsonl --json`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from budgetqa.core.errors import UserInputError
from budgetqa.core.settings import settings_with


def register(sub, common) -> None:
    p = sub.add_parser("ask", parents=[common], help="answer a question with citations and verified numbers")
    p.add_argument("question", nargs="?", help="the question, in Chinese")
    p.add_argument("--batch", help="JSONL file: one object a line with `question` (and `id`)")
    p.add_argument("--json", action="store_true", help="print the Answer as JSON (one a line with --batch)")
    p.set_defaults(func=run)


def _read_batch(path: str) -> list[dict]:
    p = Path(path)
    if not p.exists():
        raise UserInputError("no such file", file=path, hint="give a JSONL file with one {\"id\", \"question\"} a line")
    rows = []
    for n, line in enumerate(p.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise UserInputError(f"line {n} is not JSON: {err}", file=path, hint="one JSON object per line") from err
        if not isinstance(obj, dict) or not obj.get("question"):
            raise UserInputError(f"line {n} has no `question`", file=path, hint='each line needs {"question": "…"}')
        rows.append(obj)
    return rows


def run(args) -> int:
    from budgetqa.qa.pipeline import answer_question
    from budgetqa.retrieval.workspace import Workspace

    if not args.question and not args.batch:
        raise UserInputError("give a question or --batch FILE.jsonl", hint='budgetqa ask "巴州高企奖励多少"')
    settings = settings_with(workspace=args.workspace)
    ws = Workspace.open(settings=settings)
    if not ws.docs():
        print("索引中还没有文件 (the workspace has no documents). Run: budgetqa ingest samples/", file=sys.stderr)
        return 1
    if args.batch:
        for row in _read_batch(args.batch):
            ans = answer_question(row["question"], ws, settings, id=row.get("id"))
            if args.json:
                print(ans.model_dump_json())
            else:
                _pretty(ans)
        return 0
    ans = answer_question(args.question, ws, settings)
    if args.json:
        print(ans.model_dump_json(indent=2))
    else:
        _pretty(ans)
    return 0


def _pretty(ans) -> None:
    from budgetqa.core.console import console as make_console
    from rich.panel import Panel
    from rich.text import Text

    from budgetqa.qa.text import fmt

    c = make_console()
    colour = {"verified": "green", "partly verified": "yellow", "conflict": "red"}.get(ans.verification.status, "white")
    head = Text()
    if ans.found and ans.value is not None:
        head.append(f"{fmt(ans.value, ans.unit)} {ans.unit or ''}\n", style="bold cyan")
    head.append(ans.answer)
    c.print(Panel(head, title=ans.question, subtitle=f"[{colour}]{ans.verification.status}[/] · {ans.mode}"))
    if ans.figure:
        c.print(f"[bold]口径[/] {ans.figure}")
    if ans.doc:
        c.print(f"[bold]文件[/] {ans.doc}")
    if ans.calculation:
        c.print(f"[bold]计算[/] {ans.calculation} = {fmt(ans.value, ans.unit)}")
    if ans.notice:
        c.print(f"[yellow]{ans.notice}[/]")
    for ch in ans.verification.checks:
        c.print(f"  {'✓' if ch.ok else '✗'} {ch.detail}", style="green" if ch.ok else "red")
    for i, cit in enumerate(ans.citations, 1):
        c.print(f"[bold][{i}][/] {cit.doc} · {cit.locator}")
        c.print(Text("    " + cit.text.replace("\n", "\n    ")), style="dim")
