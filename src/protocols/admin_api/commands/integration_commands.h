#pragma once
// Mailbox export jobs, availability configurations, personal access tokens, the identity
// provider configuration and Identity Center applications (wire reference §15), one per file in
// commands/<operation>.cc, registered by register_integration_commands.cc, which owns the
// family's IntegrationStore and the EntityStore it resolves users and resources with.

#include "directory/entity_store.h"
#include "directory/integration_store.h"
#include "protocols/admin_api/commands/command_deps.h"

namespace skerry::admin_api {

struct IntegrationDeps {
  const CommandDeps* common = nullptr;
  directory::IntegrationStore* store = nullptr;
  directory::EntityStore* entities = nullptr;
};

using IntegrationHandler = Result<Json> (*)(const IntegrationDeps&, const RequestContext&, const Json&);

#define SKERRY_INTEGRATION_OP(name) \
  Result<Json> name(const IntegrationDeps& deps, const RequestContext& context, const Json& input)
SKERRY_INTEGRATION_OP(StartMailboxExportJob);
SKERRY_INTEGRATION_OP(DescribeMailboxExportJob);
SKERRY_INTEGRATION_OP(ListMailboxExportJobs);
SKERRY_INTEGRATION_OP(CancelMailboxExportJob);
SKERRY_INTEGRATION_OP(CreateAvailabilityConfiguration);
SKERRY_INTEGRATION_OP(UpdateAvailabilityConfiguration);
SKERRY_INTEGRATION_OP(DeleteAvailabilityConfiguration);
SKERRY_INTEGRATION_OP(ListAvailabilityConfigurations);
SKERRY_INTEGRATION_OP(TestAvailabilityConfiguration);
SKERRY_INTEGRATION_OP(GetPersonalAccessTokenMetadata);
SKERRY_INTEGRATION_OP(ListPersonalAccessTokens);
SKERRY_INTEGRATION_OP(DeletePersonalAccessToken);
SKERRY_INTEGRATION_OP(PutIdentityProviderConfiguration);
SKERRY_INTEGRATION_OP(DescribeIdentityProviderConfiguration);
SKERRY_INTEGRATION_OP(DeleteIdentityProviderConfiguration);
SKERRY_INTEGRATION_OP(CreateIdentityCenterApplication);
SKERRY_INTEGRATION_OP(DeleteIdentityCenterApplication);
#undef SKERRY_INTEGRATION_OP

}  // namespace skerry::admin_api
