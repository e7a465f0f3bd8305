#pragma once
// The HTTP/1.1 server on Boost.Beast/Asio. Network I/O is asynchronous on a few I/O threads; each complete request
// is handed to a pool of worker threads (handlers may block on the store's group commit) and the response goes back
// on the connection's strand. Limits: header and body size, and a deadline for reading each whole request, so a
// client sending one byte a second is cut off without holding any thread.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/common/result.hpp"
#include "http/router.hpp"

namespace heed::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;                 // 0 picks a free port (tests)
    int io_threads = 2;
    int worker_threads = 16;                    // blocking handlers (reads, updates); intake holds none
    std::size_t body_limit = 1 << 20;           // 1 MiB → 413
    std::size_t header_limit = 16 << 10;        // 16 KiB → 431
    std::chrono::seconds request_timeout{15};   // to read one whole request, idle keep-alive included
    // The address of a reverse proxy in front of Heed: for its connections the client's address is the last entry
    // of X-Forwarded-For (rate limits and sign-in throttling key on it). Empty: the peer address is the client.
    std::string trusted_proxy;
};

struct ServerStats {
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> responses_2xx{0};
    std::atomic<std::uint64_t> responses_4xx{0};
    std::atomic<std::uint64_t> responses_5xx{0};
    std::atomic<std::uint64_t> connections{0};
};

class Server {
public:
    // `router` must outlive the server.
    Server(const Router& router, ServerOptions options);
    ~Server();

    // Binds and listens; returns the bound port.
    core::Result<unsigned short> Listen();

    // Serves until Stop() or SIGINT/SIGTERM. Blocks the calling thread.
    void Run();
    void Stop();

    const ServerStats& stats() const;

    struct Impl;  // public only so that connection sessions in server.cpp can reach it

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace heed::http
