#pragma once
// The `skerry` CLI's client for the WorkMail admin API: JSON 1.1 over HTTPS, signed with SigV4
// using the access key in DIR/admin-credentials.json — the same API and the same checks
// (IAM policy, audit trail) as `aws workmail`.

#include <filesystem>
#include <string>

#include <boost/json/object.hpp>

#include "base/secret_bytes.h"
#include "cli/operator_client.h"

namespace skerry::cli {

struct AwsCredentials {
  std::string access_key_id;
  SecretBytes secret;
  std::string region = "us-east-1";
};

// DIR/admin-credentials.json (written 0600 by skerryd's first start).
Result<AwsCredentials> CredentialsFromDataDir(const std::filesystem::path& data_dir);

// A failed call keeps WorkMail's exception name and message.
struct WorkMailError {
  std::string type;
  std::string message;
};

// Calls `operation` with `input`; the decoded reply, or an Error whose detail is
// "<ExceptionName>: <message>".
Result<boost::json::object> CallWorkMail(const Endpoint& endpoint, const AwsCredentials& credentials,
                                         const std::string& operation, const boost::json::object& input);

}  // namespace skerry::cli
