#include "cli/workmail_client.h"

#include <chrono>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "base/bytes.h"
#include "base/file_util.h"
#include "formats/json/json_fields.h"
#include "protocols/admin_api/sigv4_signer.h"

namespace skerry::cli {
namespace json = boost::json;

Result<AwsCredentials> CredentialsFromDataDir(const std::filesystem::path& data_dir) {
  auto path = data_dir / "admin-credentials.json";
  auto bytes = SKERRY_TRY(ReadFileBytes(path));
  boost::system::error_code ec;
  auto v = json::parse(AsChars(bytes), ec);
  std::fill(bytes.begin(), bytes.end(), 0);
  if (ec || !v.is_object()) return MakeError(ErrorCode::kCorrupt, fmt::format("{} is not a JSON object", path.string()));
  auto& o = v.as_object();
  AwsCredentials c;
  c.access_key_id = formats::JsonString(o, "accessKeyId");
  auto secret = formats::JsonString(o, "secretAccessKey");
  c.secret = SecretBytes(AsBytes(secret));
  std::fill(secret.begin(), secret.end(), '\0');
  if (auto region = formats::JsonString(o, "region"); !region.empty()) c.region = region;
  if (c.access_key_id.empty() || c.secret.empty())
    return MakeError(ErrorCode::kConfig, fmt::format("{} lacks accessKeyId or secretAccessKey", path.string()));
  return c;
}

Result<json::object> CallWorkMail(const Endpoint& endpoint, const AwsCredentials& credentials,
                                  const std::string& operation, const json::object& input) {
  Endpoint e = endpoint;
  e.token.clear();  // the WorkMail API is signed, not bearer-authenticated
  std::string body = json::serialize(input);
  auto amz_date = admin_api::wire::FormatAmzDate(std::chrono::system_clock::now());
  const std::string content_type = "application/x-amz-json-1.1";
  const std::string target = "WorkMailService." + operation;
  admin_api::wire::HttpRequestView view{"POST", "/", "", {}, body};
  view.headers = {{"Content-Type", content_type}, {"Host", e.host}, {"X-Amz-Date", amz_date}, {"X-Amz-Target", target}};
  admin_api::wire::CredentialScope scope{credentials.access_key_id, amz_date.substr(0, 8), credentials.region,
                                         "workmail"};
  auto authorization = SKERRY_TRY(admin_api::SignSigv4(
      view, {"content-type", "host", "x-amz-date", "x-amz-target"}, credentials.secret, scope, amz_date));
  auto r = SKERRY_TRY(Call(e, "POST", "/", body, content_type,
                           {{"X-Amz-Date", amz_date}, {"X-Amz-Target", target}, {"Authorization", authorization}}));
  boost::system::error_code ec;
  auto v = json::parse(r.body, ec);
  if (ec || !v.is_object())
    return MakeError(ErrorCode::kUnavailable, fmt::format("{}: HTTP {} with a body that is not JSON", operation, r.status));
  auto& o = v.as_object();
  if (r.status >= 200 && r.status < 300) return std::move(o);
  auto type = formats::JsonString(o, "__type");
  if (auto hash = type.rfind('#'); hash != std::string::npos) type = type.substr(hash + 1);
  auto message = formats::JsonString(o, "Message");
  if (message.empty()) message = formats::JsonString(o, "message");
  return MakeError(r.status >= 500 ? ErrorCode::kUnavailable : ErrorCode::kInvalidArgument,
                   fmt::format("{}: {}", type, message));
}

}  // namespace skerry::cli
