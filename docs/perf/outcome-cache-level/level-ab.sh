#!/usr/bin/env bash
# The language stage alone (local[1] pinned, fresh JVM per run) with the stage runner's outcome
# cache at three storage levels: M = MEMORY_AND_DISK (the default), D = DISK_ONLY, O = OFF_HEAP
# (6 GB off-heap). Needs cache-level.patch applied and built; $WORK as stage-alone-prep.sh left it.
set -u
here=$(cd "$(dirname "$0")" && pwd); cd "$here/../../.."
WORK=${WORK:-/tmp/alone}
sed 's/spark.conf { /spark.conf { "spark.memory.offHeap.enabled" = true, "spark.memory.offHeap.size" = "6g", /' \
  "$WORK/winnow.conf" > "$WORK/offheap.conf"
for r in 1 2; do
  for v in M D O; do
    conf=$WORK/winnow.conf; level=MEMORY_AND_DISK
    [ $v = D ] && level=DISK_ONLY
    [ $v = O ] && { level=OFF_HEAP; conf=$WORK/offheap.conf; }
    rm -rf "$WORK"/run/stages/03-language "$WORK"/run/rejected/language
    log=$WORK/lv-$v-$r.log
    echo "== $v $level round $r"
    WINNOW_SKIP_BUILD=1 WINNOW_JAVA_OPTS="-Xmx8g -Dwinnow.cacheLevel=$level -Xlog:gc:file=$log" /usr/bin/time -f "cpu %U+%S wall %e" taskset -c 0 bin/winnow run --master "local[1]" --config "$conf" --from language --to language 2>&1 | grep -E "language: in|^cpu|rror|xception" | sed -E 's/\(language:[^)]*\)//' | head -5
    python3 "$here/gc-pauses.py" "$log"
    python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print('fingerprint', m['outputFingerprint'][:16])" "$WORK/run/stages/03-language/_STAGE.json"
  done
done
