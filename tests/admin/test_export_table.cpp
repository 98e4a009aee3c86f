// export_table: labels in the chosen language, formula neutralisation, CSV quoting.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include "core/consultation_loader.h"
#include "export_table.h"

using namespace kiosk;
using namespace kiosk::admin;
using nlohmann::json;

namespace {

// tests/data/consultations/every-type.json, with Polish labels added and a given version.
Consultation every_type(int version = 3) {
  std::ifstream in(std::string(KIOSK_TEST_DATA) + "/consultations/every-type.json");
  std::stringstream text;
  text << in.rdbuf();
  json c = json::parse(text.str());
  c["version"] = version;
  for (auto& q : c["questions"]) {
    if (q["id"] == "single") {
      q["title"]["pl"] = "Jeden";
      q["options"][0]["label"]["pl"] = "Ą";
      q["options"][1]["label"]["pl"] = "Inne";
    }
    if (q["id"] == "rating") q["rating_labels"][3]["pl"] = "Dobrze";
  }
  LoadResult r = load_consultation(c.dump());
  REQUIRE_MESSAGE(r.ok(), (r.problems.empty() ? "" : r.problems[0].to_string()));
  return *r.consultation;
}

Response response() {
  Response r;
  r.id = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
  r.consultation_id = "every-type";
  r.consultation_version = 3;
  r.kiosk_id = "kiosk-a";
  r.language = "pl";
  r.started_at_ms = 1'700'000'000'000;
  r.submitted_at_ms = 1'700'000'090'000;
  r.answers["consent"].choices = {"agreed"};
  r.answers["single"].choices = {"b"};
  r.answers["single"].text = "Because";
  r.answers["multi"].choices = {"a", "b"};
  r.answers["rating"].number = 4;
  r.answers["scale"].number = 10;
  r.answers["text"].text = "=1+1";
  r.answers["rank"].choices = {"z", "x"};
  r.answers["area"].choices = {"corby"};
  return r;
}

std::string cell(const ExportTable& t, size_t row, const std::string& column) {
  for (size_t i = 0; i < t.header.size(); ++i)
    if (t.header[i] == column) return t.rows.at(row).at(i);
  FAIL("no column " << column);
  return "";
}

}  // namespace

TEST_CASE("export table: fixed columns, one column per question (no info screens), readable labels") {
  const ExportTable t = build_export_table({{3, every_type()}}, {response()}, "en");
  CHECK(t.header == std::vector<std::string>{"id", "kiosk", "version", "language", "started", "submitted", "OK?", "One",
                                             "Some", "Rate", "Scale", "Say", "Order", "Where"});
  REQUIRE(t.rows.size() == 1);
  CHECK(cell(t, 0, "id") == "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
  CHECK(cell(t, 0, "kiosk") == "kiosk-a");
  CHECK(cell(t, 0, "version") == "3");
  CHECK(cell(t, 0, "language") == "pl");
  CHECK(cell(t, 0, "started") == "2023-11-14 22:13:20");
  CHECK(cell(t, 0, "submitted") == "2023-11-14 22:14:50");
  CHECK(cell(t, 0, "OK?") == "Agreed");
  CHECK(cell(t, 0, "One") == "B: Because");  // the "Other" option with its text
  CHECK(cell(t, 0, "Some") == "A; B");
  CHECK(cell(t, 0, "Rate") == "4");
  CHECK(cell(t, 0, "Scale") == "10");
  CHECK(cell(t, 0, "Say") == "=1+1");  // raw in the table; writers neutralise
  CHECK(cell(t, 0, "Order") == "1. Z; 2. X");
  CHECK(cell(t, 0, "Where") == "Corby");
}

TEST_CASE("export table: unanswered questions are empty cells; declined consent") {
  Response r = response();
  r.answers.clear();
  r.answers["consent"].choices = {"declined"};
  const ExportTable t = build_export_table({{3, every_type()}}, {r}, "en");
  CHECK(cell(t, 0, "OK?") == "Declined");
  CHECK(cell(t, 0, "One").empty());
  CHECK(cell(t, 0, "Rate").empty());
  CHECK(t.rows[0].size() == t.header.size());
}

TEST_CASE("export table: titles and labels in the chosen language, English where untranslated") {
  const ExportTable t = build_export_table({{3, every_type()}}, {response()}, "pl");
  CHECK(cell(t, 0, "Jeden") == "Inne: Because");
  CHECK(cell(t, 0, "Rate") == "Dobrze");     // title untranslated -> English; label translated
  CHECK(cell(t, 0, "Order") == "1. Z; 2. X");  // untranslated labels -> English
}

TEST_CASE("export table: each response labelled with its own version; columns from every version") {
  Consultation v3 = every_type(3);
  Consultation v4 = every_type(4);
  // v4 renames option b of "single" and drops the "area" question.
  for (auto& q : v4.questions)
    if (q.id == "single") q.options[1].label["en"] = "Bee";
  std::erase_if(v4.questions, [](const Question& q) { return q.id == "area"; });
  Response old = response();
  Response fresh = response();
  fresh.consultation_version = 4;
  fresh.answers.erase("area");
  const ExportTable t = build_export_table({{3, v3}, {4, v4}}, {old, fresh}, "en");
  CHECK(t.header.back() == "Where");  // only v3 has it: after v4's columns
  CHECK(cell(t, 0, "One") == "B: Because");
  CHECK(cell(t, 1, "One") == "Bee: Because");
  CHECK(cell(t, 0, "Where") == "Corby");
  CHECK(cell(t, 1, "Where").empty());
}

TEST_CASE("formula neutralisation: = + - @ tab CR get an apostrophe in CSV") {
  for (const std::string f : {"=1+1", "+1", "-1", "@cmd", "\tx", "\rx", "=HYPERLINK(\"http://x\")"}) {
    CAPTURE(f);
    CHECK(looks_like_formula(f));
    const std::string c = csv_cell(f);
    CHECK(c.find('\'') <= 1);  // first character, or right after the opening quote
  }
  CHECK(csv_cell("=1+1") == "'=1+1");
  CHECK(csv_cell("@cmd") == "'@cmd");
  CHECK(csv_cell("-5") == "'-5");
  CHECK(csv_cell("+44 1536") == "'+44 1536");
  CHECK(csv_cell("=SUM(A1,A2)") == "\"'=SUM(A1,A2)\"");
  CHECK(csv_cell("\rx") == "\"'\rx\"");
  CHECK_FALSE(looks_like_formula(""));
  CHECK_FALSE(looks_like_formula("a=1"));
  CHECK(csv_cell("a=1") == "a=1");
}

TEST_CASE("CSV: RFC 4180 quoting, BOM, CRLF") {
  CHECK(csv_cell("plain") == "plain");
  CHECK(csv_cell("") == "");
  CHECK(csv_cell("a,b") == "\"a,b\"");
  CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
  CHECK(csv_cell("Łódź") == "Łódź");
  ExportTable t;
  t.header = {"a", "b,c"};
  t.rows = {{"1", "=2"}, {"x\"y", ""}};
  CHECK(to_csv(t) == "\xEF\xBB\xBF" "a,\"b,c\"\r\n1,'=2\r\n\"x\"\"y\",\r\n");
}

TEST_CASE("format_utc") {
  CHECK(format_utc(0) == "");
  CHECK(format_utc(1'700'000'000'999) == "2023-11-14 22:13:20");
}
