"""Shared helpers for the heldout11 document generators.

All amounts are kept as integers in hundredths of the table unit
(0.01 万元 for the 万元 documents, 分 for the 元 document), so every
sum is exact.  Parents are always computed from their children.
"""
import unicodedata


def fmt(v, sep=True):
    """Integer hundredths -> '1,234.56' (or '1234.56' when sep is False)."""
    neg = v < 0
    v = abs(v)
    whole = f"{v // 100:,}" if sep else str(v // 100)
    s = f"{whole}.{v % 100:02d}"
    return ("-" if neg else "") + s


def c(x):
    """'1,234.56' or 1234.56 -> integer hundredths."""
    if isinstance(x, int):
        return x * 100
    s = str(x).replace(",", "")
    if "." in s:
        a, b = s.split(".")
        b = (b + "00")[:2]
    else:
        a, b = s, "00"
    sign = -1 if a.startswith("-") else 1
    return sign * (abs(int(a)) * 100 + int(b))


def pct(num, den, places=2):
    """Percentage num/den*100 rounded half-up to `places`, as a string."""
    if den == 0:
        return "0.00"
    q = 10 ** places
    val = (abs(num) * 100 * q * 2 + den) // (2 * den)  # half-up on integers
    s = f"{val // q}.{val % q:0{places}d}"
    return ("-" if num < 0 else "") + s


def yuan_to_wan(v):
    """Integer 分 (元 hundredths) -> integer 0.01万元, rounded half-up."""
    # 1 万元 = 10000 元 = 1,000,000 分 ; 0.01 万元 = 10,000 分
    sign = -1 if v < 0 else 1
    v = abs(v)
    return sign * ((v + 5000) // 10000)


def disp_width(s):
    w = 0
    for ch in s:
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def pad(s, width, align="left"):
    gap = width - disp_width(s)
    if gap <= 0:
        return s
    if align == "right":
        return " " * gap + s
    if align == "center":
        left = gap // 2
        return " " * left + s + " " * (gap - left)
    return s + " " * gap


def wrap_cells(s, width):
    """Split s into pieces each at most `width` display columns."""
    out, cur = [], ""
    for ch in s:
        if disp_width(cur + ch) > width:
            out.append(cur)
            cur = ch
        else:
            cur += ch
    if cur or not out:
        out.append(cur)
    return out


def wrap_prose(text, width=40):
    """Wrap a paragraph the way a PDF text layer does (fixed measure),
    never breaking inside a number such as 1,234.56 or 12.5%."""
    tokens = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isdigit():
            j = i
            while j < len(text) and (text[j].isdigit() or text[j] in ",.%"):
                j += 1
            # do not swallow a trailing comma/period that is punctuation
            while j > i and text[j - 1] in ",.":
                j -= 1
            tokens.append(text[i:j])
            i = j
        else:
            tokens.append(ch)
            i += 1
    lines, cur = [], ""
    for t in tokens:
        if disp_width(cur + t) > width * 2 and cur and t not in "，。；：、）”％%":
            lines.append(cur)
            cur = t
        else:
            cur += t
    if cur:
        lines.append(cur)
    return lines


class Tree:
    """Function-class (类/款/项) or economic (类/款) tree with value vectors.

    leaves: list of (code, name, {col: hundredths}).  Parent names are given
    in `names`.  Parent vectors are the sum of their children.
    """

    def __init__(self, names, leaves, cols, code_lens=(3, 5, 7)):
        self.cols = cols
        self.names = dict(names)
        self.code_lens = code_lens
        self.vals = {}
        for code, name, v in leaves:
            self.names[code] = name
            self.vals[code] = {k: v.get(k, 0) for k in cols}
        self.leaf_codes = [code for code, _, _ in leaves]
        # compute parents bottom-up
        for L in reversed(code_lens[:-1]):
            for code in list(self.vals):
                if len(code) > L:
                    p = code[:L]
                    if len(code) == self._next_len(L):
                        self.vals.setdefault(p, {k: 0 for k in cols})
        for L in reversed(code_lens[:-1]):
            for p in [x for x in self.vals if len(x) == L]:
                kids = [x for x in self.vals if len(x) == self._next_len(L) and x.startswith(p)]
                self.vals[p] = {k: sum(self.vals[x][k] for x in kids) for k in cols}
        top = [x for x in self.vals if len(x) == code_lens[0]]
        self.total = {k: sum(self.vals[x][k] for x in top) for k in cols}

    def _next_len(self, L):
        i = self.code_lens.index(L)
        return self.code_lens[i + 1]

    def ordered(self):
        return sorted(self.vals, key=lambda x: (x + "9999999")[:7] if False else self._key(x))

    def _key(self, code):
        # order: parent before children, siblings by code
        return tuple(code[:L] for L in self.code_lens if len(code) >= L) + ("",) * 0

    def rows(self):
        """(code, name, vals) in display order, parents before children."""
        out = []
        def walk(prefix_len_idx, prefix):
            L = self.code_lens[prefix_len_idx]
            codes = sorted(x for x in self.vals if len(x) == L and x.startswith(prefix))
            for code in codes:
                out.append((code, self.names[code], self.vals[code]))
                if prefix_len_idx + 1 < len(self.code_lens):
                    walk(prefix_len_idx + 1, code)
        walk(0, "")
        return out

    def level(self, code):
        return self.code_lens.index(len(code))
