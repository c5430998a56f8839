#include "protocols/operator_api/operator_api.h"

#include <charconv>
#include <vector>

#include <boost/json.hpp>

#include "base/bytes.h"
#include "formats/json/json_fields.h"
#include "protocols/http/error_response.h"

namespace skerry::operator_api {
namespace json = boost::json;

namespace {
constexpr std::string_view kPrefix = "/skerry/v1/";

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

std::string QueryParam(const std::string& query, std::string_view name) {
  std::string_view q = query;
  while (!q.empty()) {
    auto amp = q.find('&');
    auto kv = q.substr(0, amp);
    auto eq = kv.find('=');
    if (kv.substr(0, eq) == name) return eq == std::string_view::npos ? "" : std::string(kv.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return "";
}

template <typename N>
Result<N> ParseNumber(std::string_view s, std::string_view field, N fallback) {
  if (s.empty()) return fallback;
  N v{};
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    return MakeError(ErrorCode::kInvalidArgument, std::string(field) + " must be a non-negative integer");
  return v;
}

http::Response Ok(const json::value& v, int status = 200) {
  return http::Response::Json(status, json::serialize(v));
}

std::string_view ItemClassName(model::ItemClass c) {
  switch (c) {
    case model::ItemClass::kMail: return "mail";
    case model::ItemClass::kCalendar: return "calendar";
    case model::ItemClass::kContacts: return "contacts";
    case model::ItemClass::kTasks: return "tasks";
    case model::ItemClass::kNotes: return "notes";
  }
  return "mail";
}

Result<model::ItemClass> ParseItemClass(std::string_view s) {
  if (s.empty() || s == "mail") return model::ItemClass::kMail;
  if (s == "calendar") return model::ItemClass::kCalendar;
  if (s == "contacts") return model::ItemClass::kContacts;
  if (s == "tasks") return model::ItemClass::kTasks;
  if (s == "notes") return model::ItemClass::kNotes;
  return MakeError(ErrorCode::kInvalidArgument, "itemClass must be mail, calendar, contacts, tasks or notes");
}

json::object ItemJson(const mailbox::ItemInfo& i) {
  return {{"itemId", i.id},     {"folderId", i.folder_id}, {"uid", i.uid},
          {"size", i.size},     {"flags", i.flags},        {"internalDate", i.internal_date},
          {"modseq", i.modseq}, {"subject", i.subject},    {"from", i.from}};
}

Result<json::object> ParseBody(const std::string& body) {
  if (body.empty()) return json::object{};
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  if (ec || !v.is_object()) return MakeError(ErrorCode::kInvalidArgument, "request body must be a JSON object");
  return v.as_object();
}
}  // namespace

void OperatorApi::Register(http::Router& router) {
  router.AddPrefix("*", std::string(kPrefix), [this](const http::Request& r) { return Handle(r); });
}

http::Response OperatorApi::Handle(const http::Request& request) {
  if (!request.SecureOrLocal())
    return http::ErrorResponse(Error{ErrorCode::kPermissionDenied,
                                     "the operator API is served over HTTPS only (plain HTTP from this "
                                     "host only): use the https listener",
                                     {}});
  const std::string* auth = request.FindHeader("Authorization");
  std::string_view presented = auth && auth->starts_with("Bearer ") ? std::string_view(*auth).substr(7) : "";
  if (token_.empty() || !ConstantTimeEqual(AsBytes(presented), AsBytes(token_)))
    return http::ErrorResponse(Error{ErrorCode::kPermissionDenied, "missing or wrong operator token", {}});

  auto parts = Split(std::string_view(request.path).substr(kPrefix.size()));
  const std::string& m = request.method;
  auto fail = [](const Error& e) { return http::ErrorResponse(e); };

  // POST organizations
  if (parts.size() == 1 && parts[0] == "organizations" && m == "POST") {
    auto body = ParseBody(request.body);
    if (!body) return fail(body.error());
    directory::CreateOrganizationRequest create;
    if (auto provider = formats::JsonString(*body, "keyProvider"), id = formats::JsonString(*body, "keyId"); !id.empty())
      create.customer_key = model::KeyRef{provider.empty() ? "local" : provider, id};
    create.alias = formats::JsonString(*body, "alias");
    if (create.alias.empty()) create.alias = "org-" + HexEncode(random_.Generate(6));
    auto org = orgs_.Create(create);
    if (!org) return fail(org.error());
    return Ok(json::object{{"organizationId", org->record.id}, {"alias", org->attributes.alias},
                           {"keyProvider", org->record.key.provider}, {"keyId", org->record.key.key_id}}, 201);
  }
  // DELETE organizations/{org}
  if (parts.size() == 2 && parts[0] == "organizations" && m == "DELETE") {
    std::string org_id(parts[1]);
    auto org = orgs_.Delete(org_id);
    if (!org) return fail(org.error());
    // A customer-managed key stays the customer's; the mailbox keys under it are gone either way.
    bool org_key_destroyed = directory::OrganizationService::ManagesKey(org->record);
    return Ok(json::object{
        {"organizationId", org_id},
        {"deleted", true},
        {"mailboxKeysDestroyed", true},
        {"organizationKeyDestroyed", org_key_destroyed},
        {"dataReadable", false},
        {"message", "organization " + org_id + ": every mailbox key was destroyed" +
                        (org_key_destroyed ? " and so was the organization key" : "") +
                        "; its mail, calendars and contacts can no longer be decrypted by anyone"}});
  }
  if (!parts.empty() && parts[0] == "access-keys") return HandleAccessKeys(request, parts);
  if (parts.size() >= 3 && parts[0] == "organizations" && (parts[2] == "domains" || parts[2] == "zone") && m == "GET")
    return HandleDomains(request, parts);
  if (parts.size() == 1 && parts[0] == "audit" && m == "GET") return HandleAudit(request);
  // POST organizations/{org}/mailboxes
  if (parts.size() == 3 && parts[0] == "organizations" && parts[2] == "mailboxes" && m == "POST") {
    auto id = mailboxes_.CreateMailbox(std::string(parts[1]));
    return id ? Ok(json::object{{"mailboxId", *id}}, 201) : fail(id.error());
  }
  if (parts.size() < 2 || parts[0] != "mailboxes") return http::Response::Json(404, R"({"error":"NotFound","message":"no such route"})");
  std::string mailbox_id(parts[1]);

  // DELETE mailboxes/{mbx}: crypto-shred
  if (parts.size() == 2 && m == "DELETE") {
    auto s = mailboxes_.DestroyMailbox(mailbox_id);
    if (!s) return fail(s.error());
    return Ok(json::object{{"mailboxId", mailbox_id},
                           {"destroyed", true},
                           {"keyDestroyed", true},
                           {"dataReadable", false},
                           {"message", "mailbox " + mailbox_id +
                                           ": its key was destroyed; its items can no longer be decrypted by anyone"}});
  }
  // GET/POST mailboxes/{mbx}/folders
  if (parts.size() == 3 && parts[2] == "folders") {
    if (m == "GET") {
      auto folders = mailboxes_.ListFolders(mailbox_id);
      if (!folders) return fail(folders.error());
      json::array out;
      for (const auto& f : *folders)
        out.push_back(json::object{{"folderId", f.id}, {"parentId", f.parent_id}, {"name", f.name},
                                   {"itemClass", ItemClassName(f.item_class)},
                                   {"uidValidity", f.uid_validity}, {"uidNext", f.uid_next}});
      return Ok(json::object{{"folders", std::move(out)}});
    }
    if (m == "POST") {
      auto body = ParseBody(request.body);
      if (!body) return fail(body.error());
      auto cls = ParseItemClass(formats::JsonString(*body, "itemClass"));
      if (!cls) return fail(cls.error());
      auto f = mailboxes_.CreateFolder(mailbox_id, formats::JsonString(*body, "parentId"), formats::JsonString(*body, "name"), *cls);
      if (!f) return fail(f.error());
      return Ok(json::object{{"folderId", f->id}, {"name", f->name}}, 201);
    }
  }
  // GET mailboxes/{mbx}/folders/{folder}/items ; POST (raw content body)
  if (parts.size() == 5 && parts[2] == "folders" && parts[4] == "items") {
    std::string folder_id(parts[3]);
    if (m == "POST") {
      auto flags = ParseNumber<std::uint32_t>(QueryParam(request.query, "flags"), "flags", 0);
      if (!flags) return fail(flags.error());
      auto r = mailboxes_.AppendItem(mailbox_id, folder_id, AsBytes(request.body), *flags);
      if (!r) return fail(r.error());
      return Ok(json::object{{"itemId", r->item_id}, {"uid", r->uid}, {"modseq", r->modseq}}, 201);
    }
    if (m == "GET") {
      auto after = ParseNumber<std::uint32_t>(QueryParam(request.query, "afterUid"), "afterUid", 0);
      auto limit = ParseNumber<std::size_t>(QueryParam(request.query, "limit"), "limit", 1000);
      if (!after) return fail(after.error());
      if (!limit) return fail(limit.error());
      auto items = mailboxes_.ListItems(mailbox_id, folder_id, *after, std::min<std::size_t>(*limit, 10000));
      if (!items) return fail(items.error());
      json::array out;
      for (const auto& i : *items) out.push_back(ItemJson(i));
      return Ok(json::object{{"items", std::move(out)}});
    }
  }
  // GET mailboxes/{mbx}/items/{item}[/content]
  if (parts.size() >= 4 && parts[2] == "items" && m == "GET") {
    std::string item_id(parts[3]);
    if (parts.size() == 4) {
      auto i = mailboxes_.GetItem(mailbox_id, item_id);
      return i ? Ok(ItemJson(*i)) : fail(i.error());
    }
    if (parts.size() == 5 && parts[4] == "content") {
      auto offset = ParseNumber<std::uint64_t>(QueryParam(request.query, "offset"), "offset", 0);
      auto length = ParseNumber<std::uint64_t>(QueryParam(request.query, "length"), "length", UINT64_MAX);
      if (!offset) return fail(offset.error());
      if (!length) return fail(length.error());
      auto bytes = mailboxes_.ReadItem(mailbox_id, item_id, *offset, *length);
      if (!bytes) return fail(bytes.error());
      return http::Response{200, "application/octet-stream", ToString(*bytes), {}};
    }
  }
  // DELETE mailboxes/{mbx}/items/{item}
  if (parts.size() == 4 && parts[2] == "items" && m == "DELETE") {
    auto modseq = mailboxes_.DeleteItem(mailbox_id, std::string(parts[3]));
    return modseq ? Ok(json::object{{"modseq", *modseq}}) : fail(modseq.error());
  }
  // GET mailboxes/{mbx}/changes?since=N&limit=M
  if (parts.size() == 3 && parts[2] == "changes" && m == "GET") {
    auto since = ParseNumber<std::uint64_t>(QueryParam(request.query, "since"), "since", 0);
    auto limit = ParseNumber<std::size_t>(QueryParam(request.query, "limit"), "limit", 1000);
    if (!since) return fail(since.error());
    if (!limit) return fail(limit.error());
    auto changes = mailboxes_.ChangesSince(mailbox_id, *since, std::min<std::size_t>(*limit, 10000));
    if (!changes) return fail(changes.error());
    json::array out;
    for (const auto& c : *changes)
      out.push_back(json::object{{"modseq", c.modseq}, {"kind", static_cast<int>(c.kind)},
                                 {"objectId", c.object_id}, {"folderId", c.folder_id}});
    return Ok(json::object{{"changes", std::move(out)}});
  }
  return http::Response::Json(404, R"({"error":"NotFound","message":"no such route"})");
}

// GET audit?fromMs=&toMs=&eventName=&principal=&afterSeq=&limit= → JSON lines, one CloudTrail
// record each, oldest first; the last line's seq continues the listing (X-Skerry-Last-Seq).
http::Response OperatorApi::HandleAudit(const http::Request& request) {
  auto fail = [](const Error& e) { return http::ErrorResponse(e); };
  events::AuditQuery q;
  auto from = ParseNumber<std::int64_t>(QueryParam(request.query, "fromMs"), "fromMs", 0);
  auto to = ParseNumber<std::int64_t>(QueryParam(request.query, "toMs"), "toMs", INT64_MAX);
  auto after = ParseNumber<std::uint64_t>(QueryParam(request.query, "afterSeq"), "afterSeq", 0);
  auto limit = ParseNumber<std::size_t>(QueryParam(request.query, "limit"), "limit", 1000);
  for (const auto* r : {&from, &to}) if (!*r) return fail(r->error());
  if (!after) return fail(after.error());
  if (!limit) return fail(limit.error());
  q.from_ms = *from;
  q.to_ms = *to;
  q.after_seq = *after;
  q.limit = std::min<std::size_t>(*limit, 10000);
  q.event_name = QueryParam(request.query, "eventName");
  q.principal = QueryParam(request.query, "principal");
  auto entries = audit_.Query(q);
  if (!entries) return fail(entries.error());
  std::string body;
  for (const auto& e : *entries) body += e.record_json + "\n";
  http::Response r{200, "application/x-ndjson", std::move(body), {}};
  if (!entries->empty()) r.headers.push_back({"X-Skerry-Last-Seq", std::to_string(entries->back().seq)});
  return r;
}

// POST access-keys {"name","policy"} → the new key, its secret shown once; GET access-keys;
// DELETE access-keys/{id}.
http::Response OperatorApi::HandleAccessKeys(const http::Request& request, const std::vector<std::string_view>& parts) {
  auto fail = [](const Error& e) { return http::ErrorResponse(e); };
  if (parts.size() == 1 && request.method == "POST") {
    auto body = ParseBody(request.body);
    if (!body) return fail(body.error());
    std::string policy = formats::JsonString(*body, "policy");
    auto key = principals_.Create(formats::JsonString(*body, "name"), policy.empty() ? "AmazonWorkMailFullAccess" : policy);
    if (!key) return fail(key.error());
    return Ok(json::object{{"accessKeyId", key->key.access_key_id}, {"secretAccessKey", key->secret_access_key},
                           {"name", key->key.name}, {"policy", key->key.policy}}, 201);
  }
  if (parts.size() == 1 && request.method == "GET") {
    auto keys = principals_.List();
    if (!keys) return fail(keys.error());
    json::array out;
    for (const auto& k : *keys)
      out.push_back(json::object{{"accessKeyId", k.access_key_id}, {"name", k.name}, {"policy", k.policy},
                                 {"createdAt", k.created_at}, {"active", k.active}});
    return Ok(json::object{{"accessKeys", std::move(out)}});
  }
  if (parts.size() == 2 && request.method == "DELETE") {
    auto s = principals_.Delete(std::string(parts[1]));
    return s ? Ok(json::object{{"deleted", true}}) : fail(s.error());
  }
  return http::Response::Json(404, R"({"error":"NotFound","message":"no such route"})");
}

http::Response OperatorApi::HandleDomains(const http::Request& request, const std::vector<std::string_view>& parts) {
  std::string org(parts[1]);
  if (parts.size() == 3 && parts[2] == "zone") {
    auto zone = domains_.ZoneFile(org, QueryParam(request.query, "domain"));
    if (!zone) return http::ErrorResponse(zone.error());
    return http::Response::Text(200, std::move(*zone));
  }
  if (parts.size() != 4) return http::Response::Json(404, R"({"error":"NotFound","message":"no such route"})");
  auto view = domains_.Get(org, std::string(parts[3]), QueryParam(request.query, "check") == "1");
  if (!view) return http::ErrorResponse(view.error());
  json::array records;
  for (const auto& r : view->records)
    records.push_back(json::object{{"purpose", directory::RecordPurposeName(r.record.purpose)},
                                   {"type", r.record.type},
                                   {"hostname", r.record.hostname},
                                   {"value", r.record.value},
                                   {"status", directory::RecordStatusName(r.status)}});
  return Ok(json::object{{"domain", view->name},
                         {"isTest", view->is_test},
                         {"isDefault", view->is_default},
                         {"ownership", directory::RecordStatusName(view->ownership)},
                         {"dkim", directory::RecordStatusName(view->dkim)},
                         {"checkedAt", view->checked_at},
                         {"records", std::move(records)}});
}

}  // namespace skerry::operator_api
