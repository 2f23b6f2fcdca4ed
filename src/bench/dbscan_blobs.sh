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
#   PEER_TIMEOUT=900 src/bench/dbscan_blobs.sh   let Weka 3.6 and Smile run up to 900 s (default 120)
#   SKLEARN_MEMORY_KB= src/bench/dbscan_blobs.sh no cap on scikit-learn's address space
#   QUICK=1 src/bench/dbscan_blobs.sh         smoke test: 1,000 points in 2-D and in 10-D
#
# Each line of ROWS is "source d n eps minPts", source blobs or fashion. Same eps and minPts for all
# (eps shrinks with n so that a blob point has about 50 neighbours); every point set is already in
# [0, 1] per dimension, so Weka's normalised Euclidean distance and the raw one agree (ours runs with
# -D: no normalisation). Time: building the model (Weka 3.6's "Elapsed time", ours buildClusterer,
# scikit-learn fit, Smile fit); loading not timed. Weka 3.6's peak memory is not measured (its JVM
# gets -Xmx4g). ARI: adjusted Rand index of the labels against scikit-learn's (noise as its own
# label), or, where scikit-learn did not finish, against Smile's (ours) and ours (the others). Our
# JVM and Smile's run with -Xmx${HEAP:-1g}. Ours and scikit-learn are stopped after TIMEOUT seconds
# (default 900); the slow peers, Weka 3.6's O(n^2) scan (about 14 minutes at 100k 2-D points) and
# Smile (about 9 minutes at 1M points and the wide eps, where every point has thousands of
# neighbours), after PEER_TIMEOUT seconds (default 120): such a row says "stopped after N s" and its
# "time / ours" is a lower bound ("> N", the cap over ours' time; the cap includes the peer's start
# and loading). A stopped run writes no labels, so no ARI is computed against it. scikit-learn's
# address space is capped at SKLEARN_MEMORY_KB (default 20000000, 20 GB;
# empty: no cap), so that a run needing more memory than the machine has stops with MemoryError
# instead of meeting the kernel's OOM killer.
#
# Threads: every DBSCAN here runs on one thread (ours has no parallel code path, scikit-learn's
# n_jobs is 1, Smile and Weka 3.6 are sequential); each process gets one thread all the same
# (OMP/OPENBLAS/MKL/NUMBA_NUM_THREADS=1, -Dfundamentos.threads=1, and a common fork-join pool of
# one thread for the JVMs).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
limit=${TIMEOUT:-900}
peer_limit=${PEER_TIMEOUT:-$(quick 60 120)}
heap=${HEAP:-1g}
memory_kb=${SKLEARN_MEMORY_KB-20000000}
weka36_max=${WEKA36_MAX:-100000}
rows_spec=${ROWS:-$(quick "blobs 2 1000 0.04 10
blobs 10 1000 0.12 10" "blobs 2 20000 0.0088 10
blobs 2 100000 0.0040 10
blobs 2 1000000 0.00125 10
blobs 2 1000000 0.012 200
blobs 10 20000 0.09 10
blobs 10 100000 0.075 10")}
bench_begin src/bench/dbscan_blobs.sh ROWS TIMEOUT PEER_TIMEOUT HEAP SKLEARN_MEMORY_KB WEKA36_MAX QUICK
bench_tools java weka fundamentos python sklearn smile weka36
bench_install
out=$BENCH_DIR/dbscan
mkdir -p "$out"
weka36=/usr/share/java/weka.jar
if ! ls target/bench/smile-lib/smile-core-*.jar >/dev/null 2>&1; then
  mvn -B -q -f src/bench/smile/pom.xml dependency:copy-dependencies \
    -DoutputDirectory="$PWD/target/bench/smile-lib" >&2
fi
smile_cp=$(ls target/bench/smile-lib/*.jar | tr '\n' ':')
smile=$(tool_version smile)
old_weka=$(tool_version weka36 | cut -d' ' -f1-2)
one_thread=(-Djava.util.concurrent.ForkJoinPool.common.parallelism=1)

ari() { # labels-a labels-b
  "$PYTHON" -c "
import numpy as np, sys
from sklearn.metrics import adjusted_rand_score
print(f'{adjusted_rand_score(np.loadtxt(sys.argv[1]), np.loadtxt(sys.argv[2])):.4f}')" "$1" "$2" \
    2>/dev/null || echo "-"
}

outcome() { # exit status of a timed run [its cap] -> what its row says
  if (($1 == 124)); then echo "stopped after ${2:-$limit} s"; else echo "failed (exit $1)"; fi
}

bound() { # what a row says [ours' seconds] -> its "time / ours": a lower bound for a stopped run
  if [[ "$1" == "stopped after "* ]] && number "${2:-}"; then
    echo "> $(ratio "${1//[^0-9]/}" "$2" %.0f)"
  fi
}

emit "| data | points | eps | minPts | scheme | threads | time (s) | clusters | noise | ARI vs scikit-learn | peak memory (MB) | time / ours |"
emit "|---|---|---|---|---|---|---|---|---|---|---|---|"
while read -r source d n eps minpts; do
  [[ -n "$source" ]] || continue
  if [[ "$source" == fashion ]]; then
    # the package's own PCA filter (covariance, d components), then scaled to [0, 1]
    rows=$n
    [[ "$n" == 60000 ]] && rows=60k
    [[ "$n" == 10000 ]] && rows=10k
    bench_java "$THREADS" -Xmx4g weka.Run weka.filters.unsupervised.attribute.PCA -C -M "$d" -R 1 \
      -c last -i "$(fashion_train "$rows")" -o "$out/fashion-pca$d-$n-raw.arff" >/dev/null 2>&1
    base=$("$PYTHON" src/bench/fashion_embedding.py "$out/fashion-pca$d-$n-raw.arff" \
      "$out/fashion-pca$d-$n")
    label="Fashion-MNIST PCA ${d}-D"
  else
    base=$("$PYTHON" src/bench/dbscan_data.py "$out" "$n" "$d")
    label="${d}-D blobs"
  fi
  # labels of an earlier run at another eps must not be compared
  rm -f "$base.ours.txt" "$base.sklearn.txt" "$base.smile.txt" "$base.weka36.txt"
  prefix="| $label | $n | $eps | $minpts"

  status=0
  ours=$(BENCH_LIMIT=$limit bench_java 1 "${one_thread[@]}" -Xmx"$heap" src/bench/DbscanBenchmark.java \
    "$base.arff" "-E $eps -M $minpts -A \"weka.core.EuclideanDistance -D -R first-last\"" \
    "$base.ours.txt" | tail -n 1) || status=$?
  ((status == 0)) || ours=$(outcome $status)
  status=0
  sk_out=$( (if [[ -n "$memory_kb" ]]; then ulimit -v "$memory_kb"; fi
    BENCH_LIMIT=$limit threads 1 "$PYTHON" src/bench/sklearn_dbscan.py "$base.csv" "$eps" "$minpts" \
      "$base.sklearn.txt") 2>&1) || status=$?
  sk=$(tail -n 1 <<<"$sk_out")
  if ((status != 0)); then
    rm -f "$base.sklearn.txt"
    # the exception's class (MemoryError where the address space cap stopped it), or the timeout
    error=$(grep -oE '[A-Za-z_.]*(Error|Exception)\b' <<<"$sk_out" | tail -n 1 || true)
    error=${error##*.}
    if ((status != 124)) && [[ -n "$error" ]]; then
      sk="failed: ${error#_} (exit $status)"
    else
      sk=$(outcome $status)
    fi
    grep -v '^\s*$' <<<"$sk_out" | tail -n 3 >&2 || true
  fi
  status=0
  sm=$(BENCH_LIMIT=$peer_limit threads 1 java "${one_thread[@]}" -Xmx"$heap" -cp "$smile_cp" \
    src/bench/SmileDbscan.java "$base.csv" "$eps" "$((minpts - 1))" "$base.smile.txt" | tail -n 1) \
    || status=$?
  ((status == 0)) || sm=$(outcome $status "$peer_limit")
  w=""
  if [[ "$d" == 2 && "$n" -le "$weka36_max" && -f "$weka36" ]]; then
    status=0
    w=$(BENCH_LIMIT=$peer_limit threads 1 java "${one_thread[@]}" -Xmx4g -cp "$weka36" \
      weka.clusterers.DBSCAN -E "$eps" -M "$minpts" -t "$base.arff" 2>&1) || status=$?
    if grep -q "Elapsed time:" <<<"$w"; then
      # its model lists every point as "(  i.) values --> cluster|NOISE"
      grep -E '^\( *[0-9]+\.\)' <<<"$w" | awk '{print ($NF == "NOISE") ? -1 : $NF}' >"$base.weka36.txt" || true
    else
      w=$(outcome $status "$peer_limit")
    fi
  fi

  # the reference labelling: scikit-learn's, or where it did not finish, Smile's for ours and ours
  # for the others
  read -r t c z m index <<<"$ours"
  if [[ -s "$base.sklearn.txt" ]]; then
    ours_ari=$([[ -s "$base.ours.txt" ]] && ari "$base.ours.txt" "$base.sklearn.txt" || echo -)
    smile_ari=$([[ -s "$base.smile.txt" ]] && ari "$base.smile.txt" "$base.sklearn.txt" || echo -)
    weka_ari=$([[ -s "$base.weka36.txt" ]] && ari "$base.weka36.txt" "$base.sklearn.txt" || echo -)
  else
    ours_ari=$([[ -s "$base.ours.txt" && -s "$base.smile.txt" ]] \
      && echo "$(ari "$base.ours.txt" "$base.smile.txt") against Smile" || echo -)
    smile_ari=$([[ -s "$base.smile.txt" && -s "$base.ours.txt" ]] \
      && echo "$(ari "$base.smile.txt" "$base.ours.txt") against ours" || echo -)
    weka_ari=$([[ -s "$base.weka36.txt" && -s "$base.ours.txt" ]] \
      && echo "$(ari "$base.weka36.txt" "$base.ours.txt") against ours" || echo -)
  fi

  if number "$t"; then
    index=${index%% of cells*} # "grid of cells of side epsilon / sqrt(d)" -> grid
    emit "$prefix | fundamentos IndexedDBSCAN ($index) | 1 | $t | $c | $z | $ours_ari | $m | 1.0 |"
  else
    emit "$prefix | fundamentos IndexedDBSCAN | 1 | $ours | | | | | |"
    t=""
  fi
  if number "${sk%% *}"; then
    read -r st sc sz smem <<<"$sk"
    emit "$prefix | scikit-learn DBSCAN | 1 | $st | $sc | $sz | 1.0000 | $smem | $(ratio "$st" "$t" %.1f) |"
  else
    emit "$prefix | scikit-learn DBSCAN | 1 | $sk | | | | | |"
  fi
  if number "${sm%% *}"; then
    read -r mt mc mz mm <<<"$sm"
    emit "$prefix | $smile DBSCAN (k-d tree) | 1 | $mt | $mc | $mz | $smile_ari | $mm | $(ratio "$mt" "$t" %.1f) |"
  else
    emit "$prefix | $smile DBSCAN (k-d tree) | 1 | $sm | | | | | $(bound "$sm" "$t") |"
  fi
  if [[ -n "$w" ]]; then
    wt=$(grep -m1 "Elapsed time:" <<<"$w" | awk '{print $NF}' || true)
    [[ "$wt" == .* ]] && wt=0$wt # Weka 3.6 prints ".07"
    if number "$wt"; then
      wc=$(grep -m1 "Number of generated clusters" <<<"$w" | awk '{print $NF}')
      wz=$(grep -c -- "-1" "$base.weka36.txt" || true)
      emit "$prefix | $old_weka DBSCAN (sequential scan) | 1 | $wt | $wc | $wz | $weka_ari | | $(ratio "$wt" "$t" %.0f) |"
    else
      [[ "$w" == "stopped after"* || "$w" == "failed"* ]] || w="failed: no elapsed time in its output"
      emit "$prefix | $old_weka DBSCAN (sequential scan) | 1 | $w | | | | | $(bound "$w" "$t") |"
    fi
  fi
done <<<"$rows_spec"
