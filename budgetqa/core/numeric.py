"""Numbers every layer agrees on: the rounding tolerance and the one safe arithmetic evaluator.

Disclosures print two decimals, so two amounts are the same figure when they differ by at most
half a cent of the unit (0.005) or 0.05 % of the amount, whichever is larger. The evaluator is what
the verifier uses to recompute a calculation, whoever wrote it (the offline answerer or a model).
"""
from __future__ import annotations

import ast
import math
import operator
import re

ABS_TOLERANCE = 0.005
REL_TOLERANCE = 5e-4


def tolerance(value: float) -> float:
    """The rounding slack allowed around `value`."""
    return max(ABS_TOLERANCE, abs(value) * REL_TOLERANCE)


def close(a: float, b: float) -> bool:
    """True when `a` is `b` up to the document's rounding."""
    return abs(a - b) <= tolerance(b)


class UnsafeExpressionError(ValueError):
    """The expression is not plain arithmetic over numbers."""


_ALLOWED_CHARS = re.compile(r"^[0-9.,+\-*/()\s]+$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg}
_MAX_LEN = 500


def _short(expr: str) -> str:
    return repr(expr if len(expr) <= 80 else expr[:77] + "...")


def safe_eval_expression(expr: str) -> float:
    """Evaluate '+ - * /' and parentheses over numbers ('1,060' allowed); reject all else.

    Parsed with `ast` and walked by hand: no names, calls, attributes, powers or
    floor division can run, whatever the model wrote.
    """
    if not isinstance(expr, str) or not expr.strip():
        raise UnsafeExpressionError("empty expression")
    text = expr.strip()
    if len(text) > _MAX_LEN:
        raise UnsafeExpressionError(f"expression longer than {_MAX_LEN} characters")
    if not _ALLOWED_CHARS.match(text):
        raise UnsafeExpressionError(f"only numbers, + - * / and parentheses are allowed: {_short(expr)}")
    text = _THOUSANDS.sub("", text)
    if "," in text:
        raise UnsafeExpressionError(f"a comma that is not a thousands separator: {_short(expr)}")
    if "**" in text or "//" in text:
        raise UnsafeExpressionError(f"'**' and '//' are not allowed: {_short(expr)}")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as err:
        raise UnsafeExpressionError(f"not an arithmetic expression: {_short(expr)}") from err
    try:
        result = _eval(tree.body, expr)
    except OverflowError as err:
        raise UnsafeExpressionError(f"number too large in {_short(expr)}") from err
    if not math.isfinite(result):
        raise UnsafeExpressionError(f"result is not a finite number: {_short(expr)}")
    return result


def _eval(node: ast.AST, expr: str) -> float:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        left, right = _eval(node.left, expr), _eval(node.right, expr)
        if isinstance(node.op, ast.Div) and right == 0:
            raise UnsafeExpressionError(f"division by zero in {_short(expr)}")
        return _BINOPS[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_eval(node.operand, expr))
    raise UnsafeExpressionError(f"not allowed in an arithmetic expression: {ast.dump(node)[:60]} in {_short(expr)}")
