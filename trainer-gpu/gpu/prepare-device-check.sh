#!/usr/bin/env bash
# Run on the build machine (with nvcc) from the repository root before a device check:
# compiles trainer-gpu (kernels included) and its tests, and gathers the jars the device script
# needs in trainer-gpu/target/gpu-lib. Then carry trainer-gpu/target to the device machine and
# run trainer-gpu/gpu/device-check.sh there (CP defaults to the layout made here).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -o -q -pl trainer-gpu test-compile
lib=trainer-gpu/target/gpu-lib
rm -rf "$lib"
mkdir -p "$lib"
# Without the Parquet/Hadoop stack (the loader's; no GPU class or test needs it): it would take
# the carried tree past the device tool's 64 MiB.
mvn -B -o -q -pl trainer-gpu dependency:copy-dependencies -DincludeScope=runtime \
  -DexcludeGroupIds=org.apache.hadoop,org.apache.parquet,com.github.luben,org.xerial.snappy,org.locationtech.jts,io.airlift,commons-pool,commons-logging \
  -DoutputDirectory="$PWD/$lib"
# (|| true: a fresh ~/.m2 has no such folder, and find's failure would end the script here)
console=$(find "${HOME}/.m2/repository/org/junit/platform/junit-platform-console-standalone" \
  -name 'junit-platform-console-standalone-1.14.4.jar' 2>/dev/null | head -1 || true)
if [[ -z $console ]]; then
  mvn -B -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.4 \
    -DoutputDirectory="$PWD/$lib"
else
  cp "$console" "$lib/"
fi
test -f trainer-gpu/target/classes/cuda/gemm_bf16.fatbin || {
  echo "kernels missing: $(cat trainer-gpu/target/classes/cuda/SKIPPED 2>/dev/null)" >&2
  exit 1
}
echo "ready: carry trainer-gpu/target ($(du -sh trainer-gpu/target | cut -f1)); jars:"
ls "$lib"
echo "CP=trainer-gpu/target/classes:trainer-gpu/target/test-classes:$lib/*"
