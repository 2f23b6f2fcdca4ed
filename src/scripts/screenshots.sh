#!/usr/bin/env bash
# Retakes the docs' Explorer pictures: per scheme its GenericObjectEditor and its result in Weka's
# Explorer on a 1366x768 screen under Xvfb (src/scripts/ExplorerTour.java), written to
# doc/images/<scheme>-editor.png and doc/images/<scheme>-result.png and embedded by
# doc/<Scheme>.md. The single source of those pictures: run it again after an editor changes.
# Arguments: the schemes (softmax cnn transformer dbscan pca umap; all when none).
# Needs xvfb-run and ImageMagick (apt-get install xvfb imagemagick).
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/../.."
TOUR_OUT=target/screenshots TOUR_NO_STOP=1 src/scripts/explorer-tour.sh "$@" || true
for png in target/screenshots/*-editor.png target/screenshots/*-result.png; do
  # 64 colours: the GUI's flat greys and text stay sharp, the files stay small
  convert "$png" -strip -colors 64 "PNG8:doc/images/$(basename "$png")"
done
ls -l doc/images/*-editor.png doc/images/*-result.png
