// End to end: the real kiosk-hub binary and the real kiosk-admin binary. Publish, enrol, upload
// as the kiosk, list, export CSV/XLSX/JSON, read the exports back with LibreOffice (soffice
// --headless) to prove "=1+1" stays text, revoke, and the kiosk's next upload is refused.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include "hub_client.h"
#include "hub_test_support.h"

using namespace hubtest;

namespace {

struct HubProcess {
  pid_t pid = -1;
  std::string base_url;
  ~HubProcess() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }
};

void start_hub(HubProcess& hub, const std::string& data_dir, const std::string& token_file) {
  int out[2];
  REQUIRE(pipe(out) == 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    const int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, STDERR_FILENO);
    close(out[0]);
    execl(KIOSK_HUB_BINARY, KIOSK_HUB_BINARY, "--data", data_dir.c_str(), "--listen", "127.0.0.1:0",
          "--admin-token-file", token_file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  hub.pid = pid;
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  close(out[0]);
  const auto at = line.find("http://");
  REQUIRE_MESSAGE(at != std::string::npos, "kiosk-hub did not start: " << line);
  hub.base_url = line.substr(at);
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Run {
  int rc = -1;
  std::string out, err;
};

// Runs a command line (words quoted here) with stdout/stderr captured in files under `dir`.
Run run(const std::string& dir, const std::vector<std::string>& words) {
  std::string command;
  for (const auto& w : words) command += shell_quote(w) + " ";
  command += "> " + shell_quote(dir + "/run.out") + " 2> " + shell_quote(dir + "/run.err") + " < /dev/null";
  const int status = std::system(command.c_str());
  Run r;
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(dir + "/run.out");
  r.err = read_file(dir + "/run.err");
  return r;
}

// RFC 4180 reader (enough for the files LibreOffice and kiosk-admin write).
std::vector<std::vector<std::string>> parse_csv(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear();
    } else if (c == '\r') {
    } else if (c == '\n') {
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
    any = true;
  }
  if (!field.empty() || (any && !rows.back().empty())) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// The cell of the row whose first column is `id`, in the column headed `column`.
std::string csv_cell_of(const std::vector<std::vector<std::string>>& rows, const std::string& id,
                        const std::string& column) {
  REQUIRE(!rows.empty());
  size_t col = rows[0].size();
  for (size_t i = 0; i < rows[0].size(); ++i)
    if (rows[0][i] == column) col = i;
  REQUIRE_MESSAGE(col < rows[0].size(), "no column " << column);
  for (const auto& row : rows)
    if (!row.empty() && row[0] == id) return col < row.size() ? row[col] : "";
  FAIL("no row " << id);
  return "";
}

kiosk::Response resident(const std::string& kiosk_id, const std::string& language, const std::string& text) {
  kiosk::Response r;
  r.id = kiosk::random_uuid();
  r.consultation_id = "residents-conversation";
  r.consultation_version = 1;
  r.kiosk_id = kiosk_id;
  r.language = language;
  r.started_at_ms = 1'700'000'000'000;
  r.submitted_at_ms = 1'700'000'090'000;
  r.answers["q_anything_else"].text = text;
  return r;
}

const char* kAnythingElse = "Is there anything else you would like to tell us about where you live?";
const char* kGood = "What is good about the place you live?";
const char* kPriorities = "Which three things matter most to you for your area?";

}  // namespace

TEST_CASE("kiosk-admin end to end with the real kiosk-hub: publish, enrol, upload, list, export, revoke") {
  kiosk::testing::TempDir dir;
  const std::string token_file = dir.file("admin.token");
  {
    std::ofstream(token_file) << kiosk::hub::new_token() << "\n";
  }
  HubProcess hub;
  start_hub(hub, dir.file("data"), token_file);
  const std::string admin = KIOSK_ADMIN_BINARY;
  const std::vector<std::string> conn = {"--hub", hub.base_url, "--token-file", token_file};
  const auto with_conn = [&](std::vector<std::string> words) {
    words.insert(words.begin(), admin);
    words.insert(words.end(), conn.begin(), conn.end());
    return run(dir.path(), words);
  };
  const std::string consultation = std::string(KIOSK_ASSETS_DIR) + "/consultations/residents-conversation.json";

  // publish: a broken file is refused locally with JSON paths, nothing sent.
  {
    json broken = json::parse(read_file(consultation));
    broken["questions"][1]["options"][0].erase("label");
    std::ofstream(dir.file("broken.json")) << broken.dump();
    const Run r = with_conn({"publish", dir.file("broken.json")});
    CHECK(r.rc == 1);
    CHECK(r.err.find("questions[1].options[0]") != std::string::npos);
  }
  {
    const Run r = with_conn({"publish", consultation});
    INFO(r.err);
    REQUIRE(r.rc == 0);
    CHECK(r.out.find("residents-conversation version 1: published") != std::string::npos);
  }
  {
    // The same version with other bytes: the hub's 409, named.
    json changed = json::parse(read_file(consultation));
    changed["title"]["en"] = "Changed";
    std::ofstream(dir.file("changed.json")) << changed.dump();
    const Run r = with_conn({"publish", dir.file("changed.json")});
    CHECK(r.rc == 1);
    CHECK(r.err.find("HTTP 409") != std::string::npos);
  }

  // enrol, through the environment variables this time.
  setenv("KIOSK_HUB_URL", hub.base_url.c_str(), 1);
  setenv("KIOSK_ADMIN_TOKEN_FILE", token_file.c_str(), 1);
  const Run enrolled = run(dir.path(), {admin, "kiosk", "enrol", "--id", "kiosk-corby", "--name", "Corby Library",
                                        "--consultation", "residents-conversation"});
  unsetenv("KIOSK_HUB_URL");
  unsetenv("KIOSK_ADMIN_TOKEN_FILE");
  INFO(enrolled.err);
  REQUIRE(enrolled.rc == 0);
  const json snippet = json::parse(enrolled.out, nullptr, false);
  REQUIRE(snippet.is_object());
  CHECK(snippet["hub_url"] == hub.base_url);
  CHECK(snippet["kiosk_id"] == "kiosk-corby");
  const std::string kiosk_token = snippet["hub_token"];
  CHECK(kiosk_token.size() == 64);

  // Upload as that kiosk.
  kiosk::Response first = resident("kiosk-corby", "en", "=1+1");
  first.answers["q_good"].choices = {"parks", "other"};
  first.answers["q_good"].text = "Nice, \"quiet\" streets";
  first.answers["q_area_satisfaction"].number = 4;
  first.answers["q_life_satisfaction"].number = 7;
  first.answers["q_priorities"].choices = {"safety", "green_spaces", "clean_streets"};
  first.answers["q_town"].choices = {"corby"};
  first.answers["q_about_you"].choices = {"agreed"};
  const kiosk::Response second = resident("kiosk-corby", "pl", "@cmd");
  const kiosk::Response third = resident("kiosk-corby", "en", "two\nlines, and -1");
  const HttpResult uploaded =
      http("POST", hub.base_url + "/api/v1/responses", batch_of({first, second, third}), kiosk_token);
  REQUIRE(uploaded.status == 200);
  CHECK(statuses(uploaded) == std::vector<std::string>{"accepted", "accepted", "accepted"});

  {
    const Run r = with_conn({"kiosk", "list"});
    REQUIRE(r.rc == 0);
    CHECK(r.out.find("ID") == 0);
    CHECK(r.out.find("LAST SEEN") != std::string::npos);
    CHECK(r.out.find("WAITING") != std::string::npos);
    CHECK(r.out.find("REVOKED") != std::string::npos);
    CHECK(r.out.find("kiosk-corby") != std::string::npos);
    CHECK(r.out.find("never") == std::string::npos);  // it has been seen
  }

  // Export: CSV, XLSX, JSON.
  const std::string csv_file = dir.file("answers.csv");
  const std::string xlsx_file = dir.file("answers.xlsx");
  for (const auto& [format, file] : std::vector<std::pair<std::string, std::string>>{
           {"csv", csv_file}, {"xlsx", xlsx_file}, {"json", dir.file("answers.json")}}) {
    const Run r = with_conn({"export", "--consultation", "residents-conversation", "--format", format, "--language",
                             "en", "-o", file});
    INFO(format << ": " << r.err);
    REQUIRE(r.rc == 0);
    REQUIRE(std::filesystem::file_size(file) > 0);
  }
  const std::string csv = read_file(csv_file);
  CHECK(csv.rfind("\xEF\xBB\xBF" "id,kiosk,version,language,started,submitted,", 0) == 0);
  const auto rows = parse_csv(csv);
  REQUIRE(rows.size() == 4);
  CHECK(csv_cell_of(rows, first.id, kAnythingElse) == "'=1+1");
  CHECK(csv_cell_of(rows, second.id, kAnythingElse) == "'@cmd");
  CHECK(csv_cell_of(rows, third.id, kAnythingElse) == "two\nlines, and -1");
  CHECK(csv_cell_of(rows, first.id, kGood).find("; Other (please say): Nice, \"quiet\" streets") != std::string::npos);
  CHECK(csv_cell_of(rows, first.id, kPriorities) ==
        "1. Feeling safe; 2. Parks and green spaces; 3. Clean and tidy streets");
  CHECK(csv_cell_of(rows, first.id, "kiosk") == "kiosk-corby");
  CHECK(csv_cell_of(rows, second.id, "language") == "pl");
  const json exported = json::parse(read_file(dir.file("answers.json")));
  REQUIRE(exported.size() == 3);
  CHECK(exported[0]["id"] == first.id);
  CHECK(exported[0][kAnythingElse] == "=1+1");

  // Failures name the place and exit non-zero.
  {
    const Run r = with_conn({"export", "--consultation", "residents-conversation", "--language", "xx", "-o",
                             dir.file("x.csv")});
    CHECK(r.rc == 2);
    CHECK(r.err.find("--language xx") != std::string::npos);
    const Run missing = with_conn({"kiosk", "revoke", "kiosk-nope"});
    CHECK(missing.rc == 1);
    CHECK(missing.err.find("HTTP 404") != std::string::npos);
    const Run no_hub = run(dir.path(), {admin, "kiosk", "list"});
    CHECK(no_hub.rc == 2);
    CHECK(no_hub.err.find("--hub") != std::string::npos);
    const Run plain = run(dir.path(), {admin, "kiosk", "list", "--hub", "http://example.org", "--token-file", token_file});
    CHECK(plain.rc == 2);
  }

  // LibreOffice reads both exports back: "=1+1" stays text, never becomes 2.
  if (std::system("command -v soffice > /dev/null 2>&1") != 0) {
    MESSAGE("soffice is not installed: LibreOffice round trip skipped (deploy/packages.txt installs it)");
  } else {
    const std::string profile = "file://" + dir.file("lo-profile");
    for (const auto& file : {csv_file, xlsx_file}) {
      const std::string outdir = dir.file(std::filesystem::path(file).extension().string().substr(1) + "-out");
      std::vector<std::string> words = {"soffice", "-env:UserInstallation=" + profile, "--headless"};
      if (file == csv_file) words.push_back("--infilter=CSV:44,34,76,1");
      words.insert(words.end(), {"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", outdir, file});
      const Run r = run(dir.path(), words);
      INFO(file << ": " << r.out << r.err);
      REQUIRE(r.rc == 0);
      const std::string converted_file = outdir + "/answers.csv";
      REQUIRE(std::filesystem::exists(converted_file));
      const auto converted = parse_csv(read_file(converted_file));
      REQUIRE(converted.size() == 4);
      CHECK(converted[0].size() == rows[0].size());
      for (size_t i = 0; i < rows[0].size() && i < converted[0].size(); ++i) CHECK(converted[0][i] == rows[0][i]);
      const std::string formula = csv_cell_of(converted, first.id, kAnythingElse);
      CHECK((formula == "=1+1" || formula == "'=1+1"));
      const std::string at = csv_cell_of(converted, second.id, kAnythingElse);
      CHECK((at == "@cmd" || at == "'@cmd"));
      CHECK(csv_cell_of(converted, first.id, kPriorities) ==
            "1. Feeling safe; 2. Parks and green spaces; 3. Clean and tidy streets");
    }
  }

  // Revoke: the kiosk's next upload is refused.
  {
    const Run r = with_conn({"kiosk", "revoke", "kiosk-corby"});
    INFO(r.err);
    REQUIRE(r.rc == 0);
    const HttpResult refused = http("POST", hub.base_url + "/api/v1/responses",
                                    batch_of({resident("kiosk-corby", "en", "late")}), kiosk_token);
    CHECK(refused.status == 401);
    const Run listed = with_conn({"kiosk", "list"});
    CHECK(listed.out.find("yes (") != std::string::npos);
  }
}

TEST_CASE("url_encode: unreserved characters stay, every other byte is percent-encoded") {
  CHECK(kiosk::admin::url_encode("kiosk-1_a.b~") == "kiosk-1_a.b~");
  CHECK(kiosk::admin::url_encode("a b/ü&=?") == "a%20b%2F%C3%BC%26%3D%3F");
  CHECK(kiosk::admin::url_encode("") == "");
}
