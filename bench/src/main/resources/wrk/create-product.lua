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
