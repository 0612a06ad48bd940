#!/usr/bin/env bash
# Language ID, Winnow vs CLD2 (MT-NLG's detector), back to back on the same files and machine,
# one thread each, fastest of 5 timed passes. Figures go to docs/benchmarks.md.
#   bench/lid-compare.sh [DATA_DIR]      # DATA_DIR holds lid/ (default ../shared/data)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(cd "${1:-$root/../shared/data}" && pwd)
echo "== machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | sed -n 1p), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== winnow"
"$root/bin/winnow" bench lid --data "$data" --passes 5
echo "== cld2"
"$root/bench/cld2/run.sh" --docs10k --passes 5 "$data/lid/lid_lingua_sentences.tsv.gz" \
  | grep -E '^(detector|lines|accuracy|english_[a-z_]+|mb_per_s|docs_10k|mb_per_s_10k_docs|accuracy_10k_docs):'
