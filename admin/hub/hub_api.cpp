#include "hub_api.h"
#include "core/json_guard.h"

#include <httplib.h>
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <utility>
#include "core/answer.h"
#include "core/clock.h"
#include "core/consultation_loader.h"
#include "hub_auth.h"
#include "hub_store.h"
#include "response_validation.h"

namespace kiosk::hub {
namespace {

using nlohmann::json;
using httplib::Request;
using httplib::Response;

constexpr int kApiVersion = 1;
constexpr int kStoreRetryAfterSeconds = 5;
constexpr int kDefaultExportLimit = 10000;
constexpr int kMaxExportLimit = 50000;

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Printable ASCII only, at most `max` characters: safe in logs and error messages.
std::string printable(std::string_view text, std::size_t max = 120) {
  std::string out;
  for (const char c : text.substr(0, max)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (text.size() > max) out += "...";
  return out;
}

void send_json(Response& res, int status, const json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(dump(body), "application/json");
}

void send_error(Response& res, int status, const std::string& error, const std::string& where,
                json extra = json::object()) {
  extra["error"] = error;
  extra["where"] = where;
  send_json(res, status, extra);
}

bool is_plain_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool is_kiosk_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

std::string parse_error_reason(std::string_view what) {
  if (const auto bracket = what.find("] "); bracket != what.npos) what.remove_prefix(bracket + 2);
  if (what.starts_with("parse error"))
    if (const auto colon = what.find(": "); colon != what.npos) what.remove_prefix(colon + 2);
  return printable(what, 160);
}

// The JSON body, or nullopt after answering 400.
std::optional<json> parse_body(const Request& req, Response& res, int max_depth) {
  const std::string& body = req.body;
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    send_error(res, 400, "the request body is empty; expected JSON", "body");
    return std::nullopt;
  }
  if (json_nested_deeper_than(body, max_depth)) {
    send_error(res, 400, "JSON nested too deeply (more than " + std::to_string(max_depth) + " levels)",
               "body");
    return std::nullopt;
  }
  try {
    return json::parse(body);
  } catch (const json::parse_error& e) {
    send_error(res, 400, "not valid JSON: " + parse_error_reason(e.what()),
               "body, byte " + std::to_string(e.byte));
  } catch (const json::exception& e) {
    send_error(res, 400, "not valid JSON: " + parse_error_reason(e.what()), "body");
  }
  return std::nullopt;
}

std::string hex_prefix(const std::string& bytes, std::size_t count) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && out.size() < count; ++i) {
    out += hex[static_cast<unsigned char>(bytes[i]) >> 4];
    out += hex[static_cast<unsigned char>(bytes[i]) & 0x0f];
  }
  return out.substr(0, count);
}

std::string content_hash(const std::string& text) {
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(text.data()),
                     text.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(hash), sizeof hash);
}

// Does an If-None-Match header name `etag`? Handles lists, weak validators and "*".
bool etag_matches(const std::string& header, const std::string& etag) {
  std::size_t start = 0;
  while (start <= header.size()) {
    std::size_t comma = header.find(',', start);
    if (comma == std::string::npos) comma = header.size();
    std::string item = header.substr(start, comma - start);
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    item = first == std::string::npos ? "" : item.substr(first, last - first + 1);
    if (item.starts_with("W/")) item.erase(0, 2);
    if (item == "*" || item == etag) return true;
    start = comma + 1;
  }
  return false;
}

std::optional<int64_t> query_integer(const Request& req, const char* name, int64_t min, int64_t max,
                                     int64_t fallback, Response& res) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < min || value > max) {
    send_error(res, 400, std::string(name) + " must be a whole number from " + std::to_string(min) +
                             " to " + std::to_string(max), std::string("query: ") + name);
    return std::nullopt;
  }
  return value;
}

// httplib 0.11 listens with a backlog of 5: a burst of kiosks connecting at once (after a power
// cut, say) would see SYNs dropped and retried 1, 3, 7 s later. listen() again on the bound
// socket raises it; the subclass only exposes the socket to do that.
template <typename Base>
class WithBacklog : public Base {
 public:
  using Base::Base;
  bool raise_backlog(int backlog) {
    const auto sock = this->svr_sock_.load();
    return sock != INVALID_SOCKET && ::listen(sock, backlog) == 0;
  }
};
using PlainServer = WithBacklog<httplib::Server>;
using TlsServer = WithBacklog<httplib::SSLServer>;
constexpr int kListenBacklog = 512;

enum class Need { Kiosk, Admin };

struct Caller {
  bool admin = false;
  KioskRecord kiosk;  // when !admin
};

}  // namespace

struct HubServer::Impl {
  Impl(HubStore& store, HubOptions options)
      : store(store),
        options(std::move(options)),
        kiosk_limits(this->options.kiosk_rate, this->options.kiosk_burst),
        admin_limits(this->options.admin_rate, this->options.admin_burst),
        anonymous_limits(this->options.anonymous_rate, this->options.anonymous_burst) {}

  HubStore& store;
  HubOptions options;
  SystemClock clock;
  std::unique_ptr<httplib::Server> server;
  std::string error;
  bool tls = false;

  RateLimiter kiosk_limits;
  RateLimiter admin_limits;
  RateLimiter anonymous_limits;

  // Published versions never change, so parsed ones are kept for good.
  std::mutex cache_mutex;
  std::map<std::pair<std::string, int>, std::shared_ptr<const Consultation>> consultations;

  // Last contact per kiosk, in memory: a GET must not cost an fsync. Written to hub.db with
  // each heartbeat and upload, and merged into the kiosk list.
  std::mutex seen_mutex;
  std::map<std::string, int64_t> last_seen;

  void log(const std::string& line) { std::fprintf(stderr, "kiosk-hub: %s\n", line.c_str()); }

  void setup();
  std::optional<Caller> authenticate(const Request& req, Response& res, Need need);
  std::shared_ptr<const Consultation> published(const std::string& id, int version);

  // routes
  void upload(const Request& req, Response& res);
  void get_consultation(const Request& req, Response& res);
  void heartbeat(const Request& req, Response& res);
  void publish(const Request& req, Response& res);
  void list_consultations(const Request& req, Response& res);
  void show_consultation(const Request& req, Response& res);
  void list_kiosks(const Request& req, Response& res);
  void enrol(const Request& req, Response& res);
  void revoke(const Request& req, Response& res);
  void reissue(const Request& req, Response& res);
  void assign(const Request& req, Response& res);
  void export_responses(const Request& req, Response& res);
  void list_conflicts(const Request& req, Response& res);

  json kiosk_json(const KioskRecord& k);
  void store_failed(Response& res, const StoreError& e) {
    log("store error: " + e.message);
    res.set_header("Retry-After", std::to_string(kStoreRetryAfterSeconds));
    send_error(res, 503, "the hub cannot use its database right now; nothing was changed, try again later",
               "store");
  }
};

std::optional<Caller> HubServer::Impl::authenticate(const Request& req, Response& res, Need need) {
  const auto refuse = [&](const std::string& why) -> std::optional<Caller> {
    // Wrong or missing tokens are limited per address, so guessing is slow and cheap to serve.
    if (const int wait = anonymous_limits.take("ip:" + req.remote_addr)) {
      res.set_header("Retry-After", std::to_string(wait));
      send_error(res, 429, "too many requests without a valid token; wait " + std::to_string(wait) + " s",
                 "Authorization");
      return std::nullopt;
    }
    res.set_header("WWW-Authenticate", "Bearer");
    send_error(res, 401, why, "Authorization");
    return std::nullopt;
  };
  if (!req.has_header("Authorization")) return refuse("missing \"Authorization: Bearer <token>\"");
  const auto token = bearer_token(req.get_header_value("Authorization"));
  if (!token) return refuse("the Authorization header is not \"Bearer <token>\"");

  Caller caller;
  bool known = false;
  if (looks_like_token(*token)) {
    if (auto kiosk = store.kiosk_by_token_hash(hash_token(*token))) {
      // Looked up on every request, so a revocation takes effect on the very next one.
      if (kiosk->revoked_at_ms) return refuse("this kiosk's token has been revoked");
      caller.kiosk = std::move(*kiosk);
      known = true;
    }
  }
  if (!known) {
    if (!is_admin_token(store, *token)) return refuse("unknown token");
    caller.admin = true;
  }
  RateLimiter& limits = caller.admin ? admin_limits : kiosk_limits;
  if (const int wait = limits.take(caller.admin ? "admin" : "kiosk:" + caller.kiosk.id)) {
    res.set_header("Retry-After", std::to_string(wait));
    send_error(res, 429, "too many requests; wait " + std::to_string(wait) + " s", "rate limit");
    return std::nullopt;
  }
  if (need == Need::Admin && !caller.admin) {
    send_error(res, 403, "this endpoint needs the admin token; a kiosk token cannot use it",
               "Authorization");
    return std::nullopt;
  }
  if (need == Need::Kiosk && caller.admin) {
    send_error(res, 403, "this endpoint is for kiosks; use a kiosk token", "Authorization");
    return std::nullopt;
  }
  if (!caller.admin) {
    std::lock_guard lock(seen_mutex);
    last_seen[caller.kiosk.id] = clock.wall_ms();
  }
  return caller;
}

std::shared_ptr<const Consultation> HubServer::Impl::published(const std::string& id, int version) {
  {
    std::lock_guard lock(cache_mutex);
    if (auto it = consultations.find({id, version}); it != consultations.end()) return it->second;
  }
  const auto row = store.consultation(id, version);
  if (!row) return nullptr;
  LoadResult loaded = load_consultation(row->json);
  if (!loaded.ok()) {
    log("published consultation " + id + " v" + std::to_string(version) + " no longer loads");
    return nullptr;
  }
  auto parsed = std::make_shared<const Consultation>(std::move(*loaded.consultation));
  std::lock_guard lock(cache_mutex);
  consultations[{id, version}] = parsed;
  return parsed;
}

// ---------- kiosk endpoints ----------

void HubServer::Impl::upload(const Request& req, Response& res) {
  const auto caller = authenticate(req, res, Need::Kiosk);
  if (!caller) return;
  const auto body = parse_body(req, res, options.max_depth);
  if (!body) return;
  if (!body->is_object()) return send_error(res, 400, "expected an object {\"responses\": [...]}", "body");
  const auto list = body->find("responses");
  if (list == body->end()) return send_error(res, 400, "missing \"responses\"", "responses");
  if (!list->is_array()) return send_error(res, 400, "\"responses\" must be an array", "responses");
  if (list->size() > static_cast<std::size_t>(options.max_batch))
    return send_error(res, 413, "too many responses in one batch (at most " +
                                    std::to_string(options.max_batch) + "); send smaller batches",
                      "responses");

  std::vector<json> results(list->size());
  std::vector<IngestItem> items;
  std::vector<std::size_t> slots;  // result index of each item
  int rejected = 0;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& element = (*list)[i];
    json& result = results[i];
    result["id"] = nullptr;
    if (element.is_object())
      if (auto id = element.find("id"); id != element.end() && id->is_string())
        result["id"] = printable(id->get_ref<const std::string&>(), 64);
    const auto reject = [&](const Rejection& why) {
      result["status"] = "rejected";
      result["reason"] = why.reason;
      result["where"] = why.where;
      result["message"] = why.message;
      ++rejected;
    };
    ParsedResponse parsed = parse_response(element);
    if (parsed.rejection) {
      reject(*parsed.rejection);
      continue;
    }
    const kiosk::Response& response = *parsed.response;
    if (response.kiosk_id != caller->kiosk.id) {
      reject({kWrongKiosk, "kiosk_id", "a kiosk may only upload its own responses (this token is \"" +
                                           caller->kiosk.id + "\")"});
      continue;
    }
    const auto consultation = published(response.consultation_id, response.consultation_version);
    if (!consultation) {
      reject({kUnknownConsultation, "consultation_version",
              "\"" + response.consultation_id + "\" version " +
                  std::to_string(response.consultation_version) + " is not published on this hub"});
      continue;
    }
    if (auto misfit = validate_against(response, *consultation)) {
      reject(*misfit);
      continue;
    }
    IngestItem item;
    item.id = response.id;
    item.kiosk_id = response.kiosk_id;
    item.consultation_id = response.consultation_id;
    item.consultation_version = response.consultation_version;
    item.canonical_json = dump(response_to_json(response));  // std::map keys: sorted, canonical
    item.content_hash = content_hash(item.canonical_json);
    items.push_back(std::move(item));
    slots.push_back(i);
  }

  std::vector<IngestOutcome> outcomes;
  if (!items.empty()) {
    if (const StoreError e = store.ingest(items, caller->kiosk.id, clock.wall_ms(), outcomes))
      return store_failed(res, e);
  }
  int accepted = 0, duplicates = 0;
  for (std::size_t k = 0; k < items.size(); ++k) {
    json& result = results[slots[k]];
    switch (outcomes[k]) {
      case IngestOutcome::Accepted:
        result["status"] = "accepted";
        ++accepted;
        break;
      case IngestOutcome::Duplicate:
        result["status"] = "duplicate";
        ++duplicates;
        break;
      case IngestOutcome::Conflict:
        result["status"] = "rejected";
        result["reason"] = kConflict;
        result["where"] = "";
        result["message"] = "a response with this id and different content is already stored; "
                            "this one was refused and kept in the hub's conflict log";
        ++rejected;
        log("conflict: response " + items[k].id + " from " + caller->kiosk.id +
            " differs from the stored one; refused and logged");
        break;
    }
  }
  if (rejected > 0 || options.log_requests)
    log("upload from " + caller->kiosk.id + ": " + std::to_string(accepted) + " accepted, " +
        std::to_string(duplicates) + " duplicate, " + std::to_string(rejected) + " rejected");
  send_json(res, 200, json{{"results", std::move(results)},
                           {"accepted", accepted},
                           {"duplicate", duplicates},
                           {"rejected", rejected}});
}

void HubServer::Impl::get_consultation(const Request& req, Response& res) {
  const auto caller = authenticate(req, res, Need::Kiosk);
  if (!caller) return;
  const auto latest = store.latest_consultation(caller->kiosk.consultation_id);
  if (!latest)
    return send_error(res, 404, "no version of \"" + caller->kiosk.consultation_id +
                                    "\" (this kiosk's consultation) is published yet",
                      "consultation");
  res.set_header("ETag", latest->etag);
  res.set_header("Cache-Control", "no-cache");
  res.set_header("X-Consultation-Id", latest->id);
  res.set_header("X-Consultation-Version", std::to_string(latest->version));
  if (req.has_header("If-None-Match") && etag_matches(req.get_header_value("If-None-Match"), latest->etag)) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(latest->json, "application/json");
}

void HubServer::Impl::heartbeat(const Request& req, Response& res) {
  const auto caller = authenticate(req, res, Need::Kiosk);
  if (!caller) return;
  const auto body = parse_body(req, res, options.max_depth);
  if (!body) return;
  if (!body->is_object()) return send_error(res, 400, "expected an object", "body");
  json kept = json::object();
  struct Field {
    const char* key;
    bool text;
    std::size_t max_bytes;
  };
  static constexpr Field kFields[] = {
      {"app_version", true, 64},         {"consultation_id", true, 64},
      {"consultation_version", false, 0}, {"waiting", false, 0},
      {"dead_letters", false, 0},         {"free_disk_bytes", false, 0},
      {"last_error", true, 2000},
  };
  for (const Field& field : kFields) {
    const auto it = body->find(field.key);
    if (it == body->end() || it->is_null()) continue;
    if (field.text) {
      if (!it->is_string()) return send_error(res, 400, "expected a string", field.key);
      if (it->get_ref<const std::string&>().size() > field.max_bytes)
        return send_error(res, 400, "longer than " + std::to_string(field.max_bytes) + " bytes", field.key);
    } else if (!it->is_number_unsigned()) {  // nlohmann reads 0 and up as unsigned
      return send_error(res, 400, "expected a whole number, 0 or more", field.key);
    }
    kept[field.key] = *it;
  }
  const int64_t now = clock.wall_ms();
  if (const StoreError e = store.record_heartbeat(caller->kiosk.id, dump(kept), now))
    return store_failed(res, e);
  json consultation = nullptr;
  if (const auto latest = store.latest_consultation(caller->kiosk.consultation_id))
    consultation = json{{"id", latest->id}, {"version", latest->version}, {"etag", latest->etag}};
  send_json(res, 200, json{{"status", "ok"}, {"server_time_ms", now}, {"consultation", consultation}});
}

// ---------- staff endpoints ----------

void HubServer::Impl::publish(const Request& req, Response& res) {
  if (!authenticate(req, res, Need::Admin)) return;
  const LoadResult loaded = load_consultation(req.body);
  const auto problem_list = [](const std::vector<LoadProblem>& problems) {
    json list = json::array();
    for (const auto& p : problems) list.push_back(json{{"where", p.path}, {"message", p.message}});
    return list;
  };
  if (!loaded.ok()) {
    const std::string where = loaded.problems.empty() ? "body" : loaded.problems.front().path;
    return send_error(res, 422,
                      "the consultation has " + std::to_string(loaded.problems.size()) +
                          " problem(s); nothing was published",
                      where, json{{"problems", problem_list(loaded.problems)}});
  }
  const Consultation& c = *loaded.consultation;
  if (const auto latest = store.latest_consultation(c.id)) {
    if (latest->version == c.version && latest->json == req.body)
      return send_json(res, 200, json{{"status", "unchanged"}, {"id", c.id}, {"version", c.version},
                                      {"etag", latest->etag}});
    if (latest->version >= c.version)
      return send_error(res, 409, "version " + std::to_string(c.version) +
                                      " is not newer than the published version " +
                                      std::to_string(latest->version) + "; raise \"version\"",
                        "version", json{{"published_version", latest->version}});
  }
  PublishedConsultation row;
  row.id = c.id;
  row.version = c.version;
  row.json = req.body;
  row.etag = "\"" + c.id + "-v" + std::to_string(c.version) + "-" + hex_prefix(content_hash(req.body), 16) + "\"";
  row.published_at_ms = clock.wall_ms();
  if (const StoreError e = store.publish_consultation(row)) {
    if ((e.rc & 0xff) == 19 /* SQLITE_CONSTRAINT: another publish got there first */)
      return send_error(res, 409, "a version as new as " + std::to_string(c.version) +
                                      " was published meanwhile", "version");
    return store_failed(res, e);
  }
  log("published " + c.id + " version " + std::to_string(c.version));
  send_json(res, 201, json{{"status", "published"}, {"id", c.id}, {"version", c.version},
                           {"etag", row.etag}, {"warnings", problem_list(loaded.warnings)}});
}

void HubServer::Impl::list_consultations(const Request& req, Response& res) {
  if (!authenticate(req, res, Need::Admin)) return;
  json list = json::array();
  for (const auto& c : store.list_consultations())
    list.push_back(json{{"id", c.id}, {"version", c.version}, {"etag", c.etag},
                        {"published_at_ms", c.published_at_ms}});
  send_json(res, 200, json{{"consultations", list}});
}

void HubServer::Impl::show_consultation(const Request& req, Response& res) {
  if (!authenticate(req, res, Need::Admin)) return;
  const std::string id = req.matches[1];
  const auto version = query_integer(req, "version", 1, INT32_MAX, 0, res);
  if (!version) return;
  const auto row = *version == 0 ? store.latest_consultation(id) : store.consultation(id, static_cast<int>(*version));
  if (!row) return send_error(res, 404, "no such consultation (version)", "consultation");
  res.set_header("ETag", row->etag);
  res.set_header("X-Consultation-Version", std::to_string(row->version));
  res.status = 200;
  res.set_content(row->json, "application/json");
}

json HubServer::Impl::kiosk_json(const KioskRecord& k) {
  std::optional<int64_t> seen = k.last_seen_ms;
  {
    std::lock_guard lock(seen_mutex);
    if (auto it = last_seen.find(k.id); it != last_seen.end() && (!seen || it->second > *seen))
      seen = it->second;
  }
  json heartbeat = k.heartbeat_json.empty() ? json(nullptr) : json::parse(k.heartbeat_json, nullptr, false);
  if (heartbeat.is_discarded()) heartbeat = nullptr;
  json waiting = heartbeat.is_object() && heartbeat.contains("waiting") ? heartbeat["waiting"] : json(nullptr);
  return json{{"id", k.id},
              {"name", k.name},
              {"consultation", k.consultation_id},
              {"enrolled_at_ms", k.enrolled_at_ms},
              {"revoked", k.revoked_at_ms.has_value()},
              {"revoked_at_ms", k.revoked_at_ms ? json(*k.revoked_at_ms) : json(nullptr)},
              {"last_seen_ms", seen ? json(*seen) : json(nullptr)},
              {"waiting", waiting},
              {"responses_received", k.responses_received},
              {"heartbeat", heartbeat},
              {"heartbeat_at_ms", k.heartbeat_at_ms ? json(*k.heartbeat_at_ms) : json(nullptr)}};
}

void HubServer::Impl::list_kiosks(const Request& req, Response& res) {
  if (!authenticate(req, res, Need::Admin)) return;
  json list = json::array();
  for (const auto& k : store.list_kiosks()) list.push_back(kiosk_json(k));
  send_json(res, 200, json{{"kiosks", list}});
}

void HubServer::Impl::enrol(const Request& req, Response& res) {
  if (!authenticate(req, res, Need::Admin)) return;
  const auto body = parse_body(req, res, options.max_depth);
  if (!body) return;
  if (!body->is_object()) return send_error(res, 400, "expected an object", "body");
  KioskRecord kiosk;
  const auto consultation = body->find("consultation");
  if (consultation == body->end() || !consultation->is_string() || !is_plain_id(*consultation))
    return send_error(res, 400, "\"consultation\" must be a consultation id", "consultation");
  kiosk.consultation_id = *consultation;
  if (const auto name = body->find("name"); name != body->end()) {
    const bool ok = name->is_string() && name->get_ref<const std::string&>().size() <= 200 &&
                    std::none_of(name->get_ref<const std::string&>().begin(), name->get_ref<const std::string&>().end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    if (!ok) return send_error(res, 400, "\"name\" must be one line of text, at most 200 bytes", "name");
    kiosk.name = *name;
  }
  if (const auto id = body->find("id"); id != body->end() && !id->is_null()) {
    if (!id->is_string() || !is_kiosk_id(*id))
      return send_error(res, 400, "\"id\" must use letters, digits, \"-\", \"_\", \".\" (at most 64)", "id");
    kiosk.id = *id;
  } else {
    kiosk.id = "kiosk-" + new_token().substr(0, 10);
  }
  if (kiosk.name.empty()) kiosk.name = kiosk.id;
  const std::string token = new_token();
  if (!looks_like_token(token)) return send_error(res, 500, "cannot generate a random token", "token");
  if (const StoreError e = store.add_kiosk(kiosk, hash_token(token), clock.wall_ms())) {
    if ((e.rc & 0xff) == 19 /* SQLITE_CONSTRAINT */)
      return send_error(res, 409, "kiosk \"" + kiosk.id + "\" is already enrolled; POST /api/v1/admin/kiosks/" +
                                      kiosk.id + "/token gives it a new token", "id");
    return store_failed(res, e);
  }
  log("enrolled kiosk " + kiosk.id + " for " + kiosk.consultation_id);
  send_json(res, 201, json{{"id", kiosk.id},
                           {"name", kiosk.name},
                           {"consultation", kiosk.consultation_id},
                           {"consultation_published", store.latest_consultation(kiosk.consultation_id).has_value()},
                           {"token", token},
                           {"note", "the token is shown once; the hub keeps only its hash"}});
}

void HubServer::Impl::revoke(const Request& req, Response& res) {
  if (!authenticate(req, res, Need::Admin)) return;
  const std::string id = req.matches[1];
  StoreError e;
  if (!store.revoke_kiosk(id, clock.wall_ms(), e)) {
    if (e) return store_failed(res, e);
    return send_error(res, 404, "no kiosk \"" + printable(id, 64) + "\"", "id");
  }
  log("revoked kiosk " + id);
  const auto kiosk = store.kiosk(id);
  send_json(res, 200, json{{"id", id}, {"revoked", true},
                           {"revoked_at_ms", kiosk && kiosk->revoked_at_ms ? json(*kiosk->revoked_at_ms) : json(nullptr)}});
}

void HubServer::Impl::reissue(const Request& req, Response& res) {
  if (!authenticate(req, res, Need::Admin)) return;
  const std::string id = req.matches[1];
  const std::string token = new_token();
  if (!looks_like_token(token)) return send_error(res, 500, "cannot generate a random token", "token");
  StoreError e;
  if (!store.reissue_token(id, hash_token(token), e)) {
    if (e) return store_failed(res, e);
    return send_error(res, 404, "no kiosk \"" + printable(id, 64) + "\"", "id");
  }
  log("new token for kiosk " + id);
  send_json(res, 200, json{{"id", id}, {"token", token}, {"revoked", false},
                           {"note", "the old token no longer works; this one is shown once"}});
}

void HubServer::Impl::assign(const Request& req, Response& res) {
  if (!authenticate(req, res, Need::Admin)) return;
  const std::string id = req.matches[1];
  const auto body = parse_body(req, res, options.max_depth);
  if (!body) return;
  const auto consultation = body->is_object() ? body->find("consultation") : body->end();
  if (!body->is_object() || consultation == body->end() || !consultation->is_string() ||
      !is_plain_id(*consultation))
    return send_error(res, 400, "\"consultation\" must be a consultation id", "consultation");
  StoreError e;
  if (!store.assign_consultation(id, *consultation, e)) {
    if (e) return store_failed(res, e);
    return send_error(res, 404, "no kiosk \"" + printable(id, 64) + "\"", "id");
  }
  send_json(res, 200, json{{"id", id}, {"consultation", *consultation}});
}

void HubServer::Impl::export_responses(const Request& req, Response& res) {
  if (!authenticate(req, res, Need::Admin)) return;
  const std::string id = req.has_param("consultation") ? req.get_param_value("consultation") : "";
  if (!is_plain_id(id)) return send_error(res, 400, "?consultation=<id> is required", "query: consultation");
  const auto after = query_integer(req, "after", 0, INT64_MAX, 0, res);
  if (!after) return;
  const auto limit = query_integer(req, "limit", 1, kMaxExportLimit, kDefaultExportLimit, res);
  if (!limit) return;
  const ExportPage page = store.export_responses(id, *after, static_cast<int>(*limit));
  // The stored canonical JSON goes out as it is: no parse and re-print per response.
  std::string body = "{\"consultation\":" + dump(id) + ",\"count\":" + std::to_string(page.responses.size()) +
                     ",\"next_after\":" + std::to_string(page.last_seq) +
                     ",\"more\":" + (page.more ? "true" : "false") + ",\"responses\":[";
  for (std::size_t i = 0; i < page.responses.size(); ++i) {
    if (i) body += ',';
    body += page.responses[i];
  }
  body += "]}";
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(body), "application/json");
}

void HubServer::Impl::list_conflicts(const Request& req, Response& res) {
  if (!authenticate(req, res, Need::Admin)) return;
  const auto limit = query_integer(req, "limit", 1, 10000, 1000, res);
  if (!limit) return;
  json list = json::array();
  for (const auto& c : store.conflicts(static_cast<int>(*limit))) {
    json response = json::parse(c.response_json, nullptr, false);
    list.push_back(json{{"seq", c.seq}, {"id", c.response_id}, {"kiosk_id", c.kiosk_id},
                        {"received_at_ms", c.received_at_ms},
                        {"response", response.is_discarded() ? json(nullptr) : response}});
  }
  send_json(res, 200, json{{"conflicts", list}});
}

// ---------- wiring ----------

void HubServer::Impl::setup() {
  httplib::Server& s = *server;
  s.set_payload_max_length(options.max_body_bytes);
  s.set_read_timeout(10, 0);
  s.set_write_timeout(10, 0);
  // Nagle + delayed ACK would add ~40 ms to every reply written in two parts.
  s.set_tcp_nodelay(true);
  // httplib gives each connection a worker thread for as long as it stays open. Kiosks talk
  // seldom, so a kept-alive idle connection would only hold a thread others queue for:
  // by default every connection serves one request ("Connection: close").
  s.set_keep_alive_timeout(2);
  s.set_keep_alive_max_count(static_cast<size_t>(std::max(1, options.keep_alive_requests)));
  const int threads = std::max(2, options.threads);
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };

  const auto route = [this](void (Impl::*handler)(const Request&, Response&)) {
    return [this, handler](const Request& req, Response& res) { (this->*handler)(req, res); };
  };
  const std::string kiosk_id = "([A-Za-z0-9._-]{1,64})";
  const std::string consultation_id = "([a-z0-9_-]{1,64})";
  s.Get("/api/v1/health", [](const Request&, Response& res) {
    send_json(res, 200, json{{"status", "ok"}, {"service", "kiosk-hub"}, {"api", kApiVersion}});
  });
  s.Post("/api/v1/responses", route(&Impl::upload));
  s.Get("/api/v1/consultation", route(&Impl::get_consultation));
  s.Post("/api/v1/heartbeat", route(&Impl::heartbeat));
  s.Post("/api/v1/admin/consultations", route(&Impl::publish));
  s.Get("/api/v1/admin/consultations", route(&Impl::list_consultations));
  s.Get("/api/v1/admin/consultations/" + consultation_id, route(&Impl::show_consultation));
  s.Get("/api/v1/admin/kiosks", route(&Impl::list_kiosks));
  s.Post("/api/v1/admin/kiosks", route(&Impl::enrol));
  s.Delete("/api/v1/admin/kiosks/" + kiosk_id, route(&Impl::revoke));
  s.Post("/api/v1/admin/kiosks/" + kiosk_id + "/revoke", route(&Impl::revoke));
  s.Post("/api/v1/admin/kiosks/" + kiosk_id + "/token", route(&Impl::reissue));
  s.Post("/api/v1/admin/kiosks/" + kiosk_id + "/consultation", route(&Impl::assign));
  s.Get("/api/v1/admin/responses", route(&Impl::export_responses));
  s.Get("/api/v1/admin/conflicts", route(&Impl::list_conflicts));

  // Runs before httplib reads the body. Bodies must be JSON: httplib would otherwise parse an
  // application/x-www-form-urlencoded body (curl's default for POST data) as a form and refuse
  // any over 8 KiB with a baffling 413.
  s.set_pre_routing_handler([](const Request& req, Response& res) {
    const bool has_body = (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0") ||
                          req.has_header("Transfer-Encoding");
    if (!has_body) return httplib::Server::HandlerResponse::Unhandled;
    std::string type = req.get_header_value("Content-Type");
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    std::transform(type.begin(), type.end(), type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (type == "application/json") return httplib::Server::HandlerResponse::Unhandled;
    send_error(res, 415, "request bodies must be JSON, sent with \"Content-Type: application/json\"",
               "Content-Type");
    return httplib::Server::HandlerResponse::Handled;
  });

  // Whatever went wrong without a body of ours (no such route, 413 from the body limit,
  // a request line httplib could not read): still {"error", "where"}.
  s.set_error_handler(httplib::Server::HandlerWithResponse([this](const Request& req, Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const std::string where = printable(req.method + " " + req.path);
    switch (res.status) {
      case 404: send_error(res, 404, "no such endpoint", where); break;
      case 413:
        send_error(res, 413, "request body too large (limit " +
                                 std::to_string(options.max_body_bytes / (1024 * 1024)) + " MiB)", "body");
        break;
      case 400: send_error(res, 400, "malformed HTTP request", where); break;
      default: send_error(res, res.status, "request refused (HTTP " + std::to_string(res.status) + ")", where);
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  s.set_exception_handler([this](const Request& req, Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log("internal error in " + printable(req.method + " " + req.path) + ": " + printable(what, 300));
    send_error(res, 500, "internal error; the request was not completed", printable(req.method + " " + req.path));
  });
  s.set_logger([this](const Request& req, const Response& res) {
    if (options.log_requests || res.status >= 500)
      log(req.remote_addr + " " + printable(req.method + " " + req.path) + " -> " + std::to_string(res.status));
  });
}

HubServer::HubServer(HubStore& store, HubOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(options))) {
  std::signal(SIGPIPE, SIG_IGN);
  if (sodium_init() < 0) impl_->error = "libsodium failed to start";
  const auto& o = impl_->options;
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    impl_->error = "TLS needs both --tls-cert and --tls-key";
  } else if (!o.tls_cert.empty()) {
    auto tls = std::make_unique<TlsServer>(o.tls_cert.c_str(), o.tls_key.c_str());
    if (!tls->is_valid())
      impl_->error = "cannot load the TLS certificate " + o.tls_cert + " or key " + o.tls_key;
    impl_->server = std::move(tls);
    impl_->tls = true;
  } else {
    impl_->server = std::make_unique<PlainServer>();
  }
  if (impl_->server) impl_->setup();
}

HubServer::~HubServer() {
  if (impl_->server) impl_->server->stop();
}

bool HubServer::ok() const { return impl_->error.empty(); }
const std::string& HubServer::error() const { return impl_->error; }
bool HubServer::tls() const { return impl_->tls; }

int HubServer::bind(const std::string& host, int port) {
  if (!ok()) return -1;
  const int bound = port == 0 ? impl_->server->bind_to_any_port(host)
                              : (impl_->server->bind_to_port(host, port) ? port : -1);
  if (bound > 0) {
    const bool raised = impl_->tls ? static_cast<TlsServer&>(*impl_->server).raise_backlog(kListenBacklog)
                                   : static_cast<PlainServer&>(*impl_->server).raise_backlog(kListenBacklog);
    if (!raised) impl_->log("could not raise the listen backlog; bursts of connections may be slow");
  }
  return bound;
}

bool HubServer::listen() { return ok() && impl_->server->listen_after_bind(); }
void HubServer::stop() {
  if (impl_->server) impl_->server->stop();
}
bool HubServer::running() const { return impl_->server && impl_->server->is_running(); }

}  // namespace kiosk::hub
