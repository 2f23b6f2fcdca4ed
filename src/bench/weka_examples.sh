#!/usr/bin/env bash
# SoftmaxRegression (defaults) against Weka's Logistic by 10-fold cross-validation (seed 1) on the
# example data sets of the Debian package `weka` (/usr/share/doc/weka/examples): data the package's
# tests never saw. Prints a Markdown table.
#
#   src/bench/weka_examples.sh
#   DATASETS="vote.arff labor.arff" src/bench/weka_examples.sh
#   QUICK=1 src/bench/weka_examples.sh     smoke test: two small data sets
#
# Threads: Weka's Logistic is single-threaded, so SoftmaxRegression runs on one thread too
# (-num-threads 1, -Dfundamentos.threads=1); both in the same JVM, one after the other per data set.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
examples=/usr/share/doc/weka/examples
datasets=${DATASETS:-$(quick "diabetes.arff labor.arff" "vote.arff breast-cancer.arff glass.arff \
soybean.arff diabetes.arff credit-g.arff labor.arff ionosphere.arff segment-challenge.arff")}
bench_begin src/bench/weka_examples.sh DATASETS QUICK
bench_tools java weka fundamentos
bench_install
out=$BENCH_DIR/examples
mkdir -p "$out"
files=()
for name in $datasets; do
  # the examples are gzipped on some Debian releases
  if [[ -f "$examples/$name.gz" ]]; then
    zcat "$examples/$name.gz" >"$out/$name"
    files+=("$out/$name")
  else
    files+=("$examples/$name")
  fi
done
emit "| data set | instances | threads (both) | SoftmaxRegression accuracy (%) | time (s) | Logistic accuracy (%) | time (s) | Logistic time / ours |"
emit "|---|---|---|---|---|---|---|---|"
status=0
bench_java 1 src/bench/CrossValidateExamples.java "-num-threads 1" "${files[@]}" >"$out/results.txt" \
  || status=$?
while read -r name instances ours_accuracy ours_time accuracy time; do
  emit "| $name | $instances | 1 | $ours_accuracy | $ours_time | $accuracy | $time | $(ratio "$time" "$ours_time") |"
done <"$out/results.txt"
exit "$status"
