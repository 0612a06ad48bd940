import re, glob, collections, statistics, sys
rows = collections.defaultdict(dict)
for f in sorted(glob.glob(sys.argv[1] + '/pair*-*.log')):
    m = re.search(r'pair(\d+)-(\w+)\.log', f); key = (int(m.group(1)), m.group(2))
    for line in open(f):
        s = re.match(r'\s+([a-z-]+): in .*\((\d+\.\d+) s\)', line)
        if s: rows[key][s.group(1)] = float(s.group(2))
        t = re.search(r'fit_ms ([\d,]+)', line)
        if t: rows[key]['(fit)'] = int(t.group(1).replace(',', '')) / 1000
    rows[key]['all'] = sum(v for k, v in rows[key].items() if k != '(fit)')
stages = ['ingest','clean','language','quality','(fit)','exact-dedup','fuzzy-dedup','decontaminate','blend','all']
keys = sorted(rows)
print('| stage (s) | ' + ' | '.join(f'{p}:{m}' for p, m in keys) + ' | median thp/base |')
for st in stages:
    ratios = [rows[(p,'thp')][st] / rows[(p,'base')][st] for p in sorted({p for p,_ in keys}) if (p,'thp') in rows and (p,'base') in rows and st in rows[(p,'thp')] and st in rows[(p,'base')]]
    print(f'| {st} | ' + ' | '.join(f'{rows[k].get(st, float("nan")):.1f}' for k in keys) + f' | {statistics.median(ratios):.3f} |' if ratios else '')
