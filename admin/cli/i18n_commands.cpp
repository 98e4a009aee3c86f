// i18n export-po / import-po: a consultation's texts as gettext catalogs, so a translation
// agency can work in Poedit, Weblate or any PO editor.
#include <iostream>
#include "commands.h"
#include "core/consultation_loader.h"
#include "core/consultation_po.h"
#include "file_io.h"

namespace kiosk::admin {

void add_i18n_commands(CLI::App& app, int& exit_code) {
  auto* i18n = app.add_subcommand("i18n", "Translate a consultation with gettext PO files");
  i18n->require_subcommand(1);

  struct ExportArgs {
    std::string consultation, language, output;
  };
  auto ex = std::make_shared<ExportArgs>();
  auto* export_cmd = i18n->add_subcommand(
      "export-po", "Write the consultation's texts as a PO file for one language, or the template (.pot) without --language");
  export_cmd->add_option("--consultation", ex->consultation, "consultation file (JSON)")->required();
  export_cmd->add_option("--language", ex->language, "language code, e.g. pl, ur, zh-Hans");
  export_cmd->add_option("-o,--output", ex->output, "file to write (default: standard output)");
  export_cmd->callback([ex, &exit_code] {
    LoadResult loaded = load_consultation_file(ex->consultation);
    if (!loaded.ok()) {
      for (const auto& p : loaded.problems) std::cerr << ex->consultation << ": " << p.to_string() << "\n";
      exit_code = kInvalid;
      return;
    }
    const std::string po = ex->language.empty() ? export_consultation_pot(*loaded.consultation)
                                                 : export_consultation_po(*loaded.consultation, ex->language);
    if (ex->output.empty()) {
      std::cout << po;
    } else if (!write_file_atomically(ex->output, po)) {
      std::cerr << ex->output << ": cannot write\n";
      exit_code = kIoError;
    }
  });

  struct ImportArgs {
    std::string consultation, language, po, output;
    bool allow_problems = false;
  };
  auto im = std::make_shared<ImportArgs>();
  auto* import_cmd = i18n->add_subcommand(
      "import-po", "Put a translated PO file's texts into the consultation file (only that language changes)");
  import_cmd->add_option("--consultation", im->consultation, "consultation file (JSON), updated in place")->required();
  import_cmd->add_option("--language", im->language, "language of the translations")->required();
  import_cmd->add_option("po", im->po, "the translated PO file")->required();
  import_cmd->add_option("-o,--output", im->output, "write the result here instead of updating the file");
  import_cmd->add_flag("--allow-problems", im->allow_problems,
                       "import what can be imported even if some messages are unknown or stale");
  import_cmd->callback([im, &exit_code] {
    std::string json;
    if (!read_whole_file(im->consultation, json)) {
      std::cerr << im->consultation << ": cannot read\n";
      exit_code = kIoError;
      return;
    }
    PoImportResult result = import_consultation_po_file(json, im->po, im->language);
    if (!result.errors.empty() || !result.problems.empty()) std::cerr << result.report();
    if (!result.json || (!result.problems.empty() && !im->allow_problems)) {
      std::cerr << im->po << ": not imported\n";
      exit_code = kInvalid;
      return;
    }
    const std::string target = im->output.empty() ? im->consultation : im->output;
    if (!write_file_atomically(target, *result.json)) {
      std::cerr << target << ": cannot write\n";
      exit_code = kIoError;
      return;
    }
    std::cout << im->po << ": " << result.imported << " imported, " << result.unchanged << " unchanged, "
              << result.untranslated << " untranslated, " << result.fuzzy << " fuzzy (not imported)\n";
  });
}

}  // namespace kiosk::admin
