#include "cli/demo_content.hpp"

// The texts below are invented. Names are common given names and surnames, products are ordinary goods and
// services, and order numbers, amounts and day counts are filled in by the generator from the placeholders.

namespace heed::cli::demo {
namespace {

using enum Language;

// Each category has at least six Chinese and three English templates. Placeholders may appear in the subject,
// description and remedy; the agent's reply and resolution are used as written. The tables are laid out by hand
// (one field group per line), so clang-format leaves them alone.
// clang-format off
constexpr Template kTemplates[] = {
    // 产品质量
    {"产品质量", "质量缺陷", kChinese, "{product}用了{days}天就坏了",
     "订单{order}买的{product}，才用了{days}天就开不了机，按电源键一点反应都没有，换了插座也一样。这质量也太差了吧，"
     "要求退货退款。",
     "退货退款", "general", 3,
     "您好，非常抱歉给您添麻烦了。麻烦您拍一段故障视频并提供机身序列号，我们收到后24小时内为您安排退货或换新。",
     "经售后检测确认为主板故障，属于质量问题，已为客户办理全额退款，并补偿20元无门槛优惠券。"},
    {"产品质量", "性能问题", kChinese, "空调制冷效果差，开一晚上还是28度",
     "新装的空调设定16度开了一整晚，屋里温度一直在28度左右，出风口摸着是温的。安装师傅说是正常现象，我不接受，"
     "这明显有问题。",
     "派技术员上门检测，修不好就换机", "important", 3,
     "您好，理解您的心情，天气这么热确实难受。已为您登记复检，技术主管将在48小时内上门检测冷媒压力和外机运行情况。",
     "技术员上门检测发现连接管接头处冷媒泄漏，已重新焊接并补充冷媒，复测出风温度正常，客户确认满意。"},
    {"产品质量", "安全隐患", kChinese, "{product}通电时冒烟，差点起火！",
     "昨晚{product}插着电突然冒烟，插头都烧黑了，一屋子焦味，差点起火！家里有两个小孩，想想都后怕。今天不给我一个说法，"
     "我就打12315，再把视频发到网上曝光。",
     "退款并赔偿损失，提供检测报告", "urgent", 5,
     "您好，您和家人的安全是第一位的，请立即停止使用并拔掉电源，保留好实物和照片。"
     "我们的安全专员会在2小时内与您电话联系。",
     "安全专员当天上门取回实物送检，确认电源适配器存在缺陷，已全额退款并赔偿损失，同批次产品已上报质量部门排查。"},
    {"产品质量", "安全隐患", kChinese, "热水器漏电，洗澡时被电了一下",
     "今天早上洗澡，手碰到花洒的时候被电了一下，整条胳膊都是麻的。用电笔测了出水口有电，这是要出人命的！"
     "热水器才装了不到半年。",
     "立即上门检测，更换整机并赔偿", "urgent", 5,
     "您好，请您立即断开热水器电源并暂停使用，如有身体不适请尽快就医。我们已启动紧急处理流程，"
     "维修工程师今天内上门排查。",
     "工程师上门确认加热管绝缘损坏导致漏电，已免费更换整机并加装漏电保护插头，承担客户就医费用，问题已上报质量部门。"},
    {"产品质量", "质量缺陷", kChinese, "新手机用了没几天屏幕出现绿线",
     "刚买的手机，没摔过也没进水，用了{days}天屏幕上就出现一条绿线，而且越来越明显。去门店问，说要送检等一周，"
     "太耽误事了，我平时工作全靠手机。",
     "直接换新机", "important", 3,
     "您好，非常抱歉给您带来不便。屏幕绿线我们会优先处理，已为您开通快速检测通道，3个工作日内给您结果，"
     "检测期间可提供备用机。",
     "检测确认为屏幕排线缺陷，符合15天换新政策，已为客户更换新机并赠送一个月会员。"},
    {"产品质量", "性能问题", kChinese, "{product}噪音太大，晚上根本睡不着",
     "{product}一通电就有嗡嗡的电流声，晚上特别明显，我用手机App测了有55分贝，宣传页上可是写着“静音设计”。",
     "上门检查，解决不了就换货", "general", 2,
     "您好，感谢您提供的测试数据。我们先安排师傅上门检查是否存在安装不到位或部件松动，如确认异常将为您换新。",
     "师傅上门发现减震垫安装不到位，重新调整后噪音降至正常水平，客户表示可以接受。"},
    {"产品质量", "质量缺陷", kChinese, "外套洗一次就掉色起球",
     "你好，我买的一件外套，按吊牌说明冷水手洗了一次，就掉色很严重，袖口也起球了。想问一下这种情况能不能退？",
     "希望能退货", "general", 1,
     "您好，感谢您的耐心说明。这种情况属于质量问题，我们为您开通退货通道，来回运费由我们承担。",
     "客户寄回商品，经质检确认面料色牢度不达标，已全额退款。"},
    {"产品质量", "defect", kEnglish, "{product} stopped working after {days} days",
     "My {product} died after only {days} days. It won't turn on at all, and I've tried a different outlet and a "
     "different cable. Really disappointed for something this expensive.",
     "Replacement or a full refund", "general", 3,
     "I'm sorry to hear that, that's not the experience we want you to have. Could you send a photo of the serial "
     "number label? I'll arrange a replacement as soon as I have it.",
     "Replacement shipped by express; faulty unit collected for analysis."},
    {"产品质量", "safety", kEnglish, "Charger started smoking and melted",
     "The charger for my {product} started smoking last night and the plug melted into the socket. The whole house "
     "smelled of burning plastic and my kid was in the room. Take this seriously or I'm calling a lawyer.",
     "Full refund, cover the damage, and an explanation", "urgent", 5,
     "Please keep the charger unplugged and somewhere safe; your safety comes first. Our product safety team will call "
     "you within 2 hours.",
     "Safety team collected the charger and confirmed a faulty batch; full refund issued, socket repair reimbursed, "
     "batch escalated for recall review."},
    {"产品质量", "performance", kEnglish, "Battery drains in a few hours",
     "Since the last update my phone goes from 100% to 20% in about four hours of light use. It used to last all day.",
     "Fix the battery issue or replace the device", "general", 2,
     "Thanks for the details. Please try the steps in the link I've sent; if they don't help, we'll book a free "
     "battery diagnostic for you.",
     "Diagnostic showed a degraded battery; battery replaced free of charge under warranty."},
    {"产品质量", "safety", kEnglish, "Space heater burned my hand",
     "The casing of my new space heater got so hot that it burned my hand when I moved it. There is a scorch mark on "
     "the carpet too. This could have started a fire.",
     "Refund and an investigation", "urgent", 4,
     "I'm very sorry you were hurt. Please stop using the heater and unplug it. Our safety team will contact you today "
     "to collect it.",
     "Heater collected and tested; thermostat fault confirmed. Full refund issued and medical costs covered."},
    // 服务态度
    {"服务态度", "服务态度差", kChinese, "客服态度恶劣，直接挂我电话",
     "我打电话咨询{product}的退货问题，客服说话很不耐烦，一直说“这个我管不了”，我还没说完就把电话挂了。"
     "你们就是这么对待客户的？要求客服道歉！",
     "客服道歉，并把退货办好", "important", 3,
     "您好，对于客服的不当态度我们深表歉意，这不是我们应有的服务标准。已转交质检组长调取录音核实，"
     "您的退货由我专门跟进到底。",
     "经调取录音核实属实，已对该客服进行批评教育和再培训，组长致电客户道歉，退货已办理完成。"},
    {"服务态度", "服务态度差", kChinese, "门店店员冷嘲热讽",
     "周六去门店看{product}，店员爱答不理，问了两遍才回答，还说“买不起就别问”。当着那么多人的面，我真的很生气。",
     "门店给个说法，店员道歉", "important", 3,
     "您好，非常抱歉让您在门店受了委屈。已将情况反馈给区域经理，会在2个工作日内核实并给您答复。",
     "区域经理调取门店监控核实，涉事店员已停岗培训，店长致电客户道歉并赠送100元购物卡。"},
    {"服务态度", "推诿", kChinese, "客服互相踢皮球，问题一直没人管",
     "同一个问题我打了{days}次电话，每次都让我等回复。客服说找售后，售后说找商家，商家又说找快递。到底谁来负责？？",
     "指定专人负责，三天内解决", "important", 3,
     "您好，真的非常抱歉让您反复奔波。从现在起由我作为您的专属对接人，今天下班前给您第一次进展反馈。",
     "指定专人跟进，协调售后和商家一次性解决问题，补偿50元优惠券，并优化了跨部门转单流程。"},
    {"服务态度", "响应慢", kChinese, "在线客服排队一个小时没人理",
     "App里的在线客服排队排了一个多小时，好不容易接通了，回了一句“亲，稍等”就没下文了。你们客服是不是只有机器人？",
     "尽快安排人工客服处理", "general", 2,
     "您好，非常抱歉让您久等了。近期咨询量较大，我们已增加人工坐席，您的问题我现在就为您处理。",
     "人工客服已处理客户的原问题，并就等待时间过长致歉，赠送10元优惠券。"},
    {"服务态度", "服务态度差", kChinese, "上门师傅在家里抽烟还骂人",
     "今天来修{product}的师傅进门就点烟，我让他别抽，他还嘀咕了一句脏话。修完把包装垃圾扔在地上就走了。"
     "我要投诉这个师傅！",
     "更换师傅，要求道歉", "important", 3,
     "您好，非常抱歉给您带来这样糟糕的上门体验。我们已暂停该师傅的派单，服务网点负责人今天会联系您。",
     "核实情况属实，该师傅已停止派单并按规定处罚，网点负责人上门道歉，后续服务改派其他师傅。"},
    {"服务态度", "服务态度差", kChinese, "被客服嘲讽“就你事多”，我要投诉到12315",
     "我反映{product}有问题，你们客服居然说“别人用都没事，就你事多”。这是什么态度？今天不给我一个满意的答复，"
     "我就投诉到12315和消协。",
     "公开道歉，并解决产品问题", "important", 4,
     "您好，首先对客服的不当言论向您郑重道歉，这完全违背了我们的服务规范。客服主管将在1小时内与您联系，"
     "同时安排技术人员处理产品问题。",
     "客服主管致电道歉，涉事客服已停岗培训；产品问题已通过换新解决，客户表示不再向外部投诉。"},
    {"服务态度", "响应慢", kChinese, "邮件反馈一周没人回复",
     "上周通过邮件反馈了发票抬头开错的问题，到现在{days}天了还没人回复，麻烦帮忙看一下。",
     "尽快回复并重开发票", "general", 1,
     "您好，抱歉回复晚了。已经为您核对发票信息，新的电子发票会在1个工作日内发送到您的邮箱。",
     "已作废原发票并重开正确抬头的电子发票，客户确认收到。"},
    {"服务态度", "rude staff", kEnglish, "Rude agent hung up on me",
     "The agent I spoke to about my {product} was rude, kept talking over me and then hung up. Twice. I've been a "
     "customer for eight years and I've never been treated like this.",
     "An apology and someone who will actually help", "important", 3,
     "I'm really sorry for how you were treated, that's not acceptable. A team lead is reviewing both calls, and I'll "
     "personally handle your case from here.",
     "Calls reviewed, agent coached; team lead apologised and the customer's issue was resolved the same day."},
    {"服务态度", "slow response", kEnglish, "Live chat kept me waiting over an hour",
     "I waited over an hour in the chat queue, finally got connected, and the agent disconnected after one message. Is "
     "anybody actually there?",
     "Get a real person to help with order {order}", "general", 2,
     "Apologies for the wait and the dropped chat. I've picked up your order and will stay with it until it's sorted.",
     "Order issue fixed in one follow-up; customer given a $10 credit for the wait."},
    {"服务态度", "unhelpful", kEnglish, "Store staff laughed and refused to help",
     "I went into the store to ask about setting up my {product} and the staff laughed and told me to 'just google "
     "it'. Very unprofessional.",
     "An apology and proper help with setup", "general", 2,
     "I'm sorry, that is not how our store team should treat anyone. I've passed this to the store manager and booked "
     "a free setup session for you.",
     "Store manager apologised, staff member retrained, free setup session completed."},
    // 物流配送
    {"物流配送", "物流延迟", kChinese, "{product}下单{days}天还没发货",
     "订单{order}买的{product}，页面写48小时内发货，现在{days}天了还显示“待发货”。打客服电话一直占线，"
     "我是买来送人的，日子都要过了！",
     "今天之内发货，否则全额退款", "important", 2,
     "您好，非常抱歉让您久等了。我们已联系仓库加急处理，今天18点前给您回复物流单号。",
     "已协调仓库当天发出并升级为次日达，补偿10元优惠券，客户确认已收到货。"},
    {"物流配送", "商品损坏", kChinese, "快递送到的{product}外包装破损",
     "今天收到的{product}箱子都压扁了，打开一看外壳有裂痕。快递员放下就走，根本不让当面验货，"
     "给快递打电话又说让我找商家。",
     "换新，运费你们出", "important", 3,
     "您好，看到您拍的照片了，非常抱歉。运输破损由我们负责，已为您安排免费换新，快递员会上门取回破损件。",
     "已安排上门取件并补发新品，运费由我方承担，同时向快递公司发起索赔。"},
    {"物流配送", "物流信息未更新", kChinese, "物流信息{days}天没更新，是不是丢件了",
     "快递单号查了好几天，一直停在“已到达转运中心”，{days}天都没动过。是不是丢件了？",
     "查清楚包裹在哪，丢了就补发", "general", 2,
     "您好，已为您向快递公司发起查件，通常24小时内会有结果，一有消息我第一时间通知您。",
     "快递公司确认包裹在转运中心遗失，已为客户补发并加急配送，客户已签收。"},
    {"物流配送", "配送服务", kChinese, "快递没送货上门就显示签收",
     "我一整天都在家，快递显示已签收，结果东西被放在小区门口的驿站，也没打电话通知。{product}挺贵的，丢了算谁的？"
     "这已经是第三次了！",
     "要求送货上门，投诉这个快递员", "general", 2,
     "您好，非常抱歉，未经您同意放驿站属于违规操作。已向快递公司投诉该派件员，并备注您的地址后续必须送货上门。",
     "快递公司核实后对派件员进行了处罚，客户地址已备注为必须送货上门。"},
    {"物流配送", "商品损坏", kChinese, "冰箱送货时门被撞凹了",
     "送货师傅搬冰箱上楼的时候磕到了墙角，冰箱门凹进去一块。当时师傅说回去帮我申请补偿，到现在也没人联系我。",
     "换新或者给合理补偿", "important", 3,
     "您好，非常抱歉配送过程中造成损坏。您可以选择免费换新，也可以保留商品并获得补偿，我们尊重您的选择。",
     "客户选择保留商品，已补偿300元并赠送一年延保。"},
    {"物流配送", "物流延迟", kChinese, "双11买的东西{days}天了还没到",
     "双11付了定金和尾款，说好11月12日发货，现在{days}天了还没到。快递电话打不通，客服只会复制粘贴“请耐心等待”。"
     "再不到我就去12315投诉了。",
     "给出明确到货时间，延迟发货要赔偿", "important", 3,
     "您好，非常抱歉大促期间物流延误给您带来困扰。已将您的订单加入优先派送，并会按延迟发货规则给您补偿。",
     "订单已优先派送并于次日送达，已按平台规则赔付延迟发货补偿，客户表示接受。"},
    {"物流配送", "商品损坏", kChinese, "生鲜到货冰袋全化，虾都臭了",
     "买的海鲜礼盒，物流走了{days}天，到手冰袋全化了，虾都发臭了，根本没法吃。冷链根本没做好。",
     "全额退款", "important", 3,
     "您好，非常抱歉，生鲜变质由我们负责，商品无需退回，马上为您办理退款。",
     "已全额退款，无需退回商品，并已要求冷链配送商整改。"},
    {"物流配送", "delay", kEnglish, "Order {order} still not delivered after {days} days",
     "I ordered the {product} {days} days ago and the tracking hasn't moved since it left the warehouse. The delivery "
     "hotline just rings out.",
     "Deliver it this week or refund me", "general", 2,
     "Sorry for the delay. I've opened a trace with the carrier and will update you within 24 hours.",
     "Carrier located the parcel; delivered the next day with a $10 credit for the delay."},
    {"物流配送", "damage", kEnglish, "Package arrived crushed, {product} broken",
     "The box was crushed and the {product} inside is broken, with a crack right across the front. Photos attached.",
     "Send a replacement", "important", 3,
     "I'm sorry it arrived like that. No need to send it back; I've ordered a replacement to ship today.",
     "Replacement shipped by express; damage claim filed with the carrier."},
    {"物流配送", "tracking not updated", kEnglish, "Tracking says delivered but nothing arrived",
     "Tracking shows my parcel as delivered yesterday at 2pm, but there's nothing at my door and my neighbours haven't "
     "seen it either.",
     "Find my parcel or send a new one", "important", 3,
     "I'm sorry about this. I've asked the carrier for the delivery photo and GPS location. If we can't find it within "
     "48 hours, we'll reship.",
     "Carrier confirmed delivery to the wrong address; replacement shipped and received."},
    // 价格争议
    {"价格争议", "计费", kChinese, "话费被多扣{amount}元",
     "这个月话费账单多扣了{amount}元，明细里有个“视频彩铃包”，我根本没订过！客服说查不到开通记录，那钱是怎么扣的？",
     "退还多扣的费用，取消业务", "important", 3,
     "您好，已为您调取扣费明细，确认该增值业务并非您本人办理，正在为您办理退费并取消业务。",
     "已退还全部违规扣费并取消该增值业务，号码已开启增值业务办理二次确认。"},
    {"价格争议", "价格", kChinese, "买完第二天就降价{amount}元，不给价保",
     "{product}昨天刚买，今天就降了{amount}元。页面写着“30天保价”，申请价保却被系统自动驳回，这不是耍人吗？",
     "按承诺退差价", "general", 2,
     "您好，抱歉给您带来不好的体验。已为您人工核实，符合价保规则，差价将在1个工作日内原路退回。",
     "已人工审核通过价保，差价原路退回，价保系统规则问题已提交技术修复。"},
    {"价格争议", "优惠未生效", kChinese, "优惠券没抵扣却显示已使用",
     "下单时选了满减券，付款后发现价格根本没减，券却显示“已使用”。订单号{order}，差了{amount}元。",
     "退还优惠金额或恢复优惠券", "general", 2,
     "您好，已经查到您的订单，优惠券确实未正常抵扣，我们将为您补退优惠金额。",
     "已补退优惠金额，优惠券抵扣异常问题已修复。"},
    {"价格争议", "计费", kChinese, "自动续费没提醒就扣了{amount}元",
     "会员到期前没有任何提醒，直接从我微信扣了{amount}元自动续费。我根本不记得开通过自动续费，要求退款并关闭。",
     "退款并关闭自动续费", "general", 2,
     "您好，已为您关闭自动续费。本期费用因扣费前未按规定提醒，我们为您全额退款。",
     "已关闭自动续费并全额退款，扣费前提醒短信发送故障已修复。"},
    {"价格争议", "价格", kChinese, "收银台价格和货架标价不一致",
     "门店货架上标的是{amount}元，到收银台结账却按原价收，差了一大截。店员说标签没来得及换。按规定不应该按标价卖吗？",
     "按标价结算，退还差价", "general", 2,
     "您好，您说得对，按照明码标价的规定应以标签价格为准，差价我们马上退给您。",
     "已退还差价，门店已整改价签更新流程。"},
    {"价格争议", "计费", kChinese, "宽带拆机后还在扣月租，再不退就找律师",
     "宽带去年就办了拆机，每个月还在扣月租，前后扣了{days}个月。营业厅说查不到拆机记录，可我手里有回执！再不退钱，"
     "我就去工信部申诉，找律师起诉你们。",
     "退还全部多扣费用并书面道歉", "important", 4,
     "您好，非常抱歉。请您把拆机回执拍照发给我们，核实后我们会全额退还拆机之后产生的所有费用。",
     "核实拆机回执属实，系系统未同步拆机状态，已退还全部多扣费用并补偿一个月话费，书面致歉已发送给客户。"},
    {"价格争议", "运费", kChinese, "一个订单拆成三个包裹，收了三次运费",
     "我一次下单买了三件东西，系统拆成三个包裹发货，每个包裹都收了12元运费。同一个订单凭什么收三次运费？",
     "退还多收的运费", "general", 1,
     "您好，拆单发货不应重复收取运费，已为您退还多收的24元运费。",
     "已退还多收的运费，拆单运费规则已修正。"},
    {"价格争议", "billing", kEnglish, "Charged twice for order {order}",
     "I was charged twice for the same order {order}, ${amount} each time. My bank shows both charges as posted, not "
     "pending.",
     "Refund the duplicate charge", "important", 3,
     "I can see the duplicate charge on our side too, sorry about that. The refund has been started and should reach "
     "your card in 3-5 business days.",
     "Duplicate charge refunded; payment gateway retry issue reported to engineering."},
    {"价格争议", "pricing", kEnglish, "Price dropped ${amount} a day after I bought it",
     "I bought the {product} on Monday and on Tuesday it was ${amount} cheaper. Your site advertises a 14-day price "
     "match, so please honour it.",
     "Refund the price difference", "general", 2,
     "Thanks for flagging this. You're within the price-match window, so I've approved the difference.",
     "Price difference refunded to the original payment method."},
    {"价格争议", "billing", kEnglish, "Subscription renewed without notice",
     "I was charged ${amount} for an annual renewal I never got a reminder for. I haven't used the service in months.",
     "Refund the renewal and cancel the subscription", "general", 2,
     "I've cancelled the auto-renewal. Since no reminder was sent, I've processed a full refund of this renewal.",
     "Renewal refunded and subscription cancelled; reminder email bug fixed."},
    // 退换货
    {"退换货", "退款", kChinese, "退货寄回{days}天了，退款还没到账",
     "{product}退货已经寄回{days}天了，物流显示商家已签收，退款一直显示“处理中”。问了三次客服都说在走流程，"
     "到底要走多久？",
     "马上退款", "important", 2,
     "您好，已查到您的退货已经入库，我现在为您加急处理退款，预计24小时内原路退回。",
     "已完成退款并原路退回，客户确认到账。"},
    {"退换货", "退货被拒", kChinese, "七天无理由退货被拒",
     "收到{product}第三天申请七天无理由退货，商家说包装拆了就不能退。东西是好的，我只是拆开看了一下，这也不行？"
     "这不符合消费者权益保护法吧。",
     "按七天无理由办理退货", "general", 2,
     "您好，拆封验货不影响七天无理由退货，商家的说法不正确，已为您开通退货通道。",
     "平台介入后退货申请已通过，商品寄回后全额退款，商家已被约谈。"},
    {"退换货", "换货", kChinese, "换货换来的还是坏的",
     "{product}第一次收到就有问题，申请了换货，结果换回来的还是同样的毛病。来回折腾了{days}天，我不想再换了，"
     "直接退款吧。",
     "直接退货退款", "important", 3,
     "您好，非常抱歉让您来回折腾。这次我们直接为您办理退货退款，安排快递上门取件，不用您再跑。",
     "已安排上门取件并全额退款，赠送50元优惠券表示歉意，问题批次已反馈质检部门。"},
    {"退换货", "退款", kChinese, "退款金额少了{amount}元",
     "申请了退货，结果只退回来一部分，少了{amount}元，客服说是扣了“折旧费”。东西我根本没用过，凭什么扣钱？",
     "全额退款", "important", 3,
     "您好，已核实您的商品未使用且包装完好，不应扣除任何费用，差额将在1个工作日内补退。",
     "已补退差额，相关商家违规扣费行为已处理。"},
    {"退换货", "退货运费", kChinese, "洗衣机放不下要退，却让我出{amount}元运费",
     "买的洗衣机送来发现尺寸不对放不进去，下单前客服说不合适可以退。现在要退了，却让我自己出{amount}元运费加搬运费，"
     "当初怎么不说？",
     "免运费办理退货", "general", 2,
     "您好，我们已调取当时的聊天记录，确认客服未告知大件退货运费规则，本次退货运费由我们承担。",
     "已免费上门取回洗衣机并全额退款。"},
    {"退换货", "换货", kChinese, "鞋子小了一码，想换大一码",
     "你好，买的鞋子小了一码，还没穿过，吊牌都在，想换大一码，请问怎么操作？",
     "换大一码", "general", 1,
     "您好，可以的。您在订单页面点“申请换货”并选择新尺码即可，我们会安排快递上门取件，运费由我们承担。",
     "已为客户办理换货，新尺码已寄出并签收。"},
    {"退换货", "退款", kChinese, "退款拖了一个月，我要去消协投诉",
     "订单{order}申请退款已经一个月了，客服每次都说“已加急”，然后就没有然后了。{amount}元不是小数目，"
     "再不退我就去消协投诉，顺便发微博曝光你们。",
     "三天内全额退款", "important", 4,
     "您好，真的非常抱歉拖了这么久，这是我们的失误。我已将您的退款升级给财务主管，今天内处理完毕并给您回电确认。",
     "财务主管当天完成退款并致电客户道歉，额外补偿100元优惠券，退款积压原因已整改。"},
    {"退换货", "refund", kEnglish, "Refund still not received {days} days after return",
     "I sent the {product} back {days} days ago and your tracking shows you received it. Still no refund. Every time I "
     "ask, I'm told it's 'being processed'.",
     "Refund me now", "important", 3,
     "Sorry for the wait. I can see your return was checked in, so I've pushed the refund through manually. You'll get "
     "a confirmation email shortly.",
     "Refund issued manually; warehouse check-in delay escalated."},
    {"退换货", "return refused", kEnglish, "Return refused for unopened {product}",
     "I tried to return an unopened {product} within 7 days and the store refused, saying it was 'final sale'. Nothing "
     "on the receipt or the shelf said that.",
     "Accept the return and refund me", "general", 2,
     "You're right, that item isn't final sale, and unopened products can be returned within 30 days. I've authorised "
     "the return.",
     "Return accepted and refund issued; store reminded of the return policy."},
    {"退换货", "exchange", kEnglish, "Exchange request ignored for two weeks",
     "I asked to exchange the {product} for a different colour two weeks ago and shipped it back as instructed. I "
     "haven't heard anything since.",
     "Send the exchange item", "general", 2,
     "Apologies for the silence. I've located your returned item and the exchange is now being shipped.",
     "Exchange item shipped with tracking; customer confirmed receipt."},
    // 信息不准确
    {"信息不准确", "虚假宣传", kChinese, "宣传续航12小时，实际不到4小时",
     "商品页写{product}续航12小时，我充满电正常使用，不到4小时就没电了。这就是虚假宣传，按法律规定要退一赔三。",
     "退一赔三", "important", 3,
     "您好，我们已将您反馈的续航问题提交产品部门核实，并会在3个工作日内给您书面答复。",
     "经核实页面续航数据为实验室理想条件下测得，表述不当，已更正页面，为客户办理退货并给予补偿。"},
    {"信息不准确", "参数不符", kChinese, "页面标1.5匹，实际装的是1匹",
     "买的时候页面写的是1.5匹空调，装好一看铭牌上的制冷量是2600W，这明明是1匹的。你们这是以次充好！",
     "换成1.5匹的，或者退货退款并赔偿", "important", 3,
     "您好，非常抱歉，我们立即核对商品编码和出库记录，如确认发错型号，将为您免费更换并给予补偿。",
     "核实为仓库发错型号，已免费上门更换为1.5匹机型，并补偿200元。"},
    {"信息不准确", "页面信息错误", kChinese, "页面写送货上门，结果要自己去提货",
     "下单时页面写的是“送货上门”，结果快递说只能送到小区门口，让我自己把{product}搬上6楼。",
     "按页面说明送货上门", "general", 2,
     "您好，页面承诺了送货上门，我们会协调配送站安排送货上楼，产生的额外费用由我们承担。",
     "已协调配送站送货上楼，页面配送说明已修正。"},
    {"信息不准确", "告知不清", kChinese, "办5G套餐时没说有合约期",
     "营业厅工作人员推荐我办了5G套餐，说随时可以改，现在要改套餐却说有24个月合约期，违约要交{amount}元。"
     "当时根本没告诉我！",
     "免违约金变更套餐", "important", 3,
     "您好，非常抱歉给您带来困扰。我们将调取当时的业务受理单和录音，核实是否履行了告知义务。",
     "核实营业员未充分告知合约期，已为客户免违约金变更套餐，涉事营业员已处理。"},
    {"信息不准确", "页面信息错误", kChinese, "App显示有货，下单后又说缺货",
     "App上显示有货我才下的单，付款第二天通知我缺货要取消订单。我等着急用，早知道没货我就去别家买了。",
     "给个补偿，尽快补货", "general", 2,
     "您好，非常抱歉库存显示有误给您造成不便。我们会优先为您调货，如果3天内无法发货将全额退款并给予补偿。",
     "已从其他仓库调货发出，补偿20元优惠券，库存同步问题已反馈技术部门。"},
    {"信息不准确", "虚假宣传", kChinese, "标着“原装进口”，瓶底却是国内分装",
     "您好，我买的蜂蜜包装上写着“新西兰原装进口”，但瓶底印的是国内某公司分装。想问一下这个到底是不是进口的？"
     "能否提供报关单？",
     "提供进口证明，不属实就退款", "general", 2,
     "您好，感谢您的细心。我们会联系商家提供报关单和检验检疫证明，2个工作日内给您答复。",
     "商家提供的报关材料显示为进口原料国内分装，页面表述已修正，客户选择退货退款。"},
    {"信息不准确", "页面信息错误", kChinese, "页面写保修3年，保修卡只有1年",
     "页面写{product}整机保修3年，买回来看保修卡只写了1年。客服说页面指的是“部分型号”，那为什么不写清楚？",
     "按页面承诺保修3年", "general", 2,
     "您好，我们以页面承诺为准，已为您的机器登记3年整机保修，电子保修凭证稍后发给您。",
     "已为客户登记3年整机保修并发送电子凭证，页面保修说明已修正。"},
    {"信息不准确", "misinformation", kEnglish, "Listing says charger included, it isn't",
     "The listing for the {product} clearly says a charger is included. The box only had a cable.",
     "Send the charger", "general", 1,
     "Thanks for letting us know, and sorry about that. I'm sending a charger today and have asked the team to correct "
     "the listing.",
     "Charger shipped and product listing corrected."},
    {"信息不准确", "misleading advertising", kEnglish, "Advertised as waterproof, died in the rain",
     "Your ad says the smartwatch is 'fully waterproof'. I wore it in light rain and it stopped working. The manual "
     "says it's only splash resistant.",
     "Full refund, the ad is misleading", "important", 3,
     "I'm sorry. You're right that the ad wording goes further than the rating. I've approved a full refund and "
     "flagged the ad to our marketing team.",
     "Full refund issued; ad copy changed to 'splash resistant'."},
    {"信息不准确", "wrong information", kEnglish, "Agent gave me the wrong plan details",
     "The agent told me my new plan had unlimited data. Then I got a bill with ${amount} in overage charges. I have "
     "the chat transcript.",
     "Remove the overage charges", "important", 3,
     "Thank you for keeping the transcript. I've reviewed it: the agent gave you wrong information, so the overage "
     "charges will be removed.",
     "Overage charges credited back; agent retrained on plan details."},
    // 售后服务
    {"售后服务", "维修", kChinese, "{product}送修{days}天还没修好",
     "{product}送修已经{days}天了，一直说配件没到，也没人主动联系我。每次都是我打过去问，售后服务太差了。",
     "一周内修好，修不好就换新", "important", 3,
     "您好，非常抱歉让您久等。已联系维修中心核实配件到货时间，今天下班前给您确切的完成日期。",
     "配件到位后已修复并上门送还，赠送一年延保作为补偿。"},
    {"售后服务", "安装", kChinese, "安装师傅迟到还乱收费",
     "约好上午9点安装{product}，师傅下午3点才来，还收了{amount}元材料费，说是“必须的”。问他要发票也不给。",
     "退还材料费并道歉", "general", 2,
     "您好，关于安装收费的问题我们非常重视，安装辅材有统一收费标准，已通知服务网点核查。",
     "核实为网点违规收费，已全额退还材料费并处罚服务网点，网点负责人已致电道歉。"},
    {"售后服务", "维修", kChinese, "同一个问题修了三次还是坏",
     "洗衣机脱水的时候异响，一年内已经修了三次，每次修完用不了一个月又响。按三包规定是不是应该给我换新了？",
     "按三包规定换新机", "important", 3,
     "您好，非常抱歉反复维修给您带来困扰。按照三包规定，同一故障维修两次后仍不能正常使用的可以换货，我们马上为您办理。",
     "已按三包规定为客户更换新机，旧机已回收。"},
    {"售后服务", "保修", kChinese, "保修期内维修还要收{amount}元",
     "{product}还在保修期内，售后说是“人为损坏”要收{amount}元维修费。我没摔没碰，凭什么说是人为的？"
     "要收费就拿出检测报告。",
     "按保修免费维修", "important", 3,
     "您好，理解您的疑问。我们会安排复检并出具书面检测报告，如不能证明是人为损坏，将按保修免费维修。",
     "复检未发现人为损坏痕迹，已按保修免费维修，原维修点的收费已退还。"},
    {"售后服务", "安装", kChinese, "燃气热水器安装不规范，有中毒风险",
     "刚装的燃气热水器，排烟管没有伸出窗外，直接对着阳台排。我查了一下这样有一氧化碳中毒的风险！师傅装完就走了，"
     "根本不管。",
     "立即上门整改", "urgent", 4,
     "您好，整改前请您暂停使用热水器并保持通风。我们已安排网点主管今天上门按规范重新安装。",
     "网点主管当天上门按规范重装排烟管，检测无泄漏，涉事安装师傅已停岗培训。"},
    {"售后服务", "维修", kChinese, "预约上门维修两次都放鸽子",
     "预约了周六上午上门修{product}，我请了假在家等了一上午，没人来也没通知。改约到周一，又没来。我请假不扣钱吗？",
     "确定上门时间，赔偿误工", "important", 3,
     "您好，非常抱歉两次爽约。我已直接与网点主管确认，明天上午10点前工程师一定到达，上门前1小时会给您打电话。",
     "工程师按约上门完成维修，补偿100元误工费，网点爽约问题已通报整改。"},
    {"售后服务", "配件", kChinese, "想买原装配件，官网找不到",
     "您好，{product}用了一年多，想买个原装的配件换上，官网上搜不到，请问在哪里可以买到？",
     "告知购买渠道", "general", 1,
     "您好，原装配件可以在官方App的“配件商城”购买，也可以预约售后网点上门更换，我把链接发给您。",
     "已告知配件购买渠道，客户已下单。"},
    {"售后服务", "repair", kEnglish, "Repair of my {product} is taking forever",
     "My {product} has been at the repair centre for {days} days. Nobody calls, nobody emails, and the status page "
     "just says 'in progress'.",
     "Fix it or replace it", "important", 3,
     "Sorry about the silence. I've asked the repair centre for a firm completion date and will call you today with "
     "it.",
     "Repaired and returned by courier; one-year warranty extension added."},
    {"售后服务", "installation", kEnglish, "Installer left and the dishwasher leaked",
     "The installer connected my new dishwasher and left. That evening there was water all over the kitchen floor "
     "because the hose wasn't tightened.",
     "Fix the installation and pay for the floor damage", "important", 3,
     "I'm so sorry. I've booked a technician for tomorrow morning to fix the connection, and we'll review the damage "
     "with you.",
     "Technician refitted the hose; water damage claim approved and paid."},
    {"售后服务", "warranty", kEnglish, "Warranty repair refused",
     "My {product} is still under warranty, but the service centre says the fault is 'user damage' and wants ${amount} "
     "to fix it. I haven't dropped it or got it wet.",
     "Repair under warranty", "important", 3,
     "I understand your frustration. I've requested a second inspection with a written report; if it isn't user "
     "damage, the repair is free.",
     "Second inspection found no user damage; repaired free of charge under warranty."},
    // 承诺未兑现
    {"承诺未兑现", "赠品未发", kChinese, "说好的赠品一直没有发",
     "买{product}的时候客服明确说送一套赠品，聊天记录我都截图了。现在{days}天了还没收到，问了好几次都说会跟进，"
     "然后就没下文了。",
     "补发赠品", "general", 2,
     "您好，已经查到当时的聊天记录，确认承诺有效，非常抱歉遗漏了，今天就为您补发赠品。",
     "赠品已补发，客户确认收到，另补偿10元优惠券。"},
    {"承诺未兑现", "回访未兑现", kChinese, "说好24小时内回电，等了{days}天",
     "上次投诉的时候客服说24小时内给我回电话，结果等了{days}天也没人联系。你们的承诺就是随便说说？",
     "马上处理原来的问题", "important", 3,
     "您好，非常抱歉没有按承诺回电，这是我们的失误。您的问题现在由我负责，今天内给您处理结果。",
     "原问题已处理完毕并向客户致歉，回访超时问题已纳入考核。"},
    {"承诺未兑现", "补偿未到账", kChinese, "答应的{amount}元补偿一直没到账",
     "上个月你们答应补偿我{amount}元，说7个工作日到账，现在一个月了还没到。客服每次都说“已经申请了”，"
     "我不想再听这句话了。",
     "补偿款马上到账", "important", 3,
     "您好，已查到您的补偿申请卡在财务审核环节，我已加急处理，预计2个工作日内到账。",
     "补偿款已到账，客户确认收到。"},
    {"承诺未兑现", "活动未兑现", kChinese, "以旧换新补贴没兑现",
     "参加以旧换新活动，旧机已经被拉走了，说好的{amount}元补贴到现在都没给。活动页面也下线了，这是骗人吗？",
     "兑现补贴", "important", 3,
     "您好，活动下线不影响已参与用户的补贴，已核实您的回收记录，补贴将在3个工作日内发放。",
     "以旧换新补贴已发放到客户账户。"},
    {"承诺未兑现", "换新未兑现", kChinese, "承诺上门换新却一直拖着",
     "上次维修人员上门检查后说{product}直接给我换新，三天内送到，结果现在{days}天了，新机还是没影。",
     "尽快送新机上门", "important", 3,
     "您好，已查到您的换新单，因库存调拨延误，非常抱歉。已为您从就近仓库调货，明天送达。",
     "新机已送达并回收旧机，补偿延误优惠券。"},
    {"承诺未兑现", "赔付未兑现", kChinese, "承诺“假一赔三”，现在不认账",
     "当时客服白纸黑字答应“假一赔三”，鉴定结果出来确实是假货，你们现在又说只能退款不赔偿。这就是欺诈，"
     "我已经准备好材料去12315投诉，也会走法律程序。",
     "按承诺赔付三倍货款", "important", 4,
     "您好，您的诉求我们已收到，已升级到客户关系部主管处理，会在24小时内给您明确答复。",
     "客户关系部核实承诺属实，已按承诺赔付三倍货款，客户撤回外部投诉。"},
    {"承诺未兑现", "赠品未发", kChinese, "积分兑换的礼品迟迟不发",
     "积分兑换的电饭煲显示“待发货”已经{days}天了，请问什么时候能发？",
     "尽快发货", "general", 1,
     "您好，积分礼品由合作商家统一发货，您的订单已在排期中，预计3天内发出，我会帮您跟进。",
     "礼品已发出，客户确认收到。"},
    {"承诺未兑现", "callback not made", kEnglish, "Promised callback never came",
     "I was promised a callback within 24 hours about my {product}. That was {days} days ago. I've called three times "
     "since and each time I'm promised another callback.",
     "Call me back and actually fix it", "general", 2,
     "I'm sorry we didn't call back as promised. I've taken ownership of your case and will see it through.",
     "Customer called back, issue solved and apology given."},
    {"承诺未兑现", "compensation not paid", kEnglish, "Promised credit never applied",
     "Last month your agent promised me a ${amount} credit for the outage. It isn't on my bill, and the new agent says "
     "there's no record of it.",
     "Apply the credit", "important", 3,
     "I found the note from your previous call confirming the credit. It's applied now and will show on your next "
     "bill.",
     "Credit applied to the account; process gap for promised credits fixed."},
    {"承诺未兑现", "gift not sent", kEnglish, "Free gift with purchase never arrived",
     "The {product} promotion included a free accessory bundle. The {product} arrived two weeks ago; the bundle never "
     "did.",
     "Ship the accessory bundle", "general", 1,
     "Sorry about that! The gift was missed when your order was packed. It's on its way now.",
     "Gift shipped and received."},
    // 隐私与安全
    {"隐私与安全", "信息泄露", kChinese, "下单后频繁接到诈骗电话",
     "在你们这买了{product}之后，每天都有人打电话自称“客服”要给我退款，能准确说出我的姓名、地址和订单号{order}，"
     "我差点被骗。你们的信息是怎么泄露出去的？不给说法我就起诉。",
     "调查泄露原因并给出书面说明", "urgent", 4,
     "您好，我们不会以退款为由要求您转账或提供验证码，请勿相信。您反馈的信息安全问题已提交安全部门紧急调查。",
     "安全部门完成调查，确认为第三方服务商账号违规查询订单，已封禁并追责，书面说明已发送给客户。"},
    {"隐私与安全", "账户安全", kChinese, "账号被盗，被刷了{amount}元",
     "今天凌晨收到短信，我的账号在外地登录，用绑定的银行卡下了{amount}元的订单。我根本没操作过！",
     "冻结账号，退还损失", "urgent", 5,
     "您好，我们已立即冻结您的账户和可疑订单，请您尽快修改密码并联系银行。安全团队会在2小时内联系您。",
     "可疑订单已拦截取消，款项全额退回，客户账户已重置密码并开启二次验证。"},
    {"隐私与安全", "骚扰", kChinese, "退订了还天天收到营销短信",
     "回复TD退订好几次了，每天还是能收到好几条营销短信，烦死了。",
     "停止发送营销短信", "general", 2,
     "您好，非常抱歉打扰到您。已将您的号码加入营销短信黑名单，24小时内生效。",
     "号码已加入营销短信黑名单，退订处理异常已修复。"},
    {"隐私与安全", "信息泄露", kChinese, "快递面单印着完整手机号和住址",
     "收到的快递面单上印着我的全名、完整手机号和详细地址，没有任何打码。包装箱扔了都担心被人捡到，"
     "何况还是{product}这种贵重东西。",
     "采用隐私面单", "general", 2,
     "您好，感谢您的提醒。我们已为您的账号默认开启隐私面单，后续订单将隐藏手机号和姓名。",
     "客户账号已开启隐私面单，相关仓库打单设置已整改。"},
    {"隐私与安全", "未授权操作", kChinese, "未经同意开通了免密支付",
     "查账单才发现，你们App在我不知情的情况下开通了免密支付，已经扣了{days}笔钱。这种操作完全没有经过我同意。",
     "关闭免密支付并退还扣款", "important", 4,
     "您好，已为您关闭免密支付，并调出了相关扣款明细，核实后将退还所有未经授权的扣款。",
     "已关闭免密支付并退还全部未授权扣款，开通流程已增加显式确认步骤。"},
    {"隐私与安全", "账户安全", kChinese, "智能摄像头被陌生设备登录",
     "家里装的智能摄像头，App里的访问记录显示有陌生设备登录过，还转动过镜头。家里有老人小孩，我现在晚上都不敢睡觉。",
     "查清谁登录的，保障账户安全", "urgent", 5,
     "您好，请先在App中移除所有陌生设备并修改密码，必要时先拔掉摄像头电源。安全工程师会在1小时内联系您协助排查。",
     "安全工程师协助排查，确认为弱密码被撞库登录，已强制下线陌生设备、升级固件并开启二次验证。"},
    {"隐私与安全", "个人信息删除", kChinese, "想注销账号并删除个人信息",
     "您好，我不再使用你们的App了，想注销账号并删除所有个人信息，但在App里找不到入口，请问怎么操作？",
     "注销账号并删除个人信息", "general", 1,
     "您好，您可以在“我的-设置-账号与安全-注销账号”中操作，我们会在15个工作日内删除您的个人信息。",
     "已协助客户完成账号注销，个人信息已按规定删除。"},
    {"隐私与安全", "data leak", kEnglish, "My order details were leaked to scammers",
     "Someone called claiming to be from your company. They knew my name, address and order {order}, and asked for my "
     "card details to 'process a refund'. How did they get this?",
     "Investigate and explain in writing", "urgent", 4,
     "We never ask for card details by phone, so please don't share them. I've reported this to our security team as a "
     "priority.",
     "Security team traced the leak to a compromised partner account and revoked its access; written explanation sent "
     "to the customer."},
    {"隐私与安全", "account security", kEnglish, "Account hacked and ${amount} spent",
     "Someone logged into my account overnight and placed orders worth ${amount} with my saved card. I did not make "
     "these purchases.",
     "Cancel the orders and refund me", "urgent", 5,
     "We've locked your account and put the orders on hold. Please reset your password; our fraud team will contact "
     "you within 2 hours.",
     "Fraudulent orders cancelled, full refund issued, account secured with two-factor authentication."},
    {"隐私与安全", "unwanted marketing", kEnglish, "Still getting marketing emails after unsubscribing",
     "I've unsubscribed three times and I still get your marketing emails every day. That's not okay under data "
     "protection rules.",
     "Stop the emails and delete my marketing data", "general", 2,
     "Sorry about that. I've removed you from all marketing lists manually; it takes effect within 24 hours.",
     "Customer removed from all marketing lists; unsubscribe sync bug fixed."},
    // 其他
    {"其他", "咨询", kChinese, "咨询{product}的以旧换新政策",
     "想问一下{product}现在有没有以旧换新活动？门店说有，App上又找不到入口，到底以哪个为准？",
     "说明活动政策", "general", 1,
     "您好，以旧换新活动以App公告为准，目前门店和线上同步进行，我把具体规则和入口发给您。",
     "已向客户解释活动政策并发送入口链接，客户表示满意。"},
    {"其他", "发票", kChinese, "申请专票{days}天了还没收到",
     "订单{order}申请了增值税专用发票，公司报销急用，已经{days}天了还没收到，能不能快一点？",
     "尽快开具发票", "general", 2,
     "您好，已为您核实开票信息，专票将在2个工作日内开具并邮寄，快递单号会短信通知您。",
     "增值税专用发票已开具并寄出，客户确认收到。"},
    {"其他", "建议", kChinese, "建议App增加深色模式",
     "用你们App好几年了，晚上看着太刺眼，能不能加个深色模式？另外订单搜索也不太好用，经常搜不到。",
     "希望采纳建议", "general", 1,
     "您好，非常感谢您的宝贵建议，已转交产品团队评估。",
     "建议已记录并转交产品团队，客户表示感谢。"},
    {"其他", "发票", kChinese, "发票抬头开错了，财务不给报销",
     "发票抬头上公司名称少了一个字，财务不给报销，麻烦重开一张。",
     "重开发票", "general", 1,
     "您好，已为您作废原发票，新的电子发票将在1个工作日内发送到您的邮箱。",
     "已重开发票，客户确认无误。"},
    {"其他", "会员权益", kChinese, "会员等级莫名其妙被降级",
     "我是五年的老会员，这个月突然从金卡降成了普通会员，也没有任何通知。消费记录都在，凭什么降级？",
     "恢复会员等级", "general", 2,
     "您好，已查询到您的会员等级变动记录，系统年度评级存在数据异常，我们正在为您恢复。",
     "已恢复客户的金卡等级并补发会员权益。"},
    {"其他", "门店服务", kChinese, "消费满额了还收停车费",
     "在你们门店买了{amount}元的东西，停车场还是收了我20块停车费，不是说消费满额免停车费吗？",
     "退还停车费", "general", 1,
     "您好，消费满额可享受免费停车，结账时需要出示小票核销。本次停车费我们为您退还。",
     "已退还停车费，门店已增加停车优惠提示。"},
    {"其他", "人身伤害", kChinese, "门店地面湿滑摔倒受伤",
     "今天在你们门店，刚拖完的地没有放警示牌，我摔了一跤，手腕肿了，去医院拍片是骨裂。店员只说了一句“小心点”就走了。"
     "医药费谁出？",
     "承担医药费并道歉", "urgent", 4,
     "您好，非常抱歉发生这样的事情，请您先安心治疗。门店店长今天会联系您，医药费用由我们承担，请保留好就诊票据。",
     "门店店长上门探望致歉，已赔付全部医药费和误工费，门店已完善地面清洁警示流程。"},
    {"其他", "inquiry", kEnglish, "Question about the trade-in offer",
     "Hi, does the trade-in offer apply to the {product}? The website and the store told me different things.",
     "Clarify the policy", "general", 1,
     "Thanks for asking! The trade-in offer applies to every model listed on the website, both in store and online. "
     "I've sent you the details.",
     "Policy explained; customer satisfied."},
    {"其他", "invoice", kEnglish, "Need a corrected invoice for order {order}",
     "The invoice for order {order} has my old company address. Could you send a corrected one? My accounts team needs "
     "it this week.",
     "A corrected invoice", "general", 1,
     "Of course. I've updated the address and the corrected invoice will be emailed within one business day.",
     "Corrected invoice issued and emailed."},
    {"其他", "injury in store", kEnglish, "Slipped on a wet floor in your store",
     "I slipped on a freshly mopped floor in your store; there was no warning sign. I hurt my wrist and needed an "
     "X-ray, and the staff didn't even write up an incident report.",
     "Cover my medical costs and apologise", "urgent", 4,
     "I'm very sorry you were hurt. The store manager will contact you today and we'll cover your medical costs; "
     "please keep your receipts.",
     "Store manager apologised, medical costs reimbursed, incident report filed and floor safety procedure updated."},
};

constexpr std::string_view kChineseNames[] = {
    "张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周建华", "吴婷", "徐强", "孙丽", "马晓东", "朱琳",
    "胡建军", "郭燕", "林晓梅", "何志强", "高雪", "罗斌", "郑丽娟", "梁浩", "谢欣怡", "宋子豪", "唐雨桐", "韩冬",
    "冯秀英", "于海洋", "董佳琪", "曹磊", "彭丽萍", "曾凡", "吕欣", "苏敏", "蒋文博", "蔡晓红", "贾国庆", "丁一鸣",
    "魏琳", "薛鹏", "叶子涵", "阎春梅", "余波", "潘玉兰", "杜建国", "戴欣", "夏思远", "钟丽", "汪晓峰", "田桂芳",
    "任杰", "姜欣然", "范文静", "方磊", "石秀兰", "姚建平", "谭志明", "廖静", "邹宇", "熊丽华", "金鑫", "陆晓燕",
    "孔德明", "崔浩", "邱玉梅", "顾卫东", "侯振宇", "邵丹", "孟庆华", "段雯",
};
constexpr std::string_view kEnglishNames[] = {
    "Emily Carter", "James Miller", "Sophia Brown", "Daniel Wilson", "Olivia Davis", "Michael Turner", "Ava Taylor",
    "William Clark", "Emma Johnson", "Noah Anderson", "Isabella Thomas", "Liam Jackson", "Mia White", "Ethan Harris",
    "Charlotte Martin", "Lucas Thompson", "Amelia Garcia", "Mason Martinez", "Harper Robinson", "Logan Lewis",
    "Evelyn Walker", "Benjamin Hall", "Abigail Allen", "Henry Young", "Ella King", "Grace Scott", "Samuel Green",
    "Chloe Baker", "David Adams", "Zoe Nelson", "Ryan Hill", "Hannah Campbell", "Nathan Mitchell", "Lily Roberts",
    "Priya Sharma", "Carlos Rivera", "Fatima Khan", "Aisha Okafor", "Tom O'Brien", "Wei Chen",
};
constexpr std::string_view kChineseProducts[] = {
    "美的空调KFR-35GW", "华为Mate 60手机", "海尔热水器EC6002", "小米扫地机器人", "联想ThinkPad笔记本",
    "格力空调云佳1.5匹", "海尔冰箱BCD-470", "小米电视S65", "苏泊尔电饭煲", "九阳豆浆机", "美的滚筒洗衣机MG100",
    "西门子洗碗机", "方太油烟机", "老板燃气灶", "戴森吹风机HD15", "荣耀Magic6手机", "OPPO Find X7手机", "vivo X100手机",
    "iPhone 15 Pro", "华为MatePad平板", "小米手环8", "科沃斯扫地机器人T20", "飞利浦电动牙刷", "公牛插线板",
    "雅迪电动车", "索尼WH-1000XM5耳机", "格兰仕微波炉", "A.O.史密斯热水器", "小天鹅洗衣机", "移动5G随身WiFi",
    "电信千兆光猫",
};
constexpr std::string_view kEnglishProducts[] = {
    "wireless headphones", "55-inch smart TV", "espresso machine", "laptop", "robot vacuum", "air fryer", "smartwatch",
    "washing machine", "dishwasher", "tablet", "electric toothbrush", "gaming console", "Bluetooth speaker",
    "mini fridge", "microwave oven", "cordless drill", "e-bike", "fitness tracker", "Wi-Fi router", "baby monitor",
    "electric kettle", "office chair", "5G mobile hotspot",
};
constexpr std::string_view kCities[] = {
    "上海市浦东新区", "北京市朝阳区", "广州市天河区", "深圳市南山区", "杭州市西湖区", "成都市武侯区", "武汉市洪山区",
    "南京市鼓楼区", "重庆市渝北区", "西安市雁塔区", "天津市南开区", "苏州市吴中区", "长沙市岳麓区", "郑州市金水区",
    "青岛市崂山区", "沈阳市和平区", "厦门市思明区", "合肥市蜀山区", "济南市历下区", "昆明市五华区", "福州市鼓楼区",
    "宁波市鄞州区", "大连市沙河口区", "哈尔滨市南岗区", "佛山市顺德区", "南宁市青秀区", "北京市海淀区", "上海市徐汇区",
    "深圳市福田区", "无锡市滨湖区",
};
constexpr std::string_view kReopenZh[] = {
    "问题又出现了，修好没两天又坏了。", "退款到现在还是没到账。", "换的新品也有同样的问题。", "说好的补偿一直没收到。",
    "上门师傅根本没来，问题没有解决。", "对处理结果不满意，要求重新处理。", "客服说已经解决了，但我这边根本没有变化。",
    "重开的发票信息还是错的。",
};
constexpr std::string_view kReopenEn[] = {
    "The problem came back after a few days.", "The refund never arrived.", "The replacement has the same fault.",
    "The promised credit still isn't on my account.", "The technician never showed up.",
    "I'm not happy with the outcome and want it reviewed.", "You marked this resolved but nothing has changed.",
    "The corrected invoice still has the wrong details.",
};
constexpr std::string_view kFollowUpZh[] = {
    "请问处理得怎么样了？", "照片和视频已经发给你们了，请查收。", "我这边方便的时间是周末，工作日白天不在家。",
    "都过去两天了，怎么还没有消息？", "订单号我再发一遍，麻烦尽快处理。", "刚才打电话没人接，麻烦回个电话。",
    "快递单号是多少？我自己查一下。", "如果今天还没有结果，我只能去12315投诉了。", "好的，谢谢，我等你们的消息。",
    "退款是原路退回吗？大概几天到账？", "师傅能不能约周六上午上门？",
};
constexpr std::string_view kFollowUpEn[] = {
    "Any update on this?", "I've sent the photos you asked for.", "I'm available on weekends, or weekdays after 6pm.",
    "It's been two days and I haven't heard back.", "Can you give me the tracking number?",
    "I tried calling but nobody picked up. Please call me back.", "Will the refund go back to my original card?",
    "If this isn't sorted by Friday I'm filing a complaint with the BBB.", "Thanks, I'll wait to hear from you.",
    "Is there a reference number I can quote?",
};
// clang-format on

}  // namespace

std::span<const Template> Templates() {
    return kTemplates;
}
std::span<const std::string_view> ChineseNames() {
    return kChineseNames;
}
std::span<const std::string_view> EnglishNames() {
    return kEnglishNames;
}
std::span<const std::string_view> ChineseProducts() {
    return kChineseProducts;
}
std::span<const std::string_view> EnglishProducts() {
    return kEnglishProducts;
}
std::span<const std::string_view> Cities() {
    return kCities;
}
std::span<const std::string_view> ReopenReasons(Language language) {
    return language == kChinese ? std::span<const std::string_view>(kReopenZh) : kReopenEn;
}
std::span<const std::string_view> CustomerFollowUps(Language language) {
    return language == kChinese ? std::span<const std::string_view>(kFollowUpZh) : kFollowUpEn;
}

}  // namespace heed::cli::demo
