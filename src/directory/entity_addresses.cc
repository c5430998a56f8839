#include "directory/entity_addresses.h"

namespace skerry::directory {

std::string DomainOf(std::string_view address) {
  auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : AsciiLower(address.substr(at + 1));
}

}  // namespace skerry::directory
