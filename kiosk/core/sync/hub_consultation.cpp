#include "hub_consultation.h"
#include "core/consultation_loader.h"

namespace kiosk::sync {

namespace {
constexpr const char* kJsonKey = "hub_consultation";
constexpr const char* kEtagKey = "hub_consultation_etag";
}  // namespace

bool replaces(const Consultation& fresh, const std::string& id, int version) {
  return fresh.id != id || fresh.version > version;
}

bool save_hub_consultation(SettingsStore& store, const std::string& json_text, const std::string& etag) {
  return store.put_setting(kJsonKey, json_text) && store.put_setting(kEtagKey, etag);
}

std::optional<SavedConsultation> saved_hub_consultation(SettingsStore& store, const Consultation& current,
                                                        std::string& problem) {
  problem.clear();
  const std::optional<std::string> text = store.get_setting(kJsonKey);
  if (!text) return std::nullopt;
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
