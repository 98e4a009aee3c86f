// kiosk-admin subcommands. Each registers itself on the CLI11 app and runs when chosen;
// every failure prints what went wrong and where, and sets a non-zero exit code.
#pragma once
#include <CLI/CLI.hpp>

namespace kiosk::admin {

// Exit codes shared by all subcommands.
enum ExitCode { kOk = 0, kInvalid = 1, kUsage = 2, kUnavailable = 3, kIoError = 4 };

void add_validate_command(CLI::App& app, int& exit_code);
void add_i18n_commands(CLI::App& app, int& exit_code);
// publish, kiosk enrol/list/revoke, export: talk to kiosk-hub (hub_commands.cpp).
void add_hub_commands(CLI::App& app, int& exit_code);

}  // namespace kiosk::admin
