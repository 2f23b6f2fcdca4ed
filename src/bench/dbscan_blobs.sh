#!/usr/bin/env bash
# IndexedDBSCAN against scikit-learn's DBSCAN, Smile 3.1.1's DBSCAN (fetched by
# src/bench/smile/pom.xml into target/bench/smile-lib) and Weka 3.6's DBSCAN (Debian package weka,
# /usr/share/java/weka.jar, class weka.clusterers.DBSCAN) on synthetic blobs in [0, 1]^d (8 Gaussian
# blobs, 10% uniform noise, src/bench/dbscan_data.py), all measured in this one run. Smile's minPts
# counts the neighbours without the point itself, so it gets minPts - 1 (the same clustering).
#
#   src/bench/dbscan_blobs.sh                 2-D: 20k, 100k, 1M points (and 1M at a wide eps);
#                                             10-D: 20k, 100k
#   ROWS="fashion 2 60000 0.01 10" src/bench/dbscan_blobs.sh
#                                             the 60k Fashion-MNIST training images projected on
#                                             their first 2 principal components by the PCA filter
#   WEKA36_MAX=20000 src/bench/dbscan_blobs.sh   run the old Weka DBSCAN only up to 20k points
#   SKLEARN_MEMORY_KB=20000000 ROWS="blobs 2 1000000 0.012 10" src/bench/dbscan_blobs.sh
#                                             1M points at a wide eps (thousands of neighbours
#                                             each), scikit-learn capped at 20 GB of address space
#
# Same eps and minPts for all (eps shrinks with n so that a blob point has about 50 neighbours);
# every point set is already in [0, 1] per dimension, so Weka's normalised Euclidean distance and
# the raw one agree (ours runs with -D: no normalisation). Time: building the model (Weka 3.6's
# "Elapsed time", ours buildClusterer, scikit-learn fit); loading not timed. Weka 3.6's peak memory
# is not measured (its JVM gets -Xmx4g). ARI: adjusted
# Rand index of the labels against scikit-learn's (noise as its own label). Our JVM runs with
# -Xmx${HEAP:-1g}; a run longer than TIMEOUT seconds (default 900) is stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/weka-env.sh
install_package >/dev/null
out=target/bench/dbscan
mkdir -p "$out"
weka36=/usr/share/java/weka.jar
mvn -B -q -f src/bench/smile/pom.xml dependency:copy-dependencies \
  -DoutputDirectory="$PWD/target/bench/smile-lib" >/dev/null
smile_cp=$(ls target/bench/smile-lib/*.jar | tr '\n' ':')

ari() { # labels-a labels-b
  /usr/bin/python3 -c "
import numpy as np, sys
from sklearn.metrics import adjusted_rand_score
print(f'{adjusted_rand_score(np.loadtxt(sys.argv[1]), np.loadtxt(sys.argv[2])):.4f}')" "$1" "$2"
}

echo "| data | points | eps | minPts | scheme | time (s) | clusters | noise | ARI vs scikit-learn | peak memory (MB) | time / ours |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
while read -r source d n eps minpts; do
  if [[ "$source" == fashion ]]; then
    # the package's own PCA filter (covariance, d components), then scaled to [0, 1]
    python3 src/bench/fashion_to_arff.py --out target/bench >/dev/null
    weka weka.Run weka.filters.unsupervised.attribute.PCA -C -M "$d" -R 1 -c last \
      -i target/bench/fashion-train60k.arff -o "$out/fashion-pca$d-raw.arff" >/dev/null 2>&1
    base=$(python3 src/bench/fashion_embedding.py "$out/fashion-pca$d-raw.arff" \
      "$out/fashion-pca$d-$n")
    label="Fashion-MNIST PCA ${d}-D"
  else
    base=$(python3 src/bench/dbscan_data.py "$out" "$n" "$d")
    label="${d}-D blobs"
  fi
  ours=$(timeout "${TIMEOUT:-900}" java "${WEKA_JAVA_OPTS[@]}" -Xmx${HEAP:-1g} \
    -cp "$(cat target/weka-classpath.txt)" src/bench/DbscanBenchmark.java "$base.arff" \
    "-E $eps -M $minpts -A \"weka.core.EuclideanDistance -D -R first-last\"" "$base.ours.txt" \
    2>/dev/null | tail -n 1 || true)
  # SKLEARN_MEMORY_KB caps scikit-learn's address space (ulimit -v), so that a run needing more
  # memory than the machine has stops with MemoryError instead of meeting the kernel's OOM killer
  rm -f "$base.sklearn.txt" # labels of an earlier run at another eps must not be compared
  sk=$( (if [[ -n "${SKLEARN_MEMORY_KB:-}" ]]; then ulimit -v "$SKLEARN_MEMORY_KB"; fi
    timeout "${TIMEOUT:-900}" /usr/bin/python3 src/bench/sklearn_dbscan.py "$base.csv" "$eps" \
    "$minpts" "$base.sklearn.txt") 2>&1 | tail -n 1 || true)
  read -r t c z m index <<<"$ours"
  if [[ -n "$ours" ]]; then
    echo "| $label | $n | $eps | $minpts | fundamentos IndexedDBSCAN ($index) | $t | $c | $z | $( [[ -f $base.sklearn.txt && "$sk" =~ ^[0-9] ]] && ari "$base.ours.txt" "$base.sklearn.txt" || echo -) | $m | 1.0 |"
  else
    echo "| $label | $n | $eps | $minpts | fundamentos IndexedDBSCAN | stopped or failed | | | | | |"
  fi
  if [[ "$sk" =~ ^[0-9] ]]; then
    read -r st sc sz sm <<<"$sk"
    echo "| $label | $n | $eps | $minpts | scikit-learn DBSCAN | $st | $sc | $sz | 1.0000 | $sm | $(awk -v a="$st" -v b="$t" 'BEGIN{printf "%.1f", a/b}') |"
  else
    echo "| $label | $n | $eps | $minpts | scikit-learn DBSCAN | failed: $(tr '\n' ' ' <<<"$sk" | cut -c1-80) | | | | | |"
  fi
  sm=$(timeout "${TIMEOUT:-900}" java -Xmx${HEAP:-1g} -cp "$smile_cp" src/bench/SmileDbscan.java \
    "$base.csv" "$eps" "$((minpts - 1))" "$base.smile.txt" 2>/dev/null | tail -n 1 || true)
  if [[ "$sm" =~ ^[0-9] ]]; then
    read -r mt mc mz mm <<<"$sm"
    echo "| $label | $n | $eps | $minpts | Smile 3.1.1 DBSCAN (k-d tree) | $mt | $mc | $mz | $( [[ -s $base.sklearn.txt ]] && ari "$base.smile.txt" "$base.sklearn.txt" || echo "- (against ours: $(ari "$base.smile.txt" "$base.ours.txt"))") | $mm | $(awk -v a="$mt" -v b="$t" 'BEGIN{printf "%.1f", a/b}') |"
  else
    echo "| $label | $n | $eps | $minpts | Smile 3.1.1 DBSCAN (k-d tree) | stopped or failed | | | | | |"
  fi
  if [[ "$d" == 2 && "$n" -le "${WEKA36_MAX:-100000}" && -f "$weka36" ]]; then
    w=$(timeout "${TIMEOUT:-900}" java -Xmx4g -cp "$weka36" weka.clusterers.DBSCAN -E "$eps" \
      -M "$minpts" -t "$base.arff" 2>&1 || true)
    wt=$(grep -m1 "Elapsed time:" <<<"$w" | awk '{print $NF}')
    wc=$(grep -m1 "Number of generated clusters" <<<"$w" | awk '{print $NF}')
    # its model lists every point as "(  i.) values --> cluster|NOISE"
    grep -E '^\( *[0-9]+\.\)' <<<"$w" | awk '{print ($NF == "NOISE") ? -1 : $NF}' > "$base.weka36.txt" || true
    wz=$(grep -c -- "-1" "$base.weka36.txt" || true)
    if [[ -n "$wt" ]]; then
      echo "| $label | $n | $eps | $minpts | Weka 3.6 DBSCAN (sequential scan) | $wt | $wc | $wz | $(ari "$base.weka36.txt" "$base.sklearn.txt") | | $(awk -v a="$wt" -v b="$t" 'BEGIN{printf "%.0f", a/b}') |"
    else
      echo "| $label | $n | $eps | $minpts | Weka 3.6 DBSCAN (sequential scan) | stopped after ${TIMEOUT:-900} s | | | | | |"
    fi
  fi
done <<<"${ROWS:-blobs 2 20000 0.0088 10
blobs 2 100000 0.0040 10
blobs 2 1000000 0.00125 10
blobs 2 1000000 0.012 200
blobs 10 20000 0.09 10
blobs 10 100000 0.075 10}"
