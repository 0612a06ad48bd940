#!/usr/bin/env bash
# Two builds of Winnow on the fuzzy-dedup bench (`bin/winnow bench dedup`), alternating, a fresh JVM
# per run: the stage's seconds and phases, its counts (the same on both sides when the output is),
# and the shuffle bytes of the whole run from Spark's event log. Figures go to docs/benchmarks.md.
#   bench/dedup-ab.sh BASE_TREE CORPUS.jsonl [ROUNDS]
#   BASE_TREE: another checkout, built (e.g. git worktree add /tmp/base HEAD && (cd /tmp/base &&
#   mvn -q -o package -DskipTests)); this checkout is "new". CORPUS: e.g. from
#   `bin/winnow bench neardup-corpus --docs 100000 --seed 1 --out gen100k.jsonl`.
set -euo pipefail
base=$(cd "$1" && pwd); corpus=$(realpath "$2"); rounds=${3:-2}
new=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "== $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | sed -n 1p), $(date -u +%FT%TZ)," \
  "base $(git -C "$base" rev-parse --short HEAD), new $(git -C "$new" rev-parse --short HEAD)$(git -C "$new" diff --quiet || echo '+changes')"
echo "== corpus $corpus"
for r in $(seq 1 "$rounds"); do
  for side in base new; do
    tree=$base; [ "$side" = new ] && tree=$new
    events="$scratch/events-$side-$r"; mkdir -p "$events"
    echo "### round $r $side"
    (cd "$tree" && bin/winnow bench dedup --data "$corpus" --work "$scratch/work-$side-$r" \
      --set 'spark.conf."spark.eventLog.enabled"=true' --set "spark.conf.\"spark.eventLog.dir\"=\"file://$events\"" 2>&1 \
      | sed -n '/^warm-up/,/not counted)$/d; /fuzzy-dedup: in /,/candidate_edges/p')
    "$new/bench/eventlog-shuffle.py" "$events"
    rm -rf "$scratch/work-$side-$r"
  done
done
