#!/usr/bin/env bash
# Training on Spark (the train job, doc/Spark.md) against training on one machine, in this run:
# SoftmaxRegression's mini-batch steps on Fashion-MNIST's 60,000 training images, the same epochs
# and options everywhere, test accuracy on the 10,000 test images.
#
#   src/bench/spark_train.sh             60k rows; SoftmaxRegression 10 epochs: one machine on 1
#                                        and 2 threads, the job on 1 worker (local[1]) and 2
#                                        workers (local[2]) averaging every 8 and every 32
#                                        mini-batches; the default CNN 3 epochs: one machine on 2
#                                        threads, the job on 2 workers averaging every 8
#   ROWS=10k EPOCHS=5 CNN_EPOCHS=2 src/bench/spark_train.sh   other sizes
#   AVERAGING="1 8 32" src/bench/spark_train.sh  other averaging frequencies (SoftmaxRegression)
#   SCHEMES=softmax src/bench/spark_train.sh     one scheme only (softmax, cnn)
#   QUICK=1 src/bench/spark_train.sh     smoke test: 1,000 rows, 2 epochs
#
# Test accuracy: each saved model on the test ARFF through src/bench/TestAccuracy.java (attributes
# and class labels matched by name: the Spark header orders a CSV column's labels by first
# appearance). Every row is one whole command (`/usr/bin/time`): reading the data, training, writing the model;
# for Spark also starting Spark and the header pass. "s / epoch" is the epochs' own time without
# the start: on Spark the mean of the times the job prints for its epochs (the rounds and the
# measurement of the losses after each), on one machine the run of all epochs less a run of one
# epoch, over the epochs between (SoftmaxRegression), or the training time the CNN reports over
# its epochs. Both train with -solver minibatch -tolerance 0 (every epoch
# runs), SGD at 0.05, mini-batches of 32, L2 1e-5, seed 1. Each Spark worker is one task on one
# thread (ND4J's too). "bytes a round" is the job's count: parameters and optimizer state, once to
# each worker and once back (broadcast and task results; Spark's own overhead not counted).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
rows=${ROWS:-$(quick 1000 60k)}
epochs=${EPOCHS:-$(quick 2 10)}
cnn_epochs=${CNN_EPOCHS:-$(quick 1 3)}
averaging=${AVERAGING:-8 32}
schemes=${SCHEMES:-softmax cnn}
heap=${HEAP:-6g}
bench_begin src/bench/spark_train.sh THREADS ROWS EPOCHS CNN_EPOCHS AVERAGING SCHEMES HEAP QUICK
bench_tools java weka fundamentos spark
bench_install
if [[ ! -f spark/target/classpath.txt ]]; then
  FUNDAMENTOS_SPARK_REBUILD=1 src/scripts/spark.sh --help >/dev/null
fi
work=$BENCH_DIR/spark-train
rm -rf "$work"
mkdir -p "$work"
arff=$(fashion_train "$rows")
test_arff=$(fashion_test 10k)
csv=$work/fashion-$rows.csv
awk '/^@attribute/ { names = names (names == "" ? "" : ",") $2 }
     /^@data/ { print names; data = 1; next }
     data && NF { gsub("\047", ""); print }' "$arff" >"$csv"
options="-solver minibatch -epochs $epochs -tolerance 0 -mini-batch 32 -L2 1e-5 -S 1"

timed() { # command...: "seconds peakMB"; the command's output goes to $out
  local times status=0
  times=$(mktemp)
  /usr/bin/time -o "$times" -f '%e %M' "$@" >"$out" 2>&1 || status=$?
  if ((status != 0)); then
    echo failed
  else
    awk '{ printf "%s %.0f", $1, $2 / 1024 }' "$times"
  fi
  rm -f "$times"
}

accuracy() { # model file: test accuracy (%), values matched by name (src/bench/TestAccuracy.java)
  bench_java 1 -Xmx"$heap" src/bench/TestAccuracy.java "$1" "$test_arff" 2>/dev/null | tail -n 1
}

# spark_row label scheme epochs workers f model-options...: one train job on local[workers], its row
spark_row() {
  local label=$1 scheme=$2 n_epochs=$3 workers=$4 f=$5 result seconds peak per bytes
  shift 5
  out=$work/spark-$scheme-$workers-$f.log
  local model=$work/spark-$scheme-$workers-$f.model
  result=$(timed env SPARK_DRIVER_MEMORY="$heap" \
    FUNDAMENTOS_SPARK_OPTS="-Dspark.master=local[$workers] -Dfundamentos.threads=1" \
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 src/scripts/spark.sh train -i "$csv" -c last \
    -workers "$workers" -averaging "$f" -model "$model" -W "weka.classifiers.functions.$scheme" "$@")
  if [[ "$result" == failed ]]; then
    emit "| $label | Spark train job, local[$workers] | $workers x 1 | $f | failed (see $out) | | | | | |"
    return
  fi
  read -r seconds peak <<<"$result"
  per=$(awk -v e="$n_epochs" '/^epoch [0-9]+:/ { for (i = 1; i <= NF; i++) if ($i == "s") { sum += $(i - 1) } }
    END { printf "%.2f", sum / e }' "$out")
  bytes=$(awk '/bytes moved a round/ { for (i = 1; i <= NF; i++) if ($i == "bytes") print $(i - 1) }' "$out" | tail -n 1)
  emit "| $label | Spark train job, local[$workers] | $workers x 1 | $f | $seconds | $per | $peak | $(accuracy "$model") | $(thousands "$bytes") | $(ratio "$per" "$base" %.2f) |"
}

emit "Fashion-MNIST: $(thousands "$(fashion_n "$rows")") training rows, test accuracy on the 10,000 test images."
emit ""
emit "| scheme, epochs | runs on | workers x threads | averaging every | time (s) | s / epoch | peak memory (MB) | test accuracy (%) | bytes a round | s / epoch / one machine (first row of the scheme) |"
emit "|---|---|---|---|---|---|---|---|---|---|"
if [[ " $schemes " == *" softmax "* ]]; then
base=""
label="SoftmaxRegression, $epochs"
for n in 1 $THREADS; do
  model=$work/single-$n.model
  one_machine() { # epochs: "seconds peakMB" of weka.Run training that many epochs on n threads
    timed env OMP_NUM_THREADS="$n" OPENBLAS_NUM_THREADS="$n" java "${WEKA_JAVA_OPTS[@]}" \
      -Dfundamentos.threads="$n" -Xmx"$heap" -cp "$(cat target/weka-classpath.txt)" weka.Run \
      .SoftmaxRegression ${options/-epochs $epochs/-epochs $1} -num-threads "$n" -t "$arff" \
      -no-cv -d "$model"
  }
  out=$work/single-$n-1.log
  read -r first _ <<<"$(one_machine 1)"
  out=$work/single-$n.log
  read -r seconds peak <<<"$(one_machine "$epochs")"
  # the epochs' own time: the run of all epochs less the run of one, over the epochs between
  per=$(awk -v s="$seconds" -v f="$first" -v e="$epochs" 'BEGIN { printf "%.2f", (s - f) / (e - 1) }')
  if [[ -z "$base" ]]; then base=$per; fi
  emit "| $label | one machine: weka.Run | 1 x $n | - | $seconds | $per | $peak | $(accuracy "$model") | 0 | $(ratio "$per" "$base" %.2f) |"
  if [[ "$THREADS" == 1 ]]; then break; fi
done
for workers in 1 2; do
  for f in $averaging; do
    # shellcheck disable=SC2086
    spark_row "$label" SoftmaxRegression "$epochs" "$workers" "$f" $options
  done
done
fi

# the default CNN: one machine on $THREADS threads against 2 workers of one thread, averaging every 8
if [[ " $schemes " == *" cnn "* ]]; then
  label="CNN (defaults), $cnn_epochs"
  cnn_options="-epochs $cnn_epochs -S 1"
  out=$work/cnn-single.log
  model=$work/cnn-single.model
  result=$(timed env OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS" java \
    "${WEKA_JAVA_OPTS[@]}" -Dfundamentos.threads="$THREADS" -Xmx"$heap" \
    -cp "$(cat target/weka-classpath.txt)" weka.Run .CNN $cnn_options -num-threads "$THREADS" \
    -t "$arff" -no-cv -d "$model")
  read -r seconds peak <<<"$result"
  # the CNN's last epoch line: "... N s elapsed": the training's own time
  per=$(awk -v e="$cnn_epochs" '/ s elapsed/ { for (i = 1; i <= NF; i++) if ($i == "elapsed,") t = $(i - 2) }
    END { printf "%.1f", t / e }' "$out")
  base=$per
  emit "| $label | one machine: weka.Run | 1 x $THREADS | - | $seconds | $per | $peak | $(accuracy "$model") | 0 | 1.00 |"
  # shellcheck disable=SC2086
  spark_row "$label" CNN "$cnn_epochs" 2 8 $cnn_options -quiet
fi
