#pragma once
// Messages to customers over HTTP (see core/services/notification_service.hpp and docs/notifications.md):
//   GET  /api/v1/outbox?status&complaint_id&limit   admins, directors, managers, team leads: the outbox, newest first,
//                                                    with whether a mail server is configured
//   POST /api/v1/notifications                       staff: {"complaint_id", "kind": "update", "text"} → 201

#include <functional>

#include "core/services/complaint_service.hpp"
#include "core/services/notification_service.hpp"
#include "http/router.hpp"

namespace heed::http {

void AddNotifyApi(Router& router, core::services::NotificationService& notifications,
                  core::services::ComplaintService& complaints,
                  std::function<core::Result<core::workflow::Actor>(const Request&)> authenticate);

}  // namespace heed::http
