// response_validation: the wire shape of an uploaded response, and its fit to the consultation.
#include <doctest/doctest.h>

#include "core/consultation_loader.h"
#include "hub_test_support.h"
#include "response_validation.h"

using namespace hubtest;
using kiosk::hub::parse_response;
using kiosk::hub::validate_against;

namespace {

const kiosk::Consultation& every_type() {
  static const kiosk::Consultation c = *kiosk::load_consultation(every_type_json()).consultation;
  return c;
}

// The rejection of `response` (shape first, then fit), as "reason@where"; "" when it is fine.
std::string verdict(const json& response) {
  const auto parsed = parse_response(response);
  if (parsed.rejection) return parsed.rejection->reason + "@" + parsed.rejection->where;
  const auto misfit = validate_against(*parsed.response, every_type());
  return misfit ? misfit->reason + "@" + misfit->where : "";
}

json good() { return kiosk::response_to_json(good_response("kiosk-a")); }

}  // namespace

TEST_CASE("validation: a response that fits passes, in every language the consultation offers") {
  CHECK(verdict(good()) == "");
  json polish = good();
  polish["language"] = "pl";
  CHECK(verdict(polish) == "");
  json unknown_field = good();
  unknown_field["future_field"] = 1;  // ignored: a newer kiosk must not be refused wholesale
  CHECK(verdict(unknown_field) == "");
}

TEST_CASE("validation: wrong shapes are malformed, and say where") {
  CHECK(verdict(json::array()) == "malformed@");
  json r = good();
  r.erase("id");
  CHECK(verdict(r) == "malformed@id");
  r = good();
  r["id"] = "not-a-uuid";
  CHECK(verdict(r) == "malformed@id");
  r = good();
  r["consultation_version"] = "3";
  CHECK(verdict(r) == "malformed@consultation_version");
  r = good();
  r["consultation_version"] = 3.5;
  CHECK(verdict(r) == "malformed@consultation_version");
  r = good();
  r["submitted_at_ms"] = -1;
  CHECK(verdict(r) == "malformed@submitted_at_ms");
  r = good();
  r["kiosk_id"] = "kiosk a";
  CHECK(verdict(r) == "malformed@kiosk_id");
  r = good();
  r["answers"] = json::array();
  CHECK(verdict(r) == "malformed@answers");
  r = good();
  r["answers"]["rating"]["number"] = "5";
  CHECK(verdict(r) == "malformed@answers.rating.number");
  r = good();
  r["answers"]["rating"]["number"] = 99999999999LL;
  CHECK(verdict(r) == "malformed@answers.rating.number");
  r = good();
  r["answers"]["multi"]["choices"] = json::array({"a", 7});
  CHECK(verdict(r) == "malformed@answers.multi.choices[1]");
  r = good();
  r["answers"]["multi"] = json::object();
  CHECK(verdict(r) == "malformed@answers.multi");
  r = good();
  r["answers"]["Bad Key"] = json{{"text", "x"}};
  CHECK(verdict(r) == "malformed@answers");
}

TEST_CASE("validation: answers that do not fit the consultation") {
  const auto with = [](const std::string& question, json answer) {
    json r = good();
    r["answers"][question] = std::move(answer);
    return verdict(r);
  };
  CHECK(with("nope", json{{"text", "x"}}) == "does_not_fit@answers.nope");
  CHECK(with("info", json{{"text", "x"}}) == "does_not_fit@answers.info");
  CHECK(with("consent", json{{"choices", {"maybe"}}}) == "does_not_fit@answers.consent.choices");
  CHECK(with("single", json{{"choices", {"z"}}}) == "does_not_fit@answers.single.choices[0]");
  CHECK(with("single", json{{"choices", {"a", "b"}}}) == "does_not_fit@answers.single.choices");
  CHECK(with("single", json{{"choices", {"a"}}, {"text", "not other"}}) == "does_not_fit@answers.single.text");
  CHECK(with("multi", json{{"choices", {"a", "a"}}}) == "does_not_fit@answers.multi.choices[1]");
  CHECK(with("multi", json{{"choices", {"a", "n"}}}) == "does_not_fit@answers.multi.choices");  // prefer-not alone
  CHECK(with("multi", json{{"choices", {"a", "b", "n"}}}) == "does_not_fit@answers.multi.choices");
  CHECK(with("multi", json{{"choices", {"n"}}}) == "");
  CHECK(with("rating", json{{"number", 0}}) == "does_not_fit@answers.rating.number");
  CHECK(with("rating", json{{"number", 6}}) == "does_not_fit@answers.rating.number");
  CHECK(with("rating", json{{"choices", {"5"}}}) == "does_not_fit@answers.rating.choices");
  CHECK(with("scale", json{{"number", 11}}) == "does_not_fit@answers.scale.number");
  CHECK(with("scale", json{{"number", 0}}) == "");
  CHECK(with("text", json{{"text", std::string(101, 'x')}}) == "does_not_fit@answers.text.text");
  // max_length counts characters, not bytes: 100 Polish letters of 2 bytes each fit.
  std::string hundred_letters;
  for (int i = 0; i < 100; ++i) hundred_letters += "\xc5\x82";  // ł
  CHECK(with("text", json{{"text", hundred_letters}}) == "");
  CHECK(with("text", json{{"text", "x"}, {"number", 1}}) == "does_not_fit@answers.text.number");
  CHECK(with("rank", json{{"choices", {"x", "y", "z"}}}) == "does_not_fit@answers.rank.choices");
  CHECK(with("rank", json{{"choices", {"x", "q"}}}) == "does_not_fit@answers.rank.choices[1]");
  CHECK(with("area", json{{"choices", {"else"}}, {"text", std::string(501, 'y')}}) ==
        "does_not_fit@answers.area.text");  // "Other" text obeys max_length (default 500)
  json r = good();
  r["language"] = "fr";
  CHECK(verdict(r) == "does_not_fit@language");
}
