#!/usr/bin/env bash
# The workbench at 100,000 articles (issue "An analyst's workbench at 100,000 articles"): builds a
# store of N articles from the PolNeAR training texts repeated as bench/run.sh repeats them (dated
# and with outlets: bench/workbench_corpus.py), serves it, and measures every page and API route
# with 1 client and with 50 (crates/server/examples/load.rs: a fixed count of keep-alive GETs,
# p50/p99, every error). Prints a markdown table; writes it to $WORK/workbench-N.md.
# Not a test: run it by hand on an otherwise idle machine (docs/PERFORMANCE-server.md).
#
#   bench/workbench.sh [N=100000] [REQUESTS_1=50] [REQUESTS_50=500]
#
# Environment: WORK (default target/workbench-bench: corpus and store, ~10 GB at 100,000),
# DOSSIER (the binary; default: a release build made here), LOAD (the load generator, likewise),
# DOSSIER_POLNEAR_TRAIN (another copy of train.tar.gz; the research-only texts are read from
# ../shared, never copied into the repository). A store left in WORK is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
REQ1=${2:-50}
REQ50=${3:-500}
WORK=${WORK:-target/workbench-bench}
TRAIN=${DOSSIER_POLNEAR_TRAIN:-../shared/eval/attribution/polnear/train.tar.gz}
mkdir -p "$WORK"
if [ -z "${DOSSIER:-}" ] || [ -z "${LOAD:-}" ]; then
  cargo build --release -p dossier
  cargo build --release -p dossier-server --example load
fi
BIN=${DOSSIER:-target/release/dossier}
LOAD=${LOAD:-target/release/examples/load}
DB=$WORK/store-$N.db
if [ ! -s "$DB" ]; then
  [ -s "$WORK/corpus-$N.jsonl" ] || python3 bench/workbench_corpus.py "$TRAIN" "$WORK/corpus-$N.jsonl" "$N"
  /usr/bin/time -f "ingest: %e s wall, %M KiB peak" "$BIN" ingest --db "$DB" "$WORK/corpus-$N.jsonl"
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$DB" --port "$PORT" 2>"$WORK/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -fs "http://127.0.0.1:$PORT/api/stats" >/dev/null 2>&1 && break; sleep 0.5; done
BASE="http://127.0.0.1:$PORT"
STATS=$(curl -fs "$BASE/api/stats")
echo "store: $DB ($(du -h "$DB" | cut -f1)), $STATS"

# What the routes name: a document from the middle of the store, the most mentioned entity,
# the most reported claim, the commonest outlet and counted noun.
json() { python3 -c "import json,sys,urllib.parse as u; d=json.load(sys.stdin); print($1)"; }
DOC=$(curl -fs "$BASE/api/documents?offset=$((N / 2))&limit=1" | json 'u.quote(d["items"][0]["id"])')
ENTITY=$(curl -fs "$BASE/api/entities?limit=1" | json 'u.quote(d["items"][0]["name"])')
CLAIM=$(curl -fs "$BASE/api/claims?limit=1" | json 'd["items"][0]["id"] if d["items"] else 1')
COUNTED=$(curl -fs "$BASE/api/quantities" | json 'u.quote((d["nouns"][0].get("head") or d["nouns"][0]["counted"]) if d["nouns"] else "people")')
OUTLET=breitbart

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
OUT=$WORK/workbench-$N.md
{
  echo "| route | 1 client p50 ms | p99 ms | 50 clients p50 ms | p99 ms | req/s | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
} | tee "$OUT"
for route in \
  "/" "/?sort=statements" "/?outlet=$OUTLET&since=2016-01-01&sort=published" "/documents/$DOC" \
  "/entities" "/entities?kind=person&offset=100" "/entities/$ENTITY" "/entities/$ENTITY?offset=500" \
  "/statements" "/statements?entity=$ENTITY&stance=deny" "/statements?speaker=clinton&since=2016-06-01" \
  "/quantities" "/quantities?counted=$COUNTED" "/search?q=president" "/search?q=tax+returns&offset=50" \
  "/claims" "/claims/$CLAIM" \
  "/api/stats" "/api/documents?limit=50" "/api/documents?speaker=$ENTITY&sort=statements" "/api/documents/$DOC" \
  "/api/entities" "/api/entities/$ENTITY" "/api/statements?speaker=trump" "/api/quantities?counted=$COUNTED" \
  "/api/search?q=president" "/api/events?limit=50" "/api/claims" "/api/claims/$CLAIM" \
  "/api/statements?entity=$ENTITY&format=csv"; do
  one=$("$LOAD" "$BASE$route" "$REQ1" 1)
  many=$("$LOAD" "$BASE$route" "$REQ50" 50)
  errors=$(( $(field errors "$one") + $(field errors "$many") ))
  echo "| \`$route\` | $(field p50_ms "$one") | $(field p99_ms "$one") | $(field p50_ms "$many") | $(field p99_ms "$many") | $(field rate "$many") | $errors |" | tee -a "$OUT"
done
