#!/usr/bin/env bash
# The course's section 4.3.3 (learned features for kNN) with the data at hand: the course's convnet
# (CNN's defaults) is trained on the Fashion-MNIST classes 0-4 (T-shirt/top, Trouser, Pullover,
# Dress, Coat) among the first TRAIN_ROWS training images; then IBk classifies the other five
# classes (Sandal, Shirt, Sneaker, Bag, Ankle boot), which the network never saw, on raw pixels and
# on the network's learned features (NetworkFeatures: the default layer, dense 256 - BN - ReLU, and
# the layers of LAYERS), inside a FilteredClassifier, with K_TRAIN training and K_TEST test images
# of those classes (the first ones of the training and the test files). Draws the course's Figure
# 4.11 (queries and their 9 nearest neighbours) in feature space and, for contrast, in pixel space,
# into doc/images/.
#
#   src/experiments/learned_features.sh        prints the accuracy table (doc/NetworkFeatures.md)
#
# EPOCHS (default 3), TRAIN_ROWS (20000), K_TRAIN (5000), K_TEST (1000), LAYERS ("0 14 12"),
# THREADS (nproc) change the sizes. Run it under the build lock on a shared machine: it builds and
# installs the package.
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

knn() { # k layer (raw: the pixels) -> prints accuracy and seconds
  local k=$1 layer=$2 log="$out/ibk-k$1-$2.txt" start
  start=$(seconds)
  if [[ "$layer" == raw ]]; then
    run weka.classifiers.lazy.IBk -K "$k" -t "$out/unseen-train.arff" -T "$out/unseen-test.arff" \
      -o -v > "$log"
  else
    run weka.classifiers.meta.FilteredClassifier \
      -F "weka.filters.unsupervised.attribute.NetworkFeatures -model $out/convnet.model -layer $layer" \
      -W weka.classifiers.lazy.IBk -t "$out/unseen-train.arff" -T "$out/unseen-test.arff" \
      -o -v -- -K "$k" > "$log"
  fi
  echo "$(accuracy "$log") $(awk -v a="$start" -v b="$(seconds)" 'BEGIN { printf "%.1f", b - a }')"
}

# the spaces: raw pixels, then the layers of LAYERS (numbers of the convnet's layer table; 0 is the
# default, the last hidden layer: 15, dense 256 - BN - ReLU; 14 is its batch norm before the ReLU,
# 12 the last max pooling, 128 x 4 x 4)
LAYERS=${LAYERS:-0 14 12}
describe() {
  case $1 in
    raw) echo "raw pixels | 784" ;;
    0) echo "learned features, layer 15 (default: dense 256 - BN - ReLU) | 256" ;;
    14) echo "learned features, layer 14 (dense 256 - BN, before the ReLU) | 256" ;;
    12) echo "learned features, layer 12 (last max pooling) | 2048" ;;
    *) echo "learned features, layer $1 | -" ;;
  esac
}
echo "== IBk on classes 5-9: raw pixels against learned features (layers: $LAYERS)"
rows=()
for space in raw $LAYERS; do
  read -r one one_s <<<"$(knn 1 "$space")"
  read -r five five_s <<<"$(knn 5 "$space")"
  rows+=("| $(describe "$space") | $one | $five | $one_s | $five_s |")
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

| space | attributes | IBk -K 1 accuracy (%) | IBk -K 5 accuracy (%) | IBk -K 1 time (s) | IBk -K 5 time (s) |
|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")
EOF
