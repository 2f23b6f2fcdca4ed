#!/usr/bin/env bash
# Each scheme's memory estimate (what it checks before allocating, see doc/memory.md) against the
# peak it reaches, at two or three sizes, one JVM per row (src/bench/MemoryBenchmark.java), on one
# thread. Columns: the estimate the scheme reports (its refusal under a 0 MB cap), the peak heap
# over the baseline (sum of the heap pools' peaks; serial GC with an 8 MB young generation, so
# that garbage adds at most about 8 MB), the peak off-heap bytes JavaCPP and ND4J count (ND4J's
# arrays and workspaces, native matrices: what the off-heap limit applies to) and the peak growth
# of the resident set beyond the heap's (also native code paged in on first use, OpenMP and LAPACK
# work arrays, thread stacks). About 2 minutes.
#
#   src/bench/memory.sh            the table (Markdown) on stdout
#   QUICK=1 src/bench/memory.sh    the smallest size of each scheme only
#
# Needs the compiled classes (mvn -o compile); the class path comes from Maven (offline).
set -euo pipefail
cd "$(dirname "$0")/../.."
QUICK=${QUICK:-0}
cp_file=target/memory-classpath.txt
if [[ ! -s $cp_file ]]; then
  mvn -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
fi
# ND4J's shaded Jackson, Guava and protobuf are not Maven dependencies: shaded/ rebuilds them into
# target/nd4j-shaded/ in the validate phase (doc/development.md, "Runtime jars")
ls target/nd4j-shaded/*.jar >/dev/null 2>&1 || mvn -o -q validate >&2
classpath="target/classes:$(cat "$cp_file"):$(ls target/nd4j-shaded/*.jar | tr '\n' ':')"
rows=(
  "softmax 2000" "softmax 20000"
  "cnn 32" "cnn 256"
  "transformer 64" "transformer 256"
  "pca 5000x200x1" "pca 500x2000x3" "pca 2000x2000x2"
  "umap 3000k15" "umap 3000k100"
  "dbscan 20000" "dbscan 200000"
)
echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' + uncommitted changes'), $(nproc) cores, $(java -version 2>&1 | head -1), -Xmx4g -XX:+UseSerialGC -Xmn8m, one thread; \`src/bench/memory.sh\`"
echo
echo "| scheme | setting | estimate heap (MB) | peak heap (MB) | estimate off-heap (MB) | peak off-heap counted (MB) | peak native RSS beyond heap (MB) | seconds |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
previous=""
for row in "${rows[@]}"; do
  set -- $row
  if [[ $QUICK == 1 && $1 == "$previous" ]]; then
    continue
  fi
  previous=$1
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -Xmx4g -XX:+UseSerialGC -Xmn8m -Dfundamentos.threads=1 \
    -cp "$classpath" src/bench/MemoryBenchmark.java "$1" "$2" 2>/dev/null \
    || echo "| $1 | $2 | failed: $? | | | | | |"
done
