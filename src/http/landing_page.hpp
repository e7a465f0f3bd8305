#pragma once
// The page at "/": what this server is and where its API and documents are, until the web application arrives.

#include <string>

namespace heed::http {

const std::string& LandingPage();

}  // namespace heed::http
