# Sourced by every benchmark script in src/bench (and by src/bench/all.sh). It
#   - moves to the repository root and sources src/scripts/weka-env.sh (WEKA_HOME, WEKA_JAVA_OPTS,
#     install_package);
#   - fixes the Python that runs the peers ($PYTHON, default Debian's /usr/bin/python3, which has
#     scikit-learn, umap-learn and PyTorch) and the thread count ($THREADS, default: nproc);
#   - gives every process a thread count the same way: `threads N cmd...` sets OMP_NUM_THREADS,
#     OPENBLAS_NUM_THREADS, MKL_NUM_THREADS and NUMBA_NUM_THREADS to N; `bench_java N ...` runs a JVM
#     on Weka's class path with that environment and -Dfundamentos.threads=N (our schemes also get
#     `-num-threads N` from each script; PyTorch gets torch.set_num_threads(N) from its script);
#   - QUICK=1: every script picks tiny sizes (a few hundred rows, one epoch) for smoke tests;
#   - buffers the script's table (`emit`) and prints it on exit below one header line: the run's
#     date and time, the git commit (+ uncommitted changes), the machine, each tool's version and the
#     command. A script that dies still prints the rows it finished and a line saying it failed.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source src/scripts/weka-env.sh

PYTHON=${PYTHON:-/usr/bin/python3}
THREADS=${THREADS:-$(nproc)}
QUICK=${QUICK:-0}
BENCH_DIR=target/bench
mkdir -p "$BENCH_DIR"

# quick <value in QUICK mode> <value otherwise>
quick() { if [[ "$QUICK" == 1 ]]; then echo "$1"; else echo "$2"; fi; }

# threads N command...: runs the command with every usual native thread pool set to N threads;
# with BENCH_LIMIT=S (an assignment before the call) it is stopped after S seconds (exit status 124);
# with BENCH_PEAK=FILE the process's peak resident set (KB, GNU time's %M) is written to FILE
threads() {
  local n=$1
  shift
  env OMP_NUM_THREADS="$n" OPENBLAS_NUM_THREADS="$n" MKL_NUM_THREADS="$n" NUMBA_NUM_THREADS="$n" \
    ${BENCH_LIMIT:+timeout "$BENCH_LIMIT"} ${BENCH_PEAK:+/usr/bin/time -f %M -o "$BENCH_PEAK"} "$@"
}

# bench_java N java-arguments...: a JVM on Weka's class path (packages loaded by Weka), N threads
# for the package (-Dfundamentos.threads) and for the native pools; the arguments bring -Xmx
bench_java() {
  local n=$1
  shift
  threads "$n" java "${WEKA_JAVA_OPTS[@]}" -Dfundamentos.threads="$n" \
    -cp "$(cat target/weka-classpath.txt)" "$@"
}

# builds and installs the package unless all.sh already did in this run (BENCH_INSTALLED=1)
bench_install() {
  if [[ "${BENCH_INSTALLED:-}" == 1 && -f "$WEKA_HOME/packages/fundamentos/Description.props" ]]; then
    return
  fi
  install_package >&2
}

# ratio a b: a / b with two decimals ("-" unless both are numbers and b > 0)
ratio() {
  awk -v a="${1:-}" -v b="${2:-}" -v f="${3:-%.2f}" 'BEGIN {
    if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b + 0 > 0) printf f, a / b; else printf "-" }'
}

# thousands 620746 -> 620,746
thousands() { sed -E ':a; s/^([0-9]+)([0-9]{3})/\1,\2/; ta' <<<"$1"; }

number() { [[ "${1:-}" =~ ^[0-9]+([.][0-9]+)?$ ]]; }

# Fashion-MNIST (Debian dataset-fashion-mnist) as ARFF under target/bench, written once.
# Training rows: 10k, 60k or a number of rows (the first ones); test rows: FASHION_TEST_ROWS
# (10000, or 500 in QUICK mode).
FASHION_TEST_ROWS=${FASHION_TEST_ROWS:-$(quick 500 10000)}
fashion_n() { case $1 in 10k) echo 10000 ;; 60k) echo 60000 ;; *) echo "$1" ;; esac; }
fashion_train() {
  local file=$BENCH_DIR/fashion-train$1.arff
  if [[ ! -s "$file" ]]; then
    case $1 in
      10k | 60k) "$PYTHON" src/bench/fashion_to_arff.py --out "$BENCH_DIR" >&2 ;;
      *) "$PYTHON" src/bench/fashion_to_arff.py --out "$BENCH_DIR" --subset "$1" >&2 ;;
    esac
  fi
  echo "$file"
}
# fashion_extended N: N rows of fashion_data.py's load_extended as ARFF: the first N training images
# up to 60,000 (fashion_train's file), past that training, test and both shifted by one pixel
fashion_extended() {
  if (($1 <= 60000)); then
    case $1 in 10000) fashion_train 10k ;; 60000) fashion_train 60k ;; *) fashion_train "$1" ;; esac
    return
  fi
  local file=$BENCH_DIR/fashion-extended$1.arff
  [[ -s "$file" ]] || "$PYTHON" src/bench/fashion_to_arff.py --out "$BENCH_DIR" --extended "$1" >&2
  echo "$file"
}
fashion_test() {
  if [[ "$FASHION_TEST_ROWS" == 10000 ]]; then
    [[ -s "$BENCH_DIR/fashion-test.arff" ]] \
      || "$PYTHON" src/bench/fashion_to_arff.py --out "$BENCH_DIR" >&2
    echo "$BENCH_DIR/fashion-test.arff"
  else
    [[ -s "$BENCH_DIR/fashion-test$FASHION_TEST_ROWS.arff" ]] \
      || "$PYTHON" src/bench/fashion_to_arff.py --out "$BENCH_DIR" \
        --test-subset "$FASHION_TEST_ROWS" >&2
    echo "$BENCH_DIR/fashion-test$FASHION_TEST_ROWS.arff"
  fi
}

# the commit and whether the working tree differs from it; all.sh fixes it once for its whole run
# (BENCH_COMMIT), before it builds, so that its own writes into doc/benchmarks.md do not count
bench_commit() {
  local commit
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo "no git commit")
  if [[ -n "$(git status --porcelain 2>/dev/null)" ]]; then
    commit+=" + uncommitted changes"
  fi
  echo "$commit"
}

py_version() { # distribution name
  "$PYTHON" -c "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))" "$1" \
    2>/dev/null || echo "not installed"
}

tool_version() {
  local v
  case $1 in
    java) java -version 2>&1 | awk -F'"' 'NR == 1 { split($1, w, " "); print (w[1] == "openjdk" ? "OpenJDK" : w[1]) " " $2 }' ;;
    weka) grep -o 'weka-stable-[0-9][0-9.]*[0-9]' target/weka-classpath.txt 2>/dev/null | head -n 1 \
      | sed 's/weka-stable-/Weka /' || true ;;
    fundamentos)
      v=$(sed -n 's/^Version=//p' "$WEKA_HOME/packages/fundamentos/Description.props" 2>/dev/null || true)
      local nd4j
      nd4j=$(ls "$WEKA_HOME/packages/fundamentos/lib/" 2>/dev/null | sed -n 's/^nd4j-api-\(.*\)\.jar$/\1/p' || true)
      echo "fundamentos ${v:-not installed}${nd4j:+ (ND4J $nd4j)}" ;;
    python) echo "Python $("$PYTHON" -c 'import platform; print(platform.python_version())' || true)" ;;
    sklearn)
      echo "scikit-learn $(py_version scikit-learn) (NumPy $(py_version numpy), $("$PYTHON" -c '
import numpy, threadpoolctl
print(", ".join(sorted({i["internal_api"] + " " + i["version"] for i in threadpoolctl.threadpool_info()})) or "no BLAS found")' 2>/dev/null || true))" ;;
    skimage) echo "scikit-image $(py_version scikit-image) (NumPy $(py_version numpy))" ;;
    umap) echo "umap-learn $(py_version umap-learn) (numba $(py_version numba), pynndescent $(py_version pynndescent))" ;;
    torch)
      v=$("$PYTHON" -c 'import torch; print(torch.__version__)' 2>/dev/null || echo "not installed")
      local deb
      deb=$(dpkg-query -W -f '${Version}' python3-torch 2>/dev/null || true)
      echo "PyTorch $v${deb:+ (Debian python3-torch $deb)}" ;;
    smile) ls target/bench/smile-lib/ 2>/dev/null | sed -n 's/^smile-core-\(.*\)\.jar$/Smile \1/p' || true ;;
    weka36) readlink -f /usr/share/java/weka.jar 2>/dev/null | sed -n 's/.*weka-\([0-9.]*\)\.jar$/Weka \1 (Debian weka)/p' || true ;;
    spark) tr ':' '\n' <spark/target/classpath.txt 2>/dev/null \
      | sed -n 's:.*/spark-core_\([0-9.]*\)-\([0-9.]*\)\.jar$:Spark \2 (Scala \1):p' | head -n 1 || true ;;
    *) echo "$1" ;;
  esac
}

# bench_begin script knob...: starts the table; the knobs are the environment variables that change
# what the script measures, shown in the header's command when the environment sets them (call it
# before the script exports defaults of its own)
bench_begin() {
  BENCH_SCRIPT=$1
  shift
  BENCH_COMMAND=""
  local knob
  for knob in "$@"; do
    if printenv "$knob" >/dev/null; then # set in the environment, not by the script's defaults
      BENCH_COMMAND+="$knob=$(printf '%q' "${!knob}") "
    fi
  done
  BENCH_COMMAND+=$BENCH_SCRIPT
  BENCH_TOOLS=()
  BENCH_BODY=$(mktemp)
  BENCH_T0=$(date +%s)
  BENCH_COMMIT=${BENCH_COMMIT:-$(bench_commit)}
  trap bench_end EXIT
}

bench_tools() { BENCH_TOOLS+=("$@"); }

# a line of the table (or a line above it); also shown on stderr as the run goes
emit() {
  printf '%s\n' "$*" >>"$BENCH_BODY"
  printf '%s\n' "$*" >&2
}

bench_header() {
  local t1 start end tools=() tool cores memory cpu
  t1=$(date +%s)
  start=$(date -d "@$BENCH_T0" '+%Y-%m-%d %H:%M')
  if [[ "$(date -d "@$BENCH_T0" +%F)" == "$(date -d "@$t1" +%F)" ]]; then
    end=$(date -d "@$t1" '+%H:%M %Z')
  else
    end=$(date -d "@$t1" '+%Y-%m-%d %H:%M %Z')
  fi
  for tool in "${BENCH_TOOLS[@]}"; do
    tools+=("$(tool_version "$tool" || echo "$tool: version unknown")")
  done
  cores=$(nproc)
  memory=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  local joined
  joined=$(printf '%s, ' "${tools[@]}")
  printf '%sRun of %s-%s · commit %s · %s cores (%s), %s · %s · threads: the "threads" column (THREADS=%s) · `%s`\n' \
    "$([[ "$QUICK" == 1 ]] && echo "QUICK smoke test (tiny sizes, one epoch: the figures mean nothing) · ")" \
    "$start" "$end" "$BENCH_COMMIT" "$cores" "${cpu:-unknown CPU}" "$memory" "${joined%, }" \
    "$THREADS" "$BENCH_COMMAND"
}

bench_end() {
  local rc=$?
  set +e
  bench_header
  echo
  cat "$BENCH_BODY"
  if ((rc != 0)); then
    echo
    echo "**Failed:** \`$BENCH_SCRIPT\` stopped with exit status $rc at $(date '+%Y-%m-%d %H:%M %Z')$(
      [[ -s "$BENCH_BODY" ]] && echo ", after the rows above" || echo "; no figures") (the reason is in the run's log)."
  fi
  rm -f "$BENCH_BODY"
  exit "$rc"
}
