#!/usr/bin/env bash
# Transformer as a small ViT (patches, d_model 64, 4 heads, MLP 128, post-norm, GELU, CLS token,
# sinusoidal positions, dropout 0.1) against the same model in PyTorch (Debian python3-torch) on
# Fashion-MNIST (Debian dataset-fashion-mnist, 60,000 training and 10,000 test images), both
# measured in this one run with the same thread count.
#
#   src/bench/vit_fashion.sh                          10 epochs, 2 threads, 7x7 patches, 2 blocks
#   EPOCHS=3 THREADS=1 PATCH=4 BLOCKS=4 DROPOUT=0 src/bench/vit_fashion.sh
#   REUSE=ours src/bench/vit_fashion.sh               keep the Transformer's results of the last run
#
# Seconds per epoch are the mean over the epochs (ours: IterativeClassifier.next(), which includes
# the per-epoch accuracy on 2,000 training images; PyTorch: the training loop only).
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/weka-env.sh
export WEKA_HEAP=${WEKA_HEAP:-8g}
install_package >/dev/null
python3 src/bench/fashion_to_arff.py --out target/bench >/dev/null
epochs=${EPOCHS:-10}
threads=${THREADS:-2}
patch=${PATCH:-7}
blocks=${BLOCKS:-2}
# dropout: PyTorch's encoder layer also drops attention weights and MLP activations, ours the
# sublayer outputs and the embedded tokens; with DROPOUT=0 the two models are the same
dropout=${DROPOUT:-0.1}
# POOLING=mean: the mean of the patch tokens' outputs instead of the CLS token; PRENORM=1: pre-norm
# blocks with a final layer norm
pooling=${POOLING:-cls}
prenorm=${PRENORM:-0}
out=target/bench/vit
mkdir -p "$out"

mean_epoch() { grep "^epoch" "$1" | awk '{s += $4; n++} END {printf "%.1f", s / n}'; }

if [[ "${REUSE:-}" != ours ]]; then
  java "${WEKA_JAVA_OPTS[@]}" -Xmx$WEKA_HEAP -Dfundamentos.threads=$threads \
    -cp "$(cat target/weka-classpath.txt)" src/bench/NetworkBenchmark.java \
    target/bench/fashion-train60k.arff target/bench/fashion-test.arff \
    "-tokens patches -patch $patch -d-model 64 -heads 4 -blocks $blocks -mlp 128 -dropout $dropout \
     -pooling $pooling $([[ $prenorm == 1 ]] && echo -pre-norm) -epochs $epochs -num-threads $threads -quiet" weka.classifiers.functions.Transformer \
    | tee "$out/ours.txt" >&2
fi
if [[ "${REUSE:-}" != torch ]]; then
  /usr/bin/python3 src/bench/vit_torch_fashion.py "$epochs" "$threads" "$patch" "$blocks" "$dropout" \
    "$pooling" "$prenorm" \
    | tee "$out/torch.txt" >&2
fi

ours_epoch=$(mean_epoch "$out/ours.txt")
torch_epoch=$(mean_epoch "$out/torch.txt")
read -r _ ours_total _ ours_accuracy _ ours_parameters _ ours_peak <<<"$(tail -n 1 "$out/ours.txt")"
read -r _ torch_total _ torch_accuracy _ torch_parameters <<<"$(tail -n 1 "$out/torch.txt")"

echo "| scheme | patch | blocks | dropout | pooling | pre-norm | epochs | s / epoch | epoch time / PyTorch | training (s) | test accuracy (%) | parameters |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
echo "| fundamentos Transformer ($threads threads) | $patch | $blocks | $dropout | $pooling | $prenorm | $epochs | $ours_epoch | $(awk -v a="$ours_epoch" -v b="$torch_epoch" 'BEGIN {printf "%.2f", a / b}') | $ours_total | $ours_accuracy | $ours_parameters |"
echo "| PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') (same model, $threads threads) | $patch | $blocks | $dropout | $pooling | $prenorm | $epochs | $torch_epoch | 1.00 | $torch_total | $torch_accuracy | $torch_parameters |"
