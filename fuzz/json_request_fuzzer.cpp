// Fuzzes what the API does with a request it did not expect: the request target (path, percent-encoding, query
// parameters of the list) and the JSON bodies of intake, public intake, edits, transitions and messages, all through
// the real router and handlers over the in-memory store.
// Input: the first line is a request target for GET, the rest is a body sent to each write route.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/services/complaint_service.hpp"
#include "http/complaint_api.hpp"
#include "storage/memory/memory_store.hpp"

namespace {

class FixedClock final : public heed::core::ports::Clock {
public:
    heed::core::Instant Now() const override { return heed::core::FromMillis(1715306400000); }
};

heed::http::Response Call(const heed::http::Router& router, std::string method, std::string_view target,
                          std::string body) {
    heed::http::Request request;
    request.method = std::move(method);
    request.remote_address = "192.0.2.1";
    request.headers["authorization"] = "Bearer fuzz";
    request.body = std::move(body);
    if (!heed::http::SplitTarget(target, request.path, request.query)) return {};
    return router.Handle(std::move(request));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    auto newline = input.find('\n');
    std::string_view target = input.substr(0, newline);
    std::string body(newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1));

    FixedClock clock;
    heed::storage::memory::MemoryComplaintStore store;
    heed::core::services::ComplaintService service(store, clock);
    heed::http::Router router;
    heed::http::AddComplaintApi(router, service, {.authenticate = [](const heed::http::Request&) {
        return heed::core::Result<heed::core::workflow::Actor>(
            heed::core::workflow::Actor{heed::core::kDefaultTenant, "fuzz", heed::core::workflow::Role::kManager, {}});
    }});
    // One complaint to edit, so the write routes get past "not found".
    Call(router, "POST", "/api/v1/complaints",
         R"({"customer":{"name":"王芳","phone":"13912345678"},"subject":"退款","description":"退款没到"})");

    Call(router, "GET", target, {});
    std::string list = "/api/v1/complaints?" + std::string(target.substr(0, 512));
    Call(router, "GET", list, {});
    for (const char* route : {"/api/v1/complaints", "/api/v1/public/complaints"}) Call(router, "POST", route, body);
    Call(router, "PATCH", "/api/v1/complaints/1", body);
    Call(router, "POST", "/api/v1/complaints/1/transitions", body);
    Call(router, "POST", "/api/v1/complaints/1/messages", body);
    return 0;
}
