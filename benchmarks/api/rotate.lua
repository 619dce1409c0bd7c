-- wrk script: rotate through request paths read from a file, one per line,
-- each thread starting at its own offset, and print one summary line that
-- scripts/bench-api.sh parses:
--   wrk -t2 -c16 -d10s --latency -s rotate.lua http://127.0.0.1:8090 -- paths.txt
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  if #paths == 0 then error("no paths in " .. args[1]) end
  i = ((tid or 1) - 1) * math.floor(#paths / 4)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f bytes_per_req=%.0f requests=%d non2xx=%d errors=%d\n",
    summary.requests / s, latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, summary.bytes / math.max(summary.requests, 1),
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
