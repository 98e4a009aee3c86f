// Grapheme helpers for the on-screen keyboard: delete removes what a reader sees as one
// character, never half of it.
#include <doctest/doctest.h>
#include "text/grapheme.h"

using namespace kiosk::text;

TEST_CASE("graphemes: counts across scripts and emoji") {
  CHECK(grapheme_count("") == 0);
  CHECK(grapheme_count("abc") == 3);
  CHECK(grapheme_count("e\xCC\x81") == 1);                            // e + combining acute
  CHECK(grapheme_count("\xE0\xA6\x95\xE0\xA7\x8D\xE0\xA6\xB7") == 1);  // ক্ষ Bengali conjunct
  CHECK(grapheme_count("\xE0\xA6\xB8\xE0\xA7\x8D\xE0\xA6\xA5\xE0\xA6\xBE\xE0\xA6\xA8") == 2);  // স্থান
  CHECK(grapheme_count("\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87") == 3);  // नमस्ते
  CHECK(grapheme_count("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6") == 1);  // family
  CHECK(grapheme_count("\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7\xF0\x9F\x87\xB5\xF0\x9F\x87\xB1") == 2);  // 🇬🇧🇵🇱
  CHECK(grapheme_count("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4") == 3);  // 한국어, precomposed
  CHECK(grapheme_count("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB") == 1);  // 한 as conjoining jamo
  CHECK(grapheme_count("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD") == 1);      // thumbs up + skin tone
}

TEST_CASE("graphemes: delete_last_grapheme removes whole characters") {
  std::string text = "ok \xE0\xA6\x95\xE0\xA7\x8D\xE0\xA6\xB7";  // ok ক্ষ
  CHECK(delete_last_grapheme(text));
  CHECK(text == "ok ");
  text = "hi\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6";
  CHECK(delete_last_grapheme(text));
  CHECK(text == "hi");
  text = "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7\xF0\x9F\x87\xB5\xF0\x9F\x87\xB1";
  CHECK(delete_last_grapheme(text));
  CHECK(text == "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7");
  text = "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB";
  CHECK(delete_last_grapheme(text));
  CHECK(text.empty());
  CHECK_FALSE(delete_last_grapheme(text));
  text = "\xE0\xA8\x95\xE0\xA8\xBF";  // ਕਿ Gurmukhi consonant + vowel sign
  CHECK(delete_last_grapheme(text));
  CHECK(text.empty());
  text = "a\xFF\xFE";  // invalid bytes never crash; each goes on its own
  CHECK(delete_last_grapheme(text));
  CHECK(text.size() < 3);
}

TEST_CASE("graphemes: boundaries step over clusters in both directions") {
  const std::string text = "a\xE0\xA6\x95\xE0\xA7\x8D\xE0\xA6\xB7z";  // a ক্ষ z
  CHECK(next_grapheme_boundary(text, 0) == 1);
  CHECK(next_grapheme_boundary(text, 1) == 10);
  CHECK(next_grapheme_boundary(text, 4) == 10);  // from inside the cluster
  CHECK(next_grapheme_boundary(text, 10) == 11);
  CHECK(next_grapheme_boundary(text, 99) == 11);
  CHECK(previous_grapheme_boundary(text, 11) == 10);
  CHECK(previous_grapheme_boundary(text, 10) == 1);
  CHECK(previous_grapheme_boundary(text, 1) == 0);
  CHECK(previous_grapheme_boundary(text, 0) == 0);
  CHECK(grapheme_boundaries(text) == std::vector<size_t>{0, 1, 10, 11});
}
