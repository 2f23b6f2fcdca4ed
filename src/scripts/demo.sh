#!/usr/bin/env bash
# Builds the package zip, installs it with Weka's own package manager into a Weka home
# ($WEKA_HOME, default ./wekahome) and runs every scheme of the package on the data the package
# bundles, through Weka's command line (weka.Run), printing Weka's usual evaluation output.
#
#   src/scripts/demo.sh          the command-line demonstration
#   src/scripts/demo.sh --gui    install, then open Weka's GUIChooser with the package loaded
set -euo pipefail
cd "$(dirname "$0")/../.."

source src/scripts/weka-env.sh
gui=false
[[ "${1:-}" == "--gui" ]] && gui=true
install_package

data="$WEKA_HOME/packages/fundamentos/src/data"
if $gui; then
  echo "== Opening Weka (the package's data is in $data)"
  weka weka.gui.GUIChooser
  exit
fi

echo
echo "== SoftmaxRegression on the 8x8 digits (train/test split bundled with the package)"
weka weka.Run .SoftmaxRegression -t "$data/digits8x8-train.arff" -T "$data/digits8x8-test.arff" -o
echo
echo "== Weka's Logistic on the same split, for comparison"
weka weka.Run .Logistic -t "$data/digits8x8-train.arff" -T "$data/digits8x8-test.arff" -o -v
echo
echo "== SoftmaxRegression with Nesterov momentum on iris, 10-fold cross-validation, model shown"
weka weka.Run .SoftmaxRegression -t "$data/iris.arff" \
  -optimizer "weka.classifiers.functions.optimizers.Nesterov -lr 0.05 -momentum 0.9"
echo
echo "== PCA (covariance, 90% of the variance) fitted on the digits' training images and applied"
echo "   unchanged to the test images (-b); eigenvalue summary on stderr; eigen-images as a PNG"
mkdir -p target/demo
weka weka.Run weka.filters.unsupervised.attribute.PCA -C -R 0.9 -output-debug-info \
  -eigen-images target/demo/digits-eigenimages.png -c last -b \
  -i "$data/digits8x8-train.arff" -o target/demo/digits-train-pca.arff \
  -r "$data/digits8x8-test.arff" -s target/demo/digits-test-pca.arff
echo "   wrote target/demo/digits-{train,test}-pca.arff and target/demo/digits-eigenimages.png"
echo
echo "== 1-nearest neighbour on those principal components (FilteredClassifier: PCA fitted on the"
echo "   training data only)"
weka weka.Run .FilteredClassifier -t "$data/digits8x8-train.arff" -T "$data/digits8x8-test.arff" -o \
  -F "weka.filters.unsupervised.attribute.PCA -C -R 0.9" -W weka.classifiers.lazy.IBk
echo
echo "== UMAP fitted on the digits' training images (scatter plot coloured by digit) and the test"
echo "   images placed in that embedding like umap-learn's transform (-b)"
weka weka.Run weka.filters.unsupervised.attribute.UMAP -S 1 -output-debug-info \
  -plot target/demo/digits-umap.png -c last -b \
  -i "$data/digits8x8-train.arff" -o target/demo/digits-train-umap.arff \
  -r "$data/digits8x8-test.arff" -s target/demo/digits-test-umap.arff
echo "   wrote target/demo/digits-{train,test}-umap.arff and target/demo/digits-umap.png"
echo
echo "== 5-nearest neighbours in that 2-D embedding (FilteredClassifier: UMAP fitted on the training"
echo "   data only, each test image placed on its own)"
weka weka.Run .FilteredClassifier -t "$data/digits8x8-train.arff" -T "$data/digits8x8-test.arff" -o \
  -F "weka.filters.unsupervised.attribute.UMAP -S 1" -W weka.classifiers.lazy.IBk -- -K 5
echo
echo "== IndexedDBSCAN on iris (k-d tree), classes-to-clusters evaluation, k-distance plot"
weka weka.Run weka.clusterers.IndexedDBSCAN -t "$data/iris.arff" -c last -E 0.1 -M 5 \
  -k-distance-plot target/demo/iris-k-distance.png
echo
echo "== Agreement of IndexedDBSCAN's clusters with the iris classes (Rand, adjusted Rand, NMI)"
weka weka.Run weka.clusterers.ClusterAgreementEvaluation -t "$data/iris.arff" \
  -W weka.clusterers.IndexedDBSCAN -- -E 0.1 -M 5
echo
echo "== CNN: the course's convnet (conv-BN-ReLU-maxpool x3, dense 256) on the 8x8 digits, 10 epochs;"
echo "   progress per epoch on stderr, the layer table with output shapes and parameter counts, and"
echo "   the training curve as a PNG; the model is saved and loaded again"
weka weka.Run .CNN -t "$data/digits8x8-train.arff" -T "$data/digits8x8-test.arff" \
  -curve target/demo/digits-cnn-curve.png -d target/demo/digits-cnn.model
weka weka.Run .CNN -l target/demo/digits-cnn.model -T "$data/digits8x8-test.arff" -o
echo "   wrote target/demo/digits-cnn-curve.png and target/demo/digits-cnn.model"
echo
echo "== Transformer with its defaults: a ViT of 2x2 patches (d_model 64, 4 heads, 2 blocks) on the"
echo "   8x8 digits, 25 epochs; the attention of every head and block for one digit as a PNG"
weka weka.Run .Transformer -t "$data/digits8x8-train.arff" -T "$data/digits8x8-test.arff" -quiet \
  -attention-map target/demo/digits-attention.png -attention-instance 3
echo "   wrote target/demo/digits-attention.png"
echo
echo "== IDXLoader: Fashion-MNIST's IDX files (the first 20 test images, bundled) as Weka data"
weka weka.Run weka.core.converters.IDXLoader "$data/idx/gz/t10k-images-idx3-ubyte.gz" \
  | grep -v "^@attribute p" | cut -c1-100 | head -n 8
