#pragma once
// Routes (method, path template) to handlers. A request and response here are plain structs, so handlers are
// tested without a socket and the Beast server (server.hpp) only translates.

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace heed::http {

struct Request {
    std::string method;                         // "GET", "POST", …
    std::string path;                           // without the query string, percent-decoded
    std::map<std::string, std::string> query;   // percent-decoded
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;
    std::map<std::string, std::string> params;  // filled by the router from {name} segments
    std::string Header(const std::string& lower_name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

using Handler = std::function<Response(const Request&)>;

struct Route {
    std::string method;
    std::string pattern;  // e.g. /api/v1/complaints/{id}/events
    Handler handler;
};

class Router {
public:
    void Add(std::string method, std::string pattern, Handler handler);

    // 404 for unknown paths, 405 (with Allow) for a known path with another method.
    Response Handle(Request request) const;

    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

// Splits "a/b?x=1&y=%E7%89%A9" into path and decoded query; false when percent-encoding is malformed.
bool SplitTarget(std::string_view target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace heed::http
