#!/usr/bin/env bash
# Runs one fuzz target for a fixed time: fuzz/run.sh TARGET SECONDS [extra libFuzzer flags]
#
# Stable toolchain (RUSTC_BOOTSTRAP=1 for cargo-fuzz's nightly flags), no sanitizer (-s none:
# the code under test is safe Rust; see docs/FUZZING.md), debug assertions on (-a), 10 s per
# input, 2 GiB of memory. New inputs go to fuzz/target/corpus/TARGET (ignored); the committed
# seeds in fuzz/corpus/TARGET are read, never written. Crashes land in fuzz/artifacts/TARGET.
set -euo pipefail
target=${1:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags]}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags]}
shift 2
cd "$(dirname "$0")"
work=target/corpus/$target
mkdir -p "$work" "artifacts/$target"
case $target in
  analyze|html) max_len=16384 ;;
  *) max_len=8192 ;;
esac
export RUSTC_BOOTSTRAP=1
exec cargo fuzz run -s none -a "$target" "$work" "corpus/$target" -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
  -print_final_stats=1 "$@"
