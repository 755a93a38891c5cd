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
# Seeds from ../shared/eval, when it is beside the repository: research-use data (PolNeAR,
# TBAQ-cleaned, FNC-1, Emergent, the scrapinghub pages) is read from there at run time, never
# committed here (../shared/eval/SOURCES.md). fuzz/corpus holds only openly licensed or
# hand-made seeds.
shared=../../shared/eval
extra=target/shared-seeds/$target
rm -rf "$extra" && mkdir -p "$extra"
if [ -d "$shared" ]; then
  # `head` closes its pipe early; with pipefail that would end the script.
  set +o pipefail
  case $target in
    analyze|repair_segment)
      ls "$shared"/attribution/polnear/dev/text/*.txt | head -4 | xargs -I{} cp {} "$extra"/ ;;
    html)
      for f in $(ls "$shared"/html_extraction/scrapinghub-article-extraction-benchmark/html/*.html.gz | head -3); do
        gunzip -c "$f" | head -c 16384 > "$extra/$(basename "$f" .gz)"
      done ;;
    eval_readers)
      ls "$shared"/attribution/polnear/dev/attributions/*.ann | head -2 | xargs -I{} cp {} "$extra"/
      tar -xzf "$shared"/temporal/tempeval3-tbaq-cleaned/TBAQ-cleaned.tar.gz -O --wildcards '*wsj_1073.tml' \
        > "$extra/wsj_1073.tml" 2>/dev/null || true
      head -6 "$shared"/claims/emergent/emergent-train.csv > "$extra/emergent-train.csv"
      gunzip -c "$shared"/claims/fnc-1/train_stances.csv.gz | head -6 > "$extra/fnc1-train_stances.csv"
      gunzip -c "$shared"/claims/fnc-1/train_bodies.csv.gz | head -c 4000 > "$extra/fnc1-train_bodies.csv" ;;
  esac
  set -o pipefail
fi
export RUSTC_BOOTSTRAP=1
exec cargo fuzz run -s none -a "$target" "$work" "corpus/$target" "$extra" -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
  -print_final_stats=1 "$@"
