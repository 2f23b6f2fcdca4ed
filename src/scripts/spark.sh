#!/usr/bin/env bash
# The package's Spark jobs in-process, with no Spark installed: Spark's local[*] master, Spark's
# jars from Maven (the spark/ module's class path), the --add-opens Java 17 needs for Spark.
#
#   src/scripts/spark.sh header -i data.csv -o data-header.arff
#   src/scripts/spark.sh pca -i data.csv -header data-header.arff -c last -R 0.95 \
#       -model pca.model -o scores/
#   src/scripts/spark.sh dbscan -i data.csv -header data-header.arff -E 0.01 -M 6 -partitions 8 \
#       -model dbscan.model -o labels/
#   src/scripts/spark.sh umap -i data.csv -header data-header.arff -c last -sample 20000 \
#       -model umap.model -o embedded/
#
# The first run builds the package and the module (mvn; later runs reuse spark/target/, set
# FUNDAMENTOS_SPARK_REBUILD=1 after changing the code). SPARK_DRIVER_MEMORY (default 4g) sizes the
# heap, which local[*] shares between the driver and its tasks. FUNDAMENTOS_SPARK_OPTS adds JVM
# options, such as Spark settings as system properties (-Dspark.master='local[2]' for two task
# threads, -Dspark.eventLog.enabled=true ...). doc/Spark.md says what each job computes, and how
# to run the same jobs on a cluster with spark-submit.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
classpath_file="$root/spark/target/classpath.txt"
if [[ ! -f "$classpath_file" || ! -d "$root/spark/target/classes" \
      || -n "${FUNDAMENTOS_SPARK_REBUILD:-}" ]]; then
  echo "Building the package and its Spark module (once; Spark's jars are about 220 MB)..." >&2
  (cd "$root" \
    && mvn -B -q -Dmaven.test.skip=true package install:install-file@jar-for-spark-module \
      install:install-file@nd4j-jackson-for-spark-module install:install-file@nd4j-guava-for-spark-module \
      install:install-file@nd4j-protobuf-for-spark-module \
    && mvn -B -q -f spark/pom.xml -Dmaven.test.skip=true package) >&2
fi
# the --add-opens of Spark's own launcher, kept in one place: spark/pom.xml's spark.addOpens
read -r -a add_opens <<< "$(sed -n 's:.*<spark.addOpens>\(.*\)</spark.addOpens>.*:\1:p' \
  "$root/spark/pom.xml")"
# the user's JVM options, split on spaces (read -a: no glob expansion of local[2])
read -r -a extra_opts <<< "${FUNDAMENTOS_SPARK_OPTS:-}"
# the package as this working tree built it (target/fundamentos.jar) comes before the copy the
# module's class path names in ~/.m2, which another checkout's build may have replaced
# one machine: Spark binds to the loopback address (no warning about the host name)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# Weka's netlib ARPACK: the pure-Java one at once, without two WARNING lines (README)
exec java -Xmx"${SPARK_DRIVER_MEMORY:-4g}" "${add_opens[@]}" \
  -Dcom.github.fommil.netlib.ARPACK=com.github.fommil.netlib.F2jARPACK \
  -Dlog4j2.configurationFile="$root/spark/conf/log4j2.properties" -Dspark.ui.enabled=false \
  "${extra_opts[@]}" \
  -cp "$root/spark/target/classes:$root/target/fundamentos.jar:$(cat "$classpath_file")" \
  fundamentos.spark.SparkJobs "$@"
