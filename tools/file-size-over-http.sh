#!/bin/bash
# The embedded store's file size after 100,000+ notes over HTTP and one replay (issue #15, point 6; figures in
# docs/benchmarks.md, "The embedded store's file size", session 18). Starts the built service
# (mvn -B -q -DskipTests package) on a fresh data directory, writes notes with tools/LoadTest.java (8 clients) until
# the store holds at least EVENTS events, replays timeline and journal-directory, waits 30 s, stops the service and
# packs the stopped store with SHUTDOWN COMPACT, printing the file's size at each step. The service's own packs at
# quiet moments are its log's "Packed the H2 store" lines (the load test's JDBC rounds store nothing in the service,
# so it packs during them).
#
#   tools/file-size-over-http.sh [WORK_DIR] [EVENTS]      (defaults: /tmp/file-size-over-http, 100000)
set -euo pipefail
work=${1:-/tmp/file-size-over-http}
events=${2:-100000}
port=18090
h2=~/.m2/repository/com/h2database/h2/2.4.240/h2-2.4.240.jar
cd "$(dirname "$0")/.."
rm -rf "$work" && mkdir -p "$work"
file=$work/data/peerjournal.mv.db
java -jar app/target/peer-journal.jar --server.port=$port --peerjournal.data-dir="$work/data" \
    --peerjournal.rate-limits.enabled=false > "$work/service.log" 2>&1 &
service=$!
until curl -s -o /dev/null "http://localhost:$port/actuator/health"; do sleep 1; done
projections() { curl -s -u olle:olle-demo "http://localhost:$port/api/admin/projections"; }
stored_events() { projections | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["head"])'; }
lag() { projections | python3 -c 'import json,sys; print(sum(p["lag"] for p in json.load(sys.stdin)))'; }
size() { echo "$(date -u +%T) $1: $(stat -c %s "$file") bytes, load average $(cut -d' ' -f1 /proc/loadavg)"; }
round=1
while [ "$(stored_events)" -lt "$events" ]; do
    java -cp "$h2" tools/LoadTest.java "http://localhost:$port" 8 40 "$work" "$service" > "$work/load-$round.log" 2>&1
    round=$((round + 1))
done
until [ "$(lag)" = "0" ]; do sleep 1; done
size "written, $(stored_events) events, projections at lag 0"
for projection in timeline journal-directory; do
    curl -s -o /dev/null -u olle:olle-demo -X POST "http://localhost:$port/api/admin/projections/$projection/replay"
    sleep 1
    until [ "$(lag)" = "0" ]; do sleep 1; done
    size "$projection replayed"
done
sleep 30
size "30 s later"
kill "$service"
wait "$service" || true
size "service stopped"
java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$work/data/peerjournal" -user sa -password "" \
    -sql "SHUTDOWN COMPACT" > /dev/null 2>&1 || true
size "SHUTDOWN COMPACT"
grep "Packed the H2 store" "$work/service.log" | sed 's/.*Packed/Packed/' || true
