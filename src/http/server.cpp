#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <array>
#include <atomic>
#include <optional>
#include <future>
#include <thread>
#include <vector>

#include "http/complaint_api.hpp"
#include "http/json_dto.hpp"

namespace heed::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

struct Server::Impl {
    const Router& router;
    ServerOptions options;
    asio::io_context io{options.io_threads};
    asio::thread_pool workers{static_cast<std::size_t>(options.worker_threads)};
    tcp::acceptor acceptor{io};
    asio::signal_set signals{io, SIGINT, SIGTERM};
    ServerStats stats;
    std::atomic<bool> stopping{false};  // streamed responses stop waiting for the I/O threads

    Impl(const Router& r, ServerOptions o) : router(r), options(std::move(o)) {}
    void Accept();
};

namespace {

Request ToRequest(const bhttp::request<bhttp::string_body>& in, bool& target_ok) {
    Request request;
    request.method = std::string(in.method_string());
    target_ok = SplitTarget(in.target(), request.path, request.query);
    for (const auto& field : in) {
        std::string name(field.name_string());
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        request.headers[name] = std::string(field.value());
    }
    request.body = in.body();
    return request;
}

template <typename Body>
void SetHeaders(bhttp::response<Body>& response, Response& out) {
    response.set(bhttp::field::server, "heed");
    response.set(bhttp::field::content_type, out.content_type);
    response.set("X-Content-Type-Options", "nosniff");
    response.set("X-Frame-Options", "DENY");
    response.set("Referrer-Policy", "no-referrer");
    response.set("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
                 "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    response.set("Cross-Origin-Opener-Policy", "same-origin");
    response.set(bhttp::field::cache_control, "no-store");
    for (auto& [name, value] : out.headers) response.set(name, value);
}

bhttp::response<bhttp::string_body> ToResponse(Response out, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> response{static_cast<bhttp::status>(out.status), version};
    SetHeaders(response, out);
    response.body() = std::move(out.body);
    response.keep_alive(keep_alive);
    response.prepare_payload();
    return response;
}

Response Refusal(int status, core::ErrorCode code, std::string message, std::string field = {}) {
    Response response = ErrorResponse({code, std::move(message), std::move(field), {}});
    response.status = status;
    return response;
}

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {
        beast::error_code ec;
        auto endpoint = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_address_ = endpoint.address().to_string();
    }

    void Start() {
        asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Read, shared_from_this()));
    }

private:
    void Read() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
        parser_->body_limit(server_.options.body_limit);
        stream_.expires_after(server_.options.request_timeout);
        bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, shared_from_this()));
    }

    void OnRead(beast::error_code ec, std::size_t) {
        if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
            ec == asio::error::connection_reset || ec == asio::error::eof) {
            return Close();
        }
        if (ec == bhttp::error::body_limit) {
            return Reply(Refusal(413, core::ErrorCode::kPayloadTooLarge,
                                 "request body is larger than " + std::to_string(server_.options.body_limit) + " bytes",
                                 "body"),
                         11, false);
        }
        if (ec == bhttp::error::header_limit) {
            return Reply(Refusal(431, core::ErrorCode::kInvalidArgument, "request headers are too large"), 11, false);
        }
        if (ec) return Reply(Refusal(400, core::ErrorCode::kInvalidArgument, "malformed HTTP request"), 11, false);

        server_.stats.requests.fetch_add(1, std::memory_order_relaxed);
        auto request = parser_->release();
        unsigned version = request.version();
        bool keep_alive = request.keep_alive();
        bool target_ok = true;
        Request in = ToRequest(request, target_ok);
        in.remote_address = remote_address_;
        if (!server_.options.trusted_proxy.empty() && remote_address_ == server_.options.trusted_proxy) {
            std::string forwarded = in.Header("x-forwarded-for");
            auto comma = forwarded.rfind(',');
            std::string last = forwarded.substr(comma == std::string::npos ? 0 : comma + 1);
            last.erase(0, last.find_first_not_of(' '));
            if (!last.empty()) in.remote_address = last;
        }
        // Bodies are JSON. Refusing anything else also closes the door on cross-site HTML forms, which can only send
        // form encodings or text/plain without a CORS preflight (which Heed never grants).
        // The one exception is the answer to a survey (POST /s/{token}), a plain HTML form on a phone: there the
        // link's signed token is the credential, not a cookie, so a cross-site form gains nothing.
        bool survey_form = in.method == "POST" && in.path.rfind("/s/", 0) == 0 &&
                           in.Header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0;
        if (!in.body.empty() && !survey_form && (in.method == "POST" || in.method == "PUT" || in.method == "PATCH") &&
            in.Header("content-type").rfind("application/json", 0) != 0) {
            return Reply(Refusal(415, core::ErrorCode::kInvalidArgument,
                                 "request bodies must be JSON (Content-Type: application/json)", "Content-Type"),
                         version, keep_alive);
        }
        if (!target_ok) {
            return Reply(Refusal(400, core::ErrorCode::kInvalidArgument, "malformed request target"), version,
                         keep_alive);
        }
        Response refusal;
        const Route* route = server_.router.Find(in, refusal);
        if (!route) return Reply(std::move(refusal), version, keep_alive);
        auto self = shared_from_this();
        if (route->async_handler) {
            // Non-blocking routes (intake) run here; whoever completes them posts the response back to this strand.
            route->async_handler(in, [self, version, keep_alive](std::function<Response()> build) {
                asio::post(self->stream_.get_executor(), [self, build = std::move(build), version, keep_alive] {
                    self->Reply(build(), version, keep_alive);
                });
            });
            return;
        }
        asio::post(server_.workers, [self, route, in = std::move(in), version, keep_alive]() mutable {
            Response out = route->handler(in);
            if (out.stream && version >= 11) return self->Stream(std::move(out), version, keep_alive);
            if (out.stream) {  // HTTP/1.0 has no chunks: collect the body
                out.stream([&out](std::string_view piece) {
                    out.body.append(piece);
                    return true;
                });
                out.stream = nullptr;
            }
            asio::post(self->stream_.get_executor(), [self, out = std::move(out), version, keep_alive]() mutable {
                self->Reply(std::move(out), version, keep_alive);
            });
        });
    }

    void Reply(Response out, unsigned version, bool keep_alive) {
        auto& stats = server_.stats;
        (out.status >= 500 ? stats.responses_5xx : out.status >= 400 ? stats.responses_4xx : stats.responses_2xx)
            .fetch_add(1, std::memory_order_relaxed);
        auto response = std::make_shared<bhttp::response<bhttp::string_body>>(
            ToResponse(std::move(out), version, keep_alive));
        stream_.expires_after(server_.options.request_timeout);
        bhttp::async_write(stream_, *response,
                           [self = shared_from_this(), response](beast::error_code ec, std::size_t) {
                               if (ec || !response->keep_alive()) return self->Close();
                               self->Read();
                           });
    }

    // A streamed body (Response::stream), on the worker thread that built the response: the header, then the
    // pieces as chunks of about 64 KiB, each write waited for so that at most one chunk is in memory, then the last
    // chunk. A client that stops reading hits the request timeout like any other. What the strand's writes use is
    // shared with them, so a worker that gives up when the server stops leaves nothing dangling.
    struct StreamState {
        bhttp::response<bhttp::empty_body> header;
        std::optional<bhttp::response_serializer<bhttp::empty_body>> serializer;
        std::string chunk;
    };
    enum class StreamStep { kHeader, kChunk, kLast };

    bool StreamWrite(const std::shared_ptr<StreamState>& state, StreamStep step) {
        auto done = std::make_shared<std::promise<beast::error_code>>();
        auto finished = done->get_future();
        asio::post(stream_.get_executor(), [self = shared_from_this(), state, done, step] {
            self->stream_.expires_after(self->server_.options.request_timeout);
            auto handler = [state, done](beast::error_code ec, std::size_t) { done->set_value(ec); };
            switch (step) {
                case StreamStep::kHeader: bhttp::async_write_header(self->stream_, *state->serializer, handler); break;
                case StreamStep::kChunk:
                    asio::async_write(self->stream_, bhttp::make_chunk(asio::buffer(state->chunk)), handler);
                    break;
                case StreamStep::kLast: asio::async_write(self->stream_, bhttp::make_chunk_last(), handler); break;
            }
        });
        while (finished.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
            if (server_.stopping.load()) return false;
        }
        return !finished.get();
    }

    void Stream(Response out, unsigned version, bool keep_alive) {
        server_.stats.responses_2xx.fetch_add(1, std::memory_order_relaxed);
        auto state = std::make_shared<StreamState>();
        state->header = bhttp::response<bhttp::empty_body>{static_cast<bhttp::status>(out.status), version};
        SetHeaders(state->header, out);
        state->header.keep_alive(keep_alive);
        state->header.chunked(true);
        state->serializer.emplace(state->header);
        bool ok = StreamWrite(state, StreamStep::kHeader);
        std::string pending;
        auto flush = [&] {
            if (ok && !pending.empty()) {
                state->chunk.swap(pending);
                ok = StreamWrite(state, StreamStep::kChunk);
            }
            pending.clear();
            return ok;
        };
        if (ok) {
            out.stream([&](std::string_view piece) {
                if (!ok) return false;
                pending.append(piece);
                return pending.size() < 65536 || flush();
            });
        }
        flush();
        if (ok) ok = StreamWrite(state, StreamStep::kLast);
        asio::post(stream_.get_executor(), [self = shared_from_this(), ok, keep_alive] {
            if (ok && keep_alive) return self->Read();
            self->Close();
        });
    }

    // Half-closes, then reads and discards until the peer closes (or the deadline passes), so a client still
    // sending a refused body reads our answer instead of a connection reset.
    void Close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(5));
        Drain();
    }

    void Drain() {
        stream_.async_read_some(asio::buffer(drain_buffer_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (!ec) return self->Drain();
                                    beast::error_code ignored;
                                    self->stream_.socket().close(ignored);
                                });
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::array<char, 16384> drain_buffer_;
    Server::Impl& server_;
    std::string remote_address_;
};

}  // namespace

void Server::Impl::Accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted) return;
        if (!ec) {
            stats.connections.fetch_add(1, std::memory_order_relaxed);
            std::make_shared<Session>(std::move(socket), *this)->Start();
        }
        Accept();
    });
}

Server::Server(const Router& router, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(options))) {}

Server::~Server() {
    Stop();
    impl_->workers.join();
}

core::Result<unsigned short> Server::Listen() {
    beast::error_code ec;
    auto address = asio::ip::make_address(impl_->options.address, ec);
    if (ec) return core::Fail(core::ErrorCode::kInvalidArgument, "bad listen address " + impl_->options.address, "listen");
    tcp::endpoint endpoint{address, impl_->options.port};
    auto& acceptor = impl_->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return core::Fail(core::ErrorCode::kUnavailable, "cannot listen on " + impl_->options.address + ":" +
                                                             std::to_string(impl_->options.port) + ": " + ec.message(),
                          "listen");
    }
    return acceptor.local_endpoint().port();
}

void Server::Run() {
    impl_->signals.async_wait([this](beast::error_code, int) { Stop(); });
    impl_->Accept();
    std::vector<std::thread> threads;
    for (int i = 1; i < impl_->options.io_threads; ++i) threads.emplace_back([this] { impl_->io.run(); });
    impl_->io.run();
    for (auto& thread : threads) thread.join();
}

void Server::Stop() {
    impl_->stopping.store(true);
    asio::post(impl_->io, [this] {
        beast::error_code ignored;
        impl_->acceptor.close(ignored);
        impl_->signals.cancel(ignored);
        impl_->io.stop();
    });
}

const ServerStats& Server::stats() const { return impl_->stats; }

}  // namespace heed::http
