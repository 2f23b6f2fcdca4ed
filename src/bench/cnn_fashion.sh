#!/usr/bin/env bash
# CNN (the course's convnet, the package's defaults) against the same network in PyTorch (Debian
# python3-torch) and Weka's MultilayerPerceptron on Fashion-MNIST (Debian dataset-fashion-mnist,
# 60,000 training and 10,000 test images), all measured in this one run with the same thread count.
#
#   src/bench/cnn_fashion.sh                       10 epochs, 2 threads
#   EPOCHS=3 THREADS=1 MLP=0 src/bench/cnn_fashion.sh
#   REUSE=ours src/bench/cnn_fashion.sh            keep CNN's results of the last run
#
# Seconds per epoch are the mean over the epochs (ours: IterativeClassifier.next(), which includes
# the per-epoch accuracy on 2,000 training images; PyTorch: the training loop only). GFLOP/s are the
# network's training FLOPs (forward multiply-adds x 2, times 3 for forward + backward) per epoch
# divided by the seconds per epoch, against the machine's single-precision GEMM peak measured by
# ND4J at the same thread count (src/bench/GemmPeak.java). Weka's MultilayerPerceptron runs one
# hidden layer of 128 units for 10 epochs (-H 128 -N 10; its default, 397 units for 500 epochs,
# takes days here).
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/scripts/weka-env.sh
export WEKA_HEAP=${WEKA_HEAP:-8g}
install_package >/dev/null
python3 src/bench/fashion_to_arff.py --out target/bench >/dev/null
epochs=${EPOCHS:-10}
threads=${THREADS:-2}
out=target/bench/cnn
mkdir -p "$out"

mean_epoch() { grep "^epoch" "$1" | awk '{s += $4; n++} END {printf "%.1f", s / n}'; }

# forward multiply-adds of the default convnet on 28x28 grey images
flops=$(python3 -c "
macs = 28*28*32*9*1 + 14*14*64*9*32 + 7*7*128*9*64 + 4*4*128*256 + 256*10
print(macs * 2 * 3 * 60000)")

# REUSE=ours (or torch) keeps that part's results from the previous run in target/bench/cnn
if [[ "${REUSE:-}" != ours ]]; then
  java "${WEKA_JAVA_OPTS[@]}" -Xmx$WEKA_HEAP -Dfundamentos.threads=$threads \
    -cp "$(cat target/weka-classpath.txt)" src/bench/NetworkBenchmark.java \
    target/bench/fashion-train60k.arff target/bench/fashion-test.arff \
    "-epochs $epochs -num-threads $threads -quiet" | tee "$out/ours.txt" >&2
fi
if [[ "${REUSE:-}" != torch ]]; then
  /usr/bin/python3 src/bench/cnn_torch_fashion.py "$epochs" "$threads" | tee "$out/torch.txt" >&2
fi
package="$WEKA_HOME/packages/fundamentos"
peak=$(java -cp "$package/fundamentos.jar:$package/lib/*" src/bench/GemmPeak.java "$threads" \
  2>/dev/null | tail -n 1)

ours_epoch=$(mean_epoch "$out/ours.txt")
torch_epoch=$(mean_epoch "$out/torch.txt")
read -r _ ours_total _ ours_accuracy _ ours_parameters _ ours_peak <<<"$(tail -n 1 "$out/ours.txt")"
read -r _ torch_total _ torch_accuracy _ torch_parameters <<<"$(tail -n 1 "$out/torch.txt")"
gflops() { awk -v f="$flops" -v s="$1" 'BEGIN {printf "%.1f", f / s / 1e9}'; }

echo "GEMM peak (ND4J sgemm 2048, $threads threads): $peak GFLOP/s"
echo
echo "| scheme | epochs | s / epoch | epoch time / PyTorch | training (s) | test accuracy (%) | parameters | GFLOP/s (share of GEMM peak) |"
echo "|---|---|---|---|---|---|---|---|"
echo "| fundamentos CNN (defaults, $threads threads) | $epochs | $ours_epoch | $(awk -v a="$ours_epoch" -v b="$torch_epoch" 'BEGIN {printf "%.2f", a / b}') | $ours_total | $ours_accuracy | $ours_parameters | $(gflops "$ours_epoch") ($(awk -v g="$(gflops "$ours_epoch")" -v p="$peak" 'BEGIN {printf "%.0f%%", 100 * g / p}')) |"
echo "| PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') (same network, $threads threads) | $epochs | $torch_epoch | 1.00 | $torch_total | $torch_accuracy | $torch_parameters | $(gflops "$torch_epoch") ($(awk -v g="$(gflops "$torch_epoch")" -v p="$peak" 'BEGIN {printf "%.0f%%", 100 * g / p}')) |"
if [[ "${MLP:-1}" != 0 ]]; then
  mlp=$(timeout "${TIMEOUT:-3600}" java "${WEKA_JAVA_OPTS[@]}" -Xmx$WEKA_HEAP \
    -cp "$(cat target/weka-classpath.txt)" weka.Run .MultilayerPerceptron -H 128 -N 10 \
    -t target/bench/fashion-train60k.arff -T target/bench/fashion-test.arff -v 2>&1 || true)
  mlp_seconds=$(grep -m1 "Time taken to build model" <<<"$mlp" | awk '{print $(NF-1)}')
  mlp_accuracy=$(grep -A2 "=== Error on test data ===" <<<"$mlp" | grep "Correctly" | awk '{print $(NF-1)}')
  echo "| Weka MultilayerPerceptron (-H 128 -N 10, one thread) | 10 | $(awk -v s="$mlp_seconds" 'BEGIN {printf "%.1f", s / 10}') | | $mlp_seconds | $mlp_accuracy | $((784 * 128 + 128 + 128 * 10 + 10)) | |"
fi
