#include "hub_consultation.h"
#include "core/consultation_loader.h"

namespace kiosk::sync {

namespace {
constexpr const char* kJsonKey = "hub_consultation";
constexpr const char* kEtagKey = "hub_consultation_etag";
constexpr const char* kHubKey = "hub_consultation_from";
}  // namespace

bool replaces(const Consultation& fresh, const std::string& id, int version) {
  return fresh.id != id || fresh.version > version;
}

bool save_hub_consultation(SettingsStore& store, const std::string& json_text, const std::string& etag,
                           const std::string& hub_url) {
  // The text goes last: a crash part-way leaves the old text, which the next fetch replaces.
  return store.put_setting(kEtagKey, etag) && store.put_setting(kHubKey, hub_url) &&
         store.put_setting(kJsonKey, json_text);
}

std::optional<SavedConsultation> saved_hub_consultation(SettingsStore& store, const Consultation& current,
                                                        const std::string& hub_url, std::string& problem) {
  problem.clear();
  const std::optional<std::string> text = store.get_setting(kJsonKey);
  if (!text || store.get_setting(kHubKey) != hub_url) return std::nullopt;
  LoadResult loaded = load_consultation(*text);
  if (!loaded.ok()) {
    problem = "the consultation saved from the hub cannot be used";
    if (!loaded.problems.empty()) problem += ": " + loaded.problems.front().to_string();
    return std::nullopt;
  }
  if (!replaces(*loaded.consultation, current.id, current.version)) return std::nullopt;
  return SavedConsultation{std::move(*loaded.consultation), store.get_setting(kEtagKey).value_or("")};
}

}  // namespace kiosk::sync
