#include "protocols/http/http_types.h"

#include <strings.h>

namespace skerry::http {

const std::string* Request::FindHeader(std::string_view name) const {
  for (const auto& h : headers)
    if (h.name.size() == name.size() && strncasecmp(h.name.data(), name.data(), name.size()) == 0)
      return &h.value;
  return nullptr;
}

}  // namespace skerry::http
