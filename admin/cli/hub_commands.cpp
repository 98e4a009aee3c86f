// Subcommands that talk to kiosk-hub: publish, kiosk enrol/list/revoke, export.
#include <cstdio>
#include <iostream>
#include <set>
#include "commands.h"
#include "core/consultation_loader.h"
#include "export_table.h"
#include "export_xlsx.h"
#include "file_io.h"
#include "hub_client.h"

namespace kiosk::admin {

using nlohmann::json;

namespace {

std::unique_ptr<HubClient> connect_or_report(const HubOptions& options, int& exit_code) {
  std::string error;
  auto client = HubClient::connect(options, error);
  if (!client) {
    std::cerr << "kiosk-admin: " << error << "\n";
    exit_code = kUsage;
  }
  return client;
}

bool fail(const std::string& what, const HubReply& reply, int& exit_code) {
  std::cerr << "kiosk-admin: " << describe_failure(what, reply) << "\n";
  exit_code = exit_code_for(reply);
  return false;
}

std::string text_field(const json& object, const char* key, const std::string& fallback = "") {
  if (object.is_object() && object.contains(key) && object[key].is_string()) return object[key].get<std::string>();
  return fallback;
}

void print_where_messages(const json& list, const std::string& prefix) {
  if (!list.is_array()) return;
  for (const auto& p : list) {
    const std::string where = text_field(p, "where");
    std::cerr << prefix << (where.empty() ? "" : where + ": ") << text_field(p, "message", p.dump()) << "\n";
  }
}

// ---- publish -----------------------------------------------------------------------------

void add_publish_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string file;
    HubOptions hub;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "publish",
      "Check a consultation file, then publish it on the hub as a new version.\n"
      "Every problem is listed with its JSON path; nothing is sent while there are any.\n"
      "Exit codes: 0 published (or already published unchanged), 1 problems / refused by the hub,\n"
      "2 usage, 3 hub unreachable or busy, 4 file unreadable.");
  cmd->add_option("file", args->file, "consultation file (JSON, docs/consultation-format.md)")->required();
  add_hub_options(*cmd, args->hub);
  cmd->callback([args, &exit_code] {
    std::string bytes;
    if (!read_whole_file(args->file, bytes)) {
      std::cerr << args->file << ": cannot read\n";
      exit_code = kIoError;
      return;
    }
    const LoadResult local = load_consultation(bytes);
    for (const auto& p : local.problems) std::cerr << args->file << ": " << p.to_string() << "\n";
    for (const auto& w : local.warnings) std::cerr << args->file << ": warning: " << w.to_string() << "\n";
    if (!local.ok()) {
      std::cerr << args->file << ": " << local.problems.size() << " problem(s); not published\n";
      exit_code = kInvalid;
      return;
    }
    auto hub = connect_or_report(args->hub, exit_code);
    if (!hub) return;
    const HubReply reply = hub->post("/api/v1/admin/consultations", bytes);
    const std::string where = "POST " + hub->base_url() + "/api/v1/admin/consultations";
    if (reply.status == 422) {
      print_where_messages(reply.json.value("problems", json::array()), args->file + ": hub: ");
      fail(where, reply, exit_code);
      return;
    }
    if (reply.status == 409 && reply.json.is_object() && reply.json.contains("published_version")) {
      std::cerr << args->file << ": version " << local.consultation->version << " is not newer than the published version "
                << reply.json["published_version"].dump() << ": raise \"version\" and publish again\n";
      fail(where, reply, exit_code);
      return;
    }
    if (!reply.ok() || !reply.json.is_object()) {
      fail(where, reply, exit_code);
      return;
    }
    print_where_messages(reply.json.value("warnings", json::array()), args->file + ": hub warning: ");
    const std::string status = text_field(reply.json, "status", "published");
    std::cout << local.consultation->id << " version " << local.consultation->version << ": " << status
              << (status == "unchanged" ? " (this version was already published with the same content)" : "")
              << "\n";
  });
}

// ---- kiosk enrol / list / revoke ---------------------------------------------------------

std::string cell_or_dash(const json& value) {
  if (value.is_null()) return "-";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

void add_kiosk_commands(CLI::App& app, int& exit_code) {
  auto* kiosk = app.add_subcommand("kiosk", "Enrol, list and revoke kiosks on the hub");
  kiosk->require_subcommand(1);

  struct EnrolArgs {
    std::string name, id, consultation;
    HubOptions hub;
  };
  auto en = std::make_shared<EnrolArgs>();
  auto* enrol = kiosk->add_subcommand(
      "enrol",
      "Enrol a kiosk and print its one-time token with the settings to paste into the kiosk's\n"
      "config file (hub_url, hub_token, kiosk_id) as JSON on standard output.\n"
      "The token is shown only this once: if it is lost, make a new one on the hub.");
  enrol->alias("enroll");
  enrol->add_option("--id", en->id,
                    "the kiosk's id (letters, digits, - _ ., at most 64); default: the hub makes kiosk-<hex>");
  enrol->add_option("--name", en->name, "a name staff recognise, e.g. \"Corby Library, ground floor\"");
  enrol->add_option("--consultation", en->consultation, "id of the consultation the kiosk shows")->required();
  add_hub_options(*enrol, en->hub);
  enrol->callback([en, &exit_code] {
    auto hub = connect_or_report(en->hub, exit_code);
    if (!hub) return;
    json request = {{"consultation", en->consultation}};
    if (!en->id.empty()) request["id"] = en->id;
    if (!en->name.empty()) request["name"] = en->name;
    const HubReply reply = hub->post("/api/v1/admin/kiosks", request.dump());
    if (!reply.ok() || !reply.json.is_object() || !reply.json.contains("token")) {
      fail("POST " + hub->base_url() + "/api/v1/admin/kiosks", reply, exit_code);
      return;
    }
    const std::string id = text_field(reply.json, "id");
    std::cerr << "Enrolled kiosk " << id << " for consultation " << en->consultation << ".\n";
    if (!reply.json.value("consultation_published", true))
      std::cerr << "Note: consultation " << en->consultation
                << " is not published yet; the kiosk gets it once it is (kiosk-admin publish).\n";
    std::cerr << "The token below is shown only this once. Put these settings in the kiosk's config file\n"
                 "(docs/configuration.md), and keep that file readable only by the kiosk:\n";
    nlohmann::ordered_json snippet = nlohmann::ordered_json::object();
    snippet["hub_url"] = hub->base_url();
    snippet["hub_token"] = reply.json["token"];
    snippet["kiosk_id"] = id;
    std::cout << snippet.dump(2) << "\n";
  });

  struct ListArgs {
    HubOptions hub;
    bool as_json = false;
  };
  auto ls = std::make_shared<ListArgs>();
  auto* list = kiosk->add_subcommand(
      "list", "List the enrolled kiosks: id, consultation, last seen (UTC), answers waiting on the kiosk,\n"
              "responses received, revoked");
  list->add_flag("--json", ls->as_json, "print the hub's answer as JSON instead of a table");
  add_hub_options(*list, ls->hub);
  list->callback([ls, &exit_code] {
    auto hub = connect_or_report(ls->hub, exit_code);
    if (!hub) return;
    const HubReply reply = hub->get("/api/v1/admin/kiosks");
    if (!reply.ok() || !reply.json.is_object() || !reply.json.contains("kiosks") || !reply.json["kiosks"].is_array()) {
      fail("GET " + hub->base_url() + "/api/v1/admin/kiosks", reply, exit_code);
      return;
    }
    if (ls->as_json) {
      std::cout << reply.json.dump(2) << "\n";
      return;
    }
    std::vector<std::vector<std::string>> rows = {{"ID", "CONSULTATION", "LAST SEEN (UTC)", "WAITING", "RECEIVED", "REVOKED"}};
    for (const auto& k : reply.json["kiosks"]) {
      const json last_seen = k.value("last_seen_ms", json());
      const json revoked_at = k.value("revoked_at_ms", json());
      std::string revoked = k.value("revoked", false) ? "yes" : "no";
      if (revoked_at.is_number()) revoked += " (" + format_utc(revoked_at.get<long long>()) + ")";
      rows.push_back({text_field(k, "id"), text_field(k, "consultation"),
                      last_seen.is_number() && last_seen.get<long long>() > 0 ? format_utc(last_seen.get<long long>()) : "never",
                      cell_or_dash(k.value("waiting", json())), cell_or_dash(k.value("responses_received", json())),
                      revoked});
    }
    std::vector<size_t> widths(rows[0].size(), 0);
    for (const auto& row : rows)
      for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    for (const auto& row : rows) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i)
        line += row[i] + (i + 1 < row.size() ? std::string(widths[i] - row[i].size() + 2, ' ') : "");
      std::cout << line << "\n";
    }
    if (rows.size() == 1) std::cout << "(no kiosks enrolled)\n";
  });

  struct RevokeArgs {
    std::string id;
    HubOptions hub;
  };
  auto rv = std::make_shared<RevokeArgs>();
  auto* revoke = kiosk->add_subcommand(
      "revoke", "Revoke a kiosk: its token stops working on its next request; its responses stay");
  revoke->add_option("id", rv->id, "the kiosk's id (see kiosk list)")->required();
  add_hub_options(*revoke, rv->hub);
  revoke->callback([rv, &exit_code] {
    auto hub = connect_or_report(rv->hub, exit_code);
    if (!hub) return;
    const std::string path = "/api/v1/admin/kiosks/" + url_encode(rv->id);
    const HubReply reply = hub->del(path);
    if (!reply.ok()) {
      fail("DELETE " + hub->base_url() + path, reply, exit_code);
      return;
    }
    std::cout << "kiosk " << rv->id << " revoked\n";
  });
}

// ---- export ------------------------------------------------------------------------------

void add_export_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string consultation, format = "csv", language = "en", output;
    HubOptions hub;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "export",
      "Download every response to a consultation from the hub and write one row per response,\n"
      "one column per question (plus id, kiosk, version, language, started, submitted in UTC),\n"
      "with the answers' labels in --language.\n"
      "csv: RFC 4180, UTF-8 with BOM; xlsx: every cell text; json: a list of objects.\n"
      "Texts that a spreadsheet would run as a formula (starting with = + - @ tab CR) get a\n"
      "leading ' in CSV and are written as text in XLSX.");
  cmd->add_option("--consultation", args->consultation, "consultation id, e.g. residents-conversation")->required();
  cmd->add_option("--format", args->format, "csv, xlsx or json (default csv)")
      ->check(CLI::IsMember({"csv", "xlsx", "json"}));
  cmd->add_option("--language", args->language, "language of the question titles and labels (default en)");
  cmd->add_option("-o,--output", args->output, "file to write (replaced only once complete)")->required();
  add_hub_options(*cmd, args->hub);
  cmd->callback([args, &exit_code] {
    auto hub = connect_or_report(args->hub, exit_code);
    if (!hub) return;

    // 1. Every response, page by page.
    std::vector<Response> responses;
    long long after = -1;
    int unreadable = 0;
    for (;;) {
      std::string path = "/api/v1/admin/responses?consultation=" + url_encode(args->consultation) + "&limit=10000";
      if (after >= 0) path += "&after=" + std::to_string(after);
      const HubReply reply = hub->get(path);
      if (!reply.ok() || !reply.json.is_object() || !reply.json.contains("responses") ||
          !reply.json["responses"].is_array()) {
        fail("GET " + hub->base_url() + path, reply, exit_code);
        return;
      }
      for (const auto& r : reply.json["responses"]) {
        auto parsed = response_from_json(r);
        if (parsed)
          responses.push_back(std::move(*parsed));
        else
          ++unreadable;
      }
      const json next = reply.json.value("next_after", json());
      if (!reply.json.value("more", false)) break;
      if (!next.is_number_integer() || next.get<long long>() <= after) {
        std::cerr << "kiosk-admin: GET " << hub->base_url() << path
                  << ": the hub said more=true without a next_after beyond " << after << "\n";
        exit_code = kUnavailable;
        return;
      }
      after = next.get<long long>();
    }
    if (unreadable) std::cerr << "kiosk-admin: warning: " << unreadable << " response(s) could not be read and are left out\n";

    // 2. The consultation: the newest version, and every version the responses name.
    std::map<int, Consultation> versions;
    const auto fetch_version = [&](std::optional<int> version) -> bool {
      std::string path = "/api/v1/admin/consultations/" + url_encode(args->consultation);
      if (version) path += "?version=" + std::to_string(*version);
      const HubReply reply = hub->get(path);
      if (reply.status == 404 && version) {
        std::cerr << "kiosk-admin: warning: version " << *version << " of " << args->consultation
                  << " is not on the hub; its responses are labelled with the newest version\n";
        return true;
      }
      if (!reply.ok()) return fail("GET " + hub->base_url() + path, reply, exit_code);
      LoadResult loaded = load_consultation(reply.body);
      if (!loaded.ok()) {
        for (const auto& p : loaded.problems)
          std::cerr << "kiosk-admin: GET " << hub->base_url() << path << ": " << p.to_string() << "\n";
        exit_code = kInvalid;
        return false;
      }
      versions[loaded.consultation->version] = std::move(*loaded.consultation);
      return true;
    };
    if (!fetch_version(std::nullopt)) return;
    std::set<int> named;
    for (const auto& r : responses) named.insert(r.consultation_version);
    for (int v : named)
      if (!versions.count(v) && !fetch_version(v)) return;

    const Consultation& newest = versions.rbegin()->second;
    if (std::find(newest.languages.begin(), newest.languages.end(), args->language) == newest.languages.end()) {
      std::string offered;
      for (const auto& l : newest.languages) offered += " " + l;
      std::cerr << "kiosk-admin: --language " << args->language << ": " << args->consultation
                << " is not offered in it; its languages:" << offered << "\n";
      exit_code = kUsage;
      return;
    }

    // 3. The table, then the file.
    const ExportTable table = build_export_table(versions, responses, args->language);
    if (args->format == "xlsx") {
      const std::string temp = args->output + ".tmp.xlsx";
      const std::string error = write_xlsx(table, temp);
      if (!error.empty() || std::rename(temp.c_str(), args->output.c_str()) != 0) {
        std::remove(temp.c_str());
        std::cerr << "kiosk-admin: " << (error.empty() ? args->output + ": cannot write" : error) << "\n";
        exit_code = kIoError;
        return;
      }
    } else {
      std::string content;
      if (args->format == "csv") {
        content = to_csv(table);
      } else {
        nlohmann::ordered_json rows = nlohmann::ordered_json::array();
        for (const auto& row : table.rows) {
          nlohmann::ordered_json object = nlohmann::ordered_json::object();
          for (size_t i = 0; i < row.size(); ++i) object[table.header[i]] = row[i];
          rows.push_back(std::move(object));
        }
        content = rows.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
      }
      if (!write_file_atomically(args->output, content)) {
        std::cerr << "kiosk-admin: " << args->output << ": cannot write\n";
        exit_code = kIoError;
        return;
      }
    }
    std::cerr << args->output << ": " << table.rows.size() << " response(s), " << table.header.size()
              << " columns (" << args->format << ", " << args->language << ")\n";
  });
}

}  // namespace

void add_hub_commands(CLI::App& app, int& exit_code) {
  add_publish_command(app, exit_code);
  add_kiosk_commands(app, exit_code);
  add_export_command(app, exit_code);
}

}  // namespace kiosk::admin
