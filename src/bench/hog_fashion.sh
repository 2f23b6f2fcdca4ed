#!/usr/bin/env bash
# The HOG filter against scikit-image's hog on all 70,000 Fashion-MNIST images (60k training, then
# the 10k test images as a later batch, as FilteredClassifier hands them over), both on 1 and on
# THREADS threads, in this one run on this machine.
#
#   src/bench/hog_fashion.sh          9 orientations, 4 x 4-pixel cells, 2 x 2-cell blocks, L2-Hys
#                                     (1,296 features per image: doc/HOG.md's Fashion-MNIST setting)
#   QUICK=1 src/bench/hog_fashion.sh  smoke test: 500 training and 500 test images
#
# "time" is the features of every image (for ours setInputFormat plus filtering both sets; for
# scikit-image one hog call per image, on THREADS threads a joblib process pool over one chunk per
# thread); loading the data is not timed. "again" is a second pass in the same JVM. "feature sum"
# is the sum of every feature of every image: the two implementations agree to 1e-6 per feature
# (HistogramOfGradientsReferenceTest), so the sums agree to their last digits.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_begin src/bench/hog_fashion.sh THREADS QUICK
bench_tools java weka fundamentos python skimage
bench_install
train_rows=$(quick 500 60000)
test_rows=$(quick 500 10000)
if [[ "$train_rows" == 60000 ]]; then
  train=$(fashion_train 60k)
else
  train=$(fashion_train "$train_rows")
fi
test=$(fashion_test)
options="-orientations 9 -cell-height 4 -cell-width 4 -block-height 2 -block-width 2 -norm L2-Hys"

emit "| images | implementation | threads | time (s) | again, same JVM (s) | features per image | feature sum | time / ours |"
emit "|---|---|---|---|---|---|---|---|"
declare -A ours
for n in $(printf '%s\n' 1 "$THREADS" | sort -un); do
  read -r seconds images features sum again < <(bench_java "$n" -Xmx8g src/bench/HogBenchmark.java \
    "$options -num-threads $n" "$train" "$test" | tail -n 1)
  ours[$n]=$seconds
  emit "| $(thousands "$images") | fundamentos HOG | $n | $seconds | $again | $(thousands "$features") | $sum | 1.0 |"
  read -r seconds images features sum < <(threads "$n" "$PYTHON" src/bench/skimage_hog.py "$n" \
    "$train_rows" "$test_rows" 9 4 2 L2-Hys | tail -n 1)
  emit "| $(thousands "$images") | scikit-image hog | $n | $seconds | | $(thousands "$features") | $sum | $(ratio "$seconds" "${ours[$n]}" %.1f) |"
done
