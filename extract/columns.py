"""Putting numbers back into their columns when the text lost the empty cells.

A flattened line keeps its numbers in column order but not their columns. Every placement
of the k numbers into the n columns (order kept) is a candidate; the template's identities
prune them:
  1. row identities     合计 = 基本支出 + 项目支出, 总计 = 财政拨款小计 + 单位资金 + …
  2. group identities   a parent row = the sum of its children, column by column
                        (总计 = Σ 类, 类 = Σ 款, 款 = Σ 项; 合计 = 出国 + 接待 + 车辆 …)
  3. pins               values another table states for a row (表1's income lines fix
                        表2's 总计 row, 表4's left side fixes its right-side 总计 row)
Group identities are applied as arc consistency: a candidate survives when some choice of
the other members' candidates satisfies the group. A group that no choice satisfies is the
document's own inconsistency: it prunes nothing (the audit reports it). What is still
ambiguous at the end is reported as such, never silently guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations, product

from budgetqa.core.numeric import ABS_TOLERANCE

Vec = tuple  # tuple[float | None, ...]

MAX_COMBOS = 60_000


@dataclass
class Identity:
    total: int
    parts: list[int]


@dataclass
class Group:
    parent: int
    children: list[int]


def tol_for(nterms: int) -> float:
    """Rounding tolerance: each stated figure may be off by half a cent."""
    return ABS_TOLERANCE * (nterms + 1) + 1e-9


def _v(x: float | None) -> float:
    return 0.0 if x is None else x


def identities_hold(vec: Vec, identities: list[Identity]) -> int:
    """How many row identities fail (0 = all hold)."""
    bad = 0
    for ident in identities:
        s = sum(_v(vec[p]) for p in ident.parts)
        if abs(_v(vec[ident.total]) - s) > tol_for(len(ident.parts)):
            bad += 1
    return bad


def row_candidates(values: list[float | None], ncols: int, identities: list[Identity],
                   first_required: bool = True) -> list[Vec]:
    """All placements of `values` (in order) into `ncols` columns that satisfy the row identities.

    When none does (the document's own arithmetic is off), the placements with the fewest
    failing identities are kept, so the row is still read and the audit can report it.
    """
    k = len(values)
    if k == 0:
        return [tuple([None] * ncols)]
    if k > ncols:
        return []
    scored: list[tuple[int, Vec]] = []
    for pos in combinations(range(ncols), k):
        if first_required and pos[0] != 0:
            continue
        vec = [None] * ncols
        for p, v in zip(pos, values):
            vec[p] = v
        scored.append((identities_hold(tuple(vec), identities), tuple(vec)))
    if not scored:
        return []
    best = min(s for s, _ in scored)
    return [v for s, v in scored if s == best]


def apply_pin(cands: list[Vec], pin: dict[int, float | None]) -> list[Vec]:
    """Keep candidates agreeing with values stated elsewhere (None = stated blank / zero)."""
    def ok(vec: Vec) -> bool:
        return all(abs(_v(vec[c]) - _v(val)) <= 0.011 for c, val in pin.items())
    kept = [c for c in cands if ok(c)]
    return kept or cands


def _cents(vec: Vec) -> tuple[int, ...]:
    return tuple(0 if x is None else round(x * 100) for x in vec)


def _add(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(x + y for x, y in zip(a, b))


def _sub(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(x - y for x, y in zip(a, b))


MAX_STATES = 50_000


class _TooMany(Exception):
    """The partial sums passed MAX_STATES: the exact search gives up (as None)."""


def _near(p: tuple[int, ...], slack: int):
    """p and the vectors that differ from it by up to `slack` cents in its non-zero columns
    (a stated total may be a cent off the sum of its rounded parts)."""
    if slack == 0:
        yield p
        return
    nz = [c for c, x in enumerate(p) if x != 0]
    if len(nz) > 7:
        yield p
        return
    for offs in product(range(-slack, slack + 1), repeat=len(nz)):
        q = list(p)
        for c, o in zip(nz, offs):
            q[c] += o
        yield tuple(q)


W = 48                      # bits a column in a packed vector
TOP = 1 << (W - 1)


def _pack(v: tuple[int, ...]) -> int:
    out = 0
    for x in v:
        out = (out << W) | x
    return out


def _support_exact(pools: list[list[Vec]], slack: int = 0) -> list[set[int]] | None:
    try:
        return _exact(pools, slack)
    except _TooMany:
        return None


def _exact(pools: list[list[Vec]], slack: int = 0) -> list[set[int]] | None:
    """Support by dynamic programming over exact partial sums (in cents).

    Amounts are non-negative, so vectors are packed into one integer (48 bits a column) and
    sums are single additions; no partial sum may pass the largest parent value of its column,
    which a per-column bias turns into one mask test. Negative amounts fall back to tuples."""
    parent, children = pools[0], pools[1:]
    ncols = len(parent[0])
    kids = [[_cents(v) for v in pool] for pool in children]
    pc = [_cents(v) for v in parent]
    if not (all(x >= 0 for vec in pc for x in vec) and all(x >= 0 for pool in kids for vec in pool for x in vec)):
        return _support_tuples(kids, pc, slack)
    ub = [max(p[c] for p in pc) + slack for c in range(ncols)]
    if max(ub) >= TOP // 2:
        return _support_tuples(kids, pc, slack)
    bias = _pack(tuple(TOP - 1 - u for u in ub))
    mask = _pack(tuple([TOP] * ncols))
    kp = [[_pack(c) for c in pool] for pool in kids]
    fwd = [{0}]
    for pool in kp:
        nxt: set[int] = set()
        for f in fwd[-1]:  # stop as soon as the states pass the limit, not after building them all
            nxt.update([s for c in pool if not ((s := f + c) + bias) & mask])
            if len(nxt) > MAX_STATES:
                raise _TooMany
        fwd.append(nxt)
    bwd: list[set[int]] = [set() for _ in range(len(kp) + 1)]
    bwd[-1] = {0}
    for i in range(len(kp) - 1, -1, -1):
        bwd[i] = {s for c in kp[i] for b in bwd[i + 1] if not ((s := c + b) + bias) & mask}
        if len(bwd[i]) > MAX_STATES:
            raise _TooMany
    support: list[set[int]] = [set() for _ in pools]
    targets = set()
    for pi, p in enumerate(pc):
        for q in _near(p, slack):
            if min(q) >= 0 and (qp := _pack(q)) in fwd[-1]:
                support[0].add(pi)
                targets.add(qp)
    if not targets:
        return None
    # candidate c of child i is supported when f + c + b is a target for some f in fwd[i] and b
    # in bwd[i + 1]. Which side is enumerated changes the cost only, never the answer: when the
    # pool x rest x targets products are fewer than the forward states, probe fwd[i] directly
    # (t - c - b in fwd[i]) instead of building need = {t - f} over every forward state
    tl = list(targets)
    for i, pool in enumerate(kp):
        fi, rest = fwd[i], bwd[i + 1]
        sup = support[i + 1]
        if len(pool) * len(rest) * len(tl) <= len(tl) * len(fi):
            for ci, c in enumerate(pool):
                if any(t - c - b in fi for b in rest for t in tl):
                    sup.add(ci)
            continue
        need = {t - f for t in tl for f in fi}
        for ci, c in enumerate(pool):
            if len(rest) <= len(need):
                ok = any(c + b in need for b in rest)
            else:
                ok = any(x - c in rest for x in need)
            if ok:
                sup.add(ci)
    return support


def _support_tuples(kids, pc, slack) -> list[set[int]] | None:
    """The same search on plain tuples, for groups with negative amounts (rare)."""
    ncols = len(pc[0])
    zero = tuple([0] * ncols)
    fwd = [{zero}]
    for pool in kids:
        fwd.append({_add(f, c) for f in fwd[-1] for c in pool})
        if len(fwd[-1]) > MAX_STATES:
            return None
    bwd = [set() for _ in range(len(kids) + 1)]
    bwd[-1] = {zero}
    for i in range(len(kids) - 1, -1, -1):
        bwd[i] = {_add(c, b) for c in kids[i] for b in bwd[i + 1]}
        if len(bwd[i]) > MAX_STATES:
            return None
    support = [set() for _ in range(len(kids) + 1)]
    targets = []
    for pi, p in enumerate(pc):
        for q in _near(p, slack):
            if q in fwd[-1]:
                support[0].add(pi)
                targets.append(q)
    if not targets:
        return None
    for i, pool in enumerate(kids):
        for ci, c in enumerate(pool):
            if any(_sub(_sub(t, f), c) in bwd[i + 1] for t in targets for f in fwd[i]):
                support[i + 1].add(ci)
    return support


def _support_tolerant(pools: list[list[Vec]], tol: float) -> list[set[int]] | None:
    """Brute force with a rounding tolerance, for groups small enough to enumerate."""
    n = 1
    for p in pools:
        n *= max(1, len(p))
        if n > MAX_COMBOS:
            return None
    ncols = len(pools[0][0])
    support = [set() for _ in pools]
    child_pools = pools[1:]
    for combo in product(*[range(len(p)) for p in child_pools]):
        sums = [0.0] * ncols
        for ci, idx in enumerate(combo):
            for c, x in enumerate(child_pools[ci][idx]):
                if x is not None:
                    sums[c] += x
        for pi, pvec in enumerate(pools[0]):
            if all(abs(_v(pvec[c]) - sums[c]) <= tol for c in range(ncols)):
                support[0].add(pi)
                for ci, idx in enumerate(combo):
                    support[ci + 1].add(idx)
    return support if support[0] else None


def _group_support(cands: list[list[Vec]], group: Group) -> list[set[int]] | None:
    """Indexes of each member's candidates that take part in a satisfying assignment.
    None when nothing satisfies the group (or it is too large to decide)."""
    pools = [cands[m] for m in [group.parent] + group.children]
    if any(not p for p in pools):
        return None
    try:
        # slack 1 only widens the bounds (a superset of slack 0's partial sums), so when
        # slack 0 has too many states slack 1 has too, and is not tried
        found = _exact(pools) or _exact(pools, slack=1)
    except _TooMany:
        found = None
    return (found
            or _support_tolerant(pools, tol_for(len(group.children))))


def solve(cands: list[list[Vec]], groups: list[Group], max_rounds: int = 8) -> tuple[list[list[Vec]], list[Group]]:
    """Prune candidates by group identities until nothing changes.

    Returns the pruned candidates and the groups that no assignment satisfies (document
    inconsistencies, or groups too large to enumerate)."""
    cands = [list(c) for c in cands]
    unsatisfied: list[Group] = []
    verdict: dict[int, bool] = {}          # group index -> satisfiable, while its members are unchanged
    dirty = set(range(len(cands)))
    for _ in range(max_rounds):
        changed = False
        unsatisfied = []
        now_dirty: set[int] = set()
        for gi, g in enumerate(groups):
            members = [g.parent] + g.children
            if gi in verdict and not dirty.intersection(members):
                if not verdict[gi]:
                    unsatisfied.append(g)
                continue
            if all(len(cands[m]) <= 1 for m in members):
                # fully determined: just record whether it holds
                verdict[gi] = _group_support(cands, g) is not None
                if not verdict[gi]:
                    unsatisfied.append(g)
                continue
            sup = _group_support(cands, g)
            verdict[gi] = sup is not None
            if sup is None:
                unsatisfied.append(g)
                continue
            for m, keep in zip(members, sup):
                if len(keep) < len(cands[m]):
                    cands[m] = [cands[m][i] for i in sorted(keep)]
                    changed = True
                    now_dirty.add(m)
        dirty = now_dirty
        if not changed:
            break
    return cands, unsatisfied


@dataclass
class Resolution:
    values: list[float | None]
    ambiguous: bool
    alternatives: list[Vec] = field(default_factory=list)


def resolve(cands: list[Vec], ncols: int) -> Resolution:
    """One candidate: its values. Several: only the columns they all agree on, flagged ambiguous."""
    if not cands:
        return Resolution([None] * ncols, True, [])
    if len(cands) == 1:
        return Resolution(list(cands[0]), False, [])
    common = []
    for c in range(ncols):
        vals = {cands[i][c] for i in range(len(cands))}
        common.append(vals.pop() if len(vals) == 1 else None)
    return Resolution(common, True, list(cands))
