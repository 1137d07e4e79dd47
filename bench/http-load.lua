-- wrk script for bench/http-load.sh: POSTs answer bodies as an app would, one after another from the
-- files in BENCH_BODIES (paths separated by ':'), to whatever path wrk was given (/v1/echo or
-- /v1/assessments), and prints one machine-readable RESULT line when the run is done.
--
-- BENCH_GZIP=1 adds "Accept-Encoding: gzip", as OkHttp and browsers do; without it the server sends
-- the body uncompressed.

local paths = {}
for path in string.gmatch(os.getenv("BENCH_BODIES") or "", "[^:]+") do
  paths[#paths + 1] = path
end
if #paths == 0 then
  error("BENCH_BODIES names no body file; bench/http-load.sh sets it")
end

local headers = { ["Content-Type"] = "application/json" }
if os.getenv("BENCH_GZIP") == "1" then
  headers["Accept-Encoding"] = "gzip"
end

local bodies = {}
for i, path in ipairs(paths) do
  local file = assert(io.open(path, "rb"), "cannot read body file " .. path)
  bodies[i] = file:read("*a")
  file:close()
end

-- Each thread starts at a different body so that connections do not move in lockstep.
local next_index = 0

function setup(thread)
  thread:set("first", next_index)
  next_index = next_index + 1
end

local requests = {}
local count = 0

-- Formatted here, not at load time: wrk fills in the Host header and the path only by now.
function init(args)
  for i, body in ipairs(bodies) do
    requests[i] = wrk.format("POST", wrk.path, headers, body)
  end
  count = first or 0
end

function request()
  count = count + 1
  return requests[(count % #requests) + 1]
end

function done(summary, latency, requests_)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
