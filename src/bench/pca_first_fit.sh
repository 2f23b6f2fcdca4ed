#!/usr/bin/env bash
# The PCA filter's first fit in fresh processes, in ROUNDS interleaved rounds (default 8): ours as
# shipped, ours with OpenBLAS's own idle spin (OPENBLAS_THREAD_TIMEOUT=28, its default, which the
# package keeps when a user sets it: what ours did before fundamentos.linalg.BlasThreadTimeout), and
# scikit-learn's PCA, on the first 10k Fashion-MNIST training images, 50 components, THREADS threads
# (default: all cores). The same timing as src/bench/pca_fashion.sh (PcaBenchmark.java,
# sklearn_pca.py: fit + transform of the training rows, loading not timed); a single run varies by a
# tenth or more on a shared machine, so the table gives each setting's median, lowest and highest
# first fit over the rounds, and the median of the second fit in the same process ("again").
set -euo pipefail
source "$(dirname "$0")/lib.sh"
rounds=${ROUNDS:-$(quick 1 8)}
rows=$(quick 500 10k)
bench_begin src/bench/pca_first_fit.sh THREADS ROUNDS QUICK
bench_tools java weka fundamentos python sklearn
bench_install
train=$(fashion_train "$rows")
test=$(fashion_test)
ours() {
  bench_java "$THREADS" -Xmx12g src/bench/PcaBenchmark.java weka.filters.unsupervised.attribute.PCA \
    "-C -M 50 -R 1.0 -num-threads $THREADS" "$train" "$test" repeat 2>/dev/null | tail -n 1
}
unset OPENBLAS_THREAD_TIMEOUT # the script sets it for the second setting only
results=$(mktemp)
for ((r = 1; r <= rounds; r++)); do
  echo "ours $(ours)" >>"$results"
  echo "spinning $(OPENBLAS_THREAD_TIMEOUT=28 ours)" >>"$results"
  echo "sklearn $(threads "$THREADS" "$PYTHON" src/bench/sklearn_pca.py 50 "$train" "$test")" >>"$results"
done
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
summary() { # label key: rounds, median, lowest and highest first fit; median again
  local fits
  fits=$(awk -v k="$2" '$1 == k {print $2}' "$results" | sort -n)
  printf '| %s | %d | %s | %s-%s | %s |\n' "$1" "$(wc -l <<<"$fits")" "$(median <<<"$fits")" \
    "$(head -n 1 <<<"$fits")" "$(tail -n 1 <<<"$fits")" \
    "$(awk -v k="$2" '$1 == k {print $7}' "$results" | median)"
}
emit "| scheme ($rows rows, 50 components, $THREADS threads) | rounds | first fit, median (s) | lowest-highest (s) | again, median (s) |"
emit "|---|---|---|---|---|"
emit "$(summary "fundamentos PCA (auto solver)" ours)"
emit "$(summary "fundamentos PCA, OpenBLAS's default spin (OPENBLAS_THREAD_TIMEOUT=28)" spinning)"
emit "$(summary "scikit-learn PCA (solver randomized)" sklearn)"
rm -f "$results"
