# Sourced by the demo and benchmark scripts: builds the package zip if needed, installs it with
# Weka's package manager into $WEKA_HOME (default ./wekahome) and defines `weka`, which runs a Weka
# main class the way a user's shell would (Weka's jars only on the class path, packages loaded by
# Weka itself).
set -euo pipefail
export WEKA_HOME="${WEKA_HOME:-$PWD/wekahome}"

# Weka 3.8.6's package class loader reflects into the JDK on Java 17; offline: no repository here.
WEKA_JAVA_OPTS=(-Dweka.packageManager.offline=true
  --add-opens=java.base/sun.net.www.protocol.jar=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED)

weka() {
  java "${WEKA_JAVA_OPTS[@]}" ${WEKA_HEAP:+-Xmx$WEKA_HEAP} -cp "$(cat target/weka-classpath.txt)" "$@"
}

install_package() {
  echo "== Building the package (mvn package, tests skipped: the test command runs them)"
  mvn -B -q -DskipTests package
  local zip
  zip=$(ls target/fundamentos-*.zip | head -n 1)
  echo "== Installing $zip into $WEKA_HOME with weka.core.WekaPackageManager"
  rm -rf "$WEKA_HOME/packages/fundamentos"
  weka weka.core.WekaPackageManager -offline -install-package "$zip" \
    | { grep -v '^\[DefaultPackageManager\] Installing' || true; }
}
