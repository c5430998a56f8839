#pragma once
// Organization output shapes shared by the organization operations.

#include <boost/json/object.hpp>

#include "base/error.h"
#include "directory/organization_service.h"
#include "protocols/admin_api/commands/command_deps.h"

namespace skerry::admin_api {

// DescribeOrganizationResponse members.
boost::json::object DescribeOrganizationJson(const directory::Organization& org);
// OrganizationSummary.
boost::json::object OrganizationSummaryJson(const directory::Organization& org);
// Maps the directory's errors on organizations to WorkMail's exceptions.
tl::unexpected<Error> OrganizationError(const Error& error);
// OrganizationNotFoundException / OrganizationStateException unless the organization is active.
Status RequireActiveOrganization(const CommandDeps& deps, const std::string& org_id);

}  // namespace skerry::admin_api
