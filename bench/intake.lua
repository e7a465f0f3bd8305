-- wrk script: POST a new complaint per request, alternating Chinese and English, with varying text.
local subjects = {
  {"快递一周未送达", "5月1日下单的空调，物流信息三天没有更新，客服电话一直打不通，要求尽快发货或者退款。"},
  {"Refund not received", "I returned the headphones two weeks ago and the refund still has not been issued. The agent was rude."},
  {"客服态度恶劣", "电话里客服态度非常差，说话不耐烦还直接挂断，要求道歉并处理退款问题。"},
  {"Charged twice for one order", "My card was charged twice for order DD2024051234. Please refund the duplicate charge."},
}
local counter = 0
local token = os.getenv("HEED_BENCH_TOKEN") or ""
request = function()
  counter = counter + 1
  local s = subjects[(counter % #subjects) + 1]
  local body = string.format(
    '{"customer":{"name":"bench","phone":"1380000%04d"},"channel":"app","subject":"%s %d","description":"%s","category":"物流配送"}',
    counter % 10000, s[1], counter, s[2])
  return wrk.format("POST", "/api/v1/complaints",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
dofile("bench/report.lua")
