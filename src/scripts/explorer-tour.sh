#!/usr/bin/env bash
# The Explorer as a user meets it, under Xvfb on a 1366x768 screen: for each scheme
# (src/scripts/ExplorerTour.java) its GenericObjectEditor is opened from its tab (Classify, Cluster,
# Preprocess), checked to have its OK button on the screen and closed with OK, and the scheme is run
# on small bundled data with the status "OK" and no error dialog; then explorer-stop.sh's CNN and
# IndexedDBSCAN steps stop a long run and run again. Writes the editors' and results' PNGs to
# target/explorer-tour/ (src/scripts/screenshots.sh copies them into doc/images/) and exits 0 when
# every check held.
# Arguments: the schemes (softmax cnn transformer dbscan pca umap; all when none).
source "$(dirname "$0")/gui-env.sh"
out="${TOUR_OUT:-target/explorer-tour}"
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)
status=0
gui_java ExplorerTour "$out" "$@" 2>&1 | tee "$out/console.txt" || status=$?
if [[ -z "${TOUR_NO_STOP:-}" ]]; then
  src/scripts/explorer-stop.sh cnn cluster || status=$?
fi
echo "explorer-tour.sh: $(( $(date +%s) - start )) s, exit status $status"
exit $status
