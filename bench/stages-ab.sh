#!/usr/bin/env bash
# Two builds of Winnow on the same stages of one run folder, alternating, a fresh JVM per run:
# per-stage seconds, the run JVM's CPU seconds, and each stage's output fingerprint (row counts and
# settings; compare contents separately). The stages before --from must be committed in the run
# folder; the stages from --from to --to are deleted before every run so that each side computes
# them. A summary per stage ends the output (medians, new/base, fingerprints compared). Figures go
# to docs/benchmarks.md.
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
results=$(mktemp); trap 'rm -f "$results"' EXIT
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
      line=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print('fingerprint', m['outputFingerprint'][:16], 'ms', m['elapsedMs'])" "$m")
      echo "  $s: $line"
      echo "$side $s $line" >> "$results"
    done
  done
done
# Per stage: each side's seconds, medians, new/base, the rounds new was faster in, and whether the
# outputs' fingerprints agree (a change meant to be output-neutral must keep them).
python3 - "$results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    side, stage, _, fp, _, ms = line.split()
    runs.setdefault(stage, {"base": [], "new": []})[side].append((int(ms) / 1000, fp))
print("== summary (stage seconds, rounds in order)")
for stage, sides in runs.items():
    base = [t for t, _ in sides["base"]]
    new = [t for t, _ in sides["new"]]
    faster = sum(n < b for b, n in zip(base, new))
    prints = {fp for side in sides.values() for _, fp in side}
    print(f"  {stage}: base {' / '.join(f'{t:.1f}' for t in base)}, new {' / '.join(f'{t:.1f}' for t in new)};"
          f" medians {statistics.median(base):.1f} -> {statistics.median(new):.1f}"
          f" (new/base {statistics.median(new) / statistics.median(base):.3f}); new faster in {faster} of {len(new)};"
          f" fingerprints {'the same' if len(prints) == 1 else 'DIFFER: ' + ', '.join(sorted(prints))}")
PY
