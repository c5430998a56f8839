#include "base/integrity.h"

#include <string>

#include "base/log.h"
#include "base/log_events.h"

namespace skerry {

Error ReportCorruption(Error e, std::string_view object, std::string_view id) {
  Log(LogLevel::kError, ev::kIntegrityFailure,
      {{"object", object}, {"id", id}, {"error", e.detail}});
  e.detail = std::string(object) + " " + std::string(id) + ": " + e.detail;
  return e;
}

}  // namespace skerry
