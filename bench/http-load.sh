#!/usr/bin/env bash
# HTTP load benchmark: POST /v1/assessments (evaluate + decision log, group commit) on the server, side
# by side with the bench's baseline server (bench/.../BaselineServer.java): POST /v1/echo (same body,
# same parsing, no evaluation, no log) and POST /v1/echo/evaluate (same checks and evaluation, no log,
# no plan in the reply), in alternating rounds with the same wrk settings. Prints req/s, p50 and p99 per
# route, the medians across rounds and the throughput ratios, for SQLite and/or PostgreSQL. Results go
# in docs/BENCHMARKS.md.
#
#   bench/http-load.sh [--db sqlite|postgresql|both] [--rounds N] [--duration SECONDS]
#                      [--warmup SECONDS] [--threads T] [--connections C] [--body FILE]...
#                      [--gzip] [--view plan|full|compact] [--java-opt OPTION]... [--port P] [--jar FILE]
#
# Defaults: --db both, 3 rounds of 10 s per route, 60 s warm-up per route (after 15 s the JIT still
# compiles the server's assessment path: 0.2-0.3 ms of C2 CPU per request), -t2 -c16, every
# bench/answers/full_*.json in turn, no Accept-Encoding, the default plan view (--view full posts to
# /v1/assessments?view=full, --view compact to ?view=compact), free ports, target/rekindle.jar and
# bench/target/benchmarks.jar (built if missing). PostgreSQL is the one the tests use: 127.0.0.1:5432, database test, user postgres, trust auth; the run gets a
# fresh schema, dropped at the end. Only 127.0.0.1 is ever targeted.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LUA="$ROOT/bench/http-load.lua"
# shellcheck source=await-url.sh
source "$ROOT/bench/await-url.sh"

DB=both
ROUNDS=3
DURATION=10
WARMUP=60
THREADS=2
CONNECTIONS=16
GZIP=0
VIEW=plan
PORT=0
JAR="$ROOT/target/rekindle.jar"
BENCH_JAR="$ROOT/bench/target/benchmarks.jar"
BODIES=()
JAVA_OPTS=()
PG_URL_BASE="jdbc:postgresql://127.0.0.1:5432/test?user=postgres"

usage() {
  sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

die() {
  echo "http-load: $*" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) DB="${2:?--db needs sqlite, postgresql or both}"; shift 2 ;;
    --rounds) ROUNDS="${2:?}"; shift 2 ;;
    --duration) DURATION="${2:?}"; shift 2 ;;
    --warmup) WARMUP="${2:?}"; shift 2 ;;
    --threads) THREADS="${2:?}"; shift 2 ;;
    --connections) CONNECTIONS="${2:?}"; shift 2 ;;
    --body) BODIES+=("$(cd "$(dirname "${2:?}")" && pwd)/$(basename "$2")"); shift 2 ;;
    --gzip) GZIP=1; shift ;;
    --view) VIEW="${2:?--view needs plan, full or compact}"; shift 2 ;;
    --java-opt) JAVA_OPTS+=("${2:?}"); shift 2 ;;
    --port) PORT="${2:?}"; shift 2 ;;
    --jar) JAR="$(cd "$(dirname "${2:?}")" && pwd)/$(basename "$2")"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "http-load: unknown option $1" >&2; usage 2 ;;
  esac
done

case "$DB" in sqlite|postgresql|both) ;; *) die "--db must be sqlite, postgresql or both, got $DB" ;; esac
case "$VIEW" in plan) ASSESS=/v1/assessments ;; full) ASSESS="/v1/assessments?view=full" ;;
  compact) ASSESS="/v1/assessments?view=compact" ;;
  *) die "--view must be plan, full or compact, got $VIEW" ;; esac
for pair in "ROUNDS:$ROUNDS:1:20" "DURATION:$DURATION:1:600" "WARMUP:$WARMUP:0:600" \
            "THREADS:$THREADS:1:64" "CONNECTIONS:$CONNECTIONS:1:1024" "PORT:$PORT:0:65535"; do
  IFS=: read -r name value low high <<<"$pair"
  [[ "$value" =~ ^[0-9]+$ ]] && (( value >= low && value <= high )) \
    || die "${name,,} must be a whole number from $low to $high, got $value"
done
(( CONNECTIONS >= THREADS )) || die "--connections ($CONNECTIONS) must be at least --threads ($THREADS)"

cd "$ROOT"
if [[ ${#BODIES[@]} -eq 0 ]]; then
  for file in bench/answers/full_*.json; do
    [[ -f "$file" ]] && BODIES+=("$ROOT/$file")
  done
fi
[[ ${#BODIES[@]} -gt 0 ]] || die "no body files: pass --body FILE or add bench/answers/full_*.json"
for file in "${BODIES[@]}"; do
  [[ -r "$file" ]] || die "cannot read body file $file"
  [[ "$file" != *:* ]] || die "body file paths cannot contain ':' ($file)"
done

# --- tools -------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  echo "http-load: wrk is missing; installing Debian's package" >&2
  if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
  "${SUDO[@]}" apt-get update -q >/dev/null && "${SUDO[@]}" apt-get install -y -q wrk >/dev/null \
    || die "could not install wrk; install it (apt-get install wrk) and run again"
fi
command -v java >/dev/null 2>&1 || die "java is missing (Java 17 is needed)"
command -v curl >/dev/null 2>&1 || die "curl is missing (used to wait for /health)"
if [[ ! -f "$JAR" ]]; then
  [[ "$JAR" == "$ROOT/target/rekindle.jar" ]] || die "no jar at $JAR"
  echo "http-load: building $JAR" >&2
  mvn -B -q -DskipTests package || die "the build failed"
fi
if [[ ! -f "$BENCH_JAR" ]]; then
  echo "http-load: building $BENCH_JAR" >&2
  mvn -B -q -DskipTests install && mvn -B -q -f bench/pom.xml package || die "the bench build failed"
fi

# --- server lifecycle --------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/rekindle-http-load.XXXXXX")"
SERVER_PID=""
BASELINE_PID=""
PG_SCHEMA=""

# Stops the process $1 (a pid, or nothing), giving it 20 s to exit before a kill -9.
stop_pid() {
  local pid="$1" i
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

stop_server() {
  stop_pid "$SERVER_PID"
  SERVER_PID=""
}

drop_schema() {
  if [[ -n "$PG_SCHEMA" ]]; then
    psql -w -h 127.0.0.1 -U postgres -d test -qAt -v ON_ERROR_STOP=1 \
      -c "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE" >/dev/null 2>&1 \
      || echo "http-load: could not drop schema $PG_SCHEMA; drop it by hand" >&2
  fi
  PG_SCHEMA=""
}

cleanup() {
  stop_server
  stop_pid "$BASELINE_PID"
  drop_schema
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts the server on the db setting $1 and sets BASE to its URL once /health answers 200.
start_server() {
  local db="$1" log="$WORK/server.log"
  : >"$log"
  java "${JAVA_OPTS[@]}" -jar "$JAR" serve --no-watch --port "$PORT" --db "$db" >"$log" 2>&1 &
  SERVER_PID=$!
  BASE="$(await_url "$log" rekindle "$SERVER_PID" health)" || die "the server did not start"
}

# Starts the bench's baseline server (the echo and evaluate-only routes, over the checkout's rules and
# content, as the server serves them) and sets BASELINE to its URL.
start_baseline() {
  local log="$WORK/baseline.log"
  java "${JAVA_OPTS[@]}" -cp "$BENCH_JAR" org.rekindle.bench.BaselineServer --port 0 --rules "$ROOT/rules" \
    --content "$ROOT/content" >"$log" 2>&1 &
  BASELINE_PID=$!
  BASELINE="$(await_url "$log" baseline "$BASELINE_PID")" || die "the baseline server did not start"
}

# CPU time (user + system) of process $1 so far, in clock ticks.
cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# The value of a Prometheus counter on /metrics, or 0.
metric() {
  curl -sf "$BASE/metrics" | awk -v name="$1" '$1 == name { printf "%d\n", $2; found = 1 } END { if (!found) print 0 }'
}

TICKS_PER_SECOND="$(getconf CLK_TCK)"

# Runs wrk once against route $1 for $2 seconds; prints
# "rps p50_ms p99_ms bytes_per_response server_cpu_ms_per_request decisions_per_commit load".
# The assessments route goes to the server, the two baselines to the baseline server; the CPU time is
# that of the process that served the route.
run_wrk() {
  local route="$1" seconds="$2" out ticks0 ticks1 writes0 writes1 commits0 commits1 base pid
  if [[ "$route" == /v1/echo* ]]; then base="$BASELINE"; pid="$BASELINE_PID"; else base="$BASE"; pid="$SERVER_PID"; fi
  writes0="$(metric rekindle_decision_log_writes_total)"
  commits0="$(metric rekindle_decision_log_commits_total)"
  ticks0="$(cpu_ticks "$pid")"
  out="$(BENCH_BODIES="$(IFS=:; echo "${BODIES[*]}")" BENCH_GZIP="$GZIP" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$LUA" "$base$route" 2>&1)" \
    || { echo "$out" >&2; die "wrk failed against $route"; }
  ticks1="$(cpu_ticks "$pid")"
  writes1="$(metric rekindle_decision_log_writes_total)"
  commits1="$(metric rekindle_decision_log_commits_total)"
  local result
  result="$(grep '^RESULT ' <<<"$out")" || { echo "$out" >&2; die "wrk printed no RESULT line"; }
  awk -v ticks="$((ticks1 - ticks0))" -v hz="$TICKS_PER_SECOND" -v writes="$((writes1 - writes0))" \
      -v commits="$((commits1 - commits0))" -v loadavg="$(cut -d' ' -f1 /proc/loadavg)" -v route="$route" '
    {
      for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] }
      if (r["non2xx"] > 0 || r["socket_errors"] > 0) {
        printf "http-load: %s had %d non-2xx responses and %d socket errors\n", route, r["non2xx"], r["socket_errors"] > "/dev/stderr"
        exit 1
      }
      n = r["requests"]
      printf "%.1f %.2f %.2f %d %.3f %s %s\n", n / (r["duration_us"] / 1e6), r["p50_us"] / 1000, r["p99_us"] / 1000,
        n ? r["bytes"] / n : 0, n ? ticks * 1000 / hz / n : 0, (index(route, "/v1/assessments") == 1 && commits) ? sprintf("%.1f", writes / commits) : "-", loadavg
    }' <<<"$result" || die "the run against $route failed"
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Benchmarks one database: $1 label, $2 db setting.
bench_db() {
  local label="$1" setting="$2" round line route
  # Three routes, alternating within each round: the echo (the issue's baseline), evaluate-only
  # (everything an assessment does before it is stored and written: the ceiling) and assessments.
  local -A path=([echo]=/v1/echo [evaluate]=/v1/echo/evaluate [assessments]="$ASSESS")
  local order=(echo evaluate assessments)
  echo
  echo "== $label: $(sed 's/?.*//' <<<"$setting")"
  start_server "$setting"
  echo "server up at $BASE, baselines at $BASELINE; warming up ${WARMUP} s per route"
  if (( WARMUP > 0 )); then
    for route in "${order[@]}"; do
      run_wrk "${path[$route]}" "$WARMUP" >/dev/null
    done
  fi
  printf '%-6s %-12s %10s %9s %9s %10s %12s %8s %6s\n' round route req/s p50_ms p99_ms resp_bytes cpu_ms/req per_commit load
  for route in "${order[@]}"; do
    : >"$WORK/$route"
  done
  for ((round = 1; round <= ROUNDS; round++)); do
    for route in "${order[@]}"; do
      line="$(run_wrk "${path[$route]}" "$DURATION")"
      echo "$line" >>"$WORK/$route"
      read -r rps p50 p99 bytes cpu per load <<<"$line"
      printf '%-6s %-12s %10s %9s %9s %10s %12s %8s %6s\n' "$round" "$route" "$rps" "$p50" "$p99" "$bytes" "$cpu" "$per" "$load"
    done
  done
  local col
  local -A rps_median
  for route in "${order[@]}"; do
    local meds=()
    for col in 1 2 3 4 5; do
      meds+=("$(awk -v c="$col" '{ print $c }' "$WORK/$route" | median)")
    done
    printf '%-6s %-12s %10s %9s %9s %10s %12s\n' median "$route" \
      "${meds[0]}" "${meds[1]}" "${meds[2]}" "${meds[3]}" "${meds[4]}"
    rps_median[$route]="${meds[0]}"
  done
  awk -v a="${rps_median[assessments]}" -v e="${rps_median[echo]}" -v v="${rps_median[evaluate]}" 'BEGIN {
    printf "ratio assessments/echo (medians): %.1f%%\n", 100 * a / e
    printf "ratio evaluate/echo (medians): %.1f%%\n", 100 * v / e
    printf "ratio assessments/evaluate (medians): %.1f%%\n", 100 * a / v
  }'
  stop_server
}

# --- run ---------------------------------------------------------------------------------------
echo "rekindle HTTP load: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
  "$(awk '/MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
echo "$(java -version 2>&1 | head -n 1); $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
echo "wrk -t$THREADS -c$CONNECTIONS, $ROUNDS x ${DURATION} s per route, alternating; warm-up ${WARMUP} s per route;" \
  "gzip $([[ $GZIP == 1 ]] && echo on || echo off); view $VIEW; java options: ${JAVA_OPTS[*]:-(none)}"
echo "bodies: $(for f in "${BODIES[@]}"; do basename "$f"; done | paste -sd' ')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
start_baseline

if [[ "$DB" == sqlite || "$DB" == both ]]; then
  bench_db SQLite "$WORK/decisions.db"
fi
if [[ "$DB" == postgresql || "$DB" == both ]]; then
  if ! command -v psql >/dev/null 2>&1 \
      || ! psql -w -h 127.0.0.1 -U postgres -d test -qAt -c 'SELECT 1' >/dev/null 2>&1; then
    [[ "$DB" == postgresql ]] && die "no PostgreSQL answers on 127.0.0.1:5432 (database test, user postgres)"
    echo
    echo "== PostgreSQL: skipped, no server answers on 127.0.0.1:5432 (database test, user postgres)"
  else
    PG_SCHEMA="rekindle_http_load_$$_$(date +%s)"
    psql -w -h 127.0.0.1 -U postgres -d test -qAt -v ON_ERROR_STOP=1 -c "CREATE SCHEMA $PG_SCHEMA" >/dev/null
    bench_db PostgreSQL "$PG_URL_BASE&currentSchema=$PG_SCHEMA"
    drop_schema
  fi
fi
