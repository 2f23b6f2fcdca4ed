#!/usr/bin/env bash
# Transformer on Reuters text (the ReutersCorn and ReutersGrain train/test ARFFs of the Debian
# package `weka`, /usr/share/doc/weka/examples: one string attribute, class 1 = about corn / grain)
# against Weka's usual text pipeline, StringToWordVector + NaiveBayesMultinomial
# (FilteredClassifier), on the same train/test split, measured in this one run.
#
#   src/bench/transformer_reuters.sh              10 epochs, Adam lr 0.001 (the Transformer's
#                                                 defaults until 2026-12-07, when the table was
#                                                 measured; now 25 epochs at lr 0.003)
#   EPOCHS=20 src/bench/transformer_reuters.sh
#   QUICK=1 src/bench/transformer_reuters.sh      smoke test: 1 epoch
#
# Accuracy and the area under the ROC curve of class 1 on the test file; training seconds.
# Threads: the Transformer runs on THREADS threads (default: all cores; -num-threads and
# -Dfundamentos.threads); the naive Bayes pipeline is single-threaded, so the Transformer also runs
# on one thread beside it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
epochs=${EPOCHS:-$(quick 1 10)}
bench_begin src/bench/transformer_reuters.sh THREADS EPOCHS QUICK
bench_tools java weka fundamentos
bench_install
examples=/usr/share/doc/weka/examples
out=$BENCH_DIR/reuters
mkdir -p "$out"
ours="weka.classifiers.functions.Transformer -pooling mean -blocks 1 -epochs $epochs -quiet \
  -optimizer \"weka.classifiers.functions.optimizers.Adam -lr 0.001\""
peer="weka.classifiers.meta.FilteredClassifier \
  -F weka.filters.unsupervised.attribute.StringToWordVector \
  -W weka.classifiers.bayes.NaiveBayesMultinomial"

arff() {
  # the examples are gzipped on some Debian releases
  if [[ -f "$examples/$1.gz" ]]; then zcat "$examples/$1.gz" >"$out/$1"; else cp "$examples/$1" "$out/$1"; fi
  echo "$out/$1"
}

row() { # data label threads scheme train test
  local seconds="" accuracy="" auc="" status=0 result
  result=$(bench_java "$3" -Xmx4g src/bench/TextBenchmark.java "$5" "$6" "$4" | tail -n 1) || status=$?
  read -r _ seconds _ accuracy _ auc <<<"$result"
  if number "$seconds"; then
    emit "| $1 | $2 | $3 | $seconds | $accuracy | $auc |"
  else
    emit "| $1 | $2 | $3 | failed (exit $status) | | |"
  fi
}

emit "| data | scheme | threads | training (s) | test accuracy (%) | test AUC (class 1) |"
emit "|---|---|---|---|---|---|"
for topic in Corn Grain; do
  train=$(arff "Reuters$topic-train.arff")
  test=$(arff "Reuters$topic-test.arff")
  row "Reuters$topic" "fundamentos Transformer" "$THREADS" "$ours -num-threads $THREADS" "$train" "$test"
  # the naive Bayes pipeline is single-threaded: ours on one thread beside it
  if [[ "$THREADS" != 1 ]]; then
    row "Reuters$topic" "fundamentos Transformer" 1 "$ours -num-threads 1" "$train" "$test"
  fi
  row "Reuters$topic" "StringToWordVector + NaiveBayesMultinomial" 1 "$peer" "$train" "$test"
done
