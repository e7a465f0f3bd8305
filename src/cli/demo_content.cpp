#include "cli/demo_content.hpp"

namespace heed::cli::demo {
namespace {

using enum Language;

constexpr Template kTemplates[] = {
    {"物流配送", "物流延迟", kChinese, "{product}下单{days}天还没发货",
     "订单{order}买的{product}，页面写48小时内发货，现在{days}天了物流信息一直没有更新，打客服电话也没人接，太耽误事了。",
     "尽快发货，否则全额退款", "general", 2, "您好，非常抱歉让您久等了，我们已联系仓库加急处理您的订单，今天内给您回复物流单号。",
     "已协调仓库加急发出并补偿10元优惠券，客户确认已收到货。"},
    {"物流配送", "商品损坏", kChinese, "快递送到的{product}外包装破损",
     "今天收到的{product}箱子都压扁了，打开发现外壳有裂痕，快递员放下就走了，不让当面验货。", "换新或者退款", "important", 3,
     "您好，看到您的照片了，非常抱歉给您带来不好的体验，我们会安排免费换新。", "已安排上门取件并换新，运费由我方承担。"},
    {"物流配送", "delay", kEnglish, "Order {order} still not delivered after {days} days",
     "I ordered the {product} {days} days ago and the tracking has not updated since it left the warehouse. Nobody "
     "answers the delivery hotline.",
     "Deliver it this week or refund me", "general", 2,
     "We are sorry for the delay. We have opened a trace with the carrier and will update you within 24 hours.",
     "Carrier located the parcel; delivered with a $10 credit for the delay."},
    {"服务态度", "服务态度差", kChinese, "客服态度恶劣，直接挂我电话",
     "我打电话咨询{product}的退货问题，客服说话很不耐烦，还没说完就挂断了，态度太差了，要求道歉。", "客服道歉并处理退货",
     "important", 3, "您好，对于客服的不当态度我们深表歉意，已转交组长核实，并由我专门跟进您的退货。",
     "已核实录音并对相关客服进行培训，向客户致歉，退货已完成。"},
    {"服务态度", "rude staff", kEnglish, "Rude agent on the phone",
     "The agent I spoke to about my {product} was rude and hung up on me twice. This is unacceptable.",
     "An apology and someone who will actually help", "important", 3,
     "We apologise for how you were treated. A team lead is reviewing the call and I will handle your case myself.",
     "Call reviewed, agent coached, customer received an apology and the issue was fixed."},
    {"产品质量", "质量缺陷", kChinese, "{product}用了{days}天就坏了",
     "买的{product}才用了{days}天就开不了机，质量太差了，要求退货退款。", "退货退款", "general", 3,
     "您好，非常抱歉给您添麻烦了，麻烦提供一下故障照片和订单号，我们马上为您处理。", "经检测为质量问题，已为客户办理退货退款。"},
    {"产品质量", "安全隐患", kChinese, "{product}充电时冒烟起火",
     "昨晚{product}充电时突然冒烟，插头都烧黑了，差点起火，家里有小孩，太危险了！再不处理我就投诉到12315并找媒体曝光。",
     "赔偿损失并召回检测", "urgent", 5, "您好，您的安全是第一位的，请立即停止使用并断电，我们的安全专员会在2小时内联系您。",
     "安全专员上门取回检测，确认电源模块缺陷，全额退款并赔偿损失，已上报质量部门排查同批次。"},
    {"产品质量", "defect", kEnglish, "{product} stopped working after {days} days",
     "My {product} died after only {days} days. It will not turn on at all. I want a replacement or a refund.",
     "Replacement or refund", "general", 3, "Sorry to hear that. Please send a photo of the serial number and we will "
     "arrange a replacement right away.", "Replacement shipped; faulty unit collected for analysis."},
    {"价格争议", "计费", kChinese, "话费被重复扣费{amount}元",
     "这个月账单多扣了{amount}元，我根本没有订过这个增值业务，客服说查不到，要求退还。", "退还多扣费用", "important", 2,
     "您好，已为您查询扣费明细，确认存在异常扣费，正在为您办理退费。", "已退还多扣的费用并取消该增值业务。"},
    {"价格争议", "billing", kEnglish, "Charged twice for order {order}",
     "I was charged twice for the same order {order}, ${amount} each time. Please refund the duplicate charge.",
     "Refund the duplicate charge", "important", 2, "We can see the duplicate charge and have started the refund.",
     "Duplicate charge refunded; payment gateway issue reported."},
    {"退换货", "退款", kChinese, "申请退款{days}天还没到账",
     "{product}退货已经寄回{days}天了，物流显示商家已签收，但退款一直没到账，问了几次都说在处理。", "尽快退款",
     "important", 2, "您好，已查询到您的退货已入库，马上为您加急退款。", "已完成退款，原路退回，客户确认到账。"},
    {"退换货", "return refused", kEnglish, "Return refused for unopened {product}",
     "I tried to return an unopened {product} within 7 days and the store refused. Your policy says I can return it.",
     "Accept the return and refund me", "general", 2, "You are right, unopened items can be returned within 30 days. "
     "I have authorised the return.", "Return accepted and refund issued."},
    {"信息不准确", "虚假宣传", kChinese, "宣传参数与实物不符",
     "商品页面写{product}续航12小时，实际用了不到4小时，这是虚假宣传，我要求退一赔三。", "退一赔三", "important", 3,
     "您好，我们已将您反馈的续航问题提交产品部门核实。", "经核实页面参数有误，已更正页面并为客户办理退货及补偿。"},
    {"信息不准确", "misinformation", kEnglish, "Product page says it includes a charger, it does not",
     "The page for the {product} says a charger is included. The box had none.", "Send the charger", "general", 1,
     "Thank you for letting us know. We are sending the charger today and correcting the page.",
     "Charger shipped and product page corrected."},
    {"售后服务", "维修", kChinese, "{product}维修{days}天还没修好",
     "{product}送修已经{days}天了，一直说配件没到，也没人主动联系我，售后服务太差。", "尽快修好或者换新", "important", 3,
     "您好，已联系维修中心核实配件情况，今天给您确切的完成时间。", "配件到位后已修复并上门送还，另赠延保一年。"},
    {"售后服务", "安装", kChinese, "安装师傅迟到还乱收费",
     "约好上午安装{product}，师傅下午才来，还收了{amount}元材料费，说是必须的，发票也不给。", "退还材料费并道歉",
     "general", 2, "您好，关于安装乱收费的问题我们非常重视，已通知服务网点核查。",
     "核实为违规收费，已退还材料费并处罚服务网点。"},
    {"售后服务", "repair", kEnglish, "Repair of my {product} taking forever",
     "My {product} has been at the repair centre for {days} days and nobody tells me anything.",
     "Fix it or replace it", "important", 3, "I have asked the repair centre for a firm date and will call you today.",
     "Repaired and returned; one-year warranty extension added."},
    {"承诺未兑现", "承诺未兑现", kChinese, "说好的赠品一直没有发",
     "买{product}的时候客服承诺送赠品，到现在{days}天了还没收到，问了好几次都说会跟进，没有结果。", "补发赠品",
     "general", 2, "您好，已核实当时的承诺记录，马上为您补发赠品。", "赠品已补发，客户确认收到。"},
    {"承诺未兑现", "broken promise", kEnglish, "Promised callback never came",
     "I was promised a callback within 24 hours about my {product}. That was {days} days ago.", "Call me back and fix it",
     "general", 2, "I am sorry we did not call back as promised. I will personally follow your case to the end.",
     "Customer called back; issue solved and apology given."},
    {"隐私与安全", "信息泄露", kChinese, "下单后频繁接到骚扰电话",
     "在你们这买了{product}之后，每天都有人打电话推销，还能说出我的订单信息，怀疑信息泄露，要求调查，否则我会起诉。",
     "调查泄露并给出说明", "urgent", 4, "您好，您反馈的信息安全问题我们非常重视，已提交安全部门调查。",
     "安全部门完成调查并封禁相关账号，已向客户书面说明处理结果。"},
    {"其他", "其他", kChinese, "咨询{product}的以旧换新政策", "想问一下{product}有没有以旧换新活动，门店和App说法不一致。",
     "说明政策", "general", 1, "您好，以旧换新政策以App公告为准，我把具体规则发给您。", "已解释政策，客户表示满意。"},
};

constexpr std::string_view kChineseNames[] = {"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇",
                                              "周杰", "吴婷", "徐强", "孙丽", "马超", "朱琳", "胡军", "郭燕"};
constexpr std::string_view kEnglishNames[] = {"Emily Carter", "James Miller", "Sophia Brown", "Daniel Wilson",
                                              "Olivia Davis", "Michael Moore", "Ava Taylor", "William Clark"};
constexpr std::string_view kChineseProducts[] = {"美的空调KFR-35GW", "华为Mate 60手机", "海尔热水器EC6002",
                                                 "小米扫地机器人", "联想ThinkPad笔记本", "格力冰箱", "5G畅享套餐"};
constexpr std::string_view kEnglishProducts[] = {"wireless headphones", "smart TV", "coffee machine", "laptop",
                                                 "phone plan"};
constexpr std::string_view kCities[] = {"上海市浦东新区", "北京市朝阳区", "广州市天河区", "深圳市南山区", "杭州市西湖区",
                                        "成都市武侯区"};
constexpr std::string_view kReopenZh[] = {"问题又出现了", "退款还是没到账", "换的新品也有同样的问题"};
constexpr std::string_view kReopenEn[] = {"The problem came back", "The refund never arrived", "The replacement has the same fault"};
constexpr std::string_view kFollowUpZh[] = {"请问处理得怎么样了？", "照片已经发给你们了", "我这边方便的时间是周末"};
constexpr std::string_view kFollowUpEn[] = {"Any update on this?", "I have sent the photos you asked for",
                                            "I am available on weekends"};

}  // namespace

std::span<const Template> Templates() { return kTemplates; }
std::span<const std::string_view> ChineseNames() { return kChineseNames; }
std::span<const std::string_view> EnglishNames() { return kEnglishNames; }
std::span<const std::string_view> ChineseProducts() { return kChineseProducts; }
std::span<const std::string_view> EnglishProducts() { return kEnglishProducts; }
std::span<const std::string_view> Cities() { return kCities; }
std::span<const std::string_view> ReopenReasons(Language language) {
    return language == kChinese ? std::span<const std::string_view>(kReopenZh) : kReopenEn;
}
std::span<const std::string_view> CustomerFollowUps(Language language) {
    return language == kChinese ? std::span<const std::string_view>(kFollowUpZh) : kFollowUpEn;
}

}  // namespace heed::cli::demo
