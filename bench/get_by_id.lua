-- wrk script: GET random complaints by id in 1..MAX_ID (set with: wrk ... -s get_by_id.lua -- 1000000).
local max_id = 1000
local token = os.getenv("HEED_BENCH_TOKEN") or ""
init = function(args)
  if args[1] then max_id = tonumber(args[1]) end
  math.randomseed(os.time() + math.floor(os.clock() * 1000))
end
request = function()
  return wrk.format("GET", "/api/v1/complaints/" .. math.random(1, max_id), {["Authorization"] = "Bearer " .. token})
end
dofile("bench/report.lua")
