#pragma once
// `skerry quickstart`: an organization, optionally a mail domain, one user with a mailbox, and
// the settings a mail client needs — made through the WorkMail admin API, so the result is
// exactly what `aws workmail` would have made (and is in the audit trail).

#include <filesystem>
#include <string>

#include "cli/workmail_client.h"

namespace skerry::cli {

struct QuickstartOptions {
  std::string alias;
  std::string domain;        // optional: registered, its DNS records printed
  std::string user = "admin";
  std::string display_name;  // default: the user name
  std::string password;      // default: generated and printed once
};

// Prints progress and the result to stdout; returns the process exit status.
int RunQuickstart(const Endpoint& endpoint, const AwsCredentials& credentials, const std::filesystem::path& data_dir,
                  const QuickstartOptions& options);

}  // namespace skerry::cli
