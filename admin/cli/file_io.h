// Whole files in and out, for the kiosk-admin subcommands.
#pragma once
#include <string>

namespace kiosk::admin {

// The file's bytes; false when it cannot be opened or read.
bool read_whole_file(const std::string& path, std::string& out);

// Writes next to the target, then renames: a failed write never leaves half a file (nor the
// temporary one).
bool write_file_atomically(const std::string& path, const std::string& content);

}  // namespace kiosk::admin
