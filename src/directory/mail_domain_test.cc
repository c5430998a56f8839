#include "directory/mail_domain.h"

#include <gtest/gtest.h>

#include "directory/mail_domain_checks.h"
#include "directory/mail_domain_records.h"
#include "mailauth/static_resolver.h"

namespace skerry::directory {
namespace {

TEST(MailDomainName, NormalizesAndRefusesMalformedNames) {
  EXPECT_EQ(NormalizeMailDomainName("Example.COM").value(), "example.com");
  EXPECT_EQ(NormalizeMailDomainName("mail.example.com.").value(), "mail.example.com");
  EXPECT_EQ(NormalizeMailDomainName("xn--bcher-kva.example").value(), "xn--bcher-kva.example");
  for (const char* bad : {"example", "a..b", ".example.com", "-a.example.com", "a-.example.com", "ex_ample.com",
                          "ab", "exa mple.com"}) {
    auto r = NormalizeMailDomainName(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().detail.rfind("InvalidParameterException: DomainName", 0), 0u) << r.error().detail;
  }
  EXPECT_FALSE(NormalizeMailDomainName(std::string(64, 'a') + ".com"));
}

TEST(MailDomainJson, RoundTripsEveryField) {
  MailDomain d;
  d.name = "example.com";
  d.registered_at = 1700000000;
  d.verification_token = "0123abcd";
  d.dkim_selector = "skerry";
  d.dkim_private_der = SecretBytes(std::vector<std::uint8_t>{1, 2, 3, 250});
  d.dkim_public = "MIIB";
  d.statuses[RecordPurpose::kMx] = RecordStatus::kInconsistent;
  d.statuses[RecordPurpose::kOwnership] = RecordStatus::kVerified;
  d.checked_at = 1700000100;
  d.ownership_verified_at = 1700000050;
  auto back = MailDomainFromJson(MailDomainToJson(d));
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(back->name, d.name);
  EXPECT_EQ(back->registered_at, d.registered_at);
  EXPECT_EQ(back->verification_token, d.verification_token);
  EXPECT_EQ(back->dkim_selector, d.dkim_selector);
  EXPECT_TRUE(std::equal(back->dkim_private_der.view().begin(), back->dkim_private_der.view().end(),
                         d.dkim_private_der.view().begin(), d.dkim_private_der.view().end()));
  EXPECT_EQ(back->dkim_public, d.dkim_public);
  EXPECT_EQ(back->statuses, d.statuses);
  EXPECT_EQ(back->checked_at, d.checked_at);
  EXPECT_EQ(back->ownership_verified_at, d.ownership_verified_at);
  EXPECT_EQ(back->StatusOf(RecordPurpose::kDkim), RecordStatus::kPending);
  EXPECT_EQ(back->StatusOf(RecordPurpose::kSpf), RecordStatus::kMissing);
}

class MailDomainChecks : public ::testing::Test {
 protected:
  void SetUp() override {
    d_.name = "example.com";
    d_.registered_at = kNow - 3600;
    d_.verification_token = "feedface";
    d_.dkim_selector = "skerry";
    d_.dkim_public = "MIIBIjANBgkqh";
    settings_.mail_host = "mail.skerry.net";
    settings_.autodiscover_host = "mail.skerry.net";
  }
  void PublishAll() {
    for (const auto& r : ExpectedRecords(d_, settings_)) {
      if (r.type == "TXT") dns_.AddTxt(r.hostname, r.value);
      if (r.type == "CNAME") dns_.AddCname(r.hostname, r.value);
      if (r.type == "MX") dns_.AddMx(r.hostname, 10, "MAIL.skerry.net.");
    }
  }
  RecordStatus Status(RecordPurpose p) { return d_.StatusOf(p); }

  static constexpr std::int64_t kNow = 1800000000;
  MailDomain d_;
  DomainRecordSettings settings_;
  mailauth::StaticResolver dns_;
};

TEST_F(MailDomainChecks, NothingPublishedIsPendingThenFailsAfter72Hours) {
  auto report = CheckMailDomain(d_, settings_, dns_, kNow);
  EXPECT_EQ(report.answered, 6);
  EXPECT_EQ(Status(RecordPurpose::kOwnership), RecordStatus::kPending);
  EXPECT_EQ(Status(RecordPurpose::kDkim), RecordStatus::kPending);
  EXPECT_EQ(Status(RecordPurpose::kMx), RecordStatus::kMissing);
  EXPECT_EQ(Status(RecordPurpose::kAutodiscover), RecordStatus::kMissing);
  EXPECT_EQ(Status(RecordPurpose::kSpf), RecordStatus::kMissing);
  EXPECT_EQ(Status(RecordPurpose::kDmarc), RecordStatus::kMissing);
  EXPECT_EQ(d_.checked_at, kNow);
  CheckMailDomain(d_, settings_, dns_, d_.registered_at + kVerificationWindowSeconds);
  EXPECT_EQ(Status(RecordPurpose::kOwnership), RecordStatus::kFailed);
  EXPECT_EQ(Status(RecordPurpose::kDkim), RecordStatus::kFailed);
}

TEST_F(MailDomainChecks, PublishedRecordsVerify) {
  PublishAll();
  CheckMailDomain(d_, settings_, dns_, kNow);
  for (auto p : {RecordPurpose::kOwnership, RecordPurpose::kMx, RecordPurpose::kAutodiscover, RecordPurpose::kDkim,
                 RecordPurpose::kSpf, RecordPurpose::kDmarc})
    EXPECT_EQ(Status(p), RecordStatus::kVerified) << RecordPurposeName(p);
  EXPECT_EQ(d_.ownership_verified_at, kNow);
}

TEST_F(MailDomainChecks, MismatchesAreFailedOrInconsistent) {
  dns_.AddTxt("_skerry.example.com", "skerry-verification=someoneelse");
  dns_.AddTxt("skerry._domainkey.example.com", "v=DKIM1; k=rsa; p=OTHERKEY");
  dns_.AddMx("example.com", 10, "mx.elsewhere.net");
  dns_.AddCname("autodiscover.example.com", "autodiscover.elsewhere.net");
  dns_.AddTxt("example.com", "v=spf1 include:elsewhere.net -all");
  dns_.AddTxt("_dmarc.example.com", "v=DMARC1; p=bogus");
  CheckMailDomain(d_, settings_, dns_, kNow);
  EXPECT_EQ(Status(RecordPurpose::kOwnership), RecordStatus::kFailed);
  EXPECT_EQ(Status(RecordPurpose::kDkim), RecordStatus::kFailed);
  EXPECT_EQ(Status(RecordPurpose::kMx), RecordStatus::kInconsistent);
  EXPECT_EQ(Status(RecordPurpose::kAutodiscover), RecordStatus::kInconsistent);
  EXPECT_EQ(Status(RecordPurpose::kSpf), RecordStatus::kInconsistent);
  EXPECT_EQ(Status(RecordPurpose::kDmarc), RecordStatus::kInconsistent);
}

TEST_F(MailDomainChecks, AdministratorsOwnSpfAndDmarcVariantsAreAccepted) {
  dns_.AddTxt("example.com", "google-site-verification=xyz");
  dns_.AddTxt("example.com", "v=spf1 ip4:192.0.2.0/24 +mx include:_spf.example.net -all");
  dns_.AddTxt("_dmarc.example.com", "v=DMARC1;p=reject;rua=mailto:dmarc@example.com");
  CheckMailDomain(d_, settings_, dns_, kNow);
  EXPECT_EQ(Status(RecordPurpose::kSpf), RecordStatus::kVerified);
  EXPECT_EQ(Status(RecordPurpose::kDmarc), RecordStatus::kVerified);
}

TEST_F(MailDomainChecks, TwoSpfRecordsAreInconsistent) {
  dns_.AddTxt("example.com", "v=spf1 mx ~all");
  dns_.AddTxt("example.com", "v=spf1 a:mail.skerry.net ~all");
  CheckMailDomain(d_, settings_, dns_, kNow);
  EXPECT_EQ(Status(RecordPurpose::kSpf), RecordStatus::kInconsistent);
}

TEST_F(MailDomainChecks, ResolverFailureKeepsTheLastStatus) {
  PublishAll();
  CheckMailDomain(d_, settings_, dns_, kNow);
  ASSERT_EQ(Status(RecordPurpose::kOwnership), RecordStatus::kVerified);
  dns_.Fail("_skerry.example.com");
  dns_.Fail("example.com");
  auto report = CheckMailDomain(d_, settings_, dns_, kNow + 10);
  EXPECT_EQ(report.unanswered, 3);  // ownership TXT, MX, SPF TXT
  EXPECT_EQ(Status(RecordPurpose::kOwnership), RecordStatus::kVerified);
  EXPECT_EQ(Status(RecordPurpose::kMx), RecordStatus::kVerified);
  EXPECT_EQ(Status(RecordPurpose::kSpf), RecordStatus::kVerified);
}

TEST(MailDomainZone, TxtIsSplitAndQuoted) {
  MailDomain d;
  d.name = "example.com";
  d.verification_token = "t";
  d.dkim_selector = "skerry";
  d.dkim_public = std::string(392, 'A');
  DomainRecordSettings s{"mail.skerry.net", "mail.skerry.net", 3600};
  auto zone = RenderZoneFile({{"example.com", ExpectedRecords(d, s)}}, 3600, "header line\nsecond");
  EXPECT_NE(zone.find("; header line\n; second\n$TTL 3600\n"), std::string::npos) << zone;
  EXPECT_NE(zone.find("example.com. 3600 IN MX 10 mail.skerry.net.\n"), std::string::npos) << zone;
  EXPECT_NE(zone.find("autodiscover.example.com. 3600 IN CNAME mail.skerry.net.\n"), std::string::npos);
  EXPECT_NE(zone.find("_skerry.example.com. 3600 IN TXT \"skerry-verification=t\"\n"), std::string::npos);
  // "v=DKIM1; k=rsa; p=" (18) + 392 = 410 characters: one string of 255, one of 155.
  auto dkim = zone.find("skerry._domainkey.example.com. 3600 IN TXT \"v=DKIM1; k=rsa; p=");
  ASSERT_NE(dkim, std::string::npos);
  auto line = zone.substr(dkim, zone.find('\n', dkim) - dkim);
  auto first = line.find('"');
  auto close = line.find('"', first + 1);
  EXPECT_EQ(close - first - 1, 255u);
  EXPECT_EQ(line.substr(close + 1, 2), " \"");
}

}  // namespace
}  // namespace skerry::directory
