#!/usr/bin/env bash
# Two builds of the server side by side over HTTP: POST /v1/assessments on checkout A and on checkout B
# (each its own target/rekindle.jar serving its own rules/ and content/, on a SQLite file of its own), in
# alternating wrk rounds with the same bodies and settings, so that a busy neighbour slows both alike.
# Prints each round, the medians of req/s, p50 and p99, and B's throughput as a multiple of A's. For a
# change that should not change speed (a refactoring): `git worktree add /tmp/before REV`, build both
# (mvn -B -q -DskipTests package) and compare them here.
#
#   bench/http-compare.sh A-CHECKOUT B-CHECKOUT [--rounds N] [--duration SECONDS] [--warmup SECONDS]
#                         [--threads T] [--connections C] [--body FILE]...
#
# Defaults: 5 rounds of 10 s per checkout, 60 s warm-up each, -t2 -c16, every bench/answers/full_*.json
# of this checkout in turn (both must accept them: a non-2xx answer stops the run). Uses wrk
# (apt-get install wrk) and bench/http-load.lua.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LUA="$ROOT/bench/http-load.lua"
# shellcheck source=await-url.sh
source "$ROOT/bench/await-url.sh"

die() {
  echo "http-compare: $*" >&2
  exit 2
}

[[ $# -ge 2 ]] || { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
CHECKOUTS=("$(realpath "$1")" "$(realpath "$2")")
shift 2
ROUNDS=5
DURATION=10
WARMUP=60
THREADS=2
CONNECTIONS=16
BODIES=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="${2:?}"; shift 2 ;;
    --duration) DURATION="${2:?}"; shift 2 ;;
    --warmup) WARMUP="${2:?}"; shift 2 ;;
    --threads) THREADS="${2:?}"; shift 2 ;;
    --connections) CONNECTIONS="${2:?}"; shift 2 ;;
    --body) BODIES+=("$(realpath "${2:?}")"); shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done
for dir in "${CHECKOUTS[@]}"; do [[ -f "$dir/target/rekindle.jar" ]] || die "no $dir/target/rekindle.jar: build it"; done
command -v wrk >/dev/null 2>&1 || die "wrk is missing: apt-get install wrk"
if [[ ${#BODIES[@]} -eq 0 ]]; then
  for file in "$ROOT"/bench/answers/full_*.json; do BODIES+=("$file"); done
fi
BENCH_BODIES="$(IFS=:; echo "${BODIES[*]}")"
export BENCH_BODIES

WORK="$(mktemp -d "${TMPDIR:-/tmp}/rekindle-http-compare.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Starts checkout $1's server as $2 (A or B) and sets URL to its base URL once /health answers 200
# (not printed: a command substitution would run it in a subshell, whose pid the cleanup would miss).
start() {
  local dir="$1" name="$2" log="$WORK/$2.log"
  (cd "$dir" && exec java -jar target/rekindle.jar serve --no-watch --port 0 --db "$WORK/$name.db") >"$log" 2>&1 &
  PIDS+=($!)
  URL="$(await_url "$log" rekindle "$!" health)" || die "server $name did not start"
}

# One wrk run of $2 seconds against base URL $1: prints "req/s p50_ms p99_ms".
run() {
  local out result
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s -s "$LUA" "$1/v1/assessments" 2>&1)"
  result="$(grep '^RESULT ' <<<"$out")" || { echo "$out" >&2; die "wrk printed no RESULT line"; }
  eval "$(sed 's/^RESULT //' <<<"$result")"
  (( non2xx == 0 )) || die "$non2xx responses were not 2xx on $1: do both jars accept the bodies?"
  awk -v r="$requests" -v d="$duration_us" -v p50="$p50_us" -v p99="$p99_us" \
    'BEGIN { printf "%.1f %.2f %.2f\n", r / (d / 1e6), p50 / 1000, p99 / 1000 }'
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

start "${CHECKOUTS[0]}" A
A="$URL"
start "${CHECKOUTS[1]}" B
B="$URL"
echo "A: ${CHECKOUTS[0]} ($(git -C "${CHECKOUTS[0]}" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "B: ${CHECKOUTS[1]} ($(git -C "${CHECKOUTS[1]}" rev-parse --short HEAD 2>/dev/null || echo '?'))"
(( WARMUP == 0 )) || { run "$A" "$WARMUP" >/dev/null; run "$B" "$WARMUP" >/dev/null; }
echo "round jar req/s p50_ms p99_ms"
: >"$WORK/A.txt"
: >"$WORK/B.txt"
for ((round = 1; round <= ROUNDS; round++)); do
  # Alternate which goes first, so that neither always follows the other's garbage or warm caches.
  if (( round % 2 )); then order=(A B); else order=(B A); fi
  for name in "${order[@]}"; do
    if [[ $name == A ]]; then base="$A"; else base="$B"; fi
    line="$(run "$base" "$DURATION")"
    echo "$line" >>"$WORK/$name.txt"
    echo "$round $name $line"
  done
done
for name in A B; do
  printf '%s median: %s req/s, p50 %s ms, p99 %s ms\n' "$name" \
    "$(cut -d' ' -f1 "$WORK/$name.txt" | median)" "$(cut -d' ' -f2 "$WORK/$name.txt" | median)" \
    "$(cut -d' ' -f3 "$WORK/$name.txt" | median)"
done
paste -d' ' "$WORK/A.txt" "$WORK/B.txt" | awk '{ print $4 / $1 }' | median \
  | awk '{ printf "B/A throughput, median of the rounds'"'"' ratios: %.3f\n", $1 }'
