#!/usr/bin/env bash
# Fuzzy-dedup signature throughput (JMH, one thread): word 5-gram shingling, MinHash at 140 and
# 260 hashes (the Vector API loop where the machine has 256-bit vectors, and the scalar loop), and
# shingles + MinHash + band keys end to end, in MB/s of UTF-8 text per core.
#   bench/dedup-jmh.sh                      # generated English-like documents
#   bench/dedup-jmh.sh -p textFile=PATH     # one document per line of PATH instead
# Arguments go to JMH. Environment: BENCH, the benchmark regex (default: SignatureBenchmark; also JaccardBenchmark, ExactKeyBenchmark);
# JMH_OPTS, the run settings (default: 1 fork, 1 thread, 3 warm-up and 5 measured iterations
# of 2 s); JAVA_FLAGS, for the JVM (e.g. -XX:UseAVX=2 for AVX2 on an AVX-512 machine);
# MVN_FLAGS, for Maven (default -o; set MVN_FLAGS= to let it download JMH once).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:\s*//p' | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -B -q ${MVN_FLAGS--o} -pl dedup test-compile
deps=$(mktemp)
results=$(mktemp)
trap 'rm -f "$deps" "$results"' EXIT
mvn -B -q ${MVN_FLAGS--o} -pl dedup dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$deps"
java ${JAVA_FLAGS:-} --add-modules=jdk.incubator.vector -cp "dedup/target/test-classes:dedup/target/classes:$(cat "$deps")" org.openjdk.jmh.Main \
  ${JMH_OPTS:--f 1 -t 1 -wi 3 -w 2s -i 5 -r 2s} -rf csv -rff "$results" "$@" \
  "${BENCH:-dev.winnow.dedup.bench.SignatureBenchmark}"
echo "== MB/s of UTF-8 text, one thread (mean ± 99.9% error over the measurement iterations)"
awk -F, 'NR > 1 && $1 ~ /:bytes"$/ {
  gsub(/"/, ""); sub(/^.*\./, "", $1); sub(/:bytes$/, "", $1)
  printf "%-16s %8.2f ± %.2f MB/s\n", $1, $5 / 1e6, $6 / 1e6 }' "$results"
