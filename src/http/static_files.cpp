#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace heed::http {

namespace fs = std::filesystem;

namespace {

std::string ContentType(const std::string& extension) {
    static const std::map<std::string, std::string> kTypes{
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
        {".ico", "image/x-icon"}, {".webp", "image/webp"}, {".woff2", "font/woff2"}, {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"}, {".map", "application/json"}};
    auto it = kTypes.find(extension);
    return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string ReadAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

bool AcceptsGzip(const Request& request) { return request.Header("accept-encoding").find("gzip") != std::string::npos; }

}  // namespace

core::Result<StaticFiles> StaticFiles::Load(const std::string& root) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::path(root) / "index.html", ec)) {
        return core::Fail(core::ErrorCode::kNotFound, "no index.html in " + root + " (build the web app: make build)",
                          "web_root");
    }
    StaticFiles files;
    for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
        if (!entry.is_regular_file() || entry.path().extension() == ".gz") continue;
        std::string url = "/" + fs::relative(entry.path(), root).generic_string();
        File file;
        file.body = ReadAll(entry.path());
        std::error_code missing;
        if (auto gz = fs::path(entry.path().string() + ".gz"); fs::is_regular_file(gz, missing)) file.gzip = ReadAll(gz);
        file.content_type = ContentType(entry.path().extension().string());
        file.etag = "\"" + std::to_string(std::hash<std::string>{}(file.body)) + "\"";
        file.immutable = url.rfind("/assets/", 0) == 0;
        files.files_.emplace(std::move(url), std::move(file));
    }
    if (ec) return core::Fail(core::ErrorCode::kUnavailable, "cannot read " + root + ": " + ec.message(), "web_root");
    return files;
}

Response StaticFiles::Serve(const Request& request) const {
    auto it = files_.find(request.path);
    if (it == files_.end()) {
        auto slash = request.path.rfind('/');
        bool has_extension = request.path.find('.', slash == std::string::npos ? 0 : slash) != std::string::npos;
        if (has_extension) {
            return Response{404, "text/plain; charset=utf-8", "not found\n", {}};
        }
        it = files_.find("/index.html");
    }
    const File& file = it->second;
    Response response{200, file.content_type, {}, {}};
    response.headers.emplace_back("Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    response.headers.emplace_back("ETag", file.etag);
    response.headers.emplace_back("Vary", "Accept-Encoding");
    if (request.Header("if-none-match") == file.etag) {
        response.status = 304;
        return response;
    }
    if (!file.gzip.empty() && AcceptsGzip(request)) {
        response.body = file.gzip;
        response.headers.emplace_back("Content-Encoding", "gzip");
    } else {
        response.body = file.body;
    }
    return response;
}

}  // namespace heed::http
