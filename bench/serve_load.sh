#!/usr/bin/env bash
# Load benchmark of `dossier serve` (issue 5): the article page and search with 10,000 articles in
# the store, 50 concurrent clients on loopback, measured with wrk. Prints p50/p99 per URL.
# Not a test: run it by hand, on an otherwise idle machine.
#
#   bench/serve_load.sh [N_ARTICLES=10000] [SECONDS=30]
#
# Needs: wrk (apt-get install -y wrk), python3, a release build (built here).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
SECS=${2:-30}
PORT=${PORT:-18181}
WORK=${WORK:-target/serve-bench}
mkdir -p "$WORK"
command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }

cargo build --release -p dossier
BIN=target/release/dossier
DB="$WORK/store-$N.db"
if [ ! -s "$DB" ]; then
  python3 bench/serve_corpus.py "$N" "$WORK/corpus-$N.jsonl"
  /usr/bin/time -f "ingest: %e s, %M KiB peak" "$BIN" ingest --db "$DB" "$WORK/corpus-$N.jsonl" >/dev/null
fi

"$BIN" serve --db "$DB" --port "$PORT" 2>"$WORK/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/api/stats" >/dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$PORT/api/stats"; echo

# The seed-based article (the longest, most annotated one) and a middle-of-the-store one.
ID=$(curl -fs "http://127.0.0.1:$PORT/api/search?q=Ryder+echoed&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["doc_id"])')
ENC=${ID/:/%3A}
run() {  # name url
  echo "== $1: $2"
  wrk --latency -t2 -c50 -d"${SECS}s" "$2" | tee "$WORK/wrk-$1.txt" | grep -E "Requests/sec|Non-2xx|Socket errors|^ +(50|75|90|99)%"
}
run article "http://127.0.0.1:$PORT/documents/$ENC"
run search-page "http://127.0.0.1:$PORT/search?q=north+korean+troops"
run search-api "http://127.0.0.1:$PORT/api/search?q=north+korean+troops"
run statements-api "http://127.0.0.1:$PORT/api/statements?speaker=ryder&limit=50"
