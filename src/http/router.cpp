#include "http/router.hpp"

#include <future>

#include "http/json_dto.hpp"

namespace heed::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
    std::vector<std::string_view> segments;
    std::size_t pos = 0;
    while (pos <= path.size()) {
        std::size_t next = path.find('/', pos);
        if (next == std::string_view::npos) next = path.size();
        if (next > pos) segments.push_back(path.substr(pos, next - pos));
        pos = next + 1;
    }
    return segments;
}

// Calls visit(pattern segment, path segment) for each pair while visit returns true; false when the pattern and the
// path differ in length or visit refused a pair. Splits the pattern in place: nothing is allocated.
template <typename Visit>
bool WalkSegments(std::string_view pattern, const std::vector<std::string_view>& got, Visit&& visit) {
    std::size_t i = 0;
    std::size_t pos = 0;
    while (pos <= pattern.size()) {
        std::size_t next = pattern.find('/', pos);
        if (next == std::string_view::npos) next = pattern.size();
        if (next > pos) {
            if (i >= got.size() || !visit(pattern.substr(pos, next - pos), got[i])) return false;
            ++i;
        }
        pos = next + 1;
    }
    return i == got.size();
}

bool IsParameter(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// `got` is the request path's segments (Segments). Fills `params` only when the pattern matches.
bool Match(std::string_view pattern, const std::vector<std::string_view>& got,
           std::map<std::string, std::string>& params) {
    if (!WalkSegments(pattern, got, [](std::string_view want, std::string_view have) {
            return IsParameter(want) || want == have;
        })) {
        return false;
    }
    std::map<std::string, std::string> found;
    WalkSegments(pattern, got, [&found](std::string_view want, std::string_view have) {
        if (IsParameter(want)) found[std::string(want.substr(1, want.size() - 2))] = std::string(have);
        return true;
    });
    params = std::move(found);
    return true;
}

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool Decode(std::string_view text, std::string& out, bool plus_is_space) {
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return false;
            int high = HexValue(text[i + 1]);
            int low = HexValue(text[i + 2]);
            if (high < 0 || low < 0) return false;
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return true;
}

}  // namespace

std::string Request::Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

void Router::Add(std::string method, std::string pattern, Handler handler) {
    routes_.push_back({std::move(method), std::move(pattern), std::move(handler), {}});
}

void Router::AddAsync(std::string method, std::string pattern, AsyncHandler handler) {
    routes_.push_back({std::move(method), std::move(pattern), {}, std::move(handler)});
}

Response Router::Handle(Request request) const {
    Response refusal;
    const Route* route = Find(request, refusal);
    if (!route) return refusal;
    if (route->handler) {
        Response response = route->handler(request);
        if (response.stream) {
            response.stream([&response](std::string_view piece) {
                response.body.append(piece);
                return true;
            });
            response.stream = nullptr;
        }
        return response;
    }
    std::promise<Response> answered;
    auto answer = answered.get_future();
    route->async_handler(request, [&answered](std::function<Response()> build) { answered.set_value(build()); });
    return answer.get();
}

void Router::SetFallback(Handler handler) { fallback_ = Route{"GET", "*", std::move(handler), {}}; }

const Route* Router::Find(Request& request, Response& refusal) const {
    std::string allow;
    const auto segments = Segments(request.path);  // split once, not once per route
    for (const auto& route : routes_) {
        std::map<std::string, std::string> params;
        if (!Match(route.pattern, segments, params)) continue;
        if (route.method != request.method) {
            allow += (allow.empty() ? "" : ", ") + route.method;
            continue;
        }
        request.params = std::move(params);
        return &route;
    }
    if (allow.empty() && request.method == "GET" && fallback_.handler && request.path.rfind("/api/", 0) != 0) {
        return &fallback_;
    }
    Response& response = refusal;
    if (!allow.empty()) {
        response.status = 405;
        response.headers.emplace_back("Allow", allow);
        response.body = DumpJson(ErrorToJson({core::ErrorCode::kInvalidArgument, "method not allowed here", "", {}}));
    } else {
        response.status = 404;
        response.body = DumpJson(ErrorToJson({core::ErrorCode::kNotFound, "no such resource: " + request.path, "", {}}));
    }
    return nullptr;
}

bool SplitTarget(std::string_view target, std::string& path, std::map<std::string, std::string>& query) {
    std::size_t question = target.find('?');
    if (!Decode(target.substr(0, question), path, false)) return false;
    if (question == std::string_view::npos) return true;
    std::string_view rest = target.substr(question + 1);
    while (!rest.empty()) {
        std::size_t amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        std::size_t equals = pair.find('=');
        std::string key, value;
        if (!Decode(pair.substr(0, equals), key, true)) return false;
        if (equals != std::string_view::npos && !Decode(pair.substr(equals + 1), value, true)) return false;
        if (!key.empty()) query[key] = value;
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
    }
    return true;
}

}  // namespace heed::http
