-- wrk script: GET the path given after `--` (wrk ... -s bench/get_path.lua URL -- '/api/v1/complaints?q=物流'),
-- with the bearer token of HEED_BENCH_TOKEN; prints the percentiles BENCHMARKS.md quotes.
local path = "/"
local token = os.getenv("HEED_BENCH_TOKEN") or ""
init = function(args)
  if args[1] then path = args[1] end
end
request = function()
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end
dofile("bench/report.lua")
