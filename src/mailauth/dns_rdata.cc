#include "mailauth/dns_rdata.h"

#include <arpa/inet.h>

#include <cctype>

#include <fmt/format.h>

#include "base/ascii.h"

namespace skerry::mailauth {

std::string_view DnsTypeName(DnsType type) {
  switch (type) {
    case DnsType::kA: return "A";
    case DnsType::kNs: return "NS";
    case DnsType::kCname: return "CNAME";
    case DnsType::kMx: return "MX";
    case DnsType::kTxt: return "TXT";
    case DnsType::kAaaa: return "AAAA";
  }
  return "?";
}

std::string NormalizeDnsName(std::string_view name) {
  std::string out = AsciiLower(name);
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

Result<std::string> DecodeWireName(std::span<const std::uint8_t> data, std::size_t& consumed) {
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    if (pos >= data.size()) return MakeError(ErrorCode::kInvalidArgument, "DNS name is truncated");
    std::uint8_t len = data[pos++];
    if (len == 0) break;
    if (len > 63) return MakeError(ErrorCode::kInvalidArgument, "DNS label longer than 63 or compressed");
    if (pos + len > data.size()) return MakeError(ErrorCode::kInvalidArgument, "DNS label is truncated");
    if (!out.empty()) out.push_back('.');
    for (std::size_t i = 0; i < len; ++i)
      out.push_back(static_cast<char>(std::tolower(data[pos + i])));
    pos += len;
    if (out.size() > 253) return MakeError(ErrorCode::kInvalidArgument, "DNS name longer than 253");
  }
  consumed = pos;
  return out;
}

Result<std::string> DecodeTxt(std::span<const std::uint8_t> rdata) {
  std::string out;
  std::size_t pos = 0;
  while (pos < rdata.size()) {
    std::uint8_t len = rdata[pos++];
    if (pos + len > rdata.size()) return MakeError(ErrorCode::kInvalidArgument, "TXT string is truncated");
    out.append(reinterpret_cast<const char*>(rdata.data() + pos), len);
    pos += len;
  }
  return out;
}

Result<MxRecord> DecodeMx(std::span<const std::uint8_t> rdata) {
  if (rdata.size() < 3) return MakeError(ErrorCode::kInvalidArgument, "MX record is truncated");
  MxRecord mx;
  mx.preference = static_cast<std::uint16_t>(rdata[0] << 8 | rdata[1]);
  std::size_t used = 0;
  mx.host = SKERRY_TRY(DecodeWireName(rdata.subspan(2), used));
  return mx;
}

Result<std::string> DecodeAddress(std::span<const std::uint8_t> rdata) {
  char text[INET6_ADDRSTRLEN] = {};
  if (rdata.size() == 4) {
    inet_ntop(AF_INET, rdata.data(), text, sizeof text);
  } else if (rdata.size() == 16) {
    inet_ntop(AF_INET6, rdata.data(), text, sizeof text);
  } else {
    return MakeError(ErrorCode::kInvalidArgument, fmt::format("address record of {} bytes", rdata.size()));
  }
  return std::string(text);
}

Status AppendRdata(DnsType type, std::span<const std::uint8_t> rdata, DnsAnswer& answer) {
  switch (type) {
    case DnsType::kTxt:
      answer.texts.push_back(SKERRY_TRY(DecodeTxt(rdata)));
      return Ok();
    case DnsType::kMx:
      answer.mx.push_back(SKERRY_TRY(DecodeMx(rdata)));
      return Ok();
    case DnsType::kCname:
    case DnsType::kNs: {
      std::size_t used = 0;
      answer.names.push_back(SKERRY_TRY(DecodeWireName(rdata, used)));
      return Ok();
    }
    case DnsType::kA:
    case DnsType::kAaaa:
      answer.addresses.push_back(SKERRY_TRY(DecodeAddress(rdata)));
      return Ok();
  }
  return MakeError(ErrorCode::kInvalidArgument, "unsupported record type");
}

}  // namespace skerry::mailauth
