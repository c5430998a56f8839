// Builds the directory services (users, groups, resources, aliases, entities) over the shared
// OrgDirectory and registers one handler per WorkMail operation.
#include "directory/entity_addresses.h"
#include "protocols/admin_api/commands/directory_commands.h"

namespace skerry::admin_api {
namespace {

directory::MailboxHooks HooksFrom(mailbox::MailboxService& mailboxes) {
  return {[&mailboxes](const std::string& org_id) { return mailboxes.CreateMailbox(org_id); },
          [&mailboxes](const std::string& mailbox_id) { return mailboxes.DestroyMailbox(mailbox_id); }};
}

}  // namespace

Result<std::unique_ptr<CommandSet>> RegisterDirectoryCommands(Dispatcher& dispatcher, const CommandDeps& deps) {
  auto services = std::make_unique<DirectoryServices>(
      *deps.directory, deps.organizations->AsLookup(),
      deps.domains ? deps.domains->AsCheck() : directory::DomainCheck(), HooksFrom(*deps.mailboxes), *deps.clock,
      *deps.random);
  static constexpr std::pair<std::string_view, DirectoryHandler> kTable[] = {
      {"CreateUser", &CreateUser},
      {"DeleteUser", &DeleteUser},
      {"DescribeUser", &DescribeUser},
      {"ListUsers", &ListUsers},
      {"UpdateUser", &UpdateUser},
      {"ResetPassword", &ResetPassword},
      {"GetMailboxDetails", &GetMailboxDetails},
      {"UpdateMailboxQuota", &UpdateMailboxQuota},
      {"RegisterToWorkMail", &RegisterToWorkMail},
      {"DeregisterFromWorkMail", &DeregisterFromWorkMail},
      {"UpdatePrimaryEmailAddress", &UpdatePrimaryEmailAddress},
      {"DescribeEntity", &DescribeEntity},
      {"CreateGroup", &CreateGroup},
      {"DeleteGroup", &DeleteGroup},
      {"DescribeGroup", &DescribeGroup},
      {"ListGroups", &ListGroups},
      {"UpdateGroup", &UpdateGroup},
      {"AssociateMemberToGroup", &AssociateMemberToGroup},
      {"DisassociateMemberFromGroup", &DisassociateMemberFromGroup},
      {"ListGroupMembers", &ListGroupMembers},
      {"ListGroupsForEntity", &ListGroupsForEntity},
      {"CreateResource", &CreateResource},
      {"DeleteResource", &DeleteResource},
      {"DescribeResource", &DescribeResource},
      {"ListResources", &ListResources},
      {"UpdateResource", &UpdateResource},
      {"AssociateDelegateToResource", &AssociateDelegateToResource},
      {"DisassociateDelegateFromResource", &DisassociateDelegateFromResource},
      {"ListResourceDelegates", &ListResourceDelegates},
      {"CreateAlias", &CreateAlias},
      {"DeleteAlias", &DeleteAlias},
      {"ListAliases", &ListAliases},
  };
  // The services live in the returned set, which the AdminApi keeps as long as the dispatcher.
  DirectoryServices* s = services.get();
  for (const auto& [name, fn] : kTable)
    SKERRY_TRY(dispatcher.Register(name, [s, &deps, fn](const RequestContext&, const Json& in) { return fn(*s, deps, in); }));
  return std::unique_ptr<CommandSet>(std::move(services));
}

}  // namespace skerry::admin_api
