#!/usr/bin/env bash
# Transformer on Reuters text (the ReutersCorn and ReutersGrain train/test ARFFs of the Debian
# package `weka`, /usr/share/doc/weka/examples: one string attribute, class 1 = about corn / grain)
# against Weka's usual text pipeline, StringToWordVector + NaiveBayesMultinomial
# (FilteredClassifier), on the same train/test split, measured in this one run.
#
#   src/bench/transformer_reuters.sh
#
# Accuracy and the area under the ROC curve of class 1 on the test file; training seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/weka-env.sh
install_package >/dev/null
examples=/usr/share/doc/weka/examples
out=target/bench/reuters
mkdir -p "$out"
ours="weka.classifiers.functions.Transformer -pooling mean -blocks 1 \
  -epochs ${EPOCHS:-20} -num-threads ${THREADS:-2} -quiet"
peer="weka.classifiers.meta.FilteredClassifier \
  -F weka.filters.unsupervised.attribute.StringToWordVector \
  -W weka.classifiers.bayes.NaiveBayesMultinomial"

arff() {
  # the examples are gzipped on some Debian releases
  if [[ -f "$examples/$1.gz" ]]; then zcat "$examples/$1.gz" > "$out/$1"; else cp "$examples/$1" "$out/$1"; fi
  echo "$out/$1"
}

echo "| data | scheme | training (s) | test accuracy (%) | test AUC (class 1) |"
echo "|---|---|---|---|---|"
for topic in Corn Grain; do
  train=$(arff "Reuters$topic-train.arff")
  test=$(arff "Reuters$topic-test.arff")
  for scheme in "$ours" "$peer"; do
    read -r _ seconds _ accuracy _ auc <<<"$(java "${WEKA_JAVA_OPTS[@]}" -Xmx4g \
      -cp "$(cat target/weka-classpath.txt)" src/bench/TextBenchmark.java "$train" "$test" \
      "$scheme" 2>/dev/null | tail -n 1)"
    name=$([[ "$scheme" == "$ours" ]] && echo "fundamentos Transformer" \
      || echo "StringToWordVector + NaiveBayesMultinomial")
    echo "| Reuters$topic | $name | $seconds | $accuracy | $auc |"
  done
done
