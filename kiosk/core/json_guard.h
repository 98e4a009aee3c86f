// Helpers for reading untrusted JSON (consultation files, hub request bodies).
#pragma once
#include <string>
#include <string_view>
#include <nlohmann/json_fwd.hpp>

namespace kiosk {

// nlohmann's parser is iterative, but copying, comparing and destroying a value recurse once
// per level: hostile nesting is refused by this byte scan before anything is parsed.
bool json_nested_deeper_than(std::string_view bytes, int max_depth);

// A value's kind in plain words for error messages: "a string", "a whole number"...
std::string json_kind_name(const nlohmann::json& value);

}  // namespace kiosk
