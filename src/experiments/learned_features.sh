#!/usr/bin/env bash
# The course's section 4.3.3 (learned features for kNN) with the data at hand: the course's convnet
# (CNN's defaults) is trained on the Fashion-MNIST classes 0-4 (T-shirt/top, Trouser, Pullover,
# Dress, Coat) among the first TRAIN_ROWS training images; then IBk classifies the other five
# classes (Sandal, Shirt, Sneaker, Bag, Ankle boot), which the network never saw, on raw pixels and
# on the network's learned features (NetworkFeatures, default layer: dense 256 - BN - ReLU), inside
# a FilteredClassifier, with K_TRAIN training and K_TEST test images of those classes (the first
# ones of the training and the test files). Draws the course's Figure 4.11 (queries and their 9
# nearest neighbours) in feature space and, for contrast, in pixel space, into doc/images/.
#
#   src/experiments/learned_features.sh        prints the accuracy table (doc/NetworkFeatures.md)
#
# EPOCHS (default 3), TRAIN_ROWS (20000), K_TRAIN (5000), K_TEST (1000), THREADS (nproc) change the
# sizes. Run it under the build lock on a shared machine: it builds and installs the package.
set -euo pipefail
source "$(dirname "$0")/../bench/lib.sh"
EPOCHS=${EPOCHS:-3}
TRAIN_ROWS=${TRAIN_ROWS:-20000}
K_TRAIN=${K_TRAIN:-5000}
K_TEST=${K_TEST:-1000}
out=target/experiment/learned-features
mkdir -p "$out"
bench_install
train=$(fashion_train "$TRAIN_ROWS")
FASHION_TEST_ROWS=10000
test=$(fashion_test)
run() { bench_java "$THREADS" -Xmx6g weka.Run "$@"; }
seconds() { date +%s.%N; }

echo "== Splitting the classes (RemoveWithValues -H keeps only the selected labels)"
select_classes() { # input output range-to-remove [first-rows]
  run weka.filters.unsupervised.instance.RemoveWithValues -C last -L "$3" -H -i "$1" -o "$2.part.arff"
  if [[ -n "${4:-}" ]]; then
    run weka.filters.unsupervised.instance.RemoveRange -R "$(( $4 + 1 ))-last" -i "$2.part.arff" -o "$2"
    rm "$2.part.arff"
  else
    mv "$2.part.arff" "$2"
  fi
}
select_classes "$train" "$out/seen-train.arff" 6-10
select_classes "$test" "$out/seen-test.arff" 6-10
select_classes "$train" "$out/unseen-train.arff" 1-5 "$K_TRAIN"
select_classes "$test" "$out/unseen-test.arff" 1-5 "$K_TEST"
count() { grep -c -v -e '^@' -e '^%' -e '^$' "$1"; }

echo "== Training the convnet on classes 0-4 ($(count "$out/seen-train.arff") images, $EPOCHS epochs)"
start=$(seconds)
run weka.classifiers.functions.CNN -epochs "$EPOCHS" -num-threads "$THREADS" -quiet \
  -t "$out/seen-train.arff" -T "$out/seen-test.arff" -d "$out/convnet.model" -o -v \
  > "$out/convnet.txt"
train_s=$(awk -v a="$start" -v b="$(seconds)" 'BEGIN { printf "%.0f", b - a }')
accuracy() { # the test section's "Correctly Classified Instances ... N %"
  awk '/^Correctly Classified Instances/ { a = $(NF - 1) } END { print a }' "$1"
}
convnet=$(accuracy "$out/convnet.txt")

knn() { # k space(raw|features) -> prints accuracy and seconds
  local k=$1 space=$2 log="$out/ibk-k$1-$2.txt" start
  start=$(seconds)
  if [[ "$space" == raw ]]; then
    run weka.classifiers.lazy.IBk -K "$k" -t "$out/unseen-train.arff" -T "$out/unseen-test.arff" \
      -o -v > "$log"
  else
    run weka.classifiers.meta.FilteredClassifier \
      -F "weka.filters.unsupervised.attribute.NetworkFeatures -model $out/convnet.model" \
      -W weka.classifiers.lazy.IBk -t "$out/unseen-train.arff" -T "$out/unseen-test.arff" \
      -o -v -- -K "$k" > "$log"
  fi
  echo "$(accuracy "$log") $(awk -v a="$start" -v b="$(seconds)" 'BEGIN { printf "%.1f", b - a }')"
}

echo "== IBk on classes 5-9: raw pixels against learned features"
rows=()
for k in 1 5; do
  read -r raw raw_s <<<"$(knn "$k" raw)"
  read -r learned learned_s <<<"$(knn "$k" features)"
  rows+=("| IBk -K $k | $raw | $learned | $raw_s | $learned_s |")
done

echo "== The features as ARFF (NetworkFeatures -b) and the neighbour figures"
run weka.filters.unsupervised.attribute.NetworkFeatures -model "$out/convnet.model" -c last -b \
  -i "$out/unseen-train.arff" -o "$out/features-train.arff" \
  -r "$out/unseen-test.arff" -s "$out/features-test.arff"
figure() {
  threads "$THREADS" java "${WEKA_JAVA_OPTS[@]}" -Djava.awt.headless=true \
    -cp "$(cat target/weka-classpath.txt):$WEKA_HOME/packages/fundamentos/fundamentos.jar" \
    src/experiments/NeighbourFigure.java "$out/unseen-train.arff" "$out/unseen-test.arff" "$@"
}
figure "$out/features-train.arff" "$out/features-test.arff" 2 \
  doc/images/learned-features-neighbours.png
figure "$out/unseen-train.arff" "$out/unseen-test.arff" 2 \
  doc/images/learned-features-pixel-neighbours.png

cat <<EOF

Convnet (CNN defaults, $EPOCHS epochs, $THREADS threads) trained on $(count "$out/seen-train.arff") images of classes 0-4 in ${train_s} s; its test accuracy on $(count "$out/seen-test.arff") test images of classes 0-4: ${convnet}%.
IBk on classes 5-9: $(count "$out/unseen-train.arff") training, $(count "$out/unseen-test.arff") test images.

| scheme | raw pixels (784), accuracy (%) | learned features (256), accuracy (%) | raw pixels (s) | learned features (s) |
|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")
EOF
