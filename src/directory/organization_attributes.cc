#include "directory/organization_attributes.h"

#include <boost/json.hpp>

#include "base/integrity.h"
#include "crypto/sealed_value.h"
#include "formats/json/json_fields.h"

namespace skerry::directory {
namespace json = boost::json;

namespace {
std::string Context(const std::string& org_id) { return "organization/" + org_id + "/attributes"; }

}  // namespace

std::string OrganizationArn(const std::string& region, const std::string& org_id) {
  return "arn:aws:workmail:" + region + ":000000000000:organization/" + org_id;
}

Bytes SealOrganizationAttributes(const SecretBytes& key, const std::string& org_id,
                                 const OrganizationAttributes& a, Random& random) {
  json::object o{{"alias", a.alias},
                 {"state", a.state},
                 {"defaultMailDomain", a.default_mail_domain},
                 {"directoryId", a.directory_id},
                 {"directoryType", a.directory_type},
                 {"region", a.region},
                 {"interoperability", a.interoperability_enabled},
                 {"completedDate", a.completed_date},
                 {"deletedDate", a.deleted_date},
                 {"clientToken", a.client_token}};
  return crypto::SealValue(key, Context(org_id), AsBytes(json::serialize(o)), random);
}

Result<OrganizationAttributes> OpenOrganizationAttributes(const SecretBytes& key, const std::string& org_id,
                                                          ByteView sealed) {
  auto plain = SKERRY_TRY(CheckIntegrity(crypto::OpenValue(key, Context(org_id), sealed), "organization", org_id));
  boost::system::error_code ec;
  auto v = json::parse(AsChars(plain), ec);
  if (ec || !v.is_object()) return MakeError(ErrorCode::kCorrupt, "organization " + org_id + ": attributes are not JSON");
  const auto& o = v.as_object();
  OrganizationAttributes a;
  a.alias = formats::JsonString(o, "alias");
  a.state = formats::JsonString(o, "state");
  a.default_mail_domain = formats::JsonString(o, "defaultMailDomain");
  a.directory_id = formats::JsonString(o, "directoryId");
  a.directory_type = formats::JsonString(o, "directoryType");
  a.region = formats::JsonString(o, "region");
  a.interoperability_enabled = formats::JsonBool(o, "interoperability");
  a.completed_date = formats::JsonInt(o, "completedDate");
  a.deleted_date = formats::JsonInt(o, "deletedDate");
  a.client_token = formats::JsonString(o, "clientToken");
  return a;
}

}  // namespace skerry::directory
