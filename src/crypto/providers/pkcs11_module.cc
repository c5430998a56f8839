#include "crypto/providers/pkcs11_module.h"

#include <dlfcn.h>
#include <fmt/format.h>

#include <map>
#include <mutex>

namespace skerry::crypto {
namespace {

struct Loaded {
  void* handle = nullptr;
  CK_FUNCTION_LIST* fn = nullptr;
  int refs = 0;
  bool finalize = false;  // we called C_Initialize, so we call C_Finalize
};

// Process-wide registry; the mutex also serialises C_Initialize/C_Finalize against each other.
std::mutex& RegistryMutex() {
  static std::mutex mu;
  return mu;
}
std::map<std::string, Loaded>& Registry() {
  static auto* registry = new std::map<std::string, Loaded>();  // never destroyed: used at exit
  return *registry;
}

}  // namespace

std::string Pkcs11ReturnName(CK_RV rv) {
  // The return values worth naming in an operator's log; others print as hex.
  static constexpr struct {
    CK_RV rv;
    const char* name;
  } kNames[] = {
      {CKR_OK, "CKR_OK"},
      {CKR_GENERAL_ERROR, "CKR_GENERAL_ERROR"},
      {CKR_ARGUMENTS_BAD, "CKR_ARGUMENTS_BAD"},
      {CKR_ATTRIBUTE_SENSITIVE, "CKR_ATTRIBUTE_SENSITIVE"},
      {CKR_ATTRIBUTE_VALUE_INVALID, "CKR_ATTRIBUTE_VALUE_INVALID"},
      {CKR_DEVICE_ERROR, "CKR_DEVICE_ERROR"},
      {CKR_DEVICE_REMOVED, "CKR_DEVICE_REMOVED"},
      {CKR_ENCRYPTED_DATA_INVALID, "CKR_ENCRYPTED_DATA_INVALID"},
      {CKR_ENCRYPTED_DATA_LEN_RANGE, "CKR_ENCRYPTED_DATA_LEN_RANGE"},
      {CKR_KEY_HANDLE_INVALID, "CKR_KEY_HANDLE_INVALID"},
      {CKR_MECHANISM_INVALID, "CKR_MECHANISM_INVALID"},
      {CKR_MECHANISM_PARAM_INVALID, "CKR_MECHANISM_PARAM_INVALID"},
      {CKR_OBJECT_HANDLE_INVALID, "CKR_OBJECT_HANDLE_INVALID"},
      {CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT"},
      {CKR_PIN_LOCKED, "CKR_PIN_LOCKED"},
      {CKR_SESSION_CLOSED, "CKR_SESSION_CLOSED"},
      {CKR_SESSION_HANDLE_INVALID, "CKR_SESSION_HANDLE_INVALID"},
      {CKR_TEMPLATE_INCONSISTENT, "CKR_TEMPLATE_INCONSISTENT"},
      {CKR_TOKEN_NOT_PRESENT, "CKR_TOKEN_NOT_PRESENT"},
      {CKR_USER_NOT_LOGGED_IN, "CKR_USER_NOT_LOGGED_IN"},
      {CKR_BUFFER_TOO_SMALL, "CKR_BUFFER_TOO_SMALL"},
      {CKR_CRYPTOKI_NOT_INITIALIZED, "CKR_CRYPTOKI_NOT_INITIALIZED"},
      {CKR_CRYPTOKI_ALREADY_INITIALIZED, "CKR_CRYPTOKI_ALREADY_INITIALIZED"},
  };
  for (const auto& n : kNames) {
    if (n.rv == rv) return fmt::format("{} (0x{:x})", n.name, rv);
  }
  return fmt::format("CKR 0x{:x}", rv);
}

Result<Pkcs11Module> Pkcs11Module::Acquire(const std::string& path) {
  std::lock_guard lock(RegistryMutex());
  auto& loaded = Registry()[path];
  if (loaded.refs > 0) {
    ++loaded.refs;
    return Pkcs11Module(path, loaded.fn);
  }
  if (loaded.handle == nullptr) {
    // RTLD_NODELETE: some modules (SoftHSM2 among them) register exit-time cleanup, so the
    // code must stay mapped after the last user; a later Acquire reuses the mapping.
    loaded.handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (loaded.handle == nullptr) {
      const char* why = ::dlerror();
      Registry().erase(path);
      return MakeError(ErrorCode::kConfig, fmt::format("cannot load PKCS#11 module {}: {}", path,
                                                       why ? why : "unknown error"));
    }
    auto get_list =
        reinterpret_cast<CK_C_GetFunctionList>(::dlsym(loaded.handle, "C_GetFunctionList"));
    CK_FUNCTION_LIST* fn = nullptr;
    if (get_list == nullptr || get_list(&fn) != CKR_OK || fn == nullptr) {
      ::dlclose(loaded.handle);
      Registry().erase(path);
      return MakeError(ErrorCode::kConfig,
                       fmt::format("{} is not a PKCS#11 module (no C_GetFunctionList)", path));
    }
    loaded.fn = fn;
  }
  // PKCS#11 v2.40 §5.4 C_Initialize: CKF_OS_LOCKING_OK lets the module use native locks, as
  // providers call it from several threads.
  CK_C_INITIALIZE_ARGS args{};
  args.flags = CKF_OS_LOCKING_OK;
  CK_RV rv = loaded.fn->C_Initialize(&args);
  if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
    return MakeError(ErrorCode::kUnavailable,
                     fmt::format("C_Initialize of {}: {}", path, Pkcs11ReturnName(rv)));
  }
  loaded.finalize = rv == CKR_OK;
  loaded.refs = 1;
  return Pkcs11Module(path, loaded.fn);
}

Pkcs11Module::~Pkcs11Module() {
  if (fn_ == nullptr) return;  // moved from
  std::lock_guard lock(RegistryMutex());
  auto it = Registry().find(path_);
  if (it == Registry().end() || --it->second.refs > 0) return;
  if (it->second.finalize) it->second.fn->C_Finalize(nullptr);
  // The handle stays open (RTLD_NODELETE anyway) and is reused by the next Acquire.
}

}  // namespace skerry::crypto
