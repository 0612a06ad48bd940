#!/usr/bin/env bash
# Device script for docs/gpu-step-profile.md: optionally the GPU unit tests, then StepBench
# (GPT-2 124M, batch 8, BF16) once per variant, from the repository root on the GPU machine:
#
#   JAVA=/path/to/java17 OUT=/out TESTS=1 VARIANTS="base fused large" bash trainer-gpu/gpu/step-profile.sh
#
# Variants: base  = -Dwinnow.gpu.fuse=false (the backend as first measured), profiled;
#           fused = the default, profiled (-Dwinnow.gpu.profile=true: per-call and per-kernel
#                   CUDA-event tables after the timed steps);
#           large = the default but pickTile's 128x256 tile for attention's score products;
#           small = the default with the 128x128 score tile named explicitly.
# CP defaults to the layout trainer-gpu/gpu/prepare-device-check.sh makes.
set -u
JAVA=${JAVA:-java}
CP=${CP:-trainer-gpu/target/classes:trainer-gpu/target/test-classes:trainer-gpu/target/gpu-lib/*}
OUT=${OUT:-step-profile-out}
mkdir -p "$OUT"
JVM=(-Xmx24g)
nvidia-smi --query-gpu=name,clocks.sm,clocks.max.sm,power.draw --format=csv,noheader
if [[ ${TESTS:-0} == 1 ]]; then
  timeout -k 5 80 "$JAVA" "${JVM[@]}" -Dwinnow.gpu.syncLaunches=true -cp "$CP" \
    org.junit.platform.console.ConsoleLauncher execute --select-package dev.winnow.trainer.gpu \
    --details=summary --disable-banner --disable-ansi-colors --reports-dir "$OUT/junit" \
    >"$OUT/tests.log" 2>&1
  echo "tests rc=$?"
  grep -E "tests (successful|failed|skipped)" "$OUT/tests.log"
fi
for v in ${VARIANTS:-base fused}; do
  echo "=== variant $v"
  case $v in
    base) X=(-Dwinnow.gpu.fuse=false -Dwinnow.gpu.profile=true) ;;
    fused) X=(-Dwinnow.gpu.profile=true) ;;
    small) X=(-Dwinnow.gpu.scoresTile=SMALL) ;;
    large) X=(-Dwinnow.gpu.scoresTile=LARGE) ;;
    *) echo "unknown variant $v"; continue ;;
  esac
  timeout -k 5 "${BENCH_S:-50}" "$JAVA" "${JVM[@]}" "${X[@]}" -cp "$CP" \
    dev.winnow.trainer.gpu.StepBench gpt2-124m 8 "${STEPS:-10}" BF16 989 >"$OUT/bench-$v.log" 2>&1
  echo "bench rc=$?"
  grep -v "^step " "$OUT/bench-$v.log" | grep -v "^|---"
done
