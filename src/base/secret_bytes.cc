#include "base/secret_bytes.h"

#include <string.h>

namespace skerry {

void SecretBytes::Wipe() {
  // explicit_bzero is not elided by the optimiser, unlike memset before free.
  if (!data_.empty()) explicit_bzero(data_.data(), data_.size());
}

}  // namespace skerry
