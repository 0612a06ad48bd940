#!/bin/bash
# The quality stage alone, pairs of fresh JVMs, fit on 2 then 1 thread. q-t1/q-t2.conf: the bench-scale 4x
# config (bench/…, run folder with ingest..language committed) plus winnow.quality.train.threads = 1 or 2.
cd /work/main
for r in 1 2; do for t in t2 t1; do
  rm -rf /tmp/sc/run-4x-2c/run/stages/*-quality /tmp/sc/run-4x-2c/run/rejected/quality /tmp/sc/run-4x-2c/run/models
  echo "### $r $t"
  WINNOW_JAVA_OPTS="-Xmx8g $EXTRA" /usr/bin/time -f "cpu %U user %S sys %e wall" bin/winnow run --config /tmp/sc/q-$t.conf --from quality --to quality 2>&1 | grep -E "quality: in|collect_ms|cpu "
  grep -o '"train[.a-z_]*" : [0-9]*' /tmp/sc/run-4x-2c/run/stages/*-quality/_STAGE.json | tr '\n' ' '; echo
done; done
