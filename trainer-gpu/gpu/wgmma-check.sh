#!/usr/bin/env bash
# Device check of the wgmma GEMM (gemm_wgmma.cu, WgmmaGemm), run from the repository root on an
# H100/H200: SASS instruction counts, WgmmaGemmTest, WgmmaGemmBench (wgmma in each layout, the
# mma.sync NT kernel, NT diagnostics), torch.matmul in the same run, then GPT-2 124M's products
# on both kernels. A kernel that hangs stops the check at
# the test step. Environment: JAVA, CP (classes, test-classes, jcuda + junit console jars),
# FATBIN (gemm_wgmma.fatbin), TORCH_PY (torch_matmul.py), OUT (log folder).
set -uo pipefail
JAVA=${JAVA:-java}
OUT=${OUT:-wgmma-check-out}
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,power.draw,temperature.gpu \
  --format=csv,noheader
if command -v cuobjdump >/dev/null && [[ -n ${FATBIN:-} ]]; then
  cuobjdump -sass "$FATBIN" >"$OUT/wgmma.sass" 2>&1
  echo "SASS per kernel (HGMMA, LDGSTS, SYNCS, LDL/STL):"
  awk '/Function :/{f=$3} /HGMMA/{h[f]++} /LDGSTS/{l[f]++} /SYNCS/{s[f]++} /LDL|STL/{x[f]++}
       END{for (k in h) printf "  %s HGMMA=%d LDGSTS=%d SYNCS=%d LDL/STL=%d\n", k, h[k], l[k], s[k], x[k]}' \
    "$OUT/wgmma.sass"
fi
timeout -k 5 60 "$JAVA" -Dwinnow.gpu.syncLaunches=true -cp "$CP" \
  org.junit.platform.console.ConsoleLauncher execute \
  --select-class dev.winnow.trainer.gpu.WgmmaGemmTest --details=tree --disable-banner \
  --disable-ansi-colors >"$OUT/test.log" 2>&1
rc=$?
echo "WgmmaGemmTest rc=$rc"
grep -E "✔|✘|tests (successful|failed|skipped)|relative error|Assumption|Exception" "$OUT/test.log" | head -30
if [[ $rc -eq 124 || $rc -eq 137 ]]; then
  echo "test timed out (kernel hang?): bench skipped"
  exit 1
fi
timeout -k 5 90 "$JAVA" -Xmx24g -cp "$CP" dev.winnow.trainer.gpu.WgmmaGemmBench 20 4096 8192 \
  >"$OUT/bench.log" 2>&1
echo "WgmmaGemmBench rc=$?"
timeout -k 5 60 python3 "${TORCH_PY:-trainer-gpu/gpu/torch_matmul.py}" --reps 20 --sizes 4096 8192 \
  >"$OUT/torch.log" 2>&1
echo "torch rc=$?"
# torch.matmul bf16 NT also timed as 10 back-to-back launches per event pair (burst=10), after
# 200 ms of warm-up, like WgmmaGemmBench's burst timing.
timeout -k 5 45 python3 - >"$OUT/torch-burst.log" 2>&1 <<'PY'
import statistics, time, torch
for size in (4096, 8192):
    a = torch.rand(size, size, device="cuda").mul_(2).sub_(1).bfloat16()
    bt = torch.rand(size, size, device="cuda").mul_(2).sub_(1).bfloat16().t()
    t0 = time.time()
    while time.time() - t0 < 0.2:
        c = a @ bt
    torch.cuda.synchronize()
    ms = []
    for _ in range(20):
        s = torch.cuda.Event(enable_timing=True); e = torch.cuda.Event(enable_timing=True)
        s.record()
        for _ in range(10):
            c = a @ bt
        e.record(); e.synchronize()
        ms.append(s.elapsed_time(e) / 10)
    med = statistics.median(ms)
    print(f"RESULT torch bf16 NT {size} median_ms={med:.3f} min_ms={min(ms):.3f} max_ms={max(ms):.3f} "
          f"tflops={2.0 * size ** 3 / (med * 1e-3) / 1e12:.1f} relerr=nan reps=20 burst=10")
PY
echo "torch burst rc=$?"
timeout -k 5 60 "$JAVA" -Xmx24g -cp "$CP" dev.winnow.trainer.gpu.WgmmaGemmBench 10 0 shapes \
  >"$OUT/shapes.log" 2>&1
echo "WgmmaGemmBench shapes rc=$?"
grep -hE "^device|skipped|Exception" "$OUT/bench.log" "$OUT/shapes.log" | head -5
grep -h "^RESULT shape" "$OUT/shapes.log" | awk '{for(i=4;i<=NF;i++){split($i,kv,"="); v[kv[1]]=kv[2]}
  printf "shape %-3s %6s %6s %6s  wgmma %7s ms %6s TF   mma %7s ms %6s TF (%s)\n", $3, v["m"], v["n"], v["k"],
    v["wgmma_ms"], v["wgmma_tflops"], v["mma_ms"], v["mma_tflops"], v["mma_tile"]; delete v}'
grep -h "^RESULT" "$OUT/bench.log" "$OUT/torch.log" "$OUT/torch-burst.log" | grep -v " fp32 " |
  awk '{for(i=1;i<=NF;i++){split($i,kv,"="); v[kv[1]]=kv[2]}
        printf "%-6s %-3s %-5s %-18s %-2s %8s %8s %9s\n", $2, $4, $5, ($2=="torch" ? "cuBLAS" : v["tile"]),
          (v["burst"]=="" ? 1 : v["burst"]), v["median_ms"], v["tflops"], v["relerr"]; delete v}'
