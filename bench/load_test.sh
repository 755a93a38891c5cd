#!/usr/bin/env bash
# A bounded load test of `dossier serve` on loopback: for each route, a fixed number of
# requests from 50 keep-alive connections (crates/server/examples/load.rs), with p50/p99
# latency, the request rate and every error (failed connection or request, non-2xx status).
# bench/serve_load.sh measures a few URLs for a duration on a large synthetic store; this one
# sends a fixed count to every route and checks the limits against slow clients.
# Then the slow-client check: while 200 clients trickle request headers a byte every 2 s, how
# long until the server drops them, and the latency of other clients meanwhile.
#
#   cargo build --release -p dossier && cargo build --release -p dossier-server --example load
#   bench/load_test.sh [STORE.db] [REQUESTS_PER_ROUTE]
#
# Without a store it builds one from the bundled examples; the numbers in
# docs/PERFORMANCE-server.md were taken on a store of the 840 PolNeAR training articles
# (`dossier ingest --db /tmp/polnear.db /tmp/polnear/train/text`). Needs curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${DOSSIER:-target/release/dossier}
DB=${1:-}
COUNT=${2:-2000}
CONNECTIONS=50
LOAD=${LOAD:-target/release/examples/load}
[ -x "$BIN" ] && [ -x "$LOAD" ] || {
  echo "build first: cargo build --release -p dossier && cargo build --release -p dossier-server --example load" >&2
  exit 2
}
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
if [ -z "$DB" ]; then
  DB=$WORK/examples.db
  "$BIN" ingest --db "$DB" examples/wikinews examples/wikinews.jsonl >/dev/null
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$DB" --port "$PORT" 2>"$WORK/serve.log" &
SERVER=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/api/stats" >/dev/null 2>&1 && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT"

# A document id, an entity and a claim of this store, for the routes that name one.
DOC=$(curl -fs "$BASE/api/documents?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
ENTITY=$(curl -fs "$BASE/api/entities?limit=1" | python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.load(sys.stdin)["items"][0]["name"]))')
CLAIM=$(curl -fs "$BASE/api/claims?limit=1" | python3 -c 'import json,sys; c=json.load(sys.stdin)["items"]; print(c[0]["id"] if c else 1)')

# One line per run: requests=N p50_ms=… p99_ms=… max_ms=… rate=… errors=N
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
echo "| route | requests | p50 ms | p99 ms | max ms | req/s | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for route in "/api/stats" "/api/documents?limit=20" "/api/search?q=president" "/api/entities?limit=50" \
             "/api/entities/$ENTITY" "/api/statements?limit=50" "/api/claims?limit=20" "/api/claims/$CLAIM" \
             "/" "/documents/$DOC" "/entities/$ENTITY" "/search?q=president" "/claims"; do
  r=$("$LOAD" "$BASE$route" "$COUNT" "$CONNECTIONS")
  echo "| \`$route\` | $(field requests "$r") | $(field p50_ms "$r") | $(field p99_ms "$r") | $(field max_ms "$r") | $(field rate "$r") | $(field errors "$r") |"
done

echo
echo "Slow clients: 200 connections each sending a header byte every 2 s, while 50 others load /api/stats."
python3 - "$PORT" >"$WORK/slow.txt" <<'PY' &
import socket, sys, threading, time
port = int(sys.argv[1])
dropped = []
def trickle():
    start = time.monotonic()
    try:
        s = socket.create_connection(("127.0.0.1", port))
        s.settimeout(2)
        for b in b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100:
            s.sendall(bytes([b]))
            try:
                if s.recv(1024) == b"":
                    break
            except socket.timeout:
                pass
    except OSError:
        pass
    dropped.append(time.monotonic() - start)
threads = [threading.Thread(target=trickle) for _ in range(200)]
for t in threads: t.start()
for t in threads: t.join()
dropped.sort()
print(f"slow clients dropped after: min {dropped[0]:.1f} s, median {dropped[len(dropped)//2]:.1f} s, max {dropped[-1]:.1f} s")
PY
SLOW=$!
sleep 1
r=$("$LOAD" "$BASE/api/stats" "$COUNT" "$CONNECTIONS")
wait $SLOW
cat "$WORK/slow.txt"
echo "meanwhile /api/stats: $(field requests "$r") requests, p50 $(field p50_ms "$r") ms, p99 $(field p99_ms "$r") ms, $(field rate "$r") req/s, $(field errors "$r") errors"
