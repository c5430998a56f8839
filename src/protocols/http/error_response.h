#pragma once
// Maps the domain error enum to HTTP statuses and a JSON body, in one place for every JSON API
// served over HTTP (DESIGN §6: "protocol errors map from one domain error enum in one file").

#include "base/error.h"
#include "protocols/http/http_types.h"

namespace skerry::http {

int HttpStatusFor(ErrorCode code);
// {"error":"NotFound","message":"..."}
Response ErrorResponse(const Error& error);

}  // namespace skerry::http
