#!/usr/bin/env bash
# Order-independent content hash of Parquet tables (rows, sum of xxhash64 over all columns), with
# this checkout's built jar: compare two builds' stage outputs bit for bit.
#   bench/table-hash.sh TABLE_DIR...    e.g. RUN/stages/04-quality RUN/rejected/quality
set -euo pipefail
home=$(cd "$(dirname "$0")/.." && pwd)
jobs="$home/curation-jobs/target"
jar=$(ls "$jobs"/winnow-jobs-*.jar | grep -v original- | head -n 1)
opens=$(sed -n '/^java_opts=(/,/^)/p' "$home/bin/winnow" | grep -o -- '--add-[a-z]*=[^ ]*\|-D[a-z.]*=[a-z]*' | tr '\n' ' ')
# shellcheck disable=SC2086
SPARK_LOCAL_IP=127.0.0.1 exec java -Xmx4g $opens -Dlog4j2.configurationFile="$home/conf/log4j2.properties" -cp "$jar:$(cat "$jobs/classpath.txt")" "$home/bench/TableHash.java" "$@"
