#pragma once
// The mail-domain operations (RegisterMailDomain, DeregisterMailDomain, GetMailDomain,
// ListMailDomains, UpdateDefaultMailDomain), one per file in commands/<operation>.cc, over the
// MailDomainService the composition root built (it needs the DNS resolver).

#include "directory/mail_domain_service.h"
#include "protocols/admin_api/commands/command_deps.h"

namespace skerry::admin_api {

using DomainHandler = Result<Json> (*)(directory::MailDomainService&, const CommandDeps&, const Json&);

#define SKERRY_DOMAIN_HANDLER(name) \
  Result<Json> name([[maybe_unused]] directory::MailDomainService& domains, [[maybe_unused]] const CommandDeps& deps, \
                    const Json& input)

SKERRY_DOMAIN_HANDLER(RegisterMailDomain);
SKERRY_DOMAIN_HANDLER(DeregisterMailDomain);
SKERRY_DOMAIN_HANDLER(GetMailDomain);
SKERRY_DOMAIN_HANDLER(ListMailDomains);
SKERRY_DOMAIN_HANDLER(UpdateDefaultMailDomain);

}  // namespace skerry::admin_api
