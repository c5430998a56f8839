// StartMailboxExportJob: records the job (S3 fields as given) for a user or resource that has a
// mailbox. Partial: nothing exports yet — the job stays pending (shown RUNNING, 0 %) until an
// export worker exists. At most 10 active jobs per organization (LimitExceededException).
#include "protocols/admin_api/commands/input_fields.h"
#include "protocols/admin_api/commands/integration_json.h"
#include "protocols/admin_api/wire/api_error.h"

namespace skerry::admin_api {

Result<Json> StartMailboxExportJob(const IntegrationDeps& deps, const RequestContext&, const Json& input) {
  auto org = JsonString(input, "OrganizationId");
  SKERRY_TRY(RequireActiveOrganization(*deps.common, org));
  auto entity = deps.entities->Resolve(org, JsonString(input, "EntityId"),
                                       {directory::EntityType::kUser, directory::EntityType::kResource});
  if (!entity) return IntegrationError(entity.error(), "EntityNotFoundException");
  if (entity->mailbox_id.empty() || entity->state != directory::EntityState::kEnabled)
    return MakeTypedError(ErrorCode::kInvalidArgument, kInvalidParameter,
                          "The entity " + entity->id + " has no mailbox (it is not enabled for WorkMail).");
  directory::ExportJob job;
  job.entity_id = entity->id;
  job.description = JsonString(input, "Description");
  job.role_arn = JsonString(input, "RoleArn");
  job.kms_key_arn = JsonString(input, "KmsKeyArn");
  job.s3_bucket = JsonString(input, "S3BucketName");
  job.s3_prefix = JsonString(input, "S3Prefix");
  auto id = deps.store->StartExportJob(org, std::move(job));
  if (!id) return IntegrationError(id.error(), "EntityNotFoundException");
  return Json{{"JobId", *id}};
}

}  // namespace skerry::admin_api
