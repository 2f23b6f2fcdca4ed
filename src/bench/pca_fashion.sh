#!/usr/bin/env bash
# The PCA filter against Weka's PrincipalComponents and scikit-learn's PCA on Fashion-MNIST
# (Debian package dataset-fashion-mnist), all measured in this one run on this machine.
#
#   src/bench/pca_fashion.sh           10k and 60k training images, 50 components and 95% variance;
#                                      Weka's PrincipalComponents on 10k, beside ours on one thread
#   SIZES=10k src/bench/pca_fashion.sh only the 10k rows
#   WEKA_PCA_60K=1 src/bench/pca_fashion.sh   also Weka's PrincipalComponents (and ours on one
#                                      thread) on 60k rows (about 8 minutes per setting)
#   QUICK=1 src/bench/pca_fashion.sh   smoke test: 500 training and 500 test images
#
# Every scheme centres only (covariance PCA: -C for the Weka filters). "fit" is fitting plus
# transforming the training images (the first time in a fresh JVM or Python process), "test"
# transforming the test images, "again" a second fit in the same process (JIT and native libraries
# warm: what each fold of a cross-validation costs; not run for Weka's filter, which takes minutes);
# loading the ARFF files is not timed. Explained variance is the sum of the output columns' training
# variances over the total variance of the pixels, computed the same way for every scheme. Peak
# memory is the process's peak resident set (JVMs at the same -Xmx, default 12g).
#
# Threads: ours and scikit-learn run on THREADS threads (default: all cores; ours -num-threads and
# -Dfundamentos.threads, scikit-learn through OMP/OPENBLAS/MKL_NUM_THREADS); Weka's
# PrincipalComponents is single-threaded, so ours also runs on one thread beside it, on the first
# size (and on 60k with WEKA_PCA_60K=1). "fit time / ours" divides by our automatic solver's fit on
# the same rows, setting and thread count. A run longer than TIMEOUT seconds (default 900) is stopped
# and its row says "stopped after N s", its "fit time / ours" a lower bound ("> N", the cap over
# ours' fit). Prints a Markdown table.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
sizes=${SIZES:-$(quick 500 "10k 60k")}
limit=${TIMEOUT:-$(quick 600 900)}
bench_begin src/bench/pca_fashion.sh THREADS SIZES TIMEOUT WEKA_PCA_60K WEKA_HEAP QUICK
export WEKA_HEAP=${WEKA_HEAP:-12g}
bench_tools java weka fundamentos python sklearn
bench_install
test=$(fashion_test)
for rows in $sizes; do
  fashion_train "$rows" >/dev/null # converted once, before anything is timed
done

declare -A ours # threads -> our automatic solver's fit seconds for the current rows and setting

row() { # label rows threads result [reference threads]
  local label=$1 rows=$2 n=$3 result=$4
  if ! number "${result%% *}"; then
    local bound=""
    if [[ -n "${5:-}" && "$result" == "stopped after "* ]]; then
      bound=$(ratio "${result//[^0-9]/}" "${ours[$5]:-}" %.0f)
      [[ "$bound" == "-" ]] || bound="> $bound"
    fi
    emit "| $rows | $label | $n | ${result:-failed} | | | | | | $bound |"
    return
  fi
  read -r fit transform components explained peak again _ <<<"$result"
  local r="1.0"
  if [[ -n "${5:-}" ]]; then
    r=$(ratio "$fit" "${ours[$5]:-}" %.1f)
  else
    ours[$n]=$fit
  fi
  emit "| $rows | $label | $n | $fit | $again | $transform | $components | $explained | $peak | $r |"
}

weka_filter() { # threads class options rows [repeat]
  local out status=0
  out=$(BENCH_LIMIT=$limit bench_java "$1" -Xmx"$WEKA_HEAP" src/bench/PcaBenchmark.java "$2" "$3" \
    "$(fashion_train "$4")" "$test" ${5:-} | tail -n 1) || status=$?
  if ((status == 124)); then
    echo "stopped after $limit s"
  elif ((status != 0)); then
    echo "failed (exit $status)"
  else
    echo "$out"
  fi
}

sklearn() { # threads n_components rows
  local out status=0
  out=$(BENCH_LIMIT=$limit threads "$1" "$PYTHON" src/bench/sklearn_pca.py "$2" \
    "$(fashion_train "$3")" "$test") || status=$?
  if ((status == 124)); then
    echo "stopped after $limit s"
  elif ((status != 0)); then
    echo "failed (exit $status)"
  else
    echo "$out"
  fi
}

ours_class=weka.filters.unsupervised.attribute.PCA
weka_class=weka.filters.unsupervised.attribute.PrincipalComponents
emit "| training rows | scheme | threads | fit + transform train (s) | again, same process (s) | transform test (s) | components | explained variance | peak memory (MB) | fit time / ours |"
emit "|---|---|---|---|---|---|---|---|---|---|"
# Weka's filter (single-threaded, minutes at 60k rows) and ours on one thread beside it: the first size,
# and 60k with WEKA_PCA_60K=1
weka_sizes=${sizes%% *}
if [[ -n "${WEKA_PCA_60K:-}" && "$weka_sizes" != 60k && " $sizes " == *" 60k "* ]]; then
  weka_sizes+=" 60k"
fi
for rows in $sizes; do
  for setting in "50 components:-M 50 -R 1.0:50" "95% variance:-R 0.95:0.95"; do
    IFS=: read -r name options sk <<<"$setting"
    ours=()
    row "fundamentos PCA ($name, auto solver)" "$rows" "$THREADS" \
      "$(weka_filter "$THREADS" $ours_class "-C $options -num-threads $THREADS" "$rows" repeat)"
    if [[ "$name" == "50 components" ]]; then
      row "fundamentos PCA ($name, -solver randomized)" "$rows" "$THREADS" \
        "$(weka_filter "$THREADS" $ours_class "-C $options -solver randomized -num-threads $THREADS" \
          "$rows" repeat)" "$THREADS"
    fi
    result=$(sklearn "$THREADS" "$sk" "$rows")
    solver=$(cut -s -d' ' -f7 <<<"$result")
    row "scikit-learn PCA ($name${solver:+, solver $solver})" "$rows" "$THREADS" "$result" "$THREADS"
    [[ " $weka_sizes " == *" $rows "* ]] || continue
    # Weka's filter is single-threaded: ours on one thread beside it
    if [[ "$THREADS" != 1 ]]; then
      row "fundamentos PCA ($name, auto solver)" "$rows" 1 \
        "$(weka_filter 1 $ours_class "-C $options -num-threads 1" "$rows" repeat)"
    fi
    row "Weka PrincipalComponents ($name)" "$rows" 1 \
      "$(weka_filter 1 $weka_class "-C $options" "$rows")" 1
  done
done
