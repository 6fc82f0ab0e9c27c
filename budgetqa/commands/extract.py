"""`budgetqa extract FILE`: the parsed `Disclosure` as json, xlsx (a sheet a table) or markdown."""
from __future__ import annotations

import sys
from pathlib import Path

from budgetqa.errors import UserInputError
from budgetqa.settings import settings_with


def register(sub, common) -> None:
    p = sub.add_parser("extract", parents=[common], help="parse a disclosure into typed tables and facts")
    p.add_argument("file")
    p.add_argument("--format", choices=["json", "xlsx", "md"], default="json")
    p.add_argument("--out", help="output path (default: stdout for json/md; FILE.xlsx next to the input for xlsx)")
    p.set_defaults(func=run)


def run(args) -> int:
    from extract.export import to_markdown, to_xlsx_bytes
    from extract.parse import parse_file

    settings = settings_with(workspace=args.workspace)
    d = parse_file(args.file, max_mb=settings.max_file_mb)
    if args.format == "json":
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
    return 0


def _emit(data: bytes, out: str | None) -> None:
    if out:
        Path(out).write_bytes(data)
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        if not data.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")
