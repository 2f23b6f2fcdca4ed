#!/usr/bin/env bash
# SoftmaxRegression against Weka's Logistic and scikit-learn's multinomial LogisticRegression on
# Fashion-MNIST (Debian package dataset-fashion-mnist), all measured in this one run.
#
#   src/bench/softmax_fashion.sh            10k training rows for all three, 60k for ours and sklearn
#   LOGISTIC_60K=1 src/bench/softmax_fashion.sh   also try Logistic on 60k rows (hours)
#
# Prints a Markdown table: training time (Weka's "Time taken to build model"; sklearn: fit time of
# scaler + model) and accuracy on the 10k test images. A Weka run longer than TIMEOUT seconds
# (default 2700) is stopped and reported as such.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/weka-env.sh
export WEKA_HEAP=${WEKA_HEAP:-12g}
install_package >/dev/null
python3 src/bench/fashion_to_arff.py --out target/bench
test=target/bench/fashion-test.arff

weka_row() { # label scheme rows [options...]
  local label=$1 scheme=$2 rows=$3
  shift 3
  local out
  if ! out=$(timeout "${TIMEOUT:-2700}" java "${WEKA_JAVA_OPTS[@]}" -Xmx$WEKA_HEAP \
      -cp "$(cat target/weka-classpath.txt)" weka.Run "$scheme" \
      -t "target/bench/fashion-train$rows.arff" -T "$test" -v "$@" 2>&1); then
    echo "| $label | $rows | stopped after ${TIMEOUT:-2700} | - |"
    return
  fi
  local seconds accuracy
  seconds=$(grep -m1 "Time taken to build model" <<<"$out" | awk '{print $(NF-1)}')
  accuracy=$(grep -A2 "=== Error on test data ===" <<<"$out" | grep "Correctly" | awk '{print $(NF-1)}')
  echo "| $label | $rows | $seconds | $accuracy |"
}

sklearn_row() { # rows
  local result
  result=$(/usr/bin/python3 src/bench/sklearn_softmax.py "target/bench/fashion-train$1.arff" "$test" 2>/dev/null)
  echo "| scikit-learn LogisticRegression (lbfgs, max_iter 1000) | $1 | $(cut -d' ' -f2 <<<"$result") | $(cut -d' ' -f3 <<<"$result") |"
}

echo "| scheme | training rows | training time (s) | test accuracy (%) |"
echo "|---|---|---|---|"
weka_row "fundamentos SoftmaxRegression (defaults)" .SoftmaxRegression 10k
sklearn_row 10k
weka_row "fundamentos SoftmaxRegression (defaults)" .SoftmaxRegression 60k
sklearn_row 60k
weka_row "Weka Logistic (-M 100: at most 100 BFGS iterations)" .Logistic 10k -M 100
weka_row "Weka Logistic (defaults)" .Logistic 10k
if [[ -n "${LOGISTIC_60K:-}" ]]; then
  weka_row "Weka Logistic (defaults)" .Logistic 60k
fi
