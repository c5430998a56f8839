#pragma once
// An organization's settings that are one value each (wire reference §15): inbound DMARC
// enforcement, the default retention policy, the email monitoring configuration and the
// organization's tags, kept as one sealed OrgDirectory document ("organization-settings"/"all").
//
// Defaults: DMARC enforcement is on for a new organization (administrator guide, "Enforcing
// DMARC policies on incoming email"); no retention policy, no monitoring configuration, no tags.
//
// Errors carry WorkMail's exception names (directory_errors.h): InvalidParameterException for a
// malformed policy or tag, LimitExceededException for a second retention policy,
// EntityNotFoundException when no retention policy is set, ResourceNotFoundException when no
// monitoring configuration is set, TooManyTagsException past kMaxTags.
//
// REQUIRES of every call: the organization exists and is active (the caller checks).
// Thread-safe (read-modify-write under a mutex and the document's version); blocking.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "base/random.h"
#include "directory/org_directory.h"

namespace skerry::directory {

inline constexpr std::size_t kMaxTags = 50;  // guide: "You can add up to 50 tags."

struct FolderConfiguration {
  std::string name;    // FolderName: INBOX, DELETED_ITEMS, SENT_ITEMS, DRAFTS, JUNK_EMAIL
  std::string action;  // RetentionAction: NONE, DELETE, PERMANENTLY_DELETE
  std::optional<std::int64_t> period;  // days, 1..730; required unless the action is NONE
};

struct RetentionPolicy {
  std::string id;
  std::string name;
  std::string description;
  std::vector<FolderConfiguration> folders;
};

struct EmailMonitoring {
  std::string role_arn;  // optional in the newer model
  std::string log_group_arn;
};

struct Tag {
  std::string key;
  std::string value;
};

// Wire-shaped JSON (the stored shape too). The FromJson forms check only types and presence.
boost::json::object RetentionPolicyToJson(const RetentionPolicy& policy);
Result<RetentionPolicy> RetentionPolicyFromJson(const boost::json::object& in);
boost::json::object TagToJson(const Tag& tag);
Result<Tag> TagFromJson(const boost::json::object& in);

// InvalidParameterException for an unknown folder or action, a folder named twice, a Period
// missing for DELETE/PERMANENTLY_DELETE, or given with NONE, or outside 1..730.
Status ValidateRetentionPolicy(const RetentionPolicy& policy);
// InvalidParameterException for an empty or over-long key, a reserved "aws:" prefix, an
// over-long value, or characters outside [\p{L}\p{Z}\p{N}_.:/=+\-@] (ASCII subset here).
Status ValidateTag(const Tag& tag);

class SettingsStore {
 public:
  SettingsStore(OrgDirectory& directory, Random& random) : directory_(directory), random_(random) {}

  Result<bool> InboundDmarcEnforced(const std::string& org);
  Status PutInboundDmarc(const std::string& org, bool enforced);

  Result<RetentionPolicy> DefaultRetentionPolicy(const std::string& org);  // EntityNotFoundException
  // Creates the policy (a new id when none is given) or replaces it. A policy exists: `id` empty
  // or equal to its id replaces it (keeping the id); another id is LimitExceededException (one
  // policy per organization). No policy and an id given: the id is kept.
  Result<std::string> PutRetentionPolicy(const std::string& org, RetentionPolicy policy);
  Status DeleteRetentionPolicy(const std::string& org, const std::string& id);  // other/absent: OK

  Result<EmailMonitoring> EmailMonitoringConfiguration(const std::string& org);  // ResourceNotFoundException
  Status PutEmailMonitoring(const std::string& org, const EmailMonitoring& config);
  Status DeleteEmailMonitoring(const std::string& org);  // absent: OK

  // In key order.
  Result<std::vector<Tag>> Tags(const std::string& org);
  // Adds or overwrites; TooManyTagsException when the result would exceed kMaxTags (nothing
  // changes); InvalidParameterException for a bad tag or a key given twice.
  Status TagResource(const std::string& org, const std::vector<Tag>& tags);
  Status UntagResource(const std::string& org, const std::vector<std::string>& keys);  // absent keys: OK

 private:
  Result<Document> Load(const std::string& org);
  Status Save(const std::string& org, Document& doc);

  OrgDirectory& directory_;
  Random& random_;
  std::mutex mutex_;
};

}  // namespace skerry::directory
