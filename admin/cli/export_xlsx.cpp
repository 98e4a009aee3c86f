#include "export_xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include "core/utf8.h"

namespace kiosk::admin {

namespace {
constexpr size_t kMaxCellBytes = 32000;  // Excel's limit is 32767 characters a cell
}  // namespace

std::string write_xlsx(const ExportTable& table, const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return path + ": cannot create the workbook";
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Responses");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  std::string error;
  const auto put = [&](size_t row, size_t col, const std::string& text, lxw_format* format) {
    if (!error.empty()) return;
    const lxw_error rc = worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                                std::string(utf8_prefix(text, kMaxCellBytes)).c_str(), format);
    if (rc != LXW_NO_ERROR)
      error = path + ": row " + std::to_string(row + 1) + ", column " + std::to_string(col + 1) + ": " +
              lxw_strerror(rc);
  };
  for (size_t c = 0; c < table.header.size(); ++c) put(0, c, table.header[c], bold);
  for (size_t r = 0; r < table.rows.size(); ++r)
    for (size_t c = 0; c < table.rows[r].size(); ++c)
      if (!table.rows[r][c].empty()) put(r + 1, c, table.rows[r][c], nullptr);
  worksheet_freeze_panes(sheet, 1, 0);
  for (size_t c = 0; c < table.header.size(); ++c) {
    const double width = c < 6 ? 20 : std::clamp<double>(static_cast<double>(table.header[c].size()) * 0.6, 14, 50);
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
  }
  const lxw_error closed = workbook_close(workbook);
  if (error.empty() && closed != LXW_NO_ERROR) error = path + ": cannot write: " + lxw_strerror(closed);
  return error;
}

}  // namespace kiosk::admin
