#pragma once
// Reading members of an already validated input (the validator guaranteed types and
// constraints, so absent members are the only case left): the shared JSON readers.

#include "formats/json/json_fields.h"

namespace skerry::admin_api {

using formats::JsonBool;
using formats::JsonInt;
using formats::JsonString;
using formats::JsonStrings;

}  // namespace skerry::admin_api
