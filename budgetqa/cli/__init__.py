"""The `budgetqa` command. Each subcommand lives in budgetqa/cli/commands/<name>.py and exposes
`register(subparsers, common)`; this file only wires them and turns our errors into one line."""
from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from budgetqa.core.errors import BudgetQAError


def common_parent() -> argparse.ArgumentParser:
    """Options every command takes."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--workspace", help="index directory (default: $BUDGETQA_WORKSPACE, else $XDG_DATA_HOME/budgetqa, else ~/.local/share/budgetqa)")
    return p


def build_parser() -> argparse.ArgumentParser:
    import budgetqa.cli.commands as commands

    parser = argparse.ArgumentParser(prog="budgetqa", description="Answers, extraction and audit for Chinese department budget / final-account disclosures.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = common_parent()
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        mod = importlib.import_module(f"budgetqa.cli.commands.{info.name}")
        if hasattr(mod, "register"):
            mod.register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit-time flush
        return code
    except BrokenPipeError:  # `budgetqa docs --json | head`: the reader left; stop quietly
        _detach_stdout()
        return 141  # 128 + SIGPIPE, what a shell tool killed by the closed pipe would report
    except BudgetQAError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _detach_stdout() -> None:
    """Point stdout at devnull so the interpreter's final flush cannot raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout without a file descriptor (captured in-process)
        pass


if __name__ == "__main__":
    sys.exit(main())
