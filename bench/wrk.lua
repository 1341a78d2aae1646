-- wrk script of `make bench` (bench/run.py): one request shape per run, a JSON summary at the end.
--
-- Environment (set by bench/run.py):
--   BENCH_METHOD        GET (default) or POST
--   BENCH_BODY          request body (POST), already url-encoded
--   BENCH_HEADERS       extra headers, one "Name: value" per line
--   BENCH_THINK_MS      pause of each connection between an answer and its next request (a
--                       visitor reading and typing); 0 or unset: none (the server's saturation)
--   BENCH_UNIQUE_CLIENT "1": every request comes from its own client address (X-Forwarded-For from
--                       the benchmarking range 198.18.0.0/15, through the trusted proxy 127.0.0.1),
--                       so the per-address rate limits stay on and are never reached
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local method, body, headers, unique, counter, think

function init(args)
  method = os.getenv("BENCH_METHOD") or "GET"
  body = os.getenv("BENCH_BODY")
  if body == "" then body = nil end
  unique = os.getenv("BENCH_UNIQUE_CLIENT") == "1"
  headers = {}
  for line in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^\n]+") do
    local name, value = string.match(line, "^([^:]+):%s*(.*)$")
    if name then headers[name] = value end
  end
  if body then headers["Content-Type"] = "application/x-www-form-urlencoded" end
  counter = 0
  think = tonumber(os.getenv("BENCH_THINK_MS") or "0") or 0
end

if (tonumber(os.getenv("BENCH_THINK_MS") or "0") or 0) > 0 then
  function delay()
    return think
  end
end

function request()
  if unique then
    counter = counter + 1
    headers["X-Forwarded-For"] = string.format("198.%d.%d.%d", 18 + (id % 2), math.floor(counter / 256) % 256, counter % 256)
  end
  return wrk.format(method, nil, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, "latency_us": {"mean": %.1f, "p50": %d, "p95": %d, "p99": %d, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
