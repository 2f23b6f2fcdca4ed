#!/usr/bin/env bash
# The course's Task 4 with Weka's own Experimenter: IBk (1-NN) on the original attributes and on
# PCA and UMAP spaces of k = 8, 16, 32, 64, 128 dimensions (FilteredClassifier), 10 random 66/34
# splits of the digits data (all 1,797) and of a Fashion-MNIST subset (the first 2,000 training
# images), then the Experimenter's corrected paired t-test against the original space.
#
#   src/experiments/pca_vs_umap.sh            writes doc/experiments/pca-vs-umap.xml, runs it, prints
#                                             the tables and draws doc/images/task4-*.png
#
# The experiment file opens in the Experimenter (Setup tab, Open...) as well; run from the
# repository root so that its relative data paths (target/experiment/...) resolve.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/weka-env.sh
install_package >/dev/null
out=target/experiment
mkdir -p "$out"
weka weka.core.Instances append src/data/digits8x8-train.arff src/data/digits8x8-test.arff \
  2>/dev/null | sed '1s/.*/@relation digits8x8/' > "$out/digits.arff"
python3 src/bench/fashion_to_arff.py --out "$out" --subset 2000 >/dev/null
rm -f "$out/results.arff"
classpath="$(cat target/weka-classpath.txt)"
java "${WEKA_JAVA_OPTS[@]}" -cp "$classpath" src/experiments/PcaVsUmapExperiment.java \
  doc/experiments/pca-vs-umap.xml "$out/results.arff" "$out/digits.arff" \
  "$out/fashion-train2000.arff" 2>/dev/null
echo "== Running the experiment with weka.experiment.Experiment (takes a while)"
time weka weka.experiment.Experiment -l doc/experiments/pca-vs-umap.xml -r > "$out/run.log" 2>&1
# the charts need the package's own libraries (JFreeChart) beside its jar; Weka's ARPACK warnings
# are dropped, anything else on the error output is shown
java "${WEKA_JAVA_OPTS[@]}" -cp "$classpath:$WEKA_HOME/packages/fundamentos/fundamentos.jar:$WEKA_HOME/packages/fundamentos/lib/*" \
  src/experiments/ExperimentTable.java "$out/results.arff" doc/images/task4 \
  2> >(grep -v -e 'com.github.fommil.netlib' -e 'Failed to load implementation' >&2)
