#pragma once
// The WorkMail operations on users, groups, resources, aliases and entities: the services they
// share (built once by RegisterDirectoryCommands and kept alive with the dispatcher), and one
// handler per operation, each in commands/<operation>.cc.

#include "directory/entity_service.h"
#include "directory/entity_store.h"
#include "directory/group_service.h"
#include "directory/resource_service.h"
#include "directory/user_service.h"
#include "protocols/admin_api/commands/command_deps.h"
#include "protocols/admin_api/commands/list_page.h"

namespace skerry::admin_api {

struct DirectoryServices : CommandSet {
  DirectoryServices(directory::OrgDirectory& dir, directory::OrgLookup orgs, directory::DomainCheck domains,
                    directory::MailboxHooks hooks, Clock& clock, Random& random)
      : store(dir, std::move(orgs), clock, random, std::move(domains)),
        entities(store, std::move(hooks)),
        users(store),
        groups(store),
        resources(store) {}

  directory::EntityStore store;
  directory::EntityService entities;
  directory::UserService users;
  directory::GroupService groups;
  directory::ResourceService resources;
};

// The response of ListUsers, ListGroups and ListResources: one page of entity summaries.
Result<Json> EntityPageResponse(const CommandDeps& deps, const PageRequest& page, std::string_view operation,
                                std::string_view result_key, const directory::EntityPage& entities,
                                Json (*summary)(const directory::Entity&));

using DirectoryHandler = Result<Json> (*)(DirectoryServices&, const CommandDeps&, const Json&);

#define SKERRY_DIRECTORY_HANDLER(name) \
  Result<Json> name(DirectoryServices& s, const CommandDeps& deps, const Json& input)

SKERRY_DIRECTORY_HANDLER(CreateUser);
SKERRY_DIRECTORY_HANDLER(DeleteUser);
SKERRY_DIRECTORY_HANDLER(DescribeUser);
SKERRY_DIRECTORY_HANDLER(ListUsers);
SKERRY_DIRECTORY_HANDLER(UpdateUser);
SKERRY_DIRECTORY_HANDLER(ResetPassword);
SKERRY_DIRECTORY_HANDLER(GetMailboxDetails);
SKERRY_DIRECTORY_HANDLER(UpdateMailboxQuota);

SKERRY_DIRECTORY_HANDLER(RegisterToWorkMail);
SKERRY_DIRECTORY_HANDLER(DeregisterFromWorkMail);
SKERRY_DIRECTORY_HANDLER(UpdatePrimaryEmailAddress);
SKERRY_DIRECTORY_HANDLER(DescribeEntity);

SKERRY_DIRECTORY_HANDLER(CreateGroup);
SKERRY_DIRECTORY_HANDLER(DeleteGroup);
SKERRY_DIRECTORY_HANDLER(DescribeGroup);
SKERRY_DIRECTORY_HANDLER(ListGroups);
SKERRY_DIRECTORY_HANDLER(UpdateGroup);
SKERRY_DIRECTORY_HANDLER(AssociateMemberToGroup);
SKERRY_DIRECTORY_HANDLER(DisassociateMemberFromGroup);
SKERRY_DIRECTORY_HANDLER(ListGroupMembers);
SKERRY_DIRECTORY_HANDLER(ListGroupsForEntity);

SKERRY_DIRECTORY_HANDLER(CreateResource);
SKERRY_DIRECTORY_HANDLER(DeleteResource);
SKERRY_DIRECTORY_HANDLER(DescribeResource);
SKERRY_DIRECTORY_HANDLER(ListResources);
SKERRY_DIRECTORY_HANDLER(UpdateResource);
SKERRY_DIRECTORY_HANDLER(AssociateDelegateToResource);
SKERRY_DIRECTORY_HANDLER(DisassociateDelegateFromResource);
SKERRY_DIRECTORY_HANDLER(ListResourceDelegates);

SKERRY_DIRECTORY_HANDLER(CreateAlias);
SKERRY_DIRECTORY_HANDLER(DeleteAlias);
SKERRY_DIRECTORY_HANDLER(ListAliases);

}  // namespace skerry::admin_api
