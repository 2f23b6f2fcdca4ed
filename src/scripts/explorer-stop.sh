#!/usr/bin/env bash
# Presses Stop in Weka's real Explorer under Xvfb, then runs again in the same JVM
# (src/scripts/ExplorerStop.java drives the Explorer's own buttons): CNN and Transformer training
# and FilteredClassifier(UMAP, SoftmaxRegression) on the Classify tab, IndexedDBSCAN on the Cluster
# tab, UMAP's Apply on the Preprocess tab. Writes screenshots and the log's text after each step to
# target/explorer-stop/ and exits 0 when the Explorer shows no error dialog, logs "Interrupted",
# enables Start again within a second, leaves no engine thread running and completes the next run.
# Arguments: the steps to run (cnn transformer cluster filtered preprocess; all when none).
#
# Needs xvfb-run and ImageMagick's import (apt-get install xvfb imagemagick). Uses the compiled
# classes and lib/ of `mvn package` (built when missing); LIB_DIR and WEKA_CP_FILE point elsewhere.
set -euo pipefail
cd "$(dirname "$0")/../.."
lib="${LIB_DIR:-lib}"
cp_file="${WEKA_CP_FILE:-target/weka-classpath.txt}"
if [[ ! -f "$cp_file" || ! -d target/classes || $(ls "$lib"/*.jar 2>/dev/null | wc -l) -eq 0 ]]; then
  mvn -B -q -DskipTests package
fi
out=target/explorer-stop
rm -rf "$out"
mkdir -p "$out"
xvfb-run -a -s "-screen 0 1280x1024x24" \
  java --add-opens=java.base/java.lang=ALL-UNNAMED -Dweka.packageManager.offline=true \
  -cp "$(cat "$cp_file"):target/classes:$lib/*" \
  src/scripts/ExplorerStop.java src/data/digits8x8-train.arff "$out" "$@" 2>&1 | tee "$out/console.txt"
