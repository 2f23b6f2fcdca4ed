#!/usr/bin/env bash
# The UMAP filter against umap-learn (Debian package umap-learn) on Fashion-MNIST (Debian package
# dataset-fashion-mnist), all measured in this one run on this machine: fit on the training images,
# transform the test images, umap-learn's defaults for both (n_neighbors 15, min_dist 0.1,
# Euclidean on raw grey levels, 2 components).
#
#   src/bench/umap_fashion.sh              60k training images
#   ROWS=10k src/bench/umap_fashion.sh     the first 10k
#   QUICK=1 src/bench/umap_fashion.sh      smoke test: 500 training and 500 test images
#
# Times exclude loading the data (ARFF for Weka, IDX for Python) and include everything else a user
# waits for (the JVM's JIT, numba's compilation on first use). Quality is computed the same way for
# every scheme by src/bench/umap_quality.py (scikit-learn): 5-NN accuracy of the test embedding with
# the training embedding as the classifier's data, and trustworthiness (k = 10) of the first 5,000
# training and test points. Peak memory is the process's peak resident set; our JVM runs with a
# 4 GB heap (-Xmx4g). Our first fit also draws the embedding as $out/ours-fashion<rows>.png (about
# 0.3 s). Prints a Markdown table.
#
# Threads: ours (seeded, -S 1) runs on THREADS threads (default: all cores; -num-threads and
# -Dfundamentos.threads) and on one thread; umap-learn runs seeded (random_state=1: single-threaded,
# its documented behaviour; NUMBA_NUM_THREADS=1) and unseeded (not reproducible) on THREADS threads
# (NUMBA_NUM_THREADS). "total / ours" divides by ours at the same thread count.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
rows=${ROWS:-$(quick 500 60k)}
bench_begin src/bench/umap_fashion.sh THREADS ROWS FASHION_TEST_ROWS QUICK
bench_tools java weka fundamentos python umap sklearn
bench_install
n=$(fashion_n "$rows")
train=$(fashion_train "$rows")
test=$(fashion_test)
out=$BENCH_DIR/umap
mkdir -p "$out"

declare -A ours # threads -> our total seconds

row() { # label threads fit transform peak train.csv test.csv
  local total quality accuracy t_train t_test
  if ! number "$3" || ! number "$4"; then
    emit "| $rows | $1 | $2 | failed | | | | | | | |"
    return
  fi
  total=$(awk -v a="$3" -v b="$4" 'BEGIN { printf "%.1f", a + b }')
  [[ -n "${ours[$2]:-}" ]] || ours[$2]=$total
  quality=$(threads "$THREADS" "$PYTHON" src/bench/umap_quality.py "$n" "$6" "$7" "$FASHION_TEST_ROWS" \
    || echo "- - -")
  read -r accuracy t_train t_test <<<"$quality"
  emit "| $rows | $1 | $2 | $3 | $4 | $total | $(ratio "$total" "${ours[$2]}") | $accuracy | $t_train | $t_test | $5 |"
}

ours_row() { # threads [more options]
  local fit="" transform="" peak=""
  rm -f "$out/ours-train.csv" "$out/ours-test.csv"
  read -r fit transform peak <<<"$(bench_java "$1" -Xmx4g src/bench/UmapBenchmark.java \
    "-S 1 -num-threads $1 ${2:-}" "$train" "$test" "$out/ours-train.csv" "$out/ours-test.csv" \
    | tail -n 1 || true)"
  row "fundamentos UMAP (-S 1)" "$1" "$fit" "$transform" "$peak" "$out/ours-train.csv" \
    "$out/ours-test.csv"
}

learn_row() { # threads seed label
  local fit="" transform="" peak=""
  rm -f "$out/umap-learn-train.csv" "$out/umap-learn-test.csv"
  read -r fit transform peak <<<"$(threads "$1" "$PYTHON" src/bench/umap_learn_fashion.py "$n" "$2" \
    "$out/umap-learn-train.csv" "$out/umap-learn-test.csv" "$FASHION_TEST_ROWS" \
    | tail -n 1 || true)"
  row "umap-learn $(py_version umap-learn) ($3)" "$1" "$fit" "$transform" "$peak" \
    "$out/umap-learn-train.csv" "$out/umap-learn-test.csv"
}

emit "| training rows | scheme | threads | fit (s) | transform test (s) | total (s) | total / ours | 5-NN accuracy | trustworthiness train | trustworthiness test | peak memory (MB) |"
emit "|---|---|---|---|---|---|---|---|---|---|---|"
ours_row "$THREADS" "-plot $out/ours-fashion$rows.png"
if [[ "$THREADS" != 1 ]]; then
  ours_row 1
fi
learn_row 1 1 "random_state=1"
learn_row "$THREADS" none "no seed"
