# independent re-read: in each table block, 类 = Σ款, 款 = Σ项 for the first amount column, and 合计 = Σ类
import re, sys
from decimal import Decimal as D
def cells(line):
    if '\t' in line: c = line.split('\t')
    elif '|' in line: c = [x.strip() for x in line.strip().strip('|').split('|')]
    elif '\u3000' in line: c = line.split('\u3000')
    else: c = line.split(' ')
    return [x.strip() for x in c]
for path in sys.argv[1:]:
    blocks = []; cur = []
    for line in open(path).read().split('\n'):
        if re.match(r'^(#+ )?表', line.strip()) or line.startswith('### 表'):
            if cur: blocks.append(cur)
            cur = [line]
        else: cur.append(line)
    blocks.append(cur)
    bad = 0
    for b in blocks:
        rows = []; tot = None
        for line in b[1:]:
            c = [x for x in cells(line)]
            nonempty = [x for x in c if x != '']
            if len(nonempty) >= 3 and re.fullmatch(r'\d{3}|\d{5}|\d{7}', nonempty[0]) and re.fullmatch(r'[\d,]+\.\d\d', nonempty[2]):
                rows.append((nonempty[0], D(nonempty[2].replace(',', ''))))
            elif len(nonempty) >= 2 and nonempty[0] == '合计' and re.fullmatch(r'[\d,]+\.\d\d', nonempty[1]) and tot is None:
                tot = D(nonempty[1].replace(',', ''))
        if not rows: continue
        # group per unit section: reset when a 3-digit code repeats
        secs = [[]]
        seen = set()
        for code, v in rows:
            if len(code) == 3 and code in seen:
                secs.append([]); seen = set()
            if len(code) == 3: seen.add(code)
            secs[-1].append((code, v))
        for s in secs:
            d = dict(s)
            for code, v in s:
                kids = [vv for cc, vv in s if len(cc) == len(code) + 2 and cc.startswith(code)]
                if kids and sum(kids) != v:
                    print(path, b[0][:20], code, v, sum(kids)); bad += 1
        if tot is not None and len(secs) == 1:
            lei = sum(v for c, v in secs[0] if len(c) == 3)
            if lei != tot and not b[0].startswith('表1-3'):
                print(path, b[0][:20], 'total', tot, lei); bad += 1
    print(path, 'tree issues', bad, 'blocks', len(blocks))
