#include <iostream>
#include "commands.h"
#include "core/consultation_loader.h"

namespace kiosk::admin {

void add_validate_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("validate", "Check a consultation file and list every problem with its JSON path");
  auto file = std::make_shared<std::string>();
  auto strict = std::make_shared<bool>(false);
  cmd->add_option("file", *file, "consultation file (JSON)")->required();
  cmd->add_flag("--strict", *strict, "also fail when a text lacks one of the consultation's languages");
  cmd->callback([file, strict, &exit_code] {
    LoadResult result = load_consultation_file(*file);
    for (const auto& problem : result.problems) std::cerr << *file << ": " << problem.to_string() << "\n";
    for (const auto& warning : result.warnings)
      std::cerr << *file << ": warning: " << warning.to_string() << "\n";
    if (!result.ok()) {
      std::cerr << *file << ": " << result.problems.size() << " problem(s); not valid\n";
      exit_code = kInvalid;
      return;
    }
    const Consultation& c = *result.consultation;
    std::cout << *file << ": valid: " << c.id << " version " << c.version << ", " << c.questions.size()
              << " questions, languages:";
    for (const auto& language : c.languages) std::cout << " " << language;
    std::cout << "\n";
    if (*strict && !result.warnings.empty()) exit_code = kInvalid;
  });
}

}  // namespace kiosk::admin
