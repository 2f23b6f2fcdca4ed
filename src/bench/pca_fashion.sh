#!/usr/bin/env bash
# The PCA filter against Weka's PrincipalComponents and scikit-learn's PCA on Fashion-MNIST
# (Debian package dataset-fashion-mnist), all measured in this one run on this machine.
#
#   src/bench/pca_fashion.sh           10k and 60k training images, 50 components and 95% variance
#   SIZES=10k src/bench/pca_fashion.sh only the 10k rows
#
# Every scheme centres only (covariance PCA: -C for the Weka filters). "fit" is fitting plus
# transforming the training images (the first time in a fresh JVM or Python process), "test"
# transforming the 10k test images, "again" a second fit in the same process (JIT and native libraries
# warm: what each fold of a cross-validation costs; not run for Weka's filter, which takes minutes);
# loading the ARFF files is not timed. Explained variance is the sum of the output columns' training variances over the
# total variance of the pixels, computed the same way for every scheme. Peak memory is the
# process's peak resident set (JVMs at the same -Xmx, default 12g). A run longer than TIMEOUT
# seconds (default 1800) is stopped and reported as such. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/weka-env.sh
export WEKA_HEAP=${WEKA_HEAP:-12g}
install_package >/dev/null
python3 src/bench/fashion_to_arff.py --out target/bench >/dev/null
test=target/bench/fashion-test.arff

ours_fit=""
row() { # label rows result
  local label=$1 rows=$2 result=$3
  if [[ -z "$result" ]]; then
    echo "| $rows | $label | stopped after ${TIMEOUT:-1800} s | | | | | | |"
    return
  fi
  read -r fit transform components explained peak again _ <<<"$result"
  local ratio="1.0"
  if [[ -n "$ours_fit" ]]; then
    ratio=$(awk -v a="$fit" -v b="$ours_fit" 'BEGIN { printf "%.1f", a / b }')
  fi
  echo "| $rows | $label | $fit | $again | $transform | $components | $explained | $peak | $ratio |"
}

weka_filter() { # class options rows [repeat]
  timeout "${TIMEOUT:-1800}" java "${WEKA_JAVA_OPTS[@]}" -Xmx$WEKA_HEAP \
    -cp "$(cat target/weka-classpath.txt)" src/bench/PcaBenchmark.java "$1" "$2" \
    "target/bench/fashion-train$3.arff" "$test" ${4:-} 2>/dev/null | tail -n 1 || true
}

sklearn() { # n_components rows
  timeout "${TIMEOUT:-1800}" /usr/bin/python3 src/bench/sklearn_pca.py "$1" \
    "target/bench/fashion-train$2.arff" "$test" 2>/dev/null || true
}

echo "| training rows | scheme | fit + transform train (s) | again, same process (s) | transform test (s) | components | explained variance | peak memory (MB) | fit time / ours |"
echo "|---|---|---|---|---|---|---|---|---|"
for rows in ${SIZES:-10k 60k}; do
  for setting in "50 components:-M 50 -R 1.0:50" "95% variance:-R 0.95:0.95"; do
    IFS=: read -r name options sk <<<"$setting"
    ours_fit=""
    result=$(weka_filter weka.filters.unsupervised.attribute.PCA "-C $options" "$rows" repeat)
    row "fundamentos PCA ($name, auto solver)" "$rows" "$result"
    ours_fit=$(cut -d' ' -f1 <<<"$result")
    if [[ "$name" == "50 components" ]]; then
      row "fundamentos PCA ($name, -solver randomized)" "$rows" \
        "$(weka_filter weka.filters.unsupervised.attribute.PCA "-C $options -solver randomized" "$rows" repeat)"
    fi
    result=$(sklearn "$sk" "$rows")
    row "scikit-learn PCA ($name, solver $(cut -d' ' -f7 <<<"$result"))" "$rows" "$result"
    row "Weka PrincipalComponents ($name)" "$rows" \
      "$(weka_filter weka.filters.unsupervised.attribute.PrincipalComponents "-C $options" "$rows")"
  done
done
