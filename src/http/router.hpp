#pragma once
// Routes (method, path template) to handlers. A request and response here are plain structs, so handlers are
// tested without a socket and the Beast server (server.hpp) only translates.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace heed::http {

struct Request {
    std::string method;                         // "GET", "POST", …
    std::string path;                           // without the query string, percent-decoded
    std::map<std::string, std::string> query;   // percent-decoded
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;
    std::string remote_address;                 // the peer's IP address as text (rate limits, throttling)
    std::map<std::string, std::string> params;  // filled by the router from {name} segments
    std::string Header(const std::string& lower_name) const;
};

// Sends one piece of a streamed body; false when the client has gone (stop producing).
using StreamWrite = std::function<bool(std::string_view)>;

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    // When set, the body is produced after the headers are sent (chunked transfer encoding, HTTP/1.1): the server
    // calls it on a worker thread and each write returns once its piece is on the way, so a large export never sits
    // in memory. `body` is ignored. Router::Handle collects it into `body`.
    std::function<void(const StreamWrite&)> stream;
};

// A blocking handler: run on the server's worker pool.
using Handler = std::function<Response(const Request&)>;
// Hands a response back to the server. The builder runs on the connection's I/O strand, so whoever completes the
// request (e.g. the store's writer thread) only hands off and never builds JSON itself.
using Reply = std::function<void(std::function<Response()>)>;
// A non-blocking handler: runs on the I/O thread, must not block, and calls `reply` exactly once, from any thread.
using AsyncHandler = std::function<void(const Request&, Reply)>;

struct Route {
    std::string method;
    std::string pattern;  // e.g. /api/v1/complaints/{id}/events
    Handler handler;            // exactly one of handler and async_handler is set
    AsyncHandler async_handler;
};

class Router {
public:
    void Add(std::string method, std::string pattern, Handler handler);
    void AddAsync(std::string method, std::string pattern, AsyncHandler handler);

    // Answers GET requests for paths no route knows (the web application's files); without it they get 404.
    void SetFallback(Handler handler);

    // The route for `request` with its path parameters filled in, or nullptr and `refusal` set: 404 for unknown
    // paths, 405 (with Allow) for a known path with another method.
    const Route* Find(Request& request, Response& refusal) const;

    // Runs the request to completion on the calling thread (tests, tools); async routes are waited for.
    Response Handle(Request request) const;

    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
    Route fallback_;
};

// Splits "a/b?x=1&y=%E7%89%A9" into path and decoded query; false when percent-encoding is malformed.
bool SplitTarget(std::string_view target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace heed::http
