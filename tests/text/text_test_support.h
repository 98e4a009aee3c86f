// Shared by the text engine tests: data paths, the engine under test, small file helpers.
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>
#include "text/shaping_engine.h"

namespace kiosk::text::testing {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

inline std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline std::string to_utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// (language, text) pairs from tests/text/data/samples.txt.
inline std::vector<std::pair<std::string, std::string>> sample_sentences() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& line : read_lines(std::string(KIOSK_TEXT_TEST_DATA) + "/samples.txt")) {
    const size_t tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string::npos) continue;
    out.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return out;
}

// One engine for the whole test binary: fonts open once.
inline ShapingTextEngine& engine() {
  static ShapingTextEngine instance;
  return instance;
}

}  // namespace kiosk::text::testing
