#include "protocols/admin_api/commands/directory_commands.h"

namespace skerry::admin_api {

Result<Json> EntityPageResponse(const CommandDeps& deps, const PageRequest& page, std::string_view operation,
                                std::string_view result_key, const directory::EntityPage& entities,
                                Json (*summary)(const directory::Entity&)) {
  boost::json::array items;
  for (const auto& e : entities.entities) items.push_back(summary(e));
  bool more = entities.more && !entities.entities.empty();
  return ClosePage(deps, page, operation, std::move(items), result_key, more,
                   more ? entities.entities.back().id : std::string());
}

}  // namespace skerry::admin_api
