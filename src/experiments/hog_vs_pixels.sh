#!/usr/bin/env bash
# The course's Task 2.4.2 with Weka's own Experimenter: SoftmaxRegression (defaults) on raw pixels
# against SoftmaxRegression on HOG features (FilteredClassifier with the HOG filter: 9 orientations,
# blocks of 2 x 2 cells, L2-Hys, cells of 2 x 2 and of 4 x 4 pixels), RUNS random 66/34 splits
# (default 3) of the 8 x 8 digits (all 1,797) and of a Fashion-MNIST sample (the first ROWS training
# images, default 6,000: about 4,000 to train on and 2,000 to test), then the Experimenter's
# corrected paired t-test against the pixels, and a Markdown table (accuracy, features, times).
# It also draws doc/images/hog-cells-fashion.png and hog-cells-digits.png with the filter's -plot.
#
#   src/experiments/hog_vs_pixels.sh    writes doc/experiments/hog-vs-pixels.xml, runs it, prints
#                                       the tables (about 4 minutes on 2 cores: the experiment
#                                       itself took 2 min 51 s on 2026-12-07)
#
# The experiment file opens in the Experimenter (Setup tab, Open...) as well; run from the
# repository root so that its relative data paths (target/experiment/...) resolve.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/weka-env.sh
if [[ "${BENCH_INSTALLED:-}" != 1 ]]; then
  install_package >/dev/null
fi
runs=${RUNS:-3}
rows=${ROWS:-6000}
out=target/experiment
mkdir -p "$out"
weka weka.core.Instances append src/data/digits8x8-train.arff src/data/digits8x8-test.arff \
  2>/dev/null | sed '1s/.*/@relation digits8x8/' > "$out/digits.arff"
/usr/bin/python3 src/bench/fashion_to_arff.py --out "$out" --subset "$rows" >/dev/null
rm -f "$out/hog-results.arff"
classpath="$(cat target/weka-classpath.txt)"
java "${WEKA_JAVA_OPTS[@]}" -cp "$classpath" src/experiments/HogVsPixelsExperiment.java \
  doc/experiments/hog-vs-pixels.xml "$out/hog-results.arff" "$runs" "$out/digits.arff" \
  "$out/fashion-train$rows.arff" 2>/dev/null
echo "== Running the experiment with weka.experiment.Experiment"
time weka weka.experiment.Experiment -l doc/experiments/hog-vs-pixels.xml -r > "$out/hog-run.log" 2>&1
java "${WEKA_JAVA_OPTS[@]}" -cp "$classpath:$WEKA_HOME/packages/fundamentos/fundamentos.jar" \
  src/experiments/HogVsPixelsTable.java "$out/hog-results.arff" 2>/dev/null
echo "== Pictures of HOG cells (the filter's -plot: the first four images of each data set)"
weka weka.Run weka.filters.unsupervised.attribute.HOG -cell-height 4 -cell-width 4 \
  -block-height 2 -block-width 2 -plot doc/images/hog-cells-fashion.png \
  -i "$out/fashion-train$rows.arff" -o "$out/fashion-hog.arff" -c last 2>/dev/null
weka weka.Run weka.filters.unsupervised.attribute.HOG -cell-height 2 -cell-width 2 \
  -block-height 2 -block-width 2 -plot doc/images/hog-cells-digits.png \
  -i "$out/digits.arff" -o "$out/digits-hog.arff" -c last 2>/dev/null
ls -l doc/images/hog-cells-*.png
