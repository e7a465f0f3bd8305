-- wrk script: POST a new complaint per request, alternating Chinese and English, each text put together from six
-- parts of twelve choices each (about three million texts per language), so that near-duplicates are as rare as
-- among real customers' own words. bench/intake.lua is the hard case beside it: four texts, so that every complaint
-- joins an incident cluster from other customers.
local zh = {
  {"我买的空调", "上周下单的冰箱", "网上订的洗衣机", "给父母买的电视", "618活动买的手机", "订的一套沙发",
   "买的儿童座椅", "购买的扫地机器人", "预订的酒店房间", "办的健身年卡", "订的外卖午餐", "买的笔记本电脑"},
  {"到现在还没有发货", "收到时外包装破损", "用了三天就坏了", "和页面描述完全不一样", "少发了两个配件",
   "安装师傅一直不上门", "退货申请被无故驳回", "发票一直开不出来", "被重复扣了两次款", "优惠券没有抵扣",
   "送来的是旧机器", "说好的赠品没有给"},
  {"物流信息三天没更新", "客服电话一直打不通", "在线客服只会回复模板", "门店说要等总部答复",
   "售后让我自己联系厂家", "投诉工单被直接关闭", "快递员说已经签收了", "维修点说没有配件",
   "经理答应回电却没有", "APP里找不到退款入口", "说要七到十五个工作日", "已经来回沟通五次了"},
  {"态度非常敷衍", "一直推卸责任", "说话很不耐烦", "还直接挂断电话", "承诺的时间都没兑现", "让我很失望",
   "耽误了我很多时间", "家里老人没法使用", "影响了正常工作", "孩子生日礼物泡汤了", "周末白白等了一天",
   "已经影响到生活"},
  {"要求尽快退款", "要求换一台新的", "要求赔偿损失", "希望给个明确答复", "要求上门检修", "要求补发配件",
   "要求取消订单", "要求道歉并处理", "希望尽快安排送货", "要求退还差价", "要求开具发票", "要求延长保修"},
  {"谢谢。", "请尽快处理。", "否则我会投诉到消协。", "麻烦给个说法。", "等待你们的回复。", "不要再拖了。",
   "这是第一次投诉。", "希望不要再发生。", "请有关部门重视。", "盼复。", "辛苦了。", "请核实处理。"},
}
local en = {
  {"The air conditioner I ordered", "My new fridge", "The washing machine I bought online", "The TV for my parents",
   "The phone from the summer sale", "The sofa set I ordered", "The child car seat", "The robot vacuum",
   "The hotel room I booked", "My gym membership", "The laptop I bought", "The lunch I ordered"},
  {"still has not shipped", "arrived with the box crushed", "broke after three days", "is nothing like the listing",
   "came without two parts", "was never installed", "had its return refused for no reason",
   "still has no invoice", "was charged to my card twice", "did not get the coupon discount",
   "turned out to be a used unit", "came without the promised gift"},
  {"and tracking has not moved in three days", "and the hotline never answers", "and chat only sends templates",
   "and the store says to wait for head office", "and support told me to call the maker",
   "and my ticket was closed without a word", "and the courier claims it was delivered",
   "and the repair shop has no parts", "and the manager never called back", "and the app has no refund button",
   "and they say it takes fifteen working days", "and I have explained it five times"},
  {"The staff were dismissive.", "Everyone blames someone else.", "The agent was impatient.",
   "The agent hung up on me.", "No promised date was kept.", "I am very disappointed.", "It has cost me hours.",
   "My elderly parents cannot use it.", "It disrupted my work.", "It ruined a birthday present.",
   "I waited at home all weekend.", "It is affecting daily life."},
  {"I want a refund now.", "I want a replacement.", "I want compensation.", "I want a clear answer.",
   "I want a technician sent.", "I want the missing parts sent.", "I want the order cancelled.",
   "I want an apology and a fix.", "I want it delivered this week.", "I want the price difference back.",
   "I want the invoice issued.", "I want the warranty extended."},
  {"Thanks.", "Please handle it soon.", "Otherwise I will go to the regulator.", "Please explain.",
   "Waiting for your reply.", "Do not delay again.", "This is my first complaint.", "Do not let it happen again.",
   "Please take this seriously.", "Regards.", "Thank you for your help.", "Please check and fix it."},
}
local counter = 0
local token = os.getenv("HEED_BENCH_TOKEN") or ""

function init(args)
  math.randomseed(math.floor(os.clock() * 1e6) + tonumber(tostring({}):sub(8), 16) % 100000)
end

local function text(parts, separator)
  local chosen = {}
  for i = 1, #parts do chosen[i] = parts[i][math.random(#parts[i])] end
  return table.concat(chosen, separator)
end

request = function()
  counter = counter + 1
  local subject, description
  if counter % 2 == 0 then
    description = text(zh, "，")
    subject = "投诉 " .. counter
  else
    description = text(en, " ")
    subject = "Complaint " .. counter
  end
  local body = string.format(
    '{"customer":{"name":"bench","phone":"1380000%04d"},"channel":"app","subject":"%s","description":"%s","category":"物流配送"}',
    counter % 10000, subject, description)
  return wrk.format("POST", "/api/v1/complaints",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
dofile("bench/report.lua")
