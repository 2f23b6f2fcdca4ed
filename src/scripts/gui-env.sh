# Sourced by the scripts that drive Weka's real GUIs under Xvfb (explorer-stop.sh,
# experimenter-gui.sh, explorer-tour.sh, screenshots.sh): builds the package when its classes or
# lib/ are missing, compiles the drivers (src/scripts/*.java, which share GuiDriver) into
# target/gui-drivers, and defines `gui_java`, which runs a driver's main class under xvfb-run on a
# screen of $SCREEN (default 1366x768, the issue's laptop screen) with Weka's jars, the package's
# classes and lib/ on the class path.
#
# Needs xvfb-run and ImageMagick's import (apt-get install xvfb imagemagick). LIB_DIR and
# WEKA_CP_FILE point at another lib/ and Weka class path file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
lib="${LIB_DIR:-lib}"
cp_file="${WEKA_CP_FILE:-target/weka-classpath.txt}"
# rebuilt too when pom.xml changed since lib/ was filled (a new dependency would be missing)
if [[ ! -f "$cp_file" || ! -d target/classes || $(ls "$lib"/*.jar 2>/dev/null | wc -l) -eq 0 \
  || pom.xml -nt "$cp_file" ]]; then
  mvn -B -q -DskipTests package
fi
gui_cp="$(cat "$cp_file"):target/classes:$lib/*"
mkdir -p target/gui-drivers
javac -nowarn -d target/gui-drivers -cp "$gui_cp" src/scripts/*.java

gui_java() {
  xvfb-run -a -s "-screen 0 ${SCREEN:-1366x768}x24" \
    java --add-opens=java.base/java.lang=ALL-UNNAMED -Dweka.packageManager.offline=true \
    -cp "target/gui-drivers:$gui_cp" "$@"
}
