#pragma once
// What the WorkMail operation handlers borrow from the server (all outlive the dispatcher).

#include <boost/json/object.hpp>

#include <memory>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "directory/mail_domain_service.h"
#include "directory/org_directory.h"
#include "directory/organization_service.h"
#include "mailbox/mailbox_service.h"
#include "protocols/admin_api/dispatcher.h"
#include "protocols/admin_api/pagination_token.h"

namespace skerry::admin_api {

// Borrowed by every handler; all outlive the dispatcher.
struct CommandDeps {
  directory::OrganizationService* organizations = nullptr;
  directory::OrgDirectory* directory = nullptr;
  directory::MailDomainService* domains = nullptr;
  mailbox::MailboxService* mailboxes = nullptr;
  const PaginationTokens* pagination = nullptr;
  Random* random = nullptr;
  Clock* clock = nullptr;
};

// The services one family of commands builds for itself and keeps alive as long as the
// dispatcher (the AdminApi owns these).
struct CommandSet {
  virtual ~CommandSet() = default;
};

using Json = boost::json::object;

// One function per operation, each in commands/<operation>.cc.
Result<Json> CreateOrganization(const CommandDeps& deps, const RequestContext& context, const Json& input);
Result<Json> DescribeOrganization(const CommandDeps& deps, const RequestContext& context, const Json& input);
Result<Json> ListOrganizations(const CommandDeps& deps, const RequestContext& context, const Json& input);
Result<Json> DeleteOrganization(const CommandDeps& deps, const RequestContext& context, const Json& input);

// Registers every implemented operation; returns the command families' services to keep.
Result<std::vector<std::unique_ptr<CommandSet>>> RegisterCommands(Dispatcher& dispatcher, const CommandDeps& deps);

// Families, each in its own file: users, groups, resources, aliases and entity operations
// (commands/register_directory_commands.cc); access control rules, mobile device access rules
// and overrides, impersonation roles (commands/register_rule_commands.cc).
Result<std::unique_ptr<CommandSet>> RegisterDirectoryCommands(Dispatcher& dispatcher, const CommandDeps& deps);
Result<std::unique_ptr<CommandSet>> RegisterRuleCommands(Dispatcher& dispatcher, const CommandDeps& deps);
// Organization settings: inbound DMARC, retention, email monitoring, tags, mailbox permissions
// (commands/register_settings_commands.cc); availability configurations, mailbox export jobs,
// personal access tokens, identity center and identity provider (commands/register_integration_commands.cc).
Result<std::unique_ptr<CommandSet>> RegisterSettingsCommands(Dispatcher& dispatcher, const CommandDeps& deps);
Result<std::unique_ptr<CommandSet>> RegisterIntegrationCommands(Dispatcher& dispatcher, const CommandDeps& deps);
// Mail domains (commands/register_domain_commands.cc).
Result<std::unique_ptr<CommandSet>> RegisterDomainCommands(Dispatcher& dispatcher, const CommandDeps& deps);

}  // namespace skerry::admin_api
