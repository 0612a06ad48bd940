#!/usr/bin/env bash
# The language stage on local[2] (fresh JVM, from a bench-scale run folder with clean done),
# G1 with its default region size against larger regions, alternating; a GC log per run.
# Usage: RUN=/path/to/run-4x-2c ROUNDS=3 HEAP=-Xmx8g REGION=32m docs/perf/gc-local/region-ab.sh OUTDIR
set -u
cd "$(dirname "$0")/../../.."
RUN=${RUN:?the bench-scale run folder}; ROUNDS=${ROUNDS:-3}; HEAP=${HEAP:--Xmx8g}; REGION=${REGION:-32m}
OUT=${1:?a folder for the GC logs}; mkdir -p "$OUT"
R=$RUN/run
for r in $(seq 1 "$ROUNDS"); do
  for v in default region; do
    [ $(( r % 2 )) = 0 ] && v=$([ $v = default ] && echo region || echo default)
    opts="$HEAP"; [ $v = region ] && opts="$HEAP -XX:G1HeapRegionSize=$REGION"
    rm -rf "$R"/stages/03-language "$R"/rejected/language
    log="$OUT/gc-$r-$v.log"
    echo "### round $r $v ($opts)"
    WINNOW_JAVA_OPTS="$opts -Xlog:gc:file=$log" /usr/bin/time -f "run JVM: cpu %U s user, %S s sys, %e s wall" \
      bin/winnow run --config "$RUN/winnow.conf" --master 'local[2]' --from language --to language 2>&1 \
      | grep -E "language: in|^run JVM" | sed -E 's/\(language:[^)]*\)//'
    echo "gc: $(grep -c 'Pause Young' "$log") young pauses, $(grep -c 'Concurrent Mark Cycle' "$log") concurrent cycles, $(grep -c 'Humongous' "$log") caused by a humongous allocation; pauses $(grep Pause "$log" | grep -oE '[0-9.]+ms$' | sed 's/ms//' | paste -sd+ | bc) ms"
  done
done
