#pragma once
// The audit log as the services see it: changes that are not complaint changes — users, tokens, sessions, settings,
// exports, views of unmasked contact details, erasure — appended to the same hash chain as complaint changes (which
// the complaint store records itself, in the transaction of the change). Implementation: SqliteComplaintStore.
// Thread-safety: safe to call from many threads.

#include <cstdint>
#include <string>

#include "core/common/result.hpp"
#include "core/workflow/actor.hpp"

namespace heed::core::ports {

struct AuditRecord {
    workflow::Actor actor;      // who; actor.tenant is the tenant the record belongs to
    std::string action;         // e.g. user.created, token.revoked, complaint.contact_viewed, export.csv
    std::string object_type;    // user, token, session, tenant, complaint, export, settings
    std::int64_t object_id = 0;
    std::string detail;         // what else is attested, as "key=value" pairs
};

class AuditLog {
public:
    virtual ~AuditLog() = default;
    // Returns once the record is durable; an error means it was not recorded (and the caller should not proceed
    // with what it was about to reveal).
    virtual Result<void> Record(const AuditRecord& record) = 0;
};

}  // namespace heed::core::ports
