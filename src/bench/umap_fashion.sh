#!/usr/bin/env bash
# The UMAP filter against umap-learn (Debian package umap-learn) on Fashion-MNIST (Debian package
# dataset-fashion-mnist), all measured in this one run on this machine: fit on the training images,
# transform the 10,000 test images, umap-learn's defaults for both (n_neighbors 15, min_dist 0.1,
# Euclidean on raw grey levels, 2 components).
#
#   src/bench/umap_fashion.sh              60k training images
#   ROWS=10k src/bench/umap_fashion.sh     the first 10k
#
# Times exclude loading the data (ARFF for Weka, IDX for Python) and include everything else a user
# waits for (the JVM's JIT, numba's compilation on first use). Quality is computed the same way for
# every scheme by src/bench/umap_quality.py (scikit-learn): 5-NN accuracy of the test embedding with
# the training embedding as the classifier's data, and trustworthiness (k = 10) of the first 5,000
# training and test points. Peak memory is the process's peak resident set; our JVM runs with a
# 4 GB heap (-Xmx4g). Our fit also draws the embedding as $out/ours-fashion<rows>.png (about 0.3 s). umap-learn runs seeded (random_state=1: one thread, its documented behaviour)
# and unseeded (all cores, not reproducible). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/weka-env.sh
install_package >/dev/null
python3 src/bench/fashion_to_arff.py --out target/bench >/dev/null
rows=${ROWS:-60k}
n=$([[ $rows == 10k ]] && echo 10000 || echo 60000)
out=target/bench/umap
mkdir -p "$out"

quality() { /usr/bin/python3 src/bench/umap_quality.py "$n" "$1" "$2"; }

ours_total=""
row() { # label fit transform peak train.csv test.csv
  local total
  total=$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", a + b }')
  [[ -z "$ours_total" ]] && ours_total=$total
  read -r accuracy t_train t_test <<<"$(quality "$5" "$6")"
  echo "| $rows | $1 | $2 | $3 | $total | $(awk -v a="$total" -v b="$ours_total" 'BEGIN { printf "%.2f", a / b }') | $accuracy | $t_train | $t_test | $4 |"
}

echo "| training rows | scheme | fit (s) | transform 10k (s) | total (s) | total / ours | 5-NN accuracy | trustworthiness train | trustworthiness test | peak memory (MB) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
read -r fit transform peak <<<"$(java "${WEKA_JAVA_OPTS[@]}" -Xmx4g -cp "$(cat target/weka-classpath.txt)" \
  src/bench/UmapBenchmark.java "-S 1 -plot $out/ours-fashion$rows.png" "target/bench/fashion-train$rows.arff" \
  target/bench/fashion-test.arff "$out/ours-train.csv" "$out/ours-test.csv" 2>"$out/ours.log" | tail -n 1)"
row "fundamentos UMAP (-S 1, 2 threads)" "$fit" "$transform" "$peak" "$out/ours-train.csv" "$out/ours-test.csv"
for seed in 1 none; do
  read -r fit transform peak <<<"$(/usr/bin/python3 src/bench/umap_learn_fashion.py "$n" "$seed" \
    "$out/umap-learn-train.csv" "$out/umap-learn-test.csv" 2>"$out/umap-learn.log" | tail -n 1)"
  label="umap-learn $(/usr/bin/python3 -c 'import umap, importlib.metadata as m; print(m.version("umap-learn"))' 2>/dev/null) ($([[ $seed == none ]] && echo 'no seed, all cores' || echo 'random_state=1, one thread'))"
  row "$label" "$fit" "$transform" "$peak" "$out/umap-learn-train.csv" "$out/umap-learn-test.csv"
done
