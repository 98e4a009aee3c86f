// Robustness of the consultation loader: whatever the bytes, it returns, and its answer is
// consistent. Fixed seeds keep every run the same, so a failure can be replayed.
#include <doctest/doctest.h>

#include <fstream>
#include <algorithm>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <nlohmann/json.hpp>

#include "core/consultation_loader.h"

using nlohmann::json;

namespace {

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The bundled file is large, and parsing is slow in a sanitised Debug build, so most cases
// start from small files; every-type.json still has every question type and kind of show_if.
std::string bundled_bytes() {
  return read_bytes(KIOSK_SOURCE_ASSETS "/consultations/residents-conversation.json");
}
std::string test_bytes(const char* name) {
  return read_bytes(KIOSK_TEST_DATA "/consultations/" + std::string(name));
}

// Loads `bytes` and checks the only promises that hold for any input. Returns 1 (one case).
int check_loads(const std::string& bytes) {
  const kiosk::LoadResult result = kiosk::load_consultation(bytes);
  if (result.ok()) CHECK(result.problems.empty());
  if (!result.problems.empty()) CHECK_FALSE(result.ok());
  CHECK(result.consultation.has_value() == result.problems.empty());
  for (const auto& problem : result.problems) CHECK_FALSE(problem.message.empty());
  return 1;
}

std::size_t pick(std::mt19937& rng, std::size_t size) {
  return std::uniform_int_distribution<std::size_t>(0, size - 1)(rng);
}

// One random edit of the kinds a corrupted or badly edited file shows.
void mutate(std::string& bytes, std::mt19937& rng) {
  static const std::string kSignificant = "{}[]\",:\\0123456789-.eEtrufalsn \n\x80\xff";
  const std::size_t at = pick(rng, bytes.size() + 1);
  const std::size_t span = std::min<std::size_t>(1 + pick(rng, 64), bytes.size() - std::min(at, bytes.size()));
  switch (pick(rng, 5)) {
    case 0:  // flip a bit
      if (at < bytes.size()) bytes[at] = static_cast<char>(bytes[at] ^ (1 << pick(rng, 8)));
      break;
    case 1:  // insert a byte, usually one that matters to JSON
      bytes.insert(at, 1, pick(rng, 4) ? kSignificant[pick(rng, kSignificant.size())]
                                        : static_cast<char>(pick(rng, 256)));
      break;
    case 2:  // delete a span
      bytes.erase(std::min(at, bytes.size()), span);
      break;
    case 3:  // duplicate a span
      if (at < bytes.size()) bytes.insert(at, bytes.substr(at, span));
      break;
    case 4:  // move a span elsewhere
      if (at < bytes.size()) {
        const std::string moved = bytes.substr(at, span);
        bytes.erase(at, span);
        bytes.insert(pick(rng, bytes.size() + 1), moved);
      }
      break;
  }
}

// A random value, biased towards the format's own keys, types and ids, so that most
// documents parse and reach the checks rather than stopping at the parser.
json random_value(std::mt19937& rng, int depth) {
  static const char* kKeys[] = {"format", "id", "version", "languages", "title", "intro",
                                "privacy", "thank_you", "questions", "type", "options", "label",
                                "en", "pl", "show_if", "question", "any_of", "other",
                                "prefer_not_to_say", "min_select", "max_select", "rating_labels",
                                "low_label", "high_label", "max_length", "rank_count", "required",
                                "help", "?"};
  static const char* kStrings[] = {"", "en", "q1", "q2", "a", "b", "agreed", "5", "11",
                                   "single_choice", "multiple_choice", "rating", "scale",
                                   "ranking", "area", "consent", "info", "free_text", "\n", "\x01"};
  const std::size_t kind = pick(rng, depth > 5 ? 5 : 8);
  switch (kind) {
    case 0: return nullptr;
    case 1: return pick(rng, 2) == 1;
    case 2: return static_cast<long long>(pick(rng, 12)) - 2;
    case 3: return pick(rng, 2) ? json(-1e300) : json(std::uint64_t{18446744073709551615ull});
    case 4: return kStrings[pick(rng, std::size(kStrings))];
    case 5:
    case 6: {
      json object = json::object();
      for (std::size_t i = pick(rng, 6); i > 0; --i)
        object[kKeys[pick(rng, std::size(kKeys))]] = random_value(rng, depth + 1);
      return object;
    }
    default: {
      json array = json::array();
      for (std::size_t i = pick(rng, 6); i > 0; --i) array.push_back(random_value(rng, depth + 1));
      return array;
    }
  }
}

// Replaces one node of a parsed consultation with a random value (or removes it).
void mutate_tree(json& node, std::mt19937& rng) {
  if (node.is_structured() && !node.empty() && pick(rng, 3)) {
    auto it = std::next(node.begin(), static_cast<long>(pick(rng, node.size())));
    if (pick(rng, 8) == 0) {
      node.erase(it);
      return;
    }
    mutate_tree(*it, rng);
    return;
  }
  node = random_value(rng, 0);
}

}  // namespace

TEST_CASE("consultation loader fuzz: truncations") {
  int cases = 0;
  const std::string bundled = bundled_bytes();
  REQUIRE(bundled.size() > 10000);
  for (std::size_t length = 0; length < bundled.size(); length += bundled.size() / 50 + 1)
    cases += check_loads(bundled.substr(0, length));  // about 50 prefixes, evenly spread
  const std::string small = test_bytes("every-type.json");
  REQUIRE(small.size() > 1000);
  for (std::size_t length = 0; length < small.size(); length += 3)
    cases += check_loads(small.substr(0, length));
  CHECK(cases > 700);
}

TEST_CASE("consultation loader fuzz: byte mutations") {
  const std::string originals[] = {test_bytes("minimal.json"), test_bytes("every-type.json")};
  std::mt19937 rng(20240611);
  int cases = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string bytes = originals[i % 2];
    for (std::size_t edits = 1 + pick(rng, 4); edits > 0; --edits) mutate(bytes, rng);
    cases += check_loads(bytes);
  }
  CHECK(cases == 1500);
}

TEST_CASE("consultation loader fuzz: structural mutations") {
  const json original = json::parse(test_bytes("every-type.json"));
  std::mt19937 rng(7);
  int cases = 0;
  for (int i = 0; i < 600; ++i) {
    json consultation = original;
    for (std::size_t edits = 1 + pick(rng, 3); edits > 0; --edits) mutate_tree(consultation, rng);
    cases += check_loads(consultation.dump());
  }
  CHECK(cases == 600);
}

TEST_CASE("consultation loader fuzz: random bytes and token soup") {
  std::mt19937 rng(42);
  static const char* kTokens[] = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\"id\"", "\"en\"",
                                  "\"questions\"", "\"type\"", "\"show_if\"", "\"options\"",
                                  "\"format\"", "1", "-0", "1e999", "2.5", "true", "null", " ",
                                  "\"\\u0000\"", "\"\\ud800\"", "\"\\uDC00\\uD800\"", "\xef\xbb\xbf",
                                  "\xc3", "\xff", "/*", "\n"};
  int cases = 0;
  for (int i = 0; i < 700; ++i) {
    std::string bytes(pick(rng, 300), '\0');
    for (char& c : bytes) c = static_cast<char>(pick(rng, 256));
    cases += check_loads(bytes);
  }
  for (int i = 0; i < 1500; ++i) {
    std::string soup;
    for (std::size_t n = pick(rng, 80); n > 0; --n) soup += kTokens[pick(rng, std::size(kTokens))];
    cases += check_loads(soup);
  }
  CHECK(cases == 2200);
}

TEST_CASE("consultation loader fuzz: deep nesting") {
  int cases = 0;
  for (const std::size_t depth : {63, 64, 65, 1000, 100000}) {
    cases += check_loads(std::string(depth, '['));
    cases += check_loads(std::string(depth, '{'));
    cases += check_loads(std::string(depth, '[') + std::string(depth, ']'));
    std::string objects;
    for (std::size_t i = 0; i < depth; ++i) objects += "{\"a\":";
    cases += check_loads(objects + "1" + std::string(depth, '}'));
    cases += check_loads("{\"questions\":" + std::string(depth, '[') + std::string(depth, ']') + "}");
  }
  CHECK(cases == 25);
}
