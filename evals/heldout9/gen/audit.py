"""Independent audit of the generated documents' own text: growth rates, shares, 完成率, and
sums of tables re-read from the text (not from the model)."""
import re, sys
from decimal import Decimal as D, ROUND_HALF_UP
def q(x): return x.quantize(D('0.01'), rounding=ROUND_HALF_UP)
def num(s): return D(s.replace(',', ''))
N = r'([\d,]+\.\d+|\d+)'
bad = 0
for path in sys.argv[1:]:
    txt = open(path).read()
    for ln, line in enumerate(txt.split('\n'), 1):
        # X万元，比上年(预算)增加/减少Y万元，增长/下降Z%
        for m in re.finditer(N + r'万元[^，。；]*?，比(?:上年|2023年度)?(?:预算)?(增加|减少)' + N + r'万元，(增长|下降)' + N + '%', line):
            x, dirn, y, _, z = num(m.group(1)), m.group(2), num(m.group(3)), m.group(4), num(m.group(5))
            old = x - y if dirn == '增加' else x + y
            if old and q(y * 100 / old) != z:
                print(path, ln, 'growth', m.group(0), q(y * 100 / old)); bad += 1
        # 年初预算为A万元，支出决算为B万元，完成年初预算的C%
        for m in re.finditer(r'年初预算为' + N + r'万元，支出决算为' + N + r'万元，完成(?:年初)?预算的' + N + '%', line):
            a, b, c = num(m.group(1)), num(m.group(2)), num(m.group(3))
            if q(b * 100 / a) != c: print(path, ln, 'rate', m.group(0)); bad += 1
        # shares within a line
        shares = [num(s) for s in re.findall(r'占(?:收入总计的|本年支出合计的|政府采购支出总额的)?' + N + '%', line)]
        if len(shares) >= 2 and '政府采购' not in line and abs(sum(shares) - 100) > D('0.001'):
            print(path, ln, 'shares sum', sum(shares), line[:60]); bad += 1
print('audit issues:', bad)
