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
