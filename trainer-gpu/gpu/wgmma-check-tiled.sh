#!/usr/bin/env bash
# Device check of the experimental tiled wgmma kernel (pre-tiled operands, cp.async.bulk, B
# multicast in 2-block clusters; not yet run on a GPU): its tests first under a short timeout (a
# wrong barrier count hangs), then the quick bench (wgmma NT next to the tiled kernel in every
# layout) and torch.matmul. Environment as for wgmma-check.sh (JAVA, CP, TORCH_PY, OUT).
set -uo pipefail
OUT=${OUT:-wgmma-check-out}
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,clocks.sm,power.draw,temperature.gpu --format=csv,noheader
timeout -k 5 30 "$JAVA" -Dwinnow.gpu.syncLaunches=true -Dwinnow.gpu.wgmmaTiled=true -cp "$CP" \
  org.junit.platform.console.ConsoleLauncher execute \
  --select-method dev.winnow.trainer.gpu.WgmmaGemmTest#tiledOperandsInClusters \
  --details=tree --disable-banner --disable-ansi-colors >"$OUT/test.log" 2>&1
rc=$?
echo "tiled test rc=$rc"
grep -E "✔|✘|tests (successful|failed)|relative error|Exception|expected" "$OUT/test.log" | head -20
[[ $rc -eq 124 || $rc -eq 137 ]] && { echo "hang: stop"; exit 1; }
timeout -k 5 60 "$JAVA" -Xmx24g -cp "$CP" dev.winnow.trainer.gpu.WgmmaGemmBench 20 4096 8192 quick tiled \
  >"$OUT/bench.log" 2>&1
echo "bench rc=$?"
timeout -k 5 40 python3 "${TORCH_PY:-trainer-gpu/gpu/torch_matmul.py}" --reps 20 --sizes 4096 8192 >"$OUT/torch.log" 2>&1
echo "torch rc=$?"
grep -hE "^pack|Exception|at dev" "$OUT/bench.log" | head -8
grep -h "^RESULT" "$OUT/bench.log" "$OUT/torch.log" | grep -v " fp32 " | awk '{print $2,$4,$5,$6,$7,$10,$11,$13}'
