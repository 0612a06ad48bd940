#!/usr/bin/env bash
# Alternating pairs: the whole pipeline (bench scale's config at FACTOR x) on local[2], with and
# without -XX:+UseTransparentHugePages (THP is "madvise" on the build machine, so only the flag
# turns it on). Needs `bin/winnow bench scale` to have written runs/bench-scale/ first.
#   FACTOR=1 HEAP=-Xmx8g PAIRS=3 docs/perf/thp/pairs.sh ; FACTOR=4 HEAP=-Xmx4g PAIRS=2 docs/perf/thp/pairs.sh
# then: python3 docs/perf/thp/table.py docs/perf/thp/1x (or 4x)
set -euo pipefail
cd "$(dirname "$0")/../../.."
conf=runs/bench-scale/run-${FACTOR:-1}x-2c/winnow.conf
out=${OUT:-docs/perf/thp}/${FACTOR:-1}x
mkdir -p $out
pairs=${PAIRS:-3}
for i in $(seq 1 $pairs); do
  for mode in base thp; do
    # order alternates per pair so drift does not favour one side
    if [ $((i % 2)) -eq 0 ]; then [ $mode = base ] && m=thp || m=base; else m=$mode; fi
    opts="${HEAP:--Xmx8g} -XX:-UseTransparentHugePages"; [ $m = thp ] && opts="${HEAP:--Xmx8g} -XX:+UseTransparentHugePages"
    rm -rf runs/bench-scale/run-${FACTOR:-1}x-2c/run
    log=$out/pair$i-$m.log
    start=$(date +%s.%N)
    WINNOW_SKIP_BUILD=1 WINNOW_JAVA_OPTS="$opts" bin/winnow run --config $conf --master 'local[2]' > $log 2>&1 &
    pid=$!
    # sample the JVM's huge pages once it is well into the run
    ( sleep 60; j=$(pgrep -f "WinnowCli run --config $conf" | head -1 || true);
      [ -n "$j" ] && grep -E "AnonHugePages|Rss" /proc/$j/smaps_rollup > $out/pair$i-$m.smaps 2>/dev/null || true ) &
    wait $pid
    end=$(date +%s.%N)
    echo "pair $i $m $(echo "$end - $start" | bc) s" | tee -a $out/summary.txt
  done
done
rm -rf runs/bench-scale/run-${FACTOR:-1}x-2c/run
