// `heed serve`: the server and everything it runs (serve.cpp).

#pragma once

#include <string>

#include "config/config.hpp"

namespace heed::app {

// Loads `config_file` over `config`, validates it, opens the database and serves until stopped; the exit code.
// `clock_offset_hours` moves the clock for tests (refused unless HEED_ALLOW_CLOCK_OFFSET=1).
int Serve(config::Config config, const std::string& config_file, int clock_offset_hours);

}  // namespace heed::app
