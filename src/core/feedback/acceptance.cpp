#include "core/feedback/acceptance.hpp"

namespace heed::core::feedback {

std::vector<ExternalOption> ExternalOptions(const std::string& language) {
    if (language == "en") {
        return {{"Consumer association or consumer advice service", "your national or regional consumer organisation"},
                {"The regulator or ombudsman for this sector", "see the regulator's web site for how to complain"},
                {"Alternative dispute resolution (mediation, arbitration)", "an approved ADR body for this sector"},
                {"The courts", "small-claims procedure where available"}};
    }
    return {{"全国12315平台（市场监督管理部门）", "拨打 12315 或登录 www.12315.cn"},
            {"消费者协会", "向当地消费者协会投诉，请求调解"},
            {"行业主管部门", "向本行业的监管部门反映"},
            {"调解、仲裁或诉讼", "依法申请人民调解、仲裁或向人民法院起诉"}};
}

std::string ExternalOptionsMessage(const std::string& language) {
    if (language == "en") {
        return "We are sorry our proposal did not satisfy you. We have reopened your complaint and will contact you "
               "again. You also have the right to take your complaint to an independent body:";
    }
    return "很抱歉我们的处理方案未能让您满意。我们已重新受理您的投诉，会再次与您联系。您也有权向以下外部机构反映：";
}

}  // namespace heed::core::feedback
