#!/usr/bin/env bash
# The size of the package zip (`mvn -B -DskipTests package`: target/fundamentos-*.zip) and of its
# largest parts, as stored in the zip (compressed sizes; jars are stored nearly as they are).
#
#   src/bench/package_size.sh        builds and installs the package, prints a Markdown table
#
# Rows: the five largest entries, the other jars under lib/, everything else (the package's own jar,
# docs, sources, data), the zip's headers and directory, and the whole file. Sizes in MB of 10^6
# bytes. Nothing is timed, so the table has no thread count.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_begin src/bench/package_size.sh
bench_tools java fundamentos
bench_install
zip=$(ls target/fundamentos-*.zip | head -n 1)
emit "| part | size (MB) | bytes |"
emit "|---|---|---|"
parts=$("$PYTHON" - "$zip" <<'EOF'
import os
import sys
import zipfile

path = sys.argv[1]
total = os.path.getsize(path)
entries = sorted((i for i in zipfile.ZipFile(path).infolist() if not i.is_dir()),
                 key=lambda i: -i.compress_size)
rows = [(f"`{i.filename}`", i.compress_size) for i in entries[:5]]
rest = entries[5:]
jars = [i for i in rest if i.filename.startswith("lib/") and i.filename.endswith(".jar")]
other = [i for i in rest if i not in jars]
rows.append((f"the other {len(jars)} jars under `lib/`", sum(i.compress_size for i in jars)))
rows.append((f"everything else ({len(other)} files: the package's jar, docs, sources, data)",
             sum(i.compress_size for i in other)))
rows.append(("zip headers and directory", total - sum(i.compress_size for i in entries)))
rows.append((f"**the whole zip** (`{os.path.basename(path)}`)", total))
for name, size in rows:
    print(f"| {name} | {size / 1e6:.1f} | {size:,} |")
EOF
)
while IFS= read -r line; do
  emit "$line"
done <<<"$parts"
