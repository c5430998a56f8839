// Registers the mail-domain operations over the composition root's MailDomainService.
#include <utility>

#include "protocols/admin_api/commands/domain_commands.h"

namespace skerry::admin_api {

Result<std::unique_ptr<CommandSet>> RegisterDomainCommands(Dispatcher& dispatcher, const CommandDeps& deps) {
  static constexpr std::pair<std::string_view, DomainHandler> kTable[] = {
      {"RegisterMailDomain", &RegisterMailDomain},
      {"DeregisterMailDomain", &DeregisterMailDomain},
      {"GetMailDomain", &GetMailDomain},
      {"ListMailDomains", &ListMailDomains},
      {"UpdateDefaultMailDomain", &UpdateDefaultMailDomain},
  };
  for (const auto& [name, fn] : kTable) {
    SKERRY_TRY(dispatcher.Register(name, [&deps, fn](const RequestContext&, const Json& in) {
      return fn(*deps.domains, deps, in);
    }));
  }
  return std::unique_ptr<CommandSet>();  // the service belongs to the composition root
}

}  // namespace skerry::admin_api
