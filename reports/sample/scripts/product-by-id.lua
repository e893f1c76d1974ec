-- GET /products/{id} with ids spread uniformly over the seed's 1..1000; each wrk thread has its own sequence.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("seed", threads)
end
init = function(args)
  math.randomseed(20240601 + seed)
end
request = function()
  return wrk.format("GET", "/products/" .. math.random(1, 1000))
end

-- Appended to every scenario: wrk's own numbers as one JSON line, so nothing is scraped from its text output.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WEBBENCH_JSON {"duration_us":%d,"requests":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p75":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.duration, summary.requests, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9)))
end
