#!/usr/bin/env bash
# Compares what two revisions' importers write for every corpus folder.
#
#   tests/ci/compare_imports.sh BASE [HEAD]      (HEAD defaults to the work tree)
#
# Each revision is built in release mode (a git worktree for a commit, the work tree
# itself for "worktree"), then each folder of ../shared/corpus is imported alone into
# target/compare-imports/<rev>/<folder>. The spec YAML of both is compared byte for
# byte; reports are not compared (they may gain findings). Prints one line per folder
# that differs and the files that differ, then a summary; exits 1 when any differ.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
shared=${SHARED:-$root/../shared}
base=${1:?usage: compare_imports.sh BASE [HEAD]}
head=${2:-worktree}
out=$root/target/compare-imports

build() { # rev -> path of its codegen binary
  local rev=$1
  if [ "$rev" = worktree ]; then
    cargo build -q --release -p hwcloud-codegen-cli >&2
    echo "$root/target/release/codegen"
    return
  fi
  local tree=$out/trees/$rev
  if [ ! -d "$tree" ]; then
    git worktree add -q --detach "$tree" "$rev" >&2
  fi
  (cd "$tree" && CARGO_TARGET_DIR="$out/target-rev" cargo build -q --release -p hwcloud-codegen-cli >&2)
  cp "$out/target-rev/release/codegen" "$out/codegen-$rev"
  echo "$out/codegen-$rev"
}

import_all() { # binary label
  local bin=$1 label=$2
  rm -rf "${out:?}/$label"
  mkdir -p "$out/$label"
  for dir in "$shared"/corpus/*/; do
    local folder
    folder=$(basename "$dir")
    mkdir -p "$out/$label/$folder"
    "$bin" import --out "$out/$label/$folder/spec" "$dir" > "$out/$label/$folder/report.txt" 2>&1 || true
  done
}

mkdir -p "$out"
base_bin=$(build "$base")
head_bin=$(build "$head")
import_all "$base_bin" base
import_all "$head_bin" head

differ=0 same=0
for dir in "$out"/base/*/; do
  folder=$(basename "$dir")
  if diff -rq "$out/base/$folder/spec" "$out/head/$folder/spec" > "$out/$folder.diff" 2>&1; then
    same=$((same + 1))
    rm -f "$out/$folder.diff"
  else
    differ=$((differ + 1))
    echo "$folder: $(wc -l < "$out/$folder.diff") file(s) differ"
    sed 's/^/  /' "$out/$folder.diff" | head -n 20
  fi
done
echo "$same folder(s) identical, $differ differ ($base -> $head)"
[ "$differ" -eq 0 ]
