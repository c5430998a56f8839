#include "base/error.h"

#include <gtest/gtest.h>

namespace skerry {
namespace {

TEST(ErrorTest, ToStringNamesCodeDetailAndWhereItWasMade) {
  Error e = MakeError(ErrorCode::kNotFound, "mailbox 42").value();
  EXPECT_EQ(e.ToString().rfind("NotFound: mailbox 42 (src/base/error_test.cc:", 0), 0u) << e.ToString();
}

TEST(ErrorTest, AnErrorWithoutALocationSaysNothingOfOne) {
  Error e{ErrorCode::kConfig, "keys.local.dir: missing", {}};
  EXPECT_EQ(e.ToString(), "Config: keys.local.dir: missing");
}

}  // namespace
}  // namespace skerry
