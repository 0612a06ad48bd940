#!/usr/bin/env bash
# The language stage alone (local[1] pinned, fresh JVM per run): preset heap (B: -Xms8g) against
# the heap as the JVM sizes it (A), with GC pauses from -Xlog:gc. /tmp/alone/run as in level-ab.sh.
set -u
cd /work/main
for r in 1 2; do
  for v in A B; do
    opts="-Xmx8g"; [ $v = B ] && opts="-Xms8g -Xmx8g"
    rm -rf /tmp/alone/run/stages/03-language /tmp/alone/run/rejected/language
    log=/tmp/alone/gc-$v-$r.log
    WINNOW_JAVA_OPTS="$opts -Xlog:gc:file=$log" /usr/bin/time -f "cpu %U+%S wall %e" taskset -c 0 bin/winnow run --master "local[1]" --config /tmp/alone/winnow.conf --from language --to language 2>&1 | grep -E "language: in|^cpu" | sed -E 's/\(language:[^)]*\)//'
    python3 - "$log" "$v" "$r" <<'PY'
import re,sys
t=0;n=0;full=0
for l in open(sys.argv[1]):
    m=re.search(r'([0-9.]+)ms$',l.strip())
    if m and 'Pause' in l:
        t+=float(m.group(1)); n+=1; full+=('Full' in l)
print(f"variant {sys.argv[2]} round {sys.argv[3]}: GC pauses {n} ({full} full), {t/1000:.1f} s")
PY
  done
done
