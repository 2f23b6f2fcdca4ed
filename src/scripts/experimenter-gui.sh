#!/usr/bin/env bash
# Sets up, saves as .exp, reloads, runs and analyses each scheme in Weka's real Experimenter under
# Xvfb (src/scripts/ExperimenterGui.java presses the Experimenter's own buttons): SoftmaxRegression,
# CNN, Transformer, PCA and UMAP inside FilteredClassifier, IndexedDBSCAN through the advanced
# Setup's DensityBasedClustererSplitEvaluator, each with one option changed from its default; then
# the course's Task 4 configuration (doc/experiments/pca-vs-umap.xml) opened, shortened to one
# repetition on the digits, saved and run. Writes the .exp files, results, the Analyse output and
# screenshots to target/experimenter-gui/ and exits 0 when every check held.
# Arguments: the cases (softmax cnn transformer pca umap task4 dbscan; all when none).
source "$(dirname "$0")/gui-env.sh"
out=target/experimenter-gui
rm -rf "$out"
mkdir -p "$out" target/experiment
# Task 4's data path (relative to the repository root, as in the .xml): the 1,797 digits
if [[ ! -f target/experiment/digits.arff ]]; then
  java -cp "$gui_cp" weka.core.Instances append src/data/digits8x8-train.arff \
    src/data/digits8x8-test.arff 2>/dev/null | sed '1s/.*/@relation digits8x8/' \
    > target/experiment/digits.arff
fi
start=$(date +%s)
gui_java ExperimenterGui "$out" "$@" 2>&1 | tee "$out/console.txt"
echo "experimenter-gui.sh: $(( $(date +%s) - start )) s"
