#include "protocols/admin_api/commands/command_deps.h"

namespace skerry::admin_api {

Result<std::unique_ptr<CommandSet>> RegisterIntegrationCommands(Dispatcher& dispatcher, const CommandDeps& deps) {
  (void)dispatcher;
  (void)deps;
  return std::make_unique<CommandSet>();
}

}  // namespace skerry::admin_api
