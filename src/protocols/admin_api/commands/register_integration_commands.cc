// Mailbox export jobs, availability configurations, personal access tokens, the identity
// provider configuration and Identity Center applications: builds the family's IntegrationStore
// and EntityStore (kept alive by the AdminApi through the returned CommandSet) and registers one
// handler per operation.
#include <utility>

#include "directory/entity_addresses.h"
#include "protocols/admin_api/commands/integration_commands.h"

namespace skerry::admin_api {
namespace {

struct IntegrationCommands final : CommandSet {
  explicit IntegrationCommands(const CommandDeps& deps)
      : store(*deps.directory, *deps.clock, *deps.random),
        entities(*deps.directory, deps.organizations->AsLookup(), *deps.clock, *deps.random) {
    integration_deps.common = &deps;
    integration_deps.store = &store;
    integration_deps.entities = &entities;
  }
  directory::IntegrationStore store;
  directory::EntityStore entities;
  IntegrationDeps integration_deps;
};

constexpr std::pair<std::string_view, IntegrationHandler> kIntegrationTable[] = {
    {"StartMailboxExportJob", &StartMailboxExportJob},
    {"DescribeMailboxExportJob", &DescribeMailboxExportJob},
    {"ListMailboxExportJobs", &ListMailboxExportJobs},
    {"CancelMailboxExportJob", &CancelMailboxExportJob},
    {"CreateAvailabilityConfiguration", &CreateAvailabilityConfiguration},
    {"UpdateAvailabilityConfiguration", &UpdateAvailabilityConfiguration},
    {"DeleteAvailabilityConfiguration", &DeleteAvailabilityConfiguration},
    {"ListAvailabilityConfigurations", &ListAvailabilityConfigurations},
    {"TestAvailabilityConfiguration", &TestAvailabilityConfiguration},
    {"GetPersonalAccessTokenMetadata", &GetPersonalAccessTokenMetadata},
    {"ListPersonalAccessTokens", &ListPersonalAccessTokens},
    {"DeletePersonalAccessToken", &DeletePersonalAccessToken},
    {"PutIdentityProviderConfiguration", &PutIdentityProviderConfiguration},
    {"DescribeIdentityProviderConfiguration", &DescribeIdentityProviderConfiguration},
    {"DeleteIdentityProviderConfiguration", &DeleteIdentityProviderConfiguration},
    {"CreateIdentityCenterApplication", &CreateIdentityCenterApplication},
    {"DeleteIdentityCenterApplication", &DeleteIdentityCenterApplication},
};

}  // namespace

Result<std::unique_ptr<CommandSet>> RegisterIntegrationCommands(Dispatcher& dispatcher, const CommandDeps& deps) {
  auto set = std::make_unique<IntegrationCommands>(deps);
  // The set is heap-allocated and outlives the dispatcher's use of it (the AdminApi keeps both).
  const IntegrationDeps* d = &set->integration_deps;
  for (const auto& [name, fn] : kIntegrationTable) {
    SKERRY_TRY(dispatcher.Register(name, [d, fn](const RequestContext& c, const Json& in) { return fn(*d, c, in); }));
  }
  return set;
}

}  // namespace skerry::admin_api
