#!/usr/bin/env bash
# The run folder both A/B scripts here start from: bench scale's 4x config (from a
# `bin/winnow bench scale --pin --factors 4 --cores 1 --work /tmp/sc` run) with its run-dir moved
# to $WORK/run, and ingest and clean committed there on local[1], pinned.
#   WORK=/tmp/alone docs/perf/outcome-cache-level/stage-alone-prep.sh [BENCH_CONF]
set -eu
cd "$(dirname "$0")/../../.."
WORK=${WORK:-/tmp/alone}; conf=${1:-/tmp/sc/run-4x-1c/winnow.conf}
mkdir -p "$WORK"
sed "s#^ *run-dir *= *\".*\"# run-dir = \"$WORK/run\"#" "$conf" > "$WORK/winnow.conf"
WINNOW_JAVA_OPTS=-Xmx8g taskset -c 0 bin/winnow run --master "local[1]" --config "$WORK/winnow.conf" --to clean
