#!/usr/bin/env bash
# Transformer as a small ViT (patches, d_model 64, 4 heads, MLP 128, post-norm, GELU, CLS token,
# sinusoidal positions, dropout 0.1, Adam lr 0.003: the Transformer's defaults, which on these
# 28x28 images choose 7x7 patches) against the same model in PyTorch (Debian python3-torch) on
# Fashion-MNIST (Debian dataset-fashion-mnist, 60,000 training and 10,000 test images), both
# measured in this one run with the same thread count, PyTorch for all the epochs ours runs.
#
#   src/bench/vit_fashion.sh                          3 epochs, 7x7 patches, 2 blocks
#   DROPOUT=0 src/bench/vit_fashion.sh                the same without dropout (the benchmark's)
#   EPOCHS=10 BLOCKS=3 DROPOUT=0 POOLING=mean PRENORM=1 src/bench/vit_fashion.sh
#                                                     three pre-norm blocks, mean pooling, for the
#                                                     accuracy goal's 10 epochs
#   EPOCHS=1 THREADS=1 PATCH=4 BLOCKS=4 DROPOUT=0 src/bench/vit_fashion.sh
#   LR=0.001 src/bench/vit_fashion.sh                Adam's learning rate for both (default 0.003,
#                                                     the Transformer's default)
#   REUSE=ours src/bench/vit_fashion.sh               keep the Transformer's results of the last run
#   QUICK=1 src/bench/vit_fashion.sh                  smoke test: 500 training and 500 test images,
#                                                     1 epoch
#
# Seconds per epoch are the mean over the epochs (ours: IterativeClassifier.next(), which includes
# the per-epoch accuracy on 2,000 training images; PyTorch: the training loop only): the speed
# figure. The test accuracy is the one after EPOCHS epochs (default 3, the cosine schedule annealed
# over them), the same for both. Threads: both
# on THREADS threads (default: all cores; ours -num-threads and -Dfundamentos.threads, PyTorch
# torch.set_num_threads, both OMP/MKL_NUM_THREADS), PyTorch's OpenBLAS on TORCH_BLAS threads
# (default 1). Debian's PyTorch runs its own loops on an OpenMP pool and its matrix products on
# OpenBLAS's pthread pool; with both pools at 2 threads on 2 cores their idle threads spin while the
# other pool works, and an epoch of this ViT took 2-4 times as long, by an amount that changed from
# run to run (doc/benchmarks.md): TORCH_BLAS=$THREADS reproduces that setting. Ours sets its BLAS
# threads itself (the Transformer's -num-threads).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
epochs=${EPOCHS:-$(quick 1 3)}
rows=${ROWS:-$(quick 500 60k)}
patch=${PATCH:-7}
blocks=${BLOCKS:-2}
# dropout: PyTorch's encoder layer also drops attention weights and MLP activations, ours the
# sublayer outputs and the embedded tokens; with DROPOUT=0 the two models are the same
dropout=${DROPOUT:-0.1}
# POOLING=mean: the mean of the patch tokens' outputs instead of the CLS token; PRENORM=1: pre-norm
# blocks with a final layer norm
pooling=${POOLING:-cls}
prenorm=${PRENORM:-0}
lr=${LR:-0.003}
torch_blas=${TORCH_BLAS:-1}
bench_begin src/bench/vit_fashion.sh THREADS EPOCHS ROWS PATCH BLOCKS DROPOUT POOLING PRENORM LR \
  TORCH_BLAS REUSE WEKA_HEAP FASHION_TEST_ROWS QUICK
export WEKA_HEAP=${WEKA_HEAP:-8g}
bench_tools java weka fundamentos python torch
bench_install
n=$(fashion_n "$rows")
train=$(fashion_train "$rows")
test=$(fashion_test)
out=$BENCH_DIR/vit
mkdir -p "$out"
model="-tokens patches -patch $patch -d-model 64 -heads 4 -blocks $blocks -mlp 128"

mean_epoch() { grep "^epoch" "$1" | awk '{s += $4; k++} END {if (k) printf "%.1f", s / k}'; }

ours() { # file options...
  local file=$1
  shift
  bench_java "$THREADS" -Xmx"$WEKA_HEAP" src/bench/NetworkBenchmark.java "$train" "$test" \
    "$model $* -num-threads $THREADS -quiet" weka.classifiers.functions.Transformer </dev/null \
    | tee "$file" >&2 || true
}

finished() { tail -n 1 "$1" 2>/dev/null | grep -q "^total"; }

if [[ "${REUSE:-}" != ours ]]; then
  ours "$out/ours.txt" "-dropout $dropout -pooling $pooling $([[ $prenorm == 1 ]] && echo -pre-norm) \
    -epochs $epochs -optimizer \"weka.classifiers.functions.optimizers.Adam -lr $lr\""
fi
if [[ "${REUSE:-}" != torch ]]; then
  threads "$THREADS" env OPENBLAS_NUM_THREADS="$torch_blas" FASHION_TRAIN_ROWS="$n" FASHION_TEST_ROWS="$FASHION_TEST_ROWS" \
    "$PYTHON" src/bench/vit_torch_fashion.py "$epochs" "$THREADS" "$patch" "$blocks" "$dropout" \
    "$pooling" "$prenorm" "$lr" | tee "$out/torch.txt" >&2 || true
fi
torch_epoch=$(mean_epoch "$out/torch.txt")

row() { # label file
  local epoch total accuracy parameters
  local prefix="| $1 | $THREADS | $patch | $blocks | $dropout | $pooling | $prenorm | $lr"
  if ! finished "$2"; then
    emit "$prefix | $epochs | failed | | | | |"
    return
  fi
  # the epochs the file shows (the same for both unless REUSE brought an older run's file)
  prefix+=" | $(grep -c "^epoch" "$2")"
  epoch=$(mean_epoch "$2")
  read -r _ total _ accuracy _ parameters _ <<<"$(tail -n 1 "$2")"
  emit "$prefix | $epoch | $(ratio "$epoch" "$torch_epoch") | $total | $accuracy | $(thousands "$parameters") |"
}

emit "| scheme | threads | patch | blocks | dropout | pooling | pre-norm | lr | epochs | s / epoch | epoch time / PyTorch | training (s) | test accuracy (%) | parameters |"
emit "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
row "fundamentos Transformer" "$out/ours.txt"
row "PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)' 2>/dev/null) (same model; OpenBLAS on $torch_blas thread$([[ $torch_blas == 1 ]] || echo s))" \
  "$out/torch.txt"
