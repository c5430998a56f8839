#include "base/integrity.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "base/log.h"
#include "base/temp_dir.h"

namespace skerry {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class IntegrityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ConfigureLogging(LogLevel::kInfo, LogFormat::kText, log_.string()));
  }
  void TearDown() override { ConfigureLogging(LogLevel::kWarn, LogFormat::kText, "stderr"); }

  TempDir dir_{std::filesystem::temp_directory_path(), "integrity-test-"};
  std::filesystem::path log_ = dir_.path() / "log";
};

TEST_F(IntegrityTest, ACorruptReadNamesItsObjectAndIsLoggedOnce) {
  Result<int> failed = MakeError(ErrorCode::kCorrupt, "AES-256-GCM authentication failed");
  auto checked = CheckIntegrity(std::move(failed), "item", "0123abcd");
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, ErrorCode::kCorrupt);
  EXPECT_EQ(checked.error().detail, "item 0123abcd: AES-256-GCM authentication failed");
  auto log = ReadFile(log_);
  EXPECT_NE(log.find("integrity.failure"), std::string::npos) << log;
  EXPECT_NE(log.find("0123abcd"), std::string::npos) << log;
  EXPECT_EQ(log.find("integrity.failure"), log.rfind("integrity.failure")) << log;
}

TEST_F(IntegrityTest, OtherOutcomesPassUnchangedAndUnlogged) {
  Status missing = MakeError(ErrorCode::kNotFound, "no such item");
  auto checked = CheckIntegrity(std::move(missing), "item", "0123abcd");
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().detail, "no such item");
  EXPECT_TRUE(CheckIntegrity(Result<int>(7), "item", "x").value() == 7);
  EXPECT_TRUE(CheckIntegrity(Status(Ok()), "item", "x"));
  EXPECT_EQ(ReadFile(log_).find("integrity.failure"), std::string::npos);
}

}  // namespace
}  // namespace skerry
