#include "protocols/admin_api/dispatcher.h"

namespace skerry::admin_api {

Status Dispatcher::Register(std::string_view operation, OperationHandler handler) {
  if (model::FindOperation(operation) == nullptr) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "not a WorkMail operation: " + std::string(operation));
  }
  if (!handler)
    return MakeError(ErrorCode::kInvalidArgument, "empty handler for " + std::string(operation));
  auto [it, inserted] = handlers_.emplace(std::string(operation), std::move(handler));
  if (!inserted)
    return MakeError(ErrorCode::kAlreadyExists,
                     "handler already registered: " + std::string(operation));
  return Ok();
}

const OperationHandler* Dispatcher::Find(std::string_view operation) const {
  auto it = handlers_.find(operation);
  return it == handlers_.end() ? nullptr : &it->second;
}

std::vector<std::string> Dispatcher::RegisteredOperations() const {
  std::vector<std::string> names;
  for (const auto& [name, handler] : handlers_) names.push_back(name);
  return names;
}

}  // namespace skerry::admin_api
