#!/usr/bin/env bash
# Refreshes docs/screenshots from the browser tests. The tests write every screenshot under the
# build directory (target/tmp/screenshots); this copies those of the openly licensed Wikinews
# examples into docs/ and leaves out the seed article's (seed-*.png: copyrighted news).
# Needs Debian's chromium and chromium-driver (as the tests do).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test -p dossier-server --features browser --test browser -- example_pages_for_the_docs
shots=target/tmp/screenshots
test -d "$shots" || { echo "error: the browser test wrote no screenshots to $shots" >&2; exit 1; }
mkdir -p docs/screenshots
n=0
for png in "$shots"/*.png; do
  case "$(basename "$png")" in seed-*) continue ;; esac
  cp "$png" docs/screenshots/
  n=$((n + 1))
done
echo "copied $n screenshots to docs/screenshots"
