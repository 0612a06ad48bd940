#!/usr/bin/env bash
# Compiles every *.cu here into a fatbin (Hopper machine code plus compute_90 PTX that the
# driver can JIT for newer GPUs) under the given output folder, for CudaKernels to load with
# cuModuleLoadData. Without nvcc it writes the reason to <out>/SKIPPED and exits 0, so the build
# and the tests still run; the GPU tests then report the reason.
#   build-kernels.sh <cuda source dir> <output dir>
# Environment: NVCC (compiler path), CUDA_ARCH_FLAGS (override the -gencode list).
set -euo pipefail
src=$1
out=$2
mkdir -p "$out"
rm -f "$out/SKIPPED"

nvcc=${NVCC:-}
if [[ -z $nvcc ]]; then
  for c in "$(command -v nvcc || true)" "${CUDA_HOME:-/nonexistent}/bin/nvcc" /usr/local/cuda/bin/nvcc; do
    if [[ -n $c && -x $c ]]; then nvcc=$c; break; fi
  done
fi
if [[ -z $nvcc ]]; then
  echo "nvcc not found (PATH, \$CUDA_HOME/bin, /usr/local/cuda/bin): kernels not built" | tee "$out/SKIPPED"
  exit 0
fi

# sm_90 machine code (no sm_90a: the kernels use mma.sync/ldmatrix/cp.async, not wgmma, and
# sm_90a code would not run on later GPUs) + compute_90 PTX as the JIT fallback.
arch=${CUDA_ARCH_FLAGS:-"-gencode=arch=compute_90,code=sm_90 -gencode=arch=compute_90,code=compute_90"}
# A file whose first line is "// build-kernels: sm_90a" uses Hopper-only instructions (wgmma):
# sm_90a machine code alone (its PTX could not run elsewhere either); the loader checks the GPU.
arch_sm90a=${CUDA_ARCH_FLAGS_SM90A:-"-gencode=arch=compute_90a,code=sm_90a"}
report="$out/ptxas-report.txt"
: >"$report.new"
status=0
for cu in "$src"/*.cu; do
  name=$(basename "$cu" .cu)
  fatbin="$out/$name.fatbin"
  # Rebuild when the source or any shared header is newer than the fatbin.
  if [[ -f $fatbin && -f $report && $fatbin -nt $cu ]] && ! find "$src" -name '*.cuh' -newer "$fatbin" | grep -q .; then
    sed -n "/^== $name\$/,/^== end $name\$/p" "$report" >>"$report.new"
    continue
  fi
  echo "nvcc: $name.cu -> $fatbin"
  {
    echo "== $name"
    # shellcheck disable=SC2086
    flags=$arch
    if [[ $(head -n 1 "$cu") == "// build-kernels: sm_90a" ]]; then flags=$arch_sm90a; fi
    "$nvcc" -std=c++17 -O3 -lineinfo $flags -Xptxas -v -fatbin -o "$fatbin" "$cu" 2>&1 || status=$?
    echo "== end $name"
  } >>"$report.new"
done
mv "$report.new" "$report"
if [[ $status -ne 0 ]]; then
  cat "$report" >&2
  echo "nvcc failed" >&2
  exit $status
fi
if grep -E "bytes spill (stores|loads)" "$report" | grep -vq " 0 bytes spill stores, 0 bytes spill loads"; then
  echo "WARNING: ptxas reports register spills, see $report" >&2
fi
echo "kernels built with $("$nvcc" --version | tail -1); ptxas report: $report"
