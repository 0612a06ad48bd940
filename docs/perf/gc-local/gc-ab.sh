#!/usr/bin/env bash
# The same jar and run, two or three collectors, order rotated per round: the language and quality
# stages of a bench-scale run folder (ingest..clean done) on local[N].
# Usage: RUN=/path/to/run-4x-2c CORES=2 ROUNDS=2 [GCS="G1 Serial"] docs/perf/gc-local/gc-ab.sh
set -u
cd "$(dirname "$0")/../../.."
RUN=${RUN:?the bench-scale run folder (holds winnow.conf and run/)}
CORES=${CORES:-2}
ROUNDS=${ROUNDS:-2}
R=$RUN/run
read -r -a gcs <<< "${GCS:-G1 Serial Parallel}"
n=${#gcs[@]}
for r in $(seq 1 "$ROUNDS"); do
  for k in $(seq 0 $((n - 1))); do
    gc="-XX:+Use${gcs[$(( (k + r - 1) % n ))]}GC"
    rm -rf "$R"/stages/03-language "$R"/rejected/language "$R"/stages/04-quality "$R"/rejected/quality
    echo "### round $r local[$CORES] $gc"
    WINNOW_JAVA_OPTS="-Xmx8g $gc" /usr/bin/time -f "run JVM: cpu %U s user, %S s sys, %e s wall" \
      taskset -c "0-$((CORES - 1))" bin/winnow run --config "$RUN/winnow.conf" --master "local[$CORES]" \
      --from language --to quality 2>&1 | grep -E "^ +[a-z-]+: in |^run JVM|fit" \
      | sed -E 's/\((language|quality):[^)]*\)//; s/, negative_documents.*//'
  done
done
