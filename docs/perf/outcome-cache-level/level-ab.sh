#!/usr/bin/env bash
# The language stage alone (local[1] pinned, fresh JVM per run) with the stage runner's outcome
# cache at three storage levels: M = MEMORY_AND_DISK (the default), D = DISK_ONLY, O = OFF_HEAP
# (6 GB off-heap). Needs cache-level.patch applied and built; /tmp/alone/run holds a run whose
# ingest and clean are committed (winnow.conf: bench scale 4x config with run-dir moved).
set -u
cd /work/main
for r in 1 2; do
  for v in M D O; do
    conf=/tmp/alone/winnow.conf; level=MEMORY_AND_DISK
    [ $v = D ] && level=DISK_ONLY
    [ $v = O ] && { level=OFF_HEAP; conf=/tmp/alone/offheap.conf; }
    rm -rf /tmp/alone/run/stages/03-language /tmp/alone/run/rejected/language
    log=/tmp/alone/lv-$v-$r.log
    echo "== $v $level round $r"
    WINNOW_SKIP_BUILD=1 WINNOW_JAVA_OPTS="-Xmx8g -Dwinnow.cacheLevel=$level -Xlog:gc:file=$log" /usr/bin/time -f "cpu %U+%S wall %e" taskset -c 0 bin/winnow run --master "local[1]" --config $conf --from language --to language 2>&1 | grep -E "language: in|^cpu|rror|xception" | sed -E 's/\(language:[^)]*\)//' | head -5
    python3 - "$log" <<'PY'
import re,sys
t=0;n=0;full=0
for l in open(sys.argv[1]):
    m=re.search(r'([0-9.]+)ms$',l.strip())
    if m and 'Pause' in l:
        t+=float(m.group(1)); n+=1; full+=('Full' in l)
print(f"GC pauses {n} ({full} full), {t/1000:.1f} s")
PY
    python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print('fingerprint', m['outputFingerprint'][:16])" /tmp/alone/run/stages/03-language/_STAGE.json
  done
done
