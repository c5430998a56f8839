#include "directory/organization_attributes.h"

#include <boost/json.hpp>

#include "crypto/sealed_value.h"

namespace skerry::directory {
namespace json = boost::json;

namespace {
std::string Context(const std::string& org_id) { return "organization/" + org_id + "/attributes"; }

std::string Str(const json::object& o, std::string_view k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
std::int64_t Int(const json::object& o, std::string_view k) {
  auto* v = o.if_contains(k);
  return v && v->is_int64() ? v->as_int64() : 0;
}
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
  auto plain = SKERRY_TRY(crypto::OpenValue(key, Context(org_id), sealed));
  boost::system::error_code ec;
  auto v = json::parse(AsChars(plain), ec);
  if (ec || !v.is_object()) return MakeError(ErrorCode::kCorrupt, "organization " + org_id + ": attributes are not JSON");
  const auto& o = v.as_object();
  OrganizationAttributes a;
  a.alias = Str(o, "alias");
  a.state = Str(o, "state");
  a.default_mail_domain = Str(o, "defaultMailDomain");
  a.directory_id = Str(o, "directoryId");
  a.directory_type = Str(o, "directoryType");
  a.region = Str(o, "region");
  auto* interop = o.if_contains("interoperability");
  a.interoperability_enabled = interop && interop->is_bool() && interop->as_bool();
  a.completed_date = Int(o, "completedDate");
  a.deleted_date = Int(o, "deletedDate");
  a.client_token = Str(o, "clientToken");
  return a;
}

}  // namespace skerry::directory
