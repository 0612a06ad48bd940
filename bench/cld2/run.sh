#!/usr/bin/env bash
# Benchmark-only: builds bench/cld2/cld2_lid.cc against Debian's CLD2 (full
# tables) and scores it on labelled LID TSV files. Not part of the Maven build.
#
# usage: bench/cld2/run.sh [--docs10k] [--strip-controls] [--passes N] [FILE.tsv[.gz] ...]
# Default files: ../shared/data/lid/{lid_lingua_sentences,lid_lingua_word_pairs,
#                lid_debian_manpages}.tsv.gz relative to the repository root.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
build_dir="$here/target"
bin="$build_dir/cld2_lid"

# --- dependencies ----------------------------------------------------------
need_pkgs=()
dpkg -s libcld2-dev >/dev/null 2>&1 || need_pkgs+=(libcld2-dev)
dpkg -s zlib1g-dev  >/dev/null 2>&1 || need_pkgs+=(zlib1g-dev)
command -v g++ >/dev/null 2>&1     || need_pkgs+=(g++)
if ((${#need_pkgs[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "run.sh: missing ${need_pkgs[*]}; run as root or: sudo apt-get install -y ${need_pkgs[*]}" >&2
    exit 1
  fi
  apt-get install -y "${need_pkgs[@]}" >&2 || { apt-get update >&2 && apt-get install -y "${need_pkgs[@]}" >&2; }
fi
if [[ ! -e /usr/lib/x86_64-linux-gnu/libcld2_full.so && -z "$(ldconfig -p | grep -F libcld2_full.so || true)" ]]; then
  echo "run.sh: libcld2_full.so not found (expected from Debian's libcld2-dev)" >&2
  exit 1
fi

# --- build -------------------------------------------------------------------
# --no-as-needed + libcld2_full before libcld2: the executable references no
# symbol of libcld2_full directly, but it must be loaded (and searched first)
# so its full-size scoring tables interpose the small tables in libcld2.so.
mkdir -p "$build_dir"
if [[ ! -x "$bin" || "$here/cld2_lid.cc" -nt "$bin" || "$0" -nt "$bin" ]]; then
  g++ -O2 -std=c++17 -Wall -o "$bin" "$here/cld2_lid.cc" \
      -Wl,--no-as-needed -lcld2_full -lcld2 -Wl,--as-needed -lz
fi

# --- arguments ---------------------------------------------------------------
opts=()
files=()
while (($# > 0)); do
  case "$1" in
    --docs10k|--strip-controls) opts+=("$1"); shift ;;
    --passes|--name) opts+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) files+=("$1"); shift ;;
  esac
done
if ((${#files[@]} == 0)); then
  data_dir="$(cd "$repo_root/.." && pwd)/shared/data/lid"
  files=("$data_dir/lid_lingua_sentences.tsv.gz"
         "$data_dir/lid_lingua_word_pairs.tsv.gz"
         "$data_dir/lid_debian_manpages.tsv.gz")
fi

# --- run, one file at a time (measurements must not overlap) -----------------
echo "# uptime: $(uptime)"
for f in "${files[@]}"; do
  if [[ "$f" != "-" && ! -r "$f" ]]; then
    echo "run.sh: cannot read $f" >&2
    exit 1
  fi
  echo "## file: $f"
  "$bin" ${opts[@]+"${opts[@]}"} "$f"
done
