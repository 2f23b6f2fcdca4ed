#!/usr/bin/env bash
# SoftmaxRegression against Weka's Logistic and scikit-learn's multinomial LogisticRegression on
# Fashion-MNIST (Debian package dataset-fashion-mnist), all measured in this one run.
#
#   src/bench/softmax_fashion.sh            10k and 60k training rows for ours and scikit-learn;
#                                           Weka's Logistic on 10k, beside ours on one thread
#   THREADS=1 src/bench/softmax_fashion.sh  everything on one thread
#   LOGISTIC_60K=1 src/bench/softmax_fashion.sh   also try Logistic on 60k rows (hours)
#   QUICK=1 src/bench/softmax_fashion.sh    smoke test: 500 training and 500 test rows
#   SIZES=60k LOGISTIC=0 src/bench/softmax_fashion.sh   ours and scikit-learn on 60k rows only
#                                           (no Weka Logistic rows, no one-thread row)
#
# Prints a Markdown table: training time (Weka's "Time taken to build model"; scikit-learn: fit
# time of scaler + model) and accuracy on the test images. Threads: ours and scikit-learn run on
# THREADS threads (default: all cores; ours -num-threads and -Dfundamentos.threads, scikit-learn's
# BLAS through OMP/OPENBLAS/MKL_NUM_THREADS); Weka's Logistic is single-threaded, so ours also runs
# on one thread beside it. "time / ours" is each row's time over ours on the same rows and threads.
# Weka's Logistic at its defaults is stopped after LOGISTIC_TIMEOUT seconds (default 300: it has not
# finished 10k rows in 45 minutes in any run, so a longer cap only raises the lower bound), any other
# run after TIMEOUT seconds (default 900); such a row says "stopped after N s" and its "time / ours"
# is a lower bound ("> N", the cap over ours' time).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
sizes=${SIZES:-$(quick 500 "10k 60k")}
limit=${TIMEOUT:-$(quick 600 900)}
logistic_limit=${LOGISTIC_TIMEOUT:-$(quick 60 300)}
# Logistic's BFGS costs seconds per iteration whatever the rows (7,850 weights): QUICK caps it lower
iterations=$(quick 5 100)
bench_begin src/bench/softmax_fashion.sh THREADS SIZES TIMEOUT LOGISTIC LOGISTIC_TIMEOUT \
  LOGISTIC_60K WEKA_HEAP QUICK
export WEKA_HEAP=${WEKA_HEAP:-12g}
bench_tools java weka fundamentos python sklearn
bench_install
test=$(fashion_test)
for rows in $sizes; do
  fashion_train "$rows" >/dev/null # converted once, before anything is timed
done

declare -A ours # "rows threads" -> our training seconds

row() { # label rows threads seconds accuracy [reference seconds]
  local r="-"
  if [[ -n "${6:-}" ]]; then
    if number "$4"; then
      r=$(ratio "$4" "$6" %.1f)
    elif [[ "$4" == "stopped after "* ]]; then
      r="> $(ratio "${4//[^0-9]/}" "$6" %.0f)"
    fi
  fi
  emit "| $1 | $2 | $3 | $4 | $r | $5 |"
}

weka_run() { # threads limit rows scheme options... -> "seconds accuracy", or "stopped after N s"
  local n=$1 cap=$2 rows=$3 scheme=$4 out status=0
  shift 4
  out=$(BENCH_LIMIT=$cap bench_java "$n" -Xmx"$WEKA_HEAP" weka.Run "$scheme" \
    -t "$(fashion_train "$rows")" -T "$test" -v "$@" 2>&1) || status=$?
  if ((status == 124)); then
    echo "stopped after $cap s"
    return
  fi
  local seconds accuracy
  seconds=$(grep -m1 "Time taken to build model" <<<"$out" | awk '{print $(NF-1)}')
  accuracy=$(grep -A2 "=== Error on test data ===" <<<"$out" | grep "Correctly" | awk '{print $(NF-1)}')
  if [[ -z "$seconds" || -z "$accuracy" ]]; then
    echo "failed (exit $status): $(grep -v '^\s*at ' <<<"$out" | grep -m1 -iE 'exception|error' | cut -c1-120)"
    return
  fi
  echo "$seconds $accuracy"
}

ours_row() { # rows threads
  local result seconds accuracy
  result=$(weka_run "$2" "$limit" "$1" .SoftmaxRegression -num-threads "$2")
  if number "${result%% *}"; then
    read -r seconds accuracy <<<"$result"
    ours["$1 $2"]=$seconds
    row "fundamentos SoftmaxRegression (defaults)" "$1" "$2" "$seconds" "$accuracy" "$seconds"
  else
    row "fundamentos SoftmaxRegression (defaults)" "$1" "$2" "$result" "-"
  fi
}

logistic_row() { # label limit rows options...
  local label=$1 cap=$2 rows=$3 result
  shift 3
  result=$(weka_run 1 "$cap" "$rows" .Logistic "$@")
  if number "${result%% *}"; then
    row "$label" "$rows" 1 "${result%% *}" "${result#* }" "${ours["$rows 1"]:-}"
  else
    row "$label" "$rows" 1 "$result" "-" "${ours["$rows 1"]:-}"
  fi
}

sklearn_row() { # rows threads
  local result
  if result=$(BENCH_LIMIT=$limit threads "$2" "$PYTHON" src/bench/sklearn_softmax.py \
      "$(fashion_train "$1")" "$test" 2>/dev/null) && [[ -n "$result" ]]; then
    row "scikit-learn LogisticRegression (lbfgs, max_iter 1000)" "$1" "$2" \
      "$(cut -d' ' -f2 <<<"$result")" "$(cut -d' ' -f3 <<<"$result")" "${ours["$1 $2"]:-}"
  else
    row "scikit-learn LogisticRegression (lbfgs, max_iter 1000)" "$1" "$2" \
      "failed or stopped after $limit s" "-"
  fi
}

emit "| scheme | training rows | threads | training time (s) | time / ours | test accuracy (%) |"
emit "|---|---|---|---|---|---|"
for rows in $sizes; do
  ours_row "$rows" "$THREADS"
  sklearn_row "$rows" "$THREADS"
done
# Weka's Logistic is single-threaded: ours on one thread beside it, on the first size
first=${sizes%% *}
logistic_sizes=$first
if [[ -n "${LOGISTIC_60K:-}" && "$first" != 60k ]]; then
  logistic_sizes+=" 60k"
fi
if [[ "${LOGISTIC:-1}" == 0 ]]; then
  logistic_sizes=""
fi
for rows in $logistic_sizes; do
  if [[ "$THREADS" != 1 ]]; then
    ours_row "$rows" 1
  fi
  logistic_row "Weka Logistic (-M $iterations: at most $iterations BFGS iterations)" "$limit" "$rows" \
    -M "$iterations"
  logistic_row "Weka Logistic (defaults)" "$logistic_limit" "$rows"
done
