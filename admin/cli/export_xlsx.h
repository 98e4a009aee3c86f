// Writes an ExportTable as an .xlsx workbook (libxlsxwriter). Every cell is written as a
// string, never as a formula or number, so "=1+1" typed by a resident stays text.
#pragma once
#include <string>
#include "export_table.h"

namespace kiosk::admin {

// Returns "" on success, else what went wrong.
std::string write_xlsx(const ExportTable& table, const std::string& path);

}  // namespace kiosk::admin
