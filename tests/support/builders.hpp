#pragma once
// Builders for valid test complaints; tests change only what they are about.

#include <string>

#include "core/complaint/complaint.hpp"
#include "core/workflow/actor.hpp"

namespace heed::testing {

inline core::complaint::Complaint AComplaint(std::string subject = "快递延误一周未到",
                                              std::string description = "我在5月1日下单，物流信息一直没有更新，客服态度也很差，要求退款。") {
    core::complaint::Complaint c;
    c.customer.name = "张伟";
    c.customer.phone = "13812341234";
    c.customer.email = "zhang.wei@example.com";
    c.channel = core::complaint::Channel::kWeb;
    c.service_type = core::complaint::ServiceType::kComplaint;
    c.subject = std::move(subject);
    c.description = std::move(description);
    c.classification.category = "物流配送";
    return c;
}

inline core::workflow::Actor AnActor(core::workflow::Role role = core::workflow::Role::kManager,
                                     core::TenantId tenant = core::kDefaultTenant) {
    return core::workflow::Actor{tenant, "lihua", role};
}

}  // namespace heed::testing
