-- POST /product with distinct names and brands cycling over the seed's 100; the bench deletes these rows
-- between targets so that every target inserts into the same table.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
init = function(args)
  counter = 0
end
request = function()
  counter = counter + 1
  local body = string.format('{"product_name":"bench-%d-%d","brand_id":%d}', tid, counter, (counter % 100) + 1)
  return wrk.format("POST", "/product", {["Content-Type"] = "application/json"}, body)
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
