#!/usr/bin/env bash
# Runs every table of doc/benchmarks.md in one run and writes the tables into the doc itself,
# between its marker comments <!-- bench:NAME --> and <!-- /bench:NAME -->, so that no figure there
# is ever edited by hand. Each table comes from its own script in src/bench (each also runs on its
# own and prints its table), with a header line above it: the run's date and time, the commit
# (+ uncommitted changes), the machine, each tool's version and the command; every table has a
# "threads" column (see src/bench/lib.sh for how each process gets its thread count).
#
#   src/bench/all.sh                                        every table, into doc/benchmarks.md
#   TABLES="softmax-fashion pca-fashion" src/bench/all.sh   only these tables
#   QUICK=1 src/bench/all.sh                                smoke test: every table on tiny sizes (a
#                                                           few hundred rows, one epoch), written into
#                                                           target/bench/benchmarks-quick.md, a copy
#                                                           of the doc; the doc itself is not touched
#   THREADS=1 src/bench/all.sh                              every row on one thread (default: nproc)
#   BENCH_LOCK=/tmp/build.lock src/bench/all.sh             run under `flock` on that file (not
#                                                           inside another flock on the same file)
#   DOC=other.md src/bench/all.sh                           write into another copy of the doc
#
# The tables (marker names), the script each runs, and how long each took in the full run of
# 2026-12-06 on 2 cores (AMD EPYC, 24 GB; commit 8dbc27b): 63 minutes in all (estimated at 105-110
# before that run, from older per-row times):
#   package-size          package_size.sh (builds the zip)                               <1 min
#   softmax-fashion       softmax_fashion.sh (10k and 60k rows; Weka's Logistic on 10k,
#                         at -M 100 and at its defaults capped at LOGISTIC_TIMEOUT,
#                         default 300 s)                                                 15 min
#   weka-examples         weka_examples.sh                                               5 min
#   pca-fashion           pca_fashion.sh (10k and 60k rows; Weka's PrincipalComponents
#                         on 10k only, under 1 min per setting there)                    4 min
#   dbscan-blobs          dbscan_blobs.sh (Weka 3.6 and Smile capped at PEER_TIMEOUT,
#                         default 120 s: Weka 3.6 at 100k points and Smile at the wide
#                         eps are stopped)                                               9 min
#   dbscan-fashion        ROWS="fashion ..." WEKA36_MAX=60000 dbscan_blobs.sh (Weka 3.6
#                         at 60k finished in 71 s)                                       3 min
#   umap-fashion          umap_fashion.sh (60k rows)                                     5 min
#   cnn-fashion           cnn_fashion.sh (ours and PyTorch 3 epochs; ours on 1 thread
#                         and Weka's MLP 1 epoch)                                        10 min
#   vit-fashion           DROPOUT=0 vit_fashion.sh (3 epochs)                            5 min
#   reuters-text          transformer_reuters.sh (10 epochs)                             6 min
#   hog-fashion           hog_fashion.sh (70k images, ours and scikit-image on 1 and
#                         THREADS threads; not in the run of 2026-12-06: 2.3 min alone
#                         on 2026-12-07)                                                 2 min
#   memory                memory.sh: each scheme's memory estimate against its measured
#                         peaks, written into doc/memory.md (not benchmarks.md)          2 min
#   tsne-umap             tsne_umap.sh (10k rows): UMAP, Smile's exact t-SNE and
#                         scikit-learn's on the digits and 10k Fashion images, written
#                         into doc/UMAP.md (added after that run)                       12 min
#   spark-jobs            spark_jobs.sh (60k rows: the header, PCA and score jobs on
#                         local[1] and local[2] beside Weka; added after that run)       4 min
#   spark-train           spark_train.sh (60k rows: SoftmaxRegression 10 epochs on one
#                         machine and on 1 and 2 Spark workers; the CNN 3 epochs on one
#                         machine and 2 workers; added after that run)                   about 20 min
#   cost-curves           cost_curves.sh: every scheme and its peer at 3 to 7 sizes (time,
#                         peak memory, growth exponents, log-log charts written into
#                         doc/images and doc/cost-curves.csv; added after that run:
#                         21 min alone on 2026-12-07, then UMAP to 200,000 rows
#                         with uwot: 27 min for UMAP alone)                             about 40 min
# Before, with 10 epochs for the networks (and Weka's MLP), 20 for the text Transformer, the caps
# at 1200 s (Logistic) and 900 s (Weka 3.6, Smile), Weka's PrincipalComponents at 60k rows and two
# more ViT tables (variants of ours alone, 47 epochs in all; three pre-norm blocks), the run was
# estimated at about 5 hours, longer than a work session. The caps and epochs above are where the
# time went; each script's header names the variables that bring back the old sizes (EPOCHS,
# MLP_EPOCHS, LOGISTIC_TIMEOUT, WEKA_PCA_60K, PEER_TIMEOUT).
# The variables of the single scripts (EPOCHS, ROWS, SIZES, TIMEOUT, ...) pass through to every
# script this one starts: set them together with TABLES naming the tables they are meant for.
#
# Output: the doc (each table as soon as it is done); the raw tables and each table's error output
# in target/bench/tables/NAME.md and NAME.log (QUICK: target/bench/quick/tables/); the whole run's
# log in target/bench/all-<date>.log, target/bench/all.log pointing to the latest (QUICK: under
# target/bench/quick/). A table whose script fails gets the rows it finished and a line saying that
# it failed and why, never the figures of an earlier run. The package is built and installed once,
# first; if that fails, every table says so. Exits non-zero if any table failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -n "${BENCH_LOCK:-}" && -z "${BENCH_LOCKED:-}" ]]; then
  exec env BENCH_LOCKED=1 flock "$BENCH_LOCK" "$PWD/src/bench/all.sh" "$@"
fi
source src/bench/lib.sh
# every figure comes from this run: no script may reuse an earlier run's results
unset REUSE

ALL_TABLES="package-size softmax-fashion weka-examples pca-fashion dbscan-blobs dbscan-fashion
umap-fashion tsne-umap cnn-fashion vit-fashion reuters-text hog-fashion memory spark-jobs
spark-train cost-curves"
tables=${TABLES:-$ALL_TABLES}
for name in $tables; do
  if [[ " $(echo $ALL_TABLES) " != *" $name "* ]]; then
    echo "unknown table '$name'; the tables are: $(echo $ALL_TABLES)" >&2
    exit 2
  fi
done

source_doc=${DOC:-doc/benchmarks.md}
# two tables live beside what they measure, in docs next to benchmarks.md: the memory table beside
# the formulas of memory.md, the t-SNE/UMAP table in UMAP.md's section on the course's claim
doc_name_of() {
  case $1 in
    memory) echo memory.md ;;
    tsne-umap) echo UMAP.md ;;
    *) echo "$(basename "$source_doc")" ;;
  esac
}
if [[ "$QUICK" == 1 ]]; then
  dir=$BENCH_DIR/quick
  doc=$BENCH_DIR/benchmarks-quick.md
  mkdir -p "$dir"
  cp "$source_doc" "$doc"
  for other in memory.md UMAP.md; do
    cp "$(dirname "$source_doc")/$other" "$BENCH_DIR/quick-$other"
  done
else
  dir=$BENCH_DIR
  doc=$source_doc
fi
# the doc a table is written into
doc_of() {
  local name
  name=$(doc_name_of "$1")
  if [[ "$name" == "$(basename "$source_doc")" ]]; then
    echo "$doc"
  elif [[ "$QUICK" == 1 ]]; then
    echo "$BENCH_DIR/quick-$name"
  else
    echo "$(dirname "$source_doc")/$name"
  fi
}
for name in $tables; do
  "$PYTHON" src/bench/splice_table.py "$(doc_of "$name")" "$name" - || exit 2
done
mkdir -p "$dir/tables"
log=$dir/all-$(date +%Y%m%d-%H%M%S).log
ln -sfn "$(basename "$log")" "$dir/all.log"
exec > >(tee -a "$log") 2>&1

# the commit is read once, before the build, so that this run's own writes into the doc do not count
# as changes
export BENCH_COMMIT
BENCH_COMMIT=$(bench_commit)
echo "== src/bench/all.sh $(date '+%Y-%m-%d %H:%M:%S %Z'): commit $BENCH_COMMIT, THREADS=$THREADS, QUICK=$QUICK"
echo "== tables: $(echo $tables)"
echo "== writing into $doc; raw tables in $dir/tables; this log: $log"
git status --porcelain || true

# the command of a table (the env assignments it needs, then its script)
table_command() {
  case $1 in
    package-size) cmd=(src/bench/package_size.sh) ;;
    softmax-fashion) cmd=(src/bench/softmax_fashion.sh) ;;
    weka-examples) cmd=(src/bench/weka_examples.sh) ;;
    pca-fashion) cmd=(src/bench/pca_fashion.sh) ;;
    dbscan-blobs) cmd=(src/bench/dbscan_blobs.sh) ;; # its default ROWS are the table's
    dbscan-fashion)
      cmd=(env WEKA36_MAX=60000 "ROWS=$(quick "fashion 2 1000 0.08 10
fashion 10 1000 0.15 10
blobs 2 1000 0.04 10
blobs 2 1000 0.04 10" "fashion 2 60000 0.01 10
fashion 10 60000 0.08 10
blobs 2 20000 0.0088 10
blobs 2 20000 0.0088 10
blobs 2 20000 0.0088 10
blobs 2 20000 0.0088 10")" src/bench/dbscan_blobs.sh) ;;
    umap-fashion) cmd=(src/bench/umap_fashion.sh) ;;
    cnn-fashion) cmd=(src/bench/cnn_fashion.sh) ;;
    vit-fashion) cmd=(env DROPOUT=0 src/bench/vit_fashion.sh) ;;
    reuters-text) cmd=(src/bench/transformer_reuters.sh) ;;
    hog-fashion) cmd=(src/bench/hog_fashion.sh) ;;
    memory) cmd=(src/bench/memory.sh) ;;
    tsne-umap) cmd=(src/bench/tsne_umap.sh) ;; # 10,000 Fashion rows by default
    spark-jobs) cmd=(src/bench/spark_jobs.sh) ;; # 60,000 Fashion rows by default
    spark-train) cmd=(src/bench/spark_train.sh) ;; # SoftmaxRegression and the CNN, 60,000 rows
    cost-curves) cmd=(src/bench/cost_curves.sh) ;; # also writes its CSV and charts into doc/
  esac
}

# what an error output says about the failure, on one line without backquotes: its last lines that
# name an exception or error, else its last lines (no table rows, stack frames or Maven's advice)
failure_reason() {
  local lines err
  lines=$(grep -v -E '^[[:space:]]*$|^\||^[[:space:]]+at |^[[:space:]]*\.\.\. [0-9]+ more|^\[ERROR\] *$|^\[ERROR\] *(->|To see the full|Re-run Maven|For more information|\[Help)' \
    "$1" 2>/dev/null || true)
  err=$(grep -E 'Exception|Error|error:|FAIL' <<<"$lines" | tail -n 2 || true)
  [[ -n "$err" ]] || err=$(tail -n 2 <<<"$lines")
  tr -d '`\t' <<<"$err" | sed 's/^ *//' | paste -sd ';' - | sed 's/;/; /g' | cut -c1-400
}

failed_line() { # command exit-status reason
  echo "**Failed:** \`$1\` stopped with exit status $2 at $(date '+%Y-%m-%d %H:%M %Z'): ${3:-no error output}."
}

# build and install once for all tables
echo "== building and installing the package"
status=0
install_package 2>&1 | tee "$dir/tables/build.log" || status=$?
if ((status != 0)); then
  reason=$(failure_reason "$dir/tables/build.log")
  for name in $tables; do
    failed_line "src/scripts/weka-env.sh install_package (mvn -B -q -DskipTests package)" "$status" \
      "$reason" >"$dir/tables/$name.md"
    "$PYTHON" src/bench/splice_table.py "$(doc_of "$name")" "$name" "$dir/tables/$name.md"
  done
  echo "== the build failed: no table was run"
  exit 1
fi
export BENCH_INSTALLED=1

summary=()
failures=0
for name in $tables; do
  table_command "$name"
  shown=$(printf '%q ' "${cmd[@]}")
  shown=${shown#env }
  echo
  echo "== $name: $shown ($(date '+%H:%M:%S'))"
  start=$(date +%s)
  raw=$dir/tables/$name.md
  touch "$raw.start"
  errors=$dir/tables/$name.log
  set +e
  "${cmd[@]}" 2>&1 >"$raw" | tee "$errors"
  status=${PIPESTATUS[0]}
  set -e
  if ((status != 0)); then
    failures=$((failures + 1))
    reason=$(failure_reason "$errors")
    if [[ -s "$raw" ]]; then
      echo "Why: ${reason:-no error output}." >>"$raw"
    else
      failed_line "${shown% }" "$status" "$reason" >"$raw"
    fi
  fi
  "$PYTHON" src/bench/splice_table.py "$(doc_of "$name")" "$name" "$raw"
  # the doc's picture of the UMAP embedding comes from the same run as its table
  picture=$BENCH_DIR/umap/ours-fashion60k.png
  if [[ "$name" == umap-fashion && "$status" == 0 && "$QUICK" != 1 && -z "${ROWS:-}" \
    && "$picture" -nt "$raw.start" && -d "$(dirname "$doc")/images" ]]; then
    cp "$picture" "$(dirname "$doc")/images/umap-fashion60k.png"
  fi
  rm -f "$raw.start"
  minutes=$(awk -v s="$(($(date +%s) - start))" 'BEGIN {printf "%.1f", s / 60}')
  summary+=("$(printf '%-22s %-7s %6s min' "$name" "$([[ $status == 0 ]] && echo ok || echo FAILED)" "$minutes")")
  echo "== $name: $([[ $status == 0 ]] && echo done || echo "failed (exit $status)") in $minutes min"
  cat "$raw"
done

echo
echo "== summary ($(date '+%Y-%m-%d %H:%M:%S %Z')); tables written into $doc"
printf '%s\n' "${summary[@]}"
exit $((failures > 0))
