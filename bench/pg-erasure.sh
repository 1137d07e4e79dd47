#!/usr/bin/env bash
# Erasure on PostgreSQL: what DELETE /v1/subjects/{subject} costs now that it vacuums the decisions
# table at once, at a realistic table size, and what it leaves. Starts the server on a fresh schema,
# stores one real decision per bench/answers/full_*.json body, copies them (answers, plan, trace and
# all) into --rows decisions of --rows/6 subjects, vacuums once (the steady state autovacuum keeps),
# then erases --rounds subjects over HTTP one after the other and prints, for each, the time of the
# whole request and the pages that held the subject: how many still hold it in a tuple (live or
# dead, by pageinspect's heap_page_items) and how many still hold its bytes anywhere in the page
# (get_raw_page: freed space included). Then 8 erasures at once (they share their vacuum), and for
# comparison a bare DELETE, a VACUUM with nothing to do and a VACUUM FULL of the table. Results go
# in docs/BENCHMARKS.md.
#
#   bench/pg-erasure.sh [--rows N] [--rounds R] [--jar FILE]
#
# Defaults: 100000 rows, 10 rounds, target/rekindle.jar (built if missing). PostgreSQL is the one the
# tests use: 127.0.0.1:5432, database test, user postgres, trust auth; the run gets a fresh schema,
# dropped at the end. Needs the pageinspect extension (postgresql-contrib).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS=100000
ROUNDS=10
JAR="$ROOT/target/rekindle.jar"

die() {
  echo "pg-erasure: $*" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) ROWS="${2:?}"; shift 2 ;;
    --rounds) ROUNDS="${2:?}"; shift 2 ;;
    --jar) JAR="$(cd "$(dirname "${2:?}")" && pwd)/$(basename "$2")"; shift 2 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1" ;;
  esac
done
[[ "$ROWS" =~ ^[0-9]+$ ]] && (( ROWS >= 60 )) || die "--rows must be a whole number of at least 60"
[[ "$ROUNDS" =~ ^[0-9]+$ ]] && (( ROUNDS >= 1 && ROUNDS <= 100 )) || die "--rounds must be 1-100"
command -v psql >/dev/null 2>&1 || die "psql is missing"
command -v curl >/dev/null 2>&1 || die "curl is missing"

cd "$ROOT"
[[ -f "$JAR" ]] || mvn -q -B -o -DskipTests package
WORK="$(mktemp -d)"
PG_SCHEMA="rk_bench_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
SERVER_PID=""

sql() {
  psql -w -h 127.0.0.1 -U postgres -d test -qAt -v ON_ERROR_STOP=1 -c "SET search_path = $PG_SCHEMA, public" "$@"
}

cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  psql -w -h 127.0.0.1 -U postgres -d test -qAt -c "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE" >/dev/null 2>&1 \
    || echo "pg-erasure: could not drop schema $PG_SCHEMA; drop it by hand" >&2
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql -w -h 127.0.0.1 -U postgres -d test -qAt -c "CREATE SCHEMA $PG_SCHEMA" \
  -c "CREATE EXTENSION IF NOT EXISTS pageinspect SCHEMA public" >/dev/null

java -jar "$JAR" serve --no-watch --port 0 \
  --db "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=$PG_SCHEMA" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE=""
for ((i = 0; i < 240; i++)); do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "the server exited during start-up"; }
  port="$(sed -n 's/.*rekindle listening on port \([0-9][0-9]*\).*/\1/p' "$WORK/server.log" | head -n 1)"
  if [[ -n "$port" ]] && curl -sf -o /dev/null "http://127.0.0.1:$port/health"; then
    BASE="http://127.0.0.1:$port"
    break
  fi
  sleep 0.5
done
[[ -n "$BASE" ]] || die "the server did not answer /health within 120 s"

templates=0
for body in bench/answers/full_*.json; do
  sed '0,/{/s//{"subject": "template",/' "$body" \
    | curl -sf -o /dev/null -X POST "$BASE/v1/assessments" -H 'Content-Type: application/json' --data-binary @- \
    || die "could not store $body"
  templates=$((templates + 1))
done
copies=$(( (ROWS + templates - 1) / templates ))
echo "filling $((copies * templates)) decisions of $copies subjects ($templates real decisions each) ..."
start=$(date +%s)
sql -c "INSERT INTO decisions (id, created_at, ruleset_version, subject, couple, partner, owner, answers_json,
          plan_json, trace_json)
        SELECT gen_random_uuid()::text, d.created_at - make_interval(secs => g), d.ruleset_version,
               'subject-' || g, 'couple-' || g, d.partner, d.owner, d.answers_json, d.plan_json, d.trace_json
          FROM decisions d CROSS JOIN generate_series(1, $copies) g WHERE d.subject = 'template'" \
    -c "DELETE FROM decisions WHERE subject = 'template'" -c "VACUUM ANALYZE decisions"
echo "filled in $(( $(date +%s) - start )) s; decisions: $(sql -c "SELECT pg_size_pretty(pg_total_relation_size('decisions'))") with TOAST and indexes ($(sql -c "SELECT pg_size_pretty(pg_relation_size('decisions'))") heap)"

# Pages of the heap holding subject $1 in a tuple, and pages whose raw bytes hold it anywhere.
residue() {
  sql -c "SELECT (SELECT count(*) FROM unnest(string_to_array('$2', ',')::int[]) p
                   WHERE EXISTS (SELECT 1 FROM heap_page_items(get_raw_page('decisions', p))
                                  WHERE t_data IS NOT NULL
                                    AND position(convert_to('$1', 'UTF8') IN t_data) > 0)) || ' ' ||
                 (SELECT count(*) FROM unnest(string_to_array('$2', ',')::int[]) p
                   WHERE position(convert_to('$1', 'UTF8') IN get_raw_page('decisions', p)) > 0)"
}

printf '%-16s %10s %8s %14s %12s\n' subject "erase ms" pages "in a tuple" "in raw bytes"
for ((r = 1; r <= ROUNDS; r++)); do
  subject="subject-$(( (r * 7919) % copies + 1 ))"
  pages="$(sql -c "SELECT string_agg(DISTINCT ((ctid::text::point)[0])::int::text, ',') FROM decisions
                    WHERE subject = '$subject'")"
  ms="$(curl -sf -o /dev/null -w '%{time_total}' -X DELETE "$BASE/v1/subjects/$subject" | awk '{ printf "%.0f", $1 * 1000 }')"
  read -r tuples raw <<<"$(residue "$subject" "$pages")"
  printf '%-16s %10s %8s %14s %12s\n' "$subject" "$ms" "$(tr ',' '\n' <<<"$pages" | wc -l)" "$tuples" "$raw"
done

burst=8
start_ns=$(date +%s%N)
pids=()
for ((b = 1; b <= burst; b++)); do
  curl -sf -o "$WORK/burst-$b.json" -X DELETE "$BASE/v1/subjects/subject-$(( (b * 104729) % copies + 1 ))" &
  pids+=($!)
done
wait "${pids[@]}"
echo "$burst concurrent erasures (one batch): $(( ($(date +%s%N) - start_ns) / 1000000 )) ms for all," \
  "$(cat "$WORK"/burst-*.json | grep -o '"erased":[0-9]*' | cut -d: -f2 | paste -sd+ | bc) decisions"

subject="subject-$(( copies / 2 ))"
timed() {
  sql -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1
}
echo "bare DELETE of one subject: $(timed "DELETE FROM decisions WHERE subject = '$subject'") ms"
echo "VACUUM after it:            $(timed 'VACUUM decisions') ms"
echo "VACUUM with nothing to do:  $(timed 'VACUUM decisions') ms"
echo "VACUUM FULL (locks the table): $(timed 'VACUUM FULL decisions') ms"
