#!/usr/bin/env bash
# CNN (the course's convnet, the package's defaults) against the same network in PyTorch (Debian
# python3-torch) and Weka's MultilayerPerceptron on Fashion-MNIST (Debian dataset-fashion-mnist,
# 60,000 training and 10,000 test images), all measured in this one run.
#
#   src/bench/cnn_fashion.sh                       3 epochs, THREADS threads (default: all cores);
#                                                  Weka's MultilayerPerceptron and ours on one
#                                                  thread for 1 epoch
#   EPOCHS=10 src/bench/cnn_fashion.sh             the accuracy goal's 10 epochs (over three times
#                                                  as long)
#   EPOCHS=1 THREADS=1 MLP=0 src/bench/cnn_fashion.sh
#   REUSE=ours src/bench/cnn_fashion.sh            keep CNN's results of the last run
#   QUICK=1 src/bench/cnn_fashion.sh               smoke test: 500 training and 500 test images, 1 epoch
#
# Seconds per epoch are the mean over the epochs (ours: IterativeClassifier.next(), which includes
# the per-epoch accuracy on 2,000 training images; PyTorch: the training loop only). GFLOP/s are the
# network's training FLOPs (forward multiply-adds x 2, times 3 for forward + backward) per epoch
# divided by the seconds per epoch, against the machine's single-precision GEMM peak measured by
# ND4J at the same thread count (src/bench/GemmPeak.java). Seconds per epoch are the speed figure;
# the test accuracy is the one after EPOCHS epochs (default 3, the cosine schedule annealed over
# them), the same for ours and PyTorch. Weka's MultilayerPerceptron runs one hidden layer of 128
# units for MLP_EPOCHS epochs (-H 128 -N 1 by default, minutes per epoch on one core; its default,
# 397 units for 500 epochs, takes days here); MLP=0 leaves it out. A MultilayerPerceptron
# run longer than TIMEOUT seconds (default 1800) is stopped and its row says so.
#
# Threads: ours and PyTorch on THREADS threads (ours -num-threads and -Dfundamentos.threads,
# PyTorch torch.set_num_threads, both OMP/MKL_NUM_THREADS), PyTorch's OpenBLAS on TORCH_BLAS threads
# (default 1): Debian's PyTorch runs its convolutions on an OpenMP pool and its linear layers on
# OpenBLAS's pthread pool, and with both pools at 2 threads on 2 cores the idle pool's threads spin
# while the other works (one epoch on 10,000 images: 7.4-9.1 s with OpenBLAS on 2 threads, 5.5-7.0 s
# on 1; vit_fashion.sh and doc/benchmarks.md). TORCH_BLAS=$THREADS reproduces the old setting.
# Weka's MultilayerPerceptron is single-threaded, so with it ours also trains on one thread, for
# the same MLP_EPOCHS epochs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
epochs=${EPOCHS:-$(quick 1 3)}
mlp_epochs=${MLP_EPOCHS:-1}
rows=${ROWS:-$(quick 500 60k)}
mlp=${MLP:-1}
limit=${TIMEOUT:-$(quick 600 1800)}
torch_blas=${TORCH_BLAS:-1}
bench_begin src/bench/cnn_fashion.sh THREADS EPOCHS MLP_EPOCHS ROWS MLP TIMEOUT TORCH_BLAS REUSE \
  WEKA_HEAP FASHION_TEST_ROWS QUICK
export WEKA_HEAP=${WEKA_HEAP:-8g}
bench_tools java weka fundamentos python torch
bench_install
n=$(fashion_n "$rows")
train=$(fashion_train "$rows")
test=$(fashion_test)
out=$BENCH_DIR/cnn
mkdir -p "$out"

mean_epoch() { grep "^epoch" "$1" | awk '{s += $4; k++} END {if (k) printf "%.1f", s / k}'; }

# forward multiply-adds of the default convnet on 28x28 grey images
flops=$(awk -v n="$n" 'BEGIN {
  macs = 28*28*32*9*1 + 14*14*64*9*32 + 7*7*128*9*64 + 4*4*128*256 + 256*10
  printf "%.0f", macs * 2 * 3 * n }')
gflops() { awk -v f="$flops" -v s="$1" 'BEGIN {printf "%.1f", f / s / 1e9}'; }
share() { awk -v g="$1" -v p="$2" 'BEGIN {if (p > 0) printf "%.0f%%", 100 * g / p}'; }

ours() { # threads file epochs
  bench_java "$1" -Xmx"$WEKA_HEAP" src/bench/NetworkBenchmark.java "$train" "$test" \
    "-epochs $3 -num-threads $1 -quiet" | tee "$2" >&2 || true
}

package="$WEKA_HOME/packages/fundamentos"
peak() { # threads
  threads "$1" java -cp "$package/fundamentos.jar:$package/lib/*" src/bench/GemmPeak.java "$1" \
    2>/dev/null | tail -n 1 || true
}

network_row() { # label threads file epochs [PyTorch seconds per epoch] [GEMM peak]
  local epoch total accuracy parameters
  if ! tail -n 1 "$3" 2>/dev/null | grep -q "^total"; then
    emit "| $1 | $2 | $4 | failed | | | | | |"
    return
  fi
  epoch=$(mean_epoch "$3")
  read -r _ total _ accuracy _ parameters _ <<<"$(tail -n 1 "$3")"
  emit "| $1 | $2 | $(grep -c "^epoch" "$3") | $epoch | $(ratio "$epoch" "${5:-}") | $total | $accuracy | $(thousands "$parameters") | $(gflops "$epoch") ($(share "$(gflops "$epoch")" "${6:-}")) |"
}

# REUSE=ours (or torch) keeps that part's results from the previous run in target/bench/cnn
if [[ "${REUSE:-}" != ours ]]; then
  ours "$THREADS" "$out/ours.txt" "$epochs"
fi
if [[ "${REUSE:-}" != torch ]]; then
  threads "$THREADS" env OPENBLAS_NUM_THREADS="$torch_blas" FASHION_TRAIN_ROWS="$n" \
    FASHION_TEST_ROWS="$FASHION_TEST_ROWS" "$PYTHON" src/bench/cnn_torch_fashion.py "$epochs" "$THREADS" | tee "$out/torch.txt" >&2 || true
fi
peak_n=$(peak "$THREADS")
torch_epoch=$(mean_epoch "$out/torch.txt")
peak_line="GEMM peak (ND4J sgemm 2048 x 2048, best of ten): ${peak_n:-failed} GFLOP/s on $THREADS threads"
if [[ "$mlp" != 0 && "$THREADS" != 1 ]]; then
  ours 1 "$out/ours-1.txt" "$mlp_epochs"
  peak_1=$(peak 1)
  peak_line+=", ${peak_1:-failed} GFLOP/s on 1 thread"
fi

emit "$peak_line"
emit ""
emit "| scheme | threads | epochs | s / epoch | epoch time / PyTorch | training (s) | test accuracy (%) | parameters | GFLOP/s (share of GEMM peak) |"
emit "|---|---|---|---|---|---|---|---|---|"
network_row "fundamentos CNN (defaults)" "$THREADS" "$out/ours.txt" "$epochs" "$torch_epoch" "$peak_n"
network_row "PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)' 2>/dev/null) (same network; OpenBLAS on $torch_blas thread$([[ $torch_blas == 1 ]] || echo s))" \
  "$THREADS" "$out/torch.txt" "$epochs" "$torch_epoch" "$peak_n"
if [[ "$mlp" != 0 ]]; then
  if [[ "$THREADS" != 1 ]]; then
    network_row "fundamentos CNN (defaults)" 1 "$out/ours-1.txt" "$mlp_epochs" "" "$peak_1"
  fi
  status=0
  result=$(BENCH_LIMIT=$limit bench_java 1 -Xmx"$WEKA_HEAP" weka.Run .MultilayerPerceptron -H 128 \
    -N "$mlp_epochs" -t "$train" -T "$test" -v 2>&1) || status=$?
  seconds=$(grep -m1 "Time taken to build model" <<<"$result" | awk '{print $(NF-1)}' || true)
  accuracy=$(grep -A2 "=== Error on test data ===" <<<"$result" | grep "Correctly" | awk '{print $(NF-1)}' || true)
  label="Weka MultilayerPerceptron (-H 128 -N $mlp_epochs)"
  if number "$seconds"; then
    emit "| $label | 1 | $mlp_epochs | $(awk -v s="$seconds" -v e="$mlp_epochs" 'BEGIN {printf "%.1f", s / e}') | - | $seconds | $accuracy | $(thousands $((784 * 128 + 128 + 128 * 10 + 10))) | |"
  elif ((status == 124)); then
    emit "| $label | 1 | $mlp_epochs | stopped after $limit s | | | | | |"
  else
    emit "| $label | 1 | $mlp_epochs | failed (exit $status) | | | | | |"
  fi
fi
