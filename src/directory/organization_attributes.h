#pragma once
// What DescribeOrganization shows about an organization, kept as one document sealed by the
// service secrets key (not the organization's own key: it must stay readable after deletion
// destroyed that key, so the organization can still be described as "Deleted").

#include <optional>
#include <string>

#include "base/bytes.h"
#include "base/secret_bytes.h"
#include "base/random.h"

namespace skerry::directory {

struct OrganizationAttributes {
  std::string alias;
  std::string state = "Active";       // WorkMail's strings: Active, Deleted
  std::string default_mail_domain;    // starts as the test domain <alias>.<base>
  std::string directory_id;           // empty: the built-in directory
  std::string directory_type = "WorkMailDirectory";
  std::string region = "us-east-1";   // of the ARN; the creating caller's signing region
  bool interoperability_enabled = false;
  std::int64_t completed_date = 0;    // unix seconds
  std::int64_t deleted_date = 0;
  std::string client_token;           // CreateOrganization's idempotency token
};

Bytes SealOrganizationAttributes(const SecretBytes& key, const std::string& org_id,
                                 const OrganizationAttributes& attributes, Random& random);
Result<OrganizationAttributes> OpenOrganizationAttributes(const SecretBytes& key, const std::string& org_id,
                                                          ByteView sealed);

std::string OrganizationArn(const std::string& region, const std::string& org_id);

}  // namespace skerry::directory
