#!/usr/bin/env bash
# ARPACK (arpack-ng 3.8.0 through JavaCPP 1.5.7) against the package's own eigensolvers on
# Fashion-MNIST (Debian package dataset-fashion-mnist), in one JVM per part; src/bench/ArpackBenchmark.java
# says how each figure is computed.
#
#   src/bench/arpack.sh                 both parts
#   PART=spectral src/bench/arpack.sh   UMAP's spectral start on the 60,000 training images: ARPACK (the
#                                       default) and Smile's ARPACK.syev on the same fuzzy graph, time
#                                       and memory of the eigensolver call alone, then UMAP's whole fit
#                                       with the start and the quality of the embedding (10,000 test
#                                       images transformed)
#   SOLVERS="arpack lanczos smile" PART=spectral src/bench/arpack.sh
#                                       at commit 7256361, which still has the hand-written Lanczos
#                                       (doc/UMAP.md's table comes from that commit)
#   PART=pca src/bench/arpack.sh        PCA's solver call on 10k and 60k training images, 50 components
#                                       and the 95%-variance count: ours against Smile's ARPACK.svd
#                                       (Smile's alone takes minutes per row: PCA_ROWS=10000 for the
#                                       first rows, SMILE_MAX_K=50 to leave it out above 50
#                                       components; each row is shown on stderr as it comes)
#   QUICK=1 src/bench/arpack.sh         smoke test: 2,000 / 500 images
#
# Runs from the compiled classes (mvn compile) and the build's runtime class path, not the installed
# package: -Xmx6g, THREADS threads (default: nproc) for the neighbour graph, the layout, the quality
# measures and OpenBLAS (the sparse eigensolvers run on one thread). Prints Markdown tables.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
part=${PART:-spectral pca}
rows=${ROWS:-$(quick 2000 60000)}
test_rows=${TEST_ROWS:-$(quick 500 10000)}
pca_rows=${PCA_ROWS:-$(quick "500 2000" "10000 60000")}
solvers=${SOLVERS:-arpack smile}
bench_begin src/bench/arpack.sh THREADS PART ROWS TEST_ROWS PCA_ROWS SOLVERS SMILE_MAX_K QUICK
bench_tools java
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/runtime-classpath.txt \
  -Dmdep.includeScope=runtime >&2
classes=$BENCH_DIR/arpack-classes
rm -rf "$classes"
mkdir -p "$classes"
cp=target/classes:$(cat target/runtime-classpath.txt)
javac -d "$classes" -cp "$cp" src/bench/ArpackBenchmark.java
run() { threads "$THREADS" java -Xmx6g -cp "$classes:$cp" fundamentos.umap.ArpackBenchmark "$@"; }
if [[ " $part " == *" spectral "* ]]; then
  emit "$(run spectral "$rows" "$test_rows" "$THREADS" $solvers)"
  emit ""
fi
if [[ " $part " == *" pca "* ]]; then
  # shellcheck disable=SC2086
  emit "$(run pca "$THREADS" $pca_rows | tee /dev/stderr)"
fi
