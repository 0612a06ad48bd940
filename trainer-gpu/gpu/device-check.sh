#!/usr/bin/env bash
# The GPU backend's device check, run from the repository root on a GPU machine:
#   JAVA=/path/to/java CP=... OUT=/output/dir bash trainer-gpu/gpu/device-check.sh
# JAVA defaults to java on PATH; CP to the layout trainer-gpu/gpu/prepare-device-check.sh makes
# (trainer-gpu/target/{classes,test-classes,gpu-lib/*}); OUT to ./device-check-out.
# Steps, each under its own timeout so one hang cannot eat the budget (at most 21 min in all,
# more than a session's device time, so pick with ONLY=; about 5 min when all goes well):
#   1 nvidia-smi   2 GPU unit tests (JUnit console), and the model tests again on the ping-pong
#   wgmma schedule   3 GemmBench, WgmmaGemmBench (squares; GPT-2 124M's product shapes in each
#   schedule)   4 torch_matmul.py
#   5 StepBench (GPT-2 124M training steps: tokens/s, MFU): as default (profiled), with the
#     mma.sync GEMM only, without flash attention (-Dwinnow.gpu.flash=false), at batch 16; on each
#     wgmma schedule policy (profiled); weight gradients split 1, 2, 4, 8 (profiled); the auto
#     policy at batch 16 and 32; with BASE_CP, the default step (profiled) and batch 16 of another
#     build, for a same-run baseline
# Logs go to $OUT/*.log; a compact summary table is printed last (and saved as summary.txt).
# ONLY="unit-tests gemm-bench" runs a subset (names as in the summary).
set -uo pipefail
JAVA=${JAVA:-java}
CP=${CP:-trainer-gpu/target/classes:trainer-gpu/target/test-classes:trainer-gpu/target/gpu-lib/*}
OUT=${OUT:-device-check-out}
mkdir -p "$OUT"
here=$(cd "$(dirname "$0")" && pwd)
JVM=(--add-modules=jdk.incubator.vector -Xmx24g -Djava.io.tmpdir="${TMPDIR:-/tmp}")
declare -A status

run() {  # run <name> <timeout seconds> <command...>
  local name=$1 limit=$2
  shift 2
  if [[ -n ${ONLY:-} && " $ONLY " != *" $name "* ]]; then
    return
  fi
  if [[ $name =~ pingpong|auto|shapes && ${pingpong_ok:-1} != 1 ]]; then
    status[$name]="skipped: the GPU unit tests did not all pass (a ping-pong hang would eat the budget)"
    return
  fi
  local t0=$SECONDS
  echo "=== $name (timeout ${limit}s)"
  timeout -k 5 "$limit" "$@" >"$OUT/$name.log" 2>&1
  local rc=$?
  status[$name]="rc=$rc $((SECONDS - t0))s"
  [[ $rc -eq 124 || $rc -eq 137 ]] && status[$name]+=" TIMEOUT"
  tail -n 5 "$OUT/$name.log"
}

run nvidia-smi 15 nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used,temperature.gpu,power.draw,clocks.sm,clocks.max.sm --format=csv
cp trainer-gpu/target/classes/cuda/ptxas-report.txt "$OUT/" 2>/dev/null
# CP must hold junit-platform-console-standalone (the default's gpu-lib/* does); the java
# launcher expands the * entries, the console launcher's own -cp would not.
run unit-tests 80 "$JAVA" "${JVM[@]}" -Dwinnow.gpu.syncLaunches=true -cp "$CP" org.junit.platform.console.ConsoleLauncher \
  execute --select-package dev.winnow.trainer.gpu --details=tree --disable-banner \
  --disable-ansi-colors --reports-dir "$OUT/junit"
# The ping-pong schedule's measurements only after its tests (WgmmaGemmTest among them) pass.
[[ -z ${status[unit-tests]:-} || ${status[unit-tests]} == "rc=0 "* ]] || pingpong_ok=0
# The whole-model tests again with every product on the ping-pong schedule.
run unit-tests-pingpong 60 "$JAVA" "${JVM[@]}" -Dwinnow.gpu.syncLaunches=true -Dwinnow.gpu.wgmma.schedule=pingpong \
  -cp "$CP" org.junit.platform.console.ConsoleLauncher execute \
  --select-class dev.winnow.trainer.gpu.GpuCpuModelEquivalenceTest --select-class dev.winnow.trainer.gpu.GptStepGpuTest \
  --details=summary --disable-banner --disable-ansi-colors --reports-dir "$OUT/junit-pingpong"
run gemm-bench 55 "$JAVA" "${JVM[@]}" -cp "$CP" dev.winnow.trainer.gpu.GemmBench 20 4096 8192
run wgmma-bench 70 "$JAVA" "${JVM[@]}" -cp "$CP" dev.winnow.trainer.gpu.WgmmaGemmBench 20 4096 8192
run wgmma-shapes 70 "$JAVA" "${JVM[@]}" -cp "$CP" dev.winnow.trainer.gpu.WgmmaGemmBench 10 0 shapes
run torch-matmul 45 python3 "$here/torch_matmul.py" --reps 20 --sizes 4096 8192
# The default step (flash attention on, wgmma GEMM), profiled: per-call and per-kernel
# CUDA-event tables after the timed steps, which they do not change.
run step-bench 70 "$JAVA" "${JVM[@]}" -Dwinnow.gpu.profile=true -cp "$CP" dev.winnow.trainer.gpu.StepBench gpt2-124m 8 10 BF16 989
# The same step with the mma.sync kernels only: the wgmma GEMM's share of the step, same run.
run step-bench-mma 55 "$JAVA" "${JVM[@]}" -Dwinnow.gpu.wgmma=false -cp "$CP" dev.winnow.trainer.gpu.StepBench gpt2-124m 8 10 BF16 989
# The same step keeping the probabilities [B][NH][T][T] instead of log-sum-exps: flash's share.
run step-bench-noflash 55 "$JAVA" "${JVM[@]}" -Dwinnow.gpu.flash=false -cp "$CP" dev.winnow.trainer.gpu.StepBench gpt2-124m 8 10 BF16 989
# Twice the batch: whether fewer, larger launches raise the rate.
run step-bench-b16 55 "$JAVA" "${JVM[@]}" -cp "$CP" dev.winnow.trainer.gpu.StepBench gpt2-124m 16 10 BF16 989
# BASE_CP: another build's classpath (the commit before a change), for a same-run "before".
if [[ -n ${BASE_CP:-} ]]; then
  run step-base 55 "$JAVA" "${JVM[@]}" -Dwinnow.gpu.profile=true -cp "$BASE_CP" dev.winnow.trainer.gpu.StepBench gpt2-124m 8 10 BF16 989
  run step-base-b16 55 "$JAVA" "${JVM[@]}" -cp "$BASE_CP" dev.winnow.trainer.gpu.StepBench gpt2-124m 16 10 BF16 989
fi
# The wgmma schedules (WgmmaGemm.Policy), profiled, and the weight gradients' split-K factor.
for policy in cooperative pingpong auto; do
  run "step-$policy" 55 "$JAVA" "${JVM[@]}" -Dwinnow.gpu.profile=true -Dwinnow.gpu.wgmma.schedule=$policy \
    -cp "$CP" dev.winnow.trainer.gpu.StepBench gpt2-124m 8 10 BF16 989
done
for s in 1 2 4 8; do
  run "step-split$s" 55 "$JAVA" "${JVM[@]}" -Dwinnow.gpu.profile=true -Dwinnow.gpu.weightGradSplits=$s \
    -cp "$CP" dev.winnow.trainer.gpu.StepBench gpt2-124m 8 10 BF16 989
done
run step-auto-b16 55 "$JAVA" "${JVM[@]}" -Dwinnow.gpu.wgmma.schedule=auto -cp "$CP" dev.winnow.trainer.gpu.StepBench gpt2-124m 16 10 BF16 989
run step-auto-b32 70 "$JAVA" "${JVM[@]}" -Dwinnow.gpu.wgmma.schedule=auto -Dwinnow.gpu.arenaBytes=70000000000 \
  -cp "$CP" dev.winnow.trainer.gpu.StepBench gpt2-124m 32 10 BF16 989

{
  echo "==================== GPU backend device check: summary ===================="
  sed -n 2p "$OUT/nvidia-smi.log"
  steps=(nvidia-smi unit-tests unit-tests-pingpong gemm-bench wgmma-bench wgmma-shapes torch-matmul step-bench
    step-bench-mma step-bench-noflash step-bench-b16 step-base step-base-b16 step-cooperative step-pingpong
    step-auto step-split1 step-split2 step-split4 step-split8 step-auto-b16 step-auto-b32)
  for s in "${steps[@]}"; do
    printf '%-12s %s\n' "$s" "${status[$s]:-not run}"
  done
  echo "-- unit tests"
  grep -E "tests (successful|failed|skipped|aborted)" "$OUT/unit-tests.log" | sed 's/^[[:space:]]*//' | tr -s ' ' | paste -sd' ' -
  # failures and errors with their messages, from the JUnit XML report
  python3 - "$OUT/junit/TEST-junit-jupiter.xml" <<'PY' 2>/dev/null || grep -m3 -E "✘|Assumption failed" "$OUT/unit-tests.log"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
bad = 0
for case in root.iter("testcase"):
    for kind in ("failure", "error"):
        for f in case.findall(kind):
            bad += 1
            if bad <= 12:
                msg = " ".join((f.get("message") or f.text or "").split())[:230]
                print(f"FAIL {case.get('classname', '').split('.')[-1]}.{case.get('name')}: {msg}")
if bad > 12:
    print(f"... {bad - 12} more failures, see unit-tests.log")
PY
  grep -m1 "Assumption failed" "$OUT/unit-tests.log"
  grep -E "tests (successful|failed)" "$OUT/unit-tests-pingpong.log" 2>/dev/null | tr -s ' ' | paste -sd' ' - | sed 's/^/ping-pong model tests: /'
  grep -h "^RESULT shape" "$OUT/wgmma-shapes.log" 2>/dev/null
  echo "-- GEMM (median of timed runs; TFLOP/s; relative error vs sampled reference)"
  printf '%-6s %-5s %-4s %-6s %-8s %9s %8s %9s\n' who prec lay size tile ms TFLOP/s relerr
  grep -h "^RESULT gemm\|^RESULT torch" "$OUT/gemm-bench.log" "$OUT/wgmma-bench.log" "$OUT/torch-matmul.log" 2>/dev/null |
    grep -v "burst=10" |
    awk '{who=$2; if (who=="gemm") who="ours"; for(i=1;i<=NF;i++){split($i,kv,"="); v[kv[1]]=kv[2]}
          printf "%-6s %-5s %-4s %-6s %-8s %9s %8s %9s\n", who, $3, $4, $5, (who=="ours" ? v["tile"] : "cuBLAS"), v["median_ms"], v["tflops"], v["relerr"]; delete v}'
  awk '/^RESULT gemm bf16 NT/{for(i=1;i<=NF;i++){split($i,kv,"=");if(kv[1]=="tflops"&&kv[2]+0>o[$5]+0)o[$5]=kv[2]}}
       /^RESULT torch bf16 NT/{for(i=1;i<=NF;i++){split($i,kv,"=");if(kv[1]=="tflops")t[$5]=kv[2]}}
       END{for(s in o) if (t[s]>0) printf "bf16 NT %s: best ours/torch = %.1f%% (target >= 50%%)\n", s, 100*o[s]/t[s]}' \
    <(grep -hv "burst=10" "$OUT/gemm-bench.log" "$OUT/wgmma-bench.log") "$OUT/torch-matmul.log" 2>/dev/null
  echo "(one launch per timed event pair on both sides; wgmma-bench.log also has 10-launch bursts)"
  echo "-- training step (GPT-2 124M, BF16): default, mma.sync only, no flash attention, batch 16;"
  echo "   base build (BASE_CP) b8, b16; wgmma schedule policies; weight gradients split 1/2/4/8; auto b16, b32"
  for s in step-bench step-bench-mma step-bench-noflash step-bench-b16 step-base step-base-b16 step-cooperative \
      step-pingpong step-auto step-split1 step-split2 step-split4 step-split8 \
      step-auto-b16 step-auto-b32; do
    printf '%-18s ' "$s"
    grep -h "^RESULT step" "$OUT/$s.log" 2>/dev/null || tail -n 1 "$OUT/$s.log" 2>/dev/null || echo "not run"
  done
  grep -hE "skipped:|Exception|Error" "$OUT"/gemm-bench.log "$OUT"/torch-matmul.log 2>/dev/null | head -4
  grep -hE "Exception|Error" "$OUT"/step-bench*.log 2>/dev/null | head -3
} | tee "$OUT/summary.txt"
