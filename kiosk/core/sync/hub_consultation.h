// The consultation last received from the hub, kept in the store's settings so that a kiosk
// restarted while the network is down still runs what staff published, not the older one it
// was installed with.
#pragma once
#include <optional>
#include <string>
#include "core/consultation.h"
#include "core/settings_store.h"

namespace kiosk::sync {

// Whether `fresh` should replace the consultation `id`/`version` a kiosk runs: another
// consultation, or a newer version of the same one.
bool replaces(const Consultation& fresh, const std::string& id, int version);

// Keeps the hub's consultation (its JSON text, already validated), its ETag and the hub's URL.
bool save_hub_consultation(SettingsStore& store, const std::string& json_text, const std::string& etag,
                           const std::string& hub_url);

struct SavedConsultation {
  Consultation consultation;
  std::string etag;  // the hub's ETag for it: no need to fetch it again
};

// The consultation `hub_url` sent, when it replaces `current`; nothing when none is saved,
// another hub sent it (the kiosk was moved to a new hub), it is the same or older, or it no
// longer validates (then `problem` says why).
std::optional<SavedConsultation> saved_hub_consultation(SettingsStore& store, const Consultation& current,
                                                        const std::string& hub_url, std::string& problem);

}  // namespace kiosk::sync
