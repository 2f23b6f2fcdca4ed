#!/usr/bin/env bash
# The Spark module's jobs (doc/Spark.md) on this machine: Spark's local[1] (one task thread)
# against local[2] (two) and against the single-machine scheme on the same rows, all in this run.
#
#   src/bench/spark_jobs.sh            Fashion-MNIST's 60,000 training images: the header job, the
#                                      PCA job (50 components, covariance) and the score job (a J48
#                                      tree trained on the first 10,000 images)
#                                      and the DBSCAN job on 1M and 10M 2-D points (blobs and 10%
#                                      noise, src/bench/dbscan_data.py; eps 0.00125 and 0.0004,
#                                      minPts 10: about 50 neighbours for a blob point)
#   ROWS=10k src/bench/spark_jobs.sh   other rows (10k, 60k or a number of first rows)
#   DBSCAN="1000000:0.00125" src/bench/spark_jobs.sh   other DBSCAN sizes (points:eps ...)
#   QUICK=1 src/bench/spark_jobs.sh    smoke test: 500 images, 2,000 points
#
# Every row is one whole command, timed from its start to its end (`/usr/bin/time`): reading the
# text file, the work, writing the model and the results; for Spark also starting Spark in the JVM
# (a few seconds, the price of local[*] on one machine). The Spark jobs read the images as CSV (the
# ARFF's data lines under a line of names), the single-machine schemes the same rows as ARFF through
# weka.Run. One machine's equivalents: the header job against `weka.core.Instances` printing the
# same summary statistics; the PCA job against the PCA filter (`weka.Run ...PCA -i -o`); the score
# job against `weka.Run J48 -l -T` writing each row's prediction and class probabilities (Weka's CSV
# prediction output); the DBSCAN job (with the header job's output, 8 partitions, labels and model
# written) against IndexedDBSCAN in one JVM (src/bench/DbscanBenchmark.java: loading the ARFF, the
# clustering, every row's cluster written; not `weka.Run -t`, whose ClusterEvaluation also computes
# each row's density per cluster: 34 s at 1M points). "time / one machine" divides by the single-machine row of the same job and
# thread count (Weka's J48 and Instances run on one thread, so both Spark rows divide by that one).
# The bytes come from each Spark run's event log (src/bench/spark_eventlog.py): input read, shuffle
# written and task results sent to the driver, summed over tasks; doc/Spark.md's cost model
# explains them. Peak memory is the process's peak resident set (every JVM at -Xmx$HEAP, 4g; at
# -Xmx$DBSCAN_HEAP, 8g, for DBSCAN).
# Threads: Spark gets local[N], the package -Dfundamentos.threads=N and -num-threads N, the native
# pools N (src/bench/lib.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
rows=${ROWS:-$(quick 500 60k)}
heap=${HEAP:-4g}
dbscan_sizes=${DBSCAN:-$(quick "2000:0.04" "1000000:0.00125 10000000:0.0004")}
bench_begin src/bench/spark_jobs.sh THREADS ROWS DBSCAN HEAP QUICK
bench_tools java weka fundamentos spark
bench_install
# the Spark module (spark.sh builds it when spark/target has no class path yet)
if [[ ! -f spark/target/classpath.txt ]]; then
  FUNDAMENTOS_SPARK_REBUILD=1 src/scripts/spark.sh --help >/dev/null
fi
work=$BENCH_DIR/spark
rm -rf "$work"
mkdir -p "$work"
arff=$(fashion_train "$rows")
csv=$work/fashion-$rows.csv
# the ARFF's data lines under a line of attribute names, the class values without their quotes
awk '/^@attribute/ { names = names (names == "" ? "" : ",") $2 }
     /^@data/ { print names; data = 1; next }
     data && NF { gsub("\047", ""); print }' "$arff" >"$csv"
train10k=$(fashion_train "$(quick 300 10k)")

declare -A base # job -> single-machine seconds per thread count ("job threads")

# timed command...: prints "seconds peakMB" of the whole command; its output goes to the log
timed() {
  local times status=0
  times=$(mktemp)
  /usr/bin/time -o "$times" -f '%e %M' "$@" >>"$work/commands.log" 2>&1 || status=$?
  if ((status != 0)) || ! number "$(cut -d' ' -f1 <"$times")"; then
    echo "failed"
  else
    awk '{ printf "%s %.0f", $1, $2 / 1024 }' "$times"
  fi
  rm -f "$times"
}

# one_machine N java-arguments...: a JVM on Weka's class path as bench_java starts it, timed
one_machine() {
  local n=$1
  shift
  timed env OMP_NUM_THREADS="$n" OPENBLAS_NUM_THREADS="$n" MKL_NUM_THREADS="$n" \
    java "${WEKA_JAVA_OPTS[@]}" -Dfundamentos.threads="$n" -Xmx"$heap" \
    -cp "$(cat target/weka-classpath.txt)" "$@"
}

spark() { # threads job options...: one Spark run with its own event log; prints "s MB tasks read shuffled results"
  local n=$1 log
  shift
  log=$(mktemp -d "$work/events.XXXX")
  local result
  result=$(timed env SPARK_DRIVER_MEMORY="$heap" \
    FUNDAMENTOS_SPARK_OPTS="-Dspark.master=local[$n] -Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file://$PWD/$log -Dfundamentos.threads=$n" \
    OMP_NUM_THREADS="$n" OPENBLAS_NUM_THREADS="$n" MKL_NUM_THREADS="$n" src/scripts/spark.sh "$@")
  if [[ "$result" == failed ]]; then
    echo failed
    return
  fi
  echo "$result $("$PYTHON" src/bench/spark_eventlog.py "$log")"
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
kb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1024 }'; }

row() { # job where threads result [single-machine key]
  local job=$1 where=$2 n=$3 result=$4 key=${5:-}
  if [[ "$result" == failed ]]; then
    emit "| $job | $where | $n | failed (see target/bench/spark/commands.log) | | | | | |"
    return
  fi
  read -r seconds peak tasks read shuffled results _ <<<"$result"
  if [[ -z "$key" ]]; then
    base["$job $n"]=$seconds
    emit "| $job | $where | $n | $seconds | $peak | | | | 1.0 |"
  else
    emit "| $job | $where | $n | $seconds | $peak | $tasks | $(mb "$read") / $(mb "$shuffled") | $(kb "$results") | $(ratio "$seconds" "${base[$key]:-}" %.2f) |"
  fi
}

n_rows=$(($(wc -l <"$csv") - 1))
emit "Fashion-MNIST: $(thousands "$n_rows") rows x 785 attributes ($(mb "$(stat -c %s "$csv")") MB of CSV); Spark's default split gives one partition per 32 MB of local file (Hadoop's local block size)."
emit ""
emit "| job | runs on | threads | time (s) | peak memory (MB) | Spark tasks | read / shuffled (MB) | task results to the driver (KB) | time / one machine |"
emit "|---|---|---|---|---|---|---|---|---|"

# header: the summary statistics of every attribute
row header "one machine: weka.core.Instances (summary statistics)" 1 \
  "$(one_machine 1 weka.core.Instances "$arff")"
for n in 1 $THREADS; do
  row header "Spark local[$n]" "$n" "$(spark "$n" header -i "$csv" -o "$work/header-$n.arff")" "header 1"
  if [[ "$THREADS" == 1 ]]; then break; fi
done
header=$work/header-1.arff

# PCA: fit, model file, scores of every row
for n in 1 $THREADS; do
  row pca "one machine: PCA filter (weka.Run -i -o)" "$n" \
    "$(one_machine "$n" weka.Run weka.filters.unsupervised.attribute.PCA -C -M 50 \
      -R 1 -num-threads "$n" -c last -i "$arff" -o "$work/pca-$n.arff")"
  row pca "Spark local[$n]" "$n" "$(spark "$n" pca -i "$csv" -header "$header" -c last -C -M 50 -R 1 \
    -num-threads "$n" -model "$work/pca-$n.model" -o "$work/pca-scores-$n")" "pca $n"
  if [[ "$THREADS" == 1 ]]; then break; fi
done

# score: a J48 tree (trained here, not timed) applied to every row
bench_java 1 -Xmx"$heap" weka.Run .J48 -t "$train10k" -d "$work/j48.model" -no-cv >>"$work/commands.log" 2>&1
row score "one machine: weka.Run J48 -l -T (predictions and probabilities)" 1 \
  "$(one_machine 1 weka.Run .J48 -l "$work/j48.model" -T "$arff" \
    -classifications "weka.classifiers.evaluation.output.prediction.CSV -distribution -file $work/j48-predictions.csv")"
for n in 1 $THREADS; do
  row score "Spark local[$n]" "$n" \
    "$(spark "$n" score -i "$csv" -model "$work/j48.model" -o "$work/j48-scores-$n")" "score 1"
  if [[ "$THREADS" == 1 ]]; then break; fi
done

# DBSCAN: 2-D points, the job (header given) against IndexedDBSCAN on one JVM; both normalise the
# attributes by their range (the points already span [0, 1]), the same eps and minPts
for size in $dbscan_sizes; do
  IFS=: read -r points eps <<<"$size"
  base=$("$PYTHON" src/bench/dbscan_data.py "$work" "$points" 2 | tail -n 1)
  label="dbscan, $(thousands "$points") points, eps $eps"
  row "$label" "one machine: IndexedDBSCAN (src/bench/DbscanBenchmark.java)" 1 \
    "$(heap=${DBSCAN_HEAP:-8g} one_machine 1 src/bench/DbscanBenchmark.java "$base.arff" \
      "-E $eps -M 10" "$base-single.txt")"
  spark 1 header -i "$base.csv" -no-names -o "$base-header.arff" >/dev/null
  for n in 1 $THREADS; do
    row "$label" "Spark local[$n]" "$n" "$(heap=${DBSCAN_HEAP:-8g} spark "$n" dbscan -i "$base.csv" \
      -no-names -header "$base-header.arff" -E "$eps" -M 10 -partitions 8 \
      -model "$base-$n.model" -o "$base-labels-$n")" "$label 1"
    if [[ "$THREADS" == 1 ]]; then break; fi
  done
  rm -f "$base.csv" "$base.arff"
done
