#!/usr/bin/env bash
# SoftmaxRegression (defaults) against Weka's Logistic by 10-fold cross-validation on the example
# data sets of the Debian package `weka` (/usr/share/doc/weka/examples): data the package's tests
# never saw. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/weka-env.sh
install_package >/dev/null
examples=/usr/share/doc/weka/examples
weka src/bench/CrossValidateExamples.java \
  "$examples/vote.arff" "$examples/breast-cancer.arff" "$examples/glass.arff" "$examples/soybean.arff" \
  "$examples/diabetes.arff" "$examples/credit-g.arff" "$examples/labor.arff" \
  "$examples/ionosphere.arff" "$examples/segment-challenge.arff" 2>/dev/null
