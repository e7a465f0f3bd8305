#pragma once
// The web application's built files (web/dist), read once at start and served from memory: hashed files under
// /assets/ are cached for a year, everything else is revalidated by ETag; a pre-compressed `.gz` beside a file is
// sent to clients that accept gzip. Paths without a file extension that match no file get index.html, so the
// single-page application's own routes (/queue, /track …) load on a refresh.

#include <map>
#include <string>

#include "core/common/result.hpp"
#include "http/router.hpp"

namespace heed::http {

class StaticFiles {
public:
    // Loads every file under `root`; kNotFound when `root` has no index.html.
    static core::Result<StaticFiles> Load(const std::string& root);

    Response Serve(const Request& request) const;
    std::size_t size() const { return files_.size(); }

private:
    struct File {
        std::string body;
        std::string gzip;  // empty when there is no .gz beside it
        std::string content_type;
        std::string etag;
        bool immutable = false;
    };
    std::map<std::string, File> files_;  // by URL path, e.g. /assets/index-3f2a.js
};

}  // namespace heed::http
