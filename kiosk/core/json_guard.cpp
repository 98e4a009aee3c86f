#include "json_guard.h"
#include <nlohmann/json.hpp>

namespace kiosk {

bool json_nested_deeper_than(std::string_view bytes, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : bytes) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::string json_kind_name(const nlohmann::json& value) {
  using value_t = nlohmann::json::value_t;
  switch (value.type()) {
    case value_t::null: return "null";
    case value_t::boolean: return "true/false";
    case value_t::number_integer:
    case value_t::number_unsigned: return "a whole number";
    case value_t::number_float: return "a decimal number";
    case value_t::string: return "a string";
    case value_t::array: return "an array";
    case value_t::object: return "an object";
    default: return "something else";
  }
}

}  // namespace kiosk
