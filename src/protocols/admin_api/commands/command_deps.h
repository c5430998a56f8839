#pragma once
// What the WorkMail operation handlers borrow from the server (all outlive the dispatcher).

#include <boost/json/object.hpp>

#include "directory/organization_service.h"
#include "protocols/admin_api/dispatcher.h"
#include "protocols/admin_api/pagination_token.h"

namespace skerry::admin_api {

struct CommandDeps {
  directory::OrganizationService* organizations = nullptr;
  const PaginationTokens* pagination = nullptr;
};

using Json = boost::json::object;

// One function per operation, each in commands/<operation>.cc.
Result<Json> CreateOrganization(const CommandDeps& deps, const RequestContext& context, const Json& input);
Result<Json> DescribeOrganization(const CommandDeps& deps, const RequestContext& context, const Json& input);
Result<Json> ListOrganizations(const CommandDeps& deps, const RequestContext& context, const Json& input);
Result<Json> DeleteOrganization(const CommandDeps& deps, const RequestContext& context, const Json& input);

// Registers every implemented operation.
Status RegisterCommands(Dispatcher& dispatcher, const CommandDeps& deps);

}  // namespace skerry::admin_api
