#!/usr/bin/env bash
# Presses Stop in Weka's real Explorer under Xvfb, then runs again in the same JVM
# (src/scripts/ExplorerStop.java drives the Explorer's own buttons): CNN and Transformer training
# and FilteredClassifier(UMAP, SoftmaxRegression) on the Classify tab, IndexedDBSCAN on the Cluster
# tab, UMAP's Apply on the Preprocess tab. Writes screenshots and the log's text after each step to
# target/explorer-stop/ and exits 0 when the Explorer shows no error dialog, logs "Interrupted",
# enables Start again within a second, leaves no engine thread running and completes the next run.
# Arguments: the steps to run (cnn transformer cluster filtered preprocess; all when none).
#
# Needs xvfb-run and ImageMagick's import; src/scripts/gui-env.sh builds what is missing.
SCREEN="${SCREEN:-1280x1024}"
source "$(dirname "$0")/gui-env.sh"
out=target/explorer-stop
rm -rf "$out"
mkdir -p "$out"
gui_java ExplorerStop src/data/digits8x8-train.arff "$out" "$@" 2>&1 | tee "$out/console.txt"
