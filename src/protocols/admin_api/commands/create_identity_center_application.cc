// CreateIdentityCenterApplication: answers the application's ARN in the model's pattern,
// arn:<partition>:sso::000000000000:application/<instance>/apl-<16 hex>, the partition and
// instance taken from InstanceArn. Partial: there is no Identity Center here — the application
// is not recorded anywhere (ClientToken retries get the same ARN through the gate's idempotency).
#include "base/ids.h"
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> CreateIdentityCenterApplication(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto instance_arn = JsonString(input, "InstanceArn");  // arn:<partition>:sso:::instance/<instance>
  auto partition_end = instance_arn.find(':', 4);
  auto slash = instance_arn.rfind('/');
  if (partition_end == std::string::npos || slash == std::string::npos)
    return MakeTypedError(ErrorCode::kInvalidArgument, kInvalidParameter, "InstanceArn is not an instance ARN.");
  auto partition = instance_arn.substr(4, partition_end - 4);
  auto instance = instance_arn.substr(slash + 1);
  auto app = NewHexId(*deps.common->random).substr(0, 16);
  return Json{{"ApplicationArn",
               "arn:" + partition + ":sso::000000000000:application/" + instance + "/apl-" + app}};
}

}  // namespace skerry::admin_api
