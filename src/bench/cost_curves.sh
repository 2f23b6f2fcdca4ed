#!/usr/bin/env bash
# How the costs grow: for every scheme of the package and its best peer, the time and the peak
# memory at sizes spanning one to three orders of magnitude, all measured in this one run; the growth
# exponents (least-squares slope of log time against log n, and of log peak memory against log n)
# and log-log charts drawn by the package's own plotting (fundamentos.plot.CostCurveChart, through
# src/bench/CostCurves.java).
#
#   src/bench/cost_curves.sh                       every scheme at its default sizes (about 40
#                                                  min on 2 cores: UMAP's three tools to 200,000
#                                                  rows and its stages took 27 min of it on
#                                                  2026-12-07); writes doc/cost-curves.csv and
#                                                  doc/images/cost-{time,memory}-SCHEME.png
#   COST_CURVES_QUICK=1 src/bench/cost_curves.sh   smoke test: the two smallest sizes of each
#                                                  scheme (QUICK=1 does the same), written under
#                                                  target/bench/cost-curves instead of doc/
#   SCHEMES="pca dbscan" src/bench/cost_curves.sh  only these schemes (the CSV keeps the others' rows)
#   PCA_SIZES="1000 10000" src/bench/cost_curves.sh   other sizes for one scheme (PCA_SIZES,
#                                                  DBSCAN_SIZES, SOFTMAX_SIZES, UMAP_SIZES,
#                                                  TSNE_SIZES, CNN_SIZES, VIT_SIZES)
#
# Schemes, peers and data (the schemes with the options of their own benchmark scripts in src/bench):
#   pca      PCA (-C -M 50 -R 1.0) against scikit-learn's PCA(n_components=50), the first n
#            Fashion-MNIST training images (784 pixels): PcaBenchmark.java, sklearn_pca.py
#   dbscan   IndexedDBSCAN against scikit-learn's DBSCAN and R's dbscan package (k-d tree), 2-D blobs
#            of dbscan_data.py, minPts 10 and eps = 0.0088 sqrt(20000 / n), so that a blob point
#            keeps about 50 neighbours at every n: DbscanBenchmark.java, sklearn_dbscan.py, r_dbscan.R
#   softmax  SoftmaxRegression (defaults) against scikit-learn's LogisticRegression (lbfgs,
#            max_iter 1000, standardised inputs), Fashion-MNIST: weka.Run, sklearn_softmax.py
#   umap     UMAP (-S 1) against umap-learn (defaults, no seed: multi-threaded) and R's uwot (the
#            same defaults, THREADS threads for its search and its layout), 600 to 200,000 rows of
#            Fashion-MNIST: past the 70,000 images (training, then test) copies shifted by one pixel
#            right, left, down and up (fashion_data.py's load_extended; the ARFF and the peers' rows
#            are written under target/bench, never committed): UmapBenchmark.java,
#            umap_learn_fashion.py, r_uwot.R. Then each tool's time by stage at the two largest sizes
#            (UMAP_STAGES="n ..." other sizes, "" none): ours by UmapStages.java (the engine's stages
#            timed apart), the peers from their verbose logs (umap_stage_log.py). UMAP's runs are
#            stopped after UMAP_TIMEOUT seconds (default 1200) instead of TIMEOUT.
#   tsne     TSNE (-S 1 -method barnes-hut: the package's Barnes-Hut t-SNE, theta 0.5, at every size)
#            against scikit-learn's TSNE (Barnes-Hut, angle 0.5), both after PCA to 50 components,
#            Fashion-MNIST: UmapBenchmark.java, sklearn_tsne.py
#   cnn      CNN (defaults) against the same network in PyTorch, one epoch on n Fashion-MNIST
#            images: NetworkBenchmark.java, cnn_torch_fashion.py
#   vit      Transformer as a ViT (patches of 7, d-model 64, 4 heads, 2 blocks, MLP 128, no
#            dropout) against the same model in PyTorch, one epoch: NetworkBenchmark.java,
#            vit_torch_fashion.py
#
# Time is each tool's own timer around the work (fit, or the one epoch), as its benchmark script
# reports it: loading the data and starting the JVM or Python are not timed; numba's compilation,
# the JIT and our networks' per-epoch accuracy on 2,000 training images are. Peak memory is the
# peak resident set of the whole process (GNU time's %M), data loading included: for the JVMs the
# parsed ARFF and the heap the JVM chose to grow (every JVM here gets -Xmx$WEKA_HEAP, default 8g).
# A run longer than TIMEOUT seconds (default 300) is stopped and recorded as missing ("stopped
# after N s"), never waited for. The test files (for the schemes that transform or evaluate after
# the timed part) have FASHION_TEST_ROWS rows (default 1,000).
#
# Threads: ours and the peer get the same THREADS (default: all cores; ours -num-threads and
# -Dfundamentos.threads, every process OMP/OPENBLAS/MKL/NUMBA_NUM_THREADS, PyTorch
# torch.set_num_threads, scikit-learn's TSNE n_jobs, our TSNE -num-threads; PyTorch's OpenBLAS on
# one thread, since its OpenMP and OpenBLAS pools at THREADS each spin against each other, as
# cnn_fashion.sh and vit_fashion.sh say). DBSCAN is sequential in all three tools, which run on one
# thread.
#
# Prints the table of exponents in Markdown (src/bench/all.sh writes it into doc/benchmarks.md,
# table cost-curves).
set -euo pipefail
export FASHION_TEST_ROWS=${FASHION_TEST_ROWS:-1000}
[[ "${COST_CURVES_QUICK:-0}" == 1 ]] && export QUICK=1
source "$(dirname "$0")/lib.sh"
limit=${TIMEOUT:-300}
bench_begin src/bench/cost_curves.sh THREADS SCHEMES PCA_SIZES DBSCAN_SIZES SOFTMAX_SIZES UMAP_SIZES \
  TSNE_SIZES CNN_SIZES VIT_SIZES TIMEOUT UMAP_TIMEOUT UMAP_STAGES WEKA_HEAP FASHION_TEST_ROWS \
  COST_CURVES_QUICK QUICK
export WEKA_HEAP=${WEKA_HEAP:-8g}
schemes=${SCHEMES:-pca dbscan softmax umap tsne cnn vit}
r_dbscan="R $(Rscript -e 'cat(as.character(getRversion()))' 2>/dev/null) dbscan $(Rscript -e \
  'cat(as.character(packageVersion("dbscan")))' 2>/dev/null || echo "not installed")"
r_uwot="R $(Rscript -e 'cat(as.character(getRversion()))' 2>/dev/null) uwot $(Rscript -e \
  'cat(as.character(packageVersion("uwot")))' 2>/dev/null || echo "not installed")"
bench_tools java weka fundamentos python sklearn umap torch "$r_dbscan" "$r_uwot"
bench_install
work=$BENCH_DIR/cost-curves
mkdir -p "$work"
if [[ "$QUICK" == 1 ]]; then
  csv=$work/cost-curves.csv images=$work charts=$work
else
  csv=doc/cost-curves.csv images=doc/images charts=images
fi
header="scheme,title,size,tool,threads,n,seconds,peak_mb,status"
# a rerun of some schemes keeps the other schemes' rows
if [[ -s "$csv" ]]; then
  kept=$(tail -n +2 "$csv")
  for scheme in $schemes; do
    kept=$(grep -v "^$scheme," <<<"$kept" || true)
  done
  printf '%s\n%s' "$header" "$kept" | grep -v '^$' >"$csv.tmp" || true
else
  echo "$header" >"$csv.tmp"
fi
mv "$csv.tmp" "$csv"

# sizes VARIABLE default-list: the sizes of a scheme (QUICK: its two smallest, unless set)
sizes() {
  local s=${!1:-$2}
  if [[ "$QUICK" == 1 && -z "${!1:-}" ]]; then
    s=$(tr ' ' '\n' <<<"$s" | head -n 2 | tr '\n' ' ')
  fi
  echo $s
}
fashion_rows() { case $1 in 10000) echo 10k ;; 60000) echo 60k ;; *) echo "$1" ;; esac; }

# measure scheme title size-unit tool threads n how command...: runs the command capped at TIMEOUT
# with its peak memory recorded, reads its seconds from its output and appends a row to the CSV.
# how: "field K" (the K-th field of the last line), "weka" (Weka's "Time taken to build model"),
# "epoch" (the first "epoch 1 seconds S" line)
measure() {
  local scheme=$1 title=$2 unit=$3 tool=$4 threads_n=$5 n=$6 how=$7 status=0 seconds="" kb=""
  shift 7
  local log=$work/$scheme-$n-${tool//[^A-Za-z0-9]/_}.log
  rm -f "$work/peak"
  BENCH_LIMIT=$limit BENCH_PEAK=$work/peak "$@" >"$log" 2>"$log.err" </dev/null || status=$?
  case $how in
    field*) seconds=$(tail -n 1 "$log" | awk -v k="${how#field }" '{print $k}') ;;
    weka) seconds=$(grep -m1 "Time taken to build model" "$log" | awk '{print $(NF-1)}') ;;
    epoch) seconds=$(grep -m1 "^epoch 1 seconds" "$log" | awk '{print $4}') ;;
  esac
  kb=$(tail -n 1 "$work/peak" 2>/dev/null || true)
  local outcome=ok
  if ((status == 124)); then
    outcome="stopped after $limit s"
  elif ((status != 0)) || ! number "$seconds" || ! number "$kb"; then
    outcome="failed (exit $status)"
    tail -n 5 "$log.err" >&2 || true
  fi
  number "$seconds" || seconds=""
  local mb=""
  number "$kb" && mb=$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')
  # no commas inside a field (CostCurves.java splits at every one)
  echo "$scheme,${title//,/;},${unit//,/;},${tool//,/;},$threads_n,$n,$seconds,$mb,$outcome" >>"$csv"
  echo "== $scheme n=$n $tool: ${seconds:-?} s, ${mb:-?} MB, $outcome" >&2
}

t=$THREADS
package="$WEKA_HOME/packages/fundamentos"
attribute=weka.filters.unsupervised.attribute
torch="PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)' 2>/dev/null)"
sklearn="scikit-learn $(py_version scikit-learn)"
fashion="Fashion-MNIST training images"
test=$(fashion_test)
for scheme in $schemes; do
  case $scheme in
    pca)
      for n in $(sizes PCA_SIZES "600 2000 6000 20000 60000"); do
        train=$(fashion_train "$(fashion_rows "$n")")
        measure pca "PCA (50 components)" "$fashion" "fundamentos PCA" "$t" "$n" "field 1" \
          bench_java "$t" -Xmx"$WEKA_HEAP" src/bench/PcaBenchmark.java $attribute.PCA \
          "-C -M 50 -R 1.0 -num-threads $t" "$train" "$test"
        measure pca "PCA (50 components)" "$fashion" "$sklearn PCA" "$t" "$n" "field 1" \
          threads "$t" "$PYTHON" src/bench/sklearn_pca.py 50 "$train" "$test"
      done ;;
    dbscan)
      for n in $(sizes DBSCAN_SIZES "1000 3000 10000 30000 100000 300000 1000000"); do
        base=$("$PYTHON" src/bench/dbscan_data.py "$work/dbscan" "$n" 2)
        eps=$(awk -v n="$n" 'BEGIN { printf "%.3g", 0.0088 * sqrt(20000 / n) }')
        title="DBSCAN (2-D blobs)"
        measure dbscan "$title" "points" "fundamentos IndexedDBSCAN" 1 "$n" "field 1" \
          bench_java 1 -Djava.util.concurrent.ForkJoinPool.common.parallelism=1 -Xmx"$WEKA_HEAP" \
          src/bench/DbscanBenchmark.java "$base.arff" \
          "-E $eps -M 10 -A \"weka.core.EuclideanDistance -D -R first-last\"" "$base.ours.txt"
        measure dbscan "$title" "points" "$sklearn DBSCAN" 1 "$n" "field 1" \
          threads 1 "$PYTHON" src/bench/sklearn_dbscan.py "$base.csv" "$eps" 10 "$base.sklearn.txt"
        measure dbscan "$title" "points" "$r_dbscan" 1 "$n" "field 1" \
          threads 1 Rscript src/bench/r_dbscan.R "$base.csv" "$eps" 10
        rm -f "$base.csv" "$base.arff" "$base".*.txt
      done ;;
    softmax)
      for n in $(sizes SOFTMAX_SIZES "600 2000 6000 20000 60000"); do
        train=$(fashion_train "$(fashion_rows "$n")")
        measure softmax "SoftmaxRegression" "$fashion" "fundamentos SoftmaxRegression" "$t" "$n" weka \
          bench_java "$t" -Xmx"$WEKA_HEAP" weka.Run .SoftmaxRegression -t "$train" -T "$test" -v \
          -num-threads "$t"
        measure softmax "SoftmaxRegression" "$fashion" "$sklearn LogisticRegression" "$t" "$n" "field 2" \
          threads "$t" "$PYTHON" src/bench/sklearn_softmax.py "$train" "$test"
      done ;;
    umap)
      # the one scheme measured past 70,000 rows: fashion_data.py's load_extended (training images,
      # then test images, then both shifted by one pixel)
      umap_limit=${UMAP_TIMEOUT:-1200}
      umap_title="Fashion-MNIST images (shifted copies past 70k)"
      uwot_tool=$r_uwot
      learn_tool="umap-learn $(py_version umap-learn)"
      umap_sizes=$(sizes UMAP_SIZES "600 2000 6000 20000 60000 200000")
      for n in $umap_sizes; do
        train=$(fashion_extended "$n")
        "$PYTHON" src/bench/fashion_data.py "$n" "$work/umap-rows"
        limit=$umap_limit measure umap "UMAP" "$umap_title" "fundamentos UMAP" "$t" "$n" "field 1" \
          bench_java "$t" -Xmx"$WEKA_HEAP" src/bench/UmapBenchmark.java "-S 1 -num-threads $t" \
          "$train" - "$work/umap-ours.csv" -
        limit=$umap_limit measure umap "UMAP" "$umap_title" "$learn_tool" "$t" \
          "$n" "field 1" threads "$t" env UMAP_VERBOSE=1 "$PYTHON" src/bench/umap_learn_fashion.py "$n" \
          none "$work/umap-learn-train.csv" "$work/umap-learn-test.csv" 100
        limit=$umap_limit measure umap "UMAP" "$umap_title" "$uwot_tool" "$t" "$n" "field 1" \
          threads "$t" Rscript src/bench/r_uwot.R "$work/umap-rows" "$n" "$t"
        rm -f "$work/umap-rows.u8" "$work/umap-rows.labels"
      done
      # where the time goes at the largest sizes: ours through the engine's stages (UmapStages.java),
      # the peers from their verbose logs of the runs above (umap_stage_log.py)
      stage_sizes=${UMAP_STAGES-$(tr ' ' '\n' <<<"$umap_sizes" | tail -n 2 | tr '\n' ' ')}
      umap_stages=""
      for n in $stage_sizes; do
        train=$(fashion_extended "$n")
        ours=$(threads "$t" java -Xmx"$WEKA_HEAP" -Dfundamentos.threads="$t" -cp "$(cat \
          target/weka-classpath.txt):$package/fundamentos.jar:$package/lib/*" \
          src/bench/UmapStages.java "$train" "$t" \
          2>"$work/umap-stages-$n.err" </dev/null | tail -n 1) || ours=""
        read -r _ neighbours rounds start layout epochs <<<"${ours:-- - - - - -}"
        [[ "$rounds" == 0 ]] && rounds="exact search" || rounds+=" NN-descent rounds"
        umap_stages+="| $(thousands "$n") | fundamentos UMAP | $neighbours ($rounds) | $start | $layout ($epochs epochs) |"$'\n'
        learn=$("$PYTHON" src/bench/umap_stage_log.py umap-learn \
          "$work/umap-$n-${learn_tool//[^A-Za-z0-9]/_}.log" \
          2>/dev/null || echo "- - -")
        read -r neighbours start layout <<<"$learn"
        umap_stages+="| $(thousands "$n") | umap-learn | $neighbours | $start (fuzzy set only) | $layout (spectral start and epochs) |"$'\n'
        uwot=$("$PYTHON" src/bench/umap_stage_log.py uwot \
          "$work/umap-$n-${uwot_tool//[^A-Za-z0-9]/_}.log.err" 2>/dev/null || echo "- - -")
        read -r neighbours start layout <<<"$uwot"
        umap_stages+="| $(thousands "$n") | uwot | $neighbours | $start | $layout |"$'\n'
      done ;;
    tsne)
      for n in $(sizes TSNE_SIZES "300 1000 3000 10000 30000"); do
        train=$(fashion_train "$(fashion_rows "$n")")
        measure tsne "t-SNE" "$fashion" "fundamentos TSNE (Barnes-Hut)" "$t" "$n" "field 1" \
          bench_java "$t" -Xmx"$WEKA_HEAP" \
          -Dbench.filter=$attribute.TSNE src/bench/UmapBenchmark.java "-S 1 -method barnes-hut -num-threads $t" \
          "$train" - "$work/tsne-ours.csv" -
        measure tsne "t-SNE" "$fashion" "$sklearn TSNE (Barnes-Hut)" "$t" "$n" "field 1" \
          threads "$t" "$PYTHON" src/bench/sklearn_tsne.py fashion "$n" "$t" "$work/tsne-sklearn.csv"
      done ;;
    cnn)
      for n in $(sizes CNN_SIZES "300 1000 3000 10000 30000"); do
        train=$(fashion_train "$(fashion_rows "$n")")
        measure cnn "CNN (one epoch)" "$fashion" "fundamentos CNN" "$t" "$n" epoch \
          bench_java "$t" -Xmx"$WEKA_HEAP" src/bench/NetworkBenchmark.java "$train" "$test" \
          "-epochs 1 -num-threads $t -quiet"
        measure cnn "CNN (one epoch)" "$fashion" "$torch" "$t" "$n" epoch \
          threads "$t" env OPENBLAS_NUM_THREADS=1 FASHION_TRAIN_ROWS="$n" "$PYTHON" src/bench/cnn_torch_fashion.py 1 "$t"
      done ;;
    vit)
      for n in $(sizes VIT_SIZES "300 1000 3000 10000 30000"); do
        train=$(fashion_train "$(fashion_rows "$n")")
        measure vit "ViT Transformer (one epoch)" "$fashion" "fundamentos Transformer" "$t" "$n" epoch \
          bench_java "$t" -Xmx"$WEKA_HEAP" src/bench/NetworkBenchmark.java "$train" "$test" \
          "-tokens patches -patch 7 -d-model 64 -heads 4 -blocks 2 -mlp 128 -dropout 0 -pooling cls -epochs 1 -num-threads $t -quiet" \
          weka.classifiers.functions.Transformer
        measure vit "ViT Transformer (one epoch)" "$fashion" "$torch" "$t" "$n" epoch \
          threads "$t" env OPENBLAS_NUM_THREADS=1 FASHION_TRAIN_ROWS="$n" "$PYTHON" src/bench/vit_torch_fashion.py 1 "$t" 7 2 0 \
          cls 0 0.003
      done ;;
    *)
      echo "unknown scheme '$scheme'; the schemes are: pca dbscan softmax umap tsne cnn vit" >&2
      exit 2 ;;
  esac
done

emit "Time: each tool's own timer (fit, or one epoch), loading excluded; peak memory: the process's peak resident set (GNU time %M), loading included. Exponents: least-squares slope of log cost against log n over the sizes each tool finished. Every measurement: \`$csv\`."
emit ""
while IFS= read -r line; do
  emit "$line"
done < <(java -Djava.awt.headless=true -cp "$package/fundamentos.jar:$package/lib/*" \
  src/bench/CostCurves.java "$csv" "$images" "$charts")
if [[ -n "${SCHEMES:-}" ]]; then
  emit ""
  emit "This run measured only: $schemes. The other schemes' rows are kept from \`$csv\` (an earlier run)."
fi
if [[ -n "${umap_stages:-}" ]]; then
  emit ""
  emit "UMAP by stage (seconds, the runs above; ours: UmapStages.java, the engine's stages timed apart; the peers: their verbose logs, to the second):"
  emit ""
  emit "| rows | tool | neighbours | fuzzy set and start | layout |"
  emit "|---|---|---|---|---|"
  while IFS= read -r line; do
    if [[ -n "$line" ]]; then emit "$line"; fi
  done <<<"$umap_stages"
fi
