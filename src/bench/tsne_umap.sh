#!/usr/bin/env bash
# The course's claim (section 5.2: UMAP is faster than t-SNE and keeps the classes as well) measured
# on this machine in one run: the package's UMAP filter, the package's TSNE filter (Smile's exact
# t-SNE) and scikit-learn's TSNE (Barnes-Hut) on (a) the 8 x 8 digits (scikit-learn's copy, all
# 1,797 images) and (b) the first ROWS Fashion-MNIST training images (Debian package
# dataset-fashion-mnist).
#
#   src/bench/tsne_umap.sh                  digits and 10,000 Fashion-MNIST images
#   ROWS=2000 src/bench/tsne_umap.sh        digits and 2,000 Fashion-MNIST images
#   QUICK=1 src/bench/tsne_umap.sh          smoke test: 500 rows of each
#
# Settings: both t-SNEs use perplexity 30, 2 components, PCA to 50 components first (the filter's
# -pca 50 default, sklearn's PCA in sklearn_tsne.py) and 1,000 iterations; seed 1. Our TSNE keeps
# its other defaults (learning rate 200, random start), scikit-learn its own (Barnes-Hut, angle 0.5,
# learning rate "auto", PCA start). UMAP runs with its defaults (15 neighbours, min_dist 0.1) on the
# raw pixels, seed 1. Smile's t-SNE is exact, O(n^2) time and 24 n^2 bytes: at the default 10,000
# rows it took 510 s and 3.1 GB here, inside the 4 GB heap (-Xmx4g) our JVM runs with.
#
# Times exclude loading the data and include everything else a user waits for (the JVM's JIT, the
# PCA). Quality is computed the same way for every embedding by src/bench/embedding_quality.py
# (scikit-learn): trustworthiness (k = 10) against the original pixels over all rows, and
# leave-one-out 5-NN accuracy in the embedding. Peak memory is the process's peak resident set.
# Our filters also draw the digits as $out/umap-digits.png and $out/tsne-digits.png (-plot).
# Prints a Markdown table.
#
# Threads: every tool gets THREADS threads (default: all cores): UMAP -num-threads and
# -Dfundamentos.threads; Smile's t-SNE runs its loops on Java's common fork-join pool, sized to
# THREADS - 1 workers plus the calling thread; scikit-learn n_jobs and OMP_NUM_THREADS (`threads`).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
rows=${ROWS:-$(quick 500 10000)}
digits=$(quick 500 1797)
bench_begin src/bench/tsne_umap.sh THREADS ROWS QUICK
bench_tools java weka fundamentos python sklearn
bench_install
out=$BENCH_DIR/tsne-umap
mkdir -p "$out"
[[ -s "$out/digits$digits.arff" ]] || "$PYTHON" src/bench/tsne_umap_data.py "$digits" "$out/digits$digits.arff"
fashion=$(fashion_train "$rows")
pool=-Djava.util.concurrent.ForkJoinPool.common.parallelism=$((THREADS > 1 ? THREADS - 1 : 1))

row() { # data rows scheme seconds peak embedding.csv
  local quality=""
  if ! number "$4"; then
    emit "| $1 | $(thousands "$2") | $3 | $THREADS | failed | | | |"
    return
  fi
  quality=$(threads "$THREADS" "$PYTHON" src/bench/embedding_quality.py "$1" "$2" "$6" || echo "- -")
  read -r trust accuracy <<<"$quality"
  emit "| $1 | $(thousands "$2") | $3 | $THREADS | $4 | $trust | $accuracy | $5 |"
}

ours() { # data rows arff filter-class scheme options
  local csv=$out/$1-$4.csv fit="" transform="" peak=""
  rm -f "$csv"
  read -r fit transform peak <<<"$(bench_java "$THREADS" -Xmx4g "$pool" -Dbench.filter="$4" \
    src/bench/UmapBenchmark.java "$6" "$3" - "$csv" - | tail -n 1 || true)"
  row "$1" "$2" "$5" "$fit" "$peak" "$csv"
}

theirs() { # data rows
  local csv=$out/$1-sklearn.csv seconds="" peak=""
  rm -f "$csv"
  read -r seconds peak <<<"$(threads "$THREADS" "$PYTHON" src/bench/sklearn_tsne.py "$1" "$2" \
    "$THREADS" "$csv" | tail -n 1 || true)"
  row "$1" "$2" "scikit-learn $(py_version scikit-learn) TSNE (Barnes-Hut)" "$seconds" "$peak" "$csv"
}

filters=weka.filters.unsupervised.attribute
emit "| data | rows | scheme | threads | time (s) | trustworthiness (k = 10) | 5-NN accuracy (leave-one-out) | peak memory (MB) |"
emit "|---|---|---|---|---|---|---|---|"
for data in digits fashion; do
  if [[ $data == digits ]]; then n=$digits arff=$out/digits$digits.arff; else n=$rows arff=$fashion; fi
  plot() { [[ $data == digits ]] && echo "-plot $out/$1-digits.png" || true; }
  ours "$data" "$n" "$arff" "$filters.UMAP" "fundamentos UMAP (-S 1)" "-S 1 -num-threads $THREADS $(plot umap)"
  ours "$data" "$n" "$arff" "$filters.TSNE" "fundamentos TSNE (Smile exact, -S 1)" "-S 1 -method exact $(plot tsne)"
  theirs "$data" "$n"
done
