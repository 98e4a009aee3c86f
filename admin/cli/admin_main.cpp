// kiosk-admin: what library staff and scripts use to look after consultations and kiosks.
#include <curl/curl.h>

#include <CLI/CLI.hpp>
#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"kiosk-admin: look after Community Kiosk consultations, kiosks and answers"};
  app.require_subcommand(1);
  int exit_code = kiosk::admin::kOk;
  kiosk::admin::add_validate_command(app, exit_code);
  kiosk::admin::add_i18n_commands(app, exit_code);
  kiosk::admin::add_hub_commands(app, exit_code);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    curl_global_cleanup();
    const int rc = app.exit(e);
    return rc == 0 ? 0 : kiosk::admin::kUsage;
  }
  curl_global_cleanup();
  return exit_code;
}
