// The kiosk's settings: embedded defaults, optionally overridden by a JSON file
// (docs/configuration.md). Bad values are reported with the file and key, never guessed.
#pragma once
#include <string>
#include <vector>
#include "flow.h"

namespace kiosk {

struct KioskConfig {
  std::string kiosk_id;          // default: "kiosk-" + host name
  std::string data_dir;          // default: $XDG_DATA_HOME/community-kiosk or ~/.local/share/...
  std::string database_path;     // default: <data_dir>/responses.db
  std::string consultation_path; // default: the bundled residents' conversation
  FlowSettings flow;
  // Upload to the collection hub (docs/hub-api.md). No hub_url: upload is off.
  std::string hub_url;           // e.g. https://hub.example.org
  std::string hub_token;         // kiosk token; or read from "hub_token_file"
  std::string ca_file;           // extra CA bundle (PEM) for the hub's certificate
  std::string proxy;             // e.g. http://proxy:3128; default: http(s)_proxy from the environment
  int keep_sent_days = 30;       // uploaded answers are deleted from the kiosk after this
  bool upload_configured() const { return !hub_url.empty(); }
};

struct ConfigResult {
  KioskConfig config;
  std::vector<std::string> problems;  // each "<file>: <key>: <message>"
};

// Where the bundled assets are: $KIOSK_ASSETS, else the installed share dir, else the source tree.
std::string assets_dir();
KioskConfig default_config();
// Reads `path` over the defaults. A missing file is a problem only when `must_exist`.
ConfigResult load_config(const std::string& path, bool must_exist);

}  // namespace kiosk
