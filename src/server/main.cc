// skerryd: the Skerry server.
//
//   skerryd --config /etc/skerry/skerry.toml
//   skerryd --data-dir ./var --port-base 10000      (throwaway/dev: loopback, base + offset)

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "base/log.h"
#include "base/log_events.h"
#include "server/config.h"
#include "server/server.h"

using namespace skerry;

int main(int argc, char** argv) {
  CLI::App app{"skerryd: Skerry mail and calendaring server"};
  std::string config_path, data_dir;
  int port_base = 0;
  bool check_only = false;
  app.add_option("-c,--config", config_path, "TOML configuration file");
  app.add_option("--data-dir", data_dir, "data directory (overrides server.data_dir)");
  app.add_option("--port-base", port_base,
                 "listen on 127.0.0.1 at this base plus each protocol's offset (see docs/configuration.md)")
      ->check(CLI::Range(1024, 64000));
  app.add_flag("--check-config", check_only, "validate the configuration and exit");
  CLI11_PARSE(app, argc, argv);

  server::Config config;
  if (!config_path.empty()) {
    auto loaded = server::LoadConfigFile(config_path);
    if (!loaded) {
      std::fprintf(stderr, "skerryd: invalid configuration:\n%s\n", loaded.error().detail.c_str());
      return 2;
    }
    config = std::move(*loaded);
  }
  if (!data_dir.empty()) config.data_dir = std::filesystem::absolute(data_dir);
  if (port_base > 0) server::ApplyPortBase(config, static_cast<std::uint16_t>(port_base));
  if (config.listeners.empty()) {
    std::fprintf(stderr, "skerryd: no listeners: set [listeners] in the config or pass --port-base\n");
    return 2;
  }
  if (check_only) {
    std::printf("configuration OK\n");
    return 0;
  }
  if (!ConfigureLogging(config.log_level, config.log_format, config.log_file)) {
    std::fprintf(stderr, "skerryd: %s: log.file %s: %s\n", config.source.c_str(), config.log_file.c_str(),
                 std::strerror(errno));
    return 2;
  }

  server::Server server(config);
  if (auto started = server.Start(); !started) {
    Log(LogLevel::kError, ev::kServerStopped, {{"error", started.error().ToString()}});
    std::fprintf(stderr, "skerryd: cannot start: %s\n", started.error().detail.c_str());
    return 1;
  }
  auto stopped = server.Wait();
  if (!stopped) {
    std::fprintf(stderr, "skerryd: shutdown error: %s\n", stopped.error().detail.c_str());
    return 1;
  }
  return 0;
}
