#!/usr/bin/env bash
# Two builds of Winnow on the same stages of one run folder, alternating, a fresh JVM per run:
# per-stage seconds, the run JVM's CPU seconds, and each stage's output fingerprint (row counts and
# settings; compare contents separately). The stages before --from must be committed in the run
# folder; the stages from --from to --to are deleted before every run so that each side computes
# them. Figures go to docs/benchmarks.md.
#   bench/stages-ab.sh BASE_TREE CONFIG FROM TO [ROUNDS]
#   BASE_TREE: another checkout, built (e.g. git worktree add /tmp/base HEAD && (cd /tmp/base &&
#   mvn -q -o package -DskipTests)); this checkout is "new". CONFIG: the run's config file.
set -euo pipefail
base=$(cd "$1" && pwd); config=$2; from=$3; to=$4; rounds=${5:-2}
new=$(cd "$(dirname "$0")/.." && pwd)
run=$(sed -n 's/^ *run-dir *= *"\(.*\)"/\1/p' "$config" | head -1)
stages=$(sed -n 's/^ *stages *= *\[\(.*\)\]/\1/p' "$config" | head -1 | tr -d ' ' | tr ',' '\n' \
  | awk -v from="$from" -v to="$to" '$0 == from { on = 1 } on { print } $0 == to { on = 0 }')
echo "== $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | sed -n 1p), $(date -u +%FT%TZ)," \
  "base $(git -C "$base" rev-parse --short HEAD), new $(git -C "$new" rev-parse --short HEAD)$(git -C "$new" diff --quiet || echo '+changes')"
echo "== stages: $(echo $stages)"
for r in $(seq 1 "$rounds"); do
  for side in base new; do
    tree=$base; [ "$side" = new ] && tree=$new
    for s in $stages; do rm -rf "$run"/stages/[0-9][0-9]-"$s" "$run/rejected/$s"; done
    rm -rf "$run/models"
    echo "### round $r $side"
    (cd "$tree" && WINNOW_JAVA_OPTS="${WINNOW_JAVA_OPTS:--Xmx8g}" /usr/bin/time -f "run JVM: cpu %U s user, %S s sys, %e s wall" \
      bin/winnow run --config "$config" --from "$from" --to "$to" 2>&1 \
      | grep -E "^ +[a-z-]+: in |^run JVM|collect_ms" | sed -E 's/ \([a-z-]+:[^)]*\)//')
    for s in $stages; do
      m=$(ls -d "$run"/stages/[0-9][0-9]-"$s")/_STAGE.json
      echo "  $s: $(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print('fingerprint', m['outputFingerprint'][:16], 'ms', m['elapsedMs'])" "$m")"
    done
  done
done
