// UpdateResource: name, booking options (members given change, others stay), description,
// type, GAL visibility.
#include "protocols/admin_api/commands/directory_commands.h"
#include "protocols/admin_api/commands/directory_json.h"
#include "protocols/admin_api/commands/input_fields.h"

namespace skerry::admin_api {

SKERRY_DIRECTORY_HANDLER(UpdateResource) {
  (void)deps;
  directory::UpdateResourceRequest r;
  r.name = OptionalString(input, "Name");
  if (auto* b = input.if_contains("BookingOptions"); b && b->is_object()) {
    r.auto_accept_requests = OptionalBool(b->as_object(), "AutoAcceptRequests");
    r.auto_decline_recurring_requests = OptionalBool(b->as_object(), "AutoDeclineRecurringRequests");
    r.auto_decline_conflicting_requests = OptionalBool(b->as_object(), "AutoDeclineConflictingRequests");
  }
  r.description = OptionalString(input, "Description");
  r.type = OptionalString(input, "Type");
  r.hidden_from_gal = OptionalBool(input, "HiddenFromGlobalAddressList");
  SKERRY_TRY(s.resources.Update(JsonString(input, "OrganizationId"), JsonString(input, "ResourceId"), r));
  return Json{};
}

}  // namespace skerry::admin_api
