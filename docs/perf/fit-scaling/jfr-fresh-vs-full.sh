#!/bin/bash
# Fit with 2 threads, JFR: the quality stage alone in a fresh JVM, then ingest..quality in one JVM.
cd /work/main
rm -rf /tmp/sc/run-4x-2c/run/stages/*-quality /tmp/sc/run-4x-2c/run/rejected/quality /tmp/sc/run-4x-2c/run/models
WINNOW_JAVA_OPTS="-Xmx8g -XX:StartFlightRecording=filename=/tmp/sc/fit-fresh.jfr,settings=profile" bin/winnow run --config /tmp/sc/q-t2.conf --from quality --to quality 2>&1 | grep -E "collect_ms"
rm -rf /tmp/sc/run-fit
WINNOW_JAVA_OPTS="-Xmx8g -XX:StartFlightRecording=filename=/tmp/sc/fit-full.jfr,settings=profile" bin/winnow run --config /tmp/sc/q-full.conf --to quality 2>&1 | grep -E "collect_ms"
