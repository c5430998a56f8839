#pragma once
// Pkcs11Module: a PKCS#11 library loaded with dlopen and initialised once per process, shared
// by every provider (and test) that names the same module path. Internal to the PKCS#11
// provider; included only by .cc files so <p11-kit/pkcs11.h> stays out of public headers.
//
// PKCS#11 v2.40 §5.4: C_Initialize is per process, and C_Finalize ends every session of every
// user of the module. So the module is reference-counted: the first Acquire loads and
// initialises, the last release finalises. If something else in the process initialised the
// module first (CKR_CRYPTOKI_ALREADY_INITIALIZED), it is used but never finalised by us.

#include <p11-kit/pkcs11.h>

#include <string>

#include "base/error.h"

namespace skerry::crypto {

class Pkcs11Module {
 public:
  // Loads `path` (or shares an already loaded instance). kConfig when the file cannot be
  // loaded or is not a PKCS#11 module; kUnavailable when C_Initialize fails.
  [[nodiscard]] static Result<Pkcs11Module> Acquire(const std::string& path);

  Pkcs11Module(Pkcs11Module&& other) noexcept : path_(std::move(other.path_)), fn_(other.fn_) {
    other.fn_ = nullptr;
  }
  Pkcs11Module& operator=(Pkcs11Module&&) = delete;
  Pkcs11Module(const Pkcs11Module&) = delete;
  ~Pkcs11Module();

  CK_FUNCTION_LIST* fn() const { return fn_; }
  const std::string& path() const { return path_; }

 private:
  Pkcs11Module(std::string path, CK_FUNCTION_LIST* fn) : path_(std::move(path)), fn_(fn) {}
  std::string path_;
  CK_FUNCTION_LIST* fn_;
};

// "CKR_PIN_INCORRECT (0xa0)" for error details.
std::string Pkcs11ReturnName(CK_RV rv);

}  // namespace skerry::crypto
