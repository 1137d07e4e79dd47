# Sourced by the bench's HTTP scripts (http-load.sh, http-compare.sh): waiting for a server they started.

# await_url LOG WHO PID [health]: waits until process PID writes "WHO listening on port N" to LOG (and,
# with "health", until GET /health answers 200), then prints http://127.0.0.1:N. When the process exits
# first or 120 s pass, prints LOG and the reason to standard error and returns 1. Call it in a command
# substitution: it starts nothing, so the caller keeps the pid of what it started.
await_url() {
  local log="$1" who="$2" pid="$3" health="${4:-}" i port=""
  for ((i = 0; i < 240; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2
      echo "$who exited during start-up" >&2
      return 1
    fi
    port="$(sed -n "s/.*$who listening on port \([0-9][0-9]*\).*/\1/p" "$log" | head -n 1)"
    if [[ -n "$port" ]] && { [[ "$health" != health ]] || curl -sf -o /dev/null "http://127.0.0.1:$port/health"; }
    then
      echo "http://127.0.0.1:$port"
      return 0
    fi
    sleep 0.5
  done
  cat "$log" >&2
  echo "$who did not ${health:+answer /health }within 120 s" >&2
  return 1
}
