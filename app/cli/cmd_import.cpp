// vantage import PATH --format F FILE_OR_DIR [--as-prelabels]
//                [--unknown-classes add|skip|fail] [--map-class FROM=TO]...
//                [--camera NAME] [--new-ids] [--skip-invalid] [--strict]
//                [--dry-run] [--json]
// The native folder is saved (atomically) only when the import succeeds;
// otherwise its annotations stay as they were. Any input item that cannot be
// imported fails the import (exit 1, each listed) unless --skip-invalid,
// which imports the rest and writes PATH/conversion-report.json.
#include <fmt/format.h>

#include "app/cli/cli_commands.h"
#include "app/cli/format_cli.h"
#include "core/io/native_format.h"

namespace vantage::cli {

namespace {

struct ImportArgs {
  std::string path, format, input, unknown = "add", camera, sequence, calib;
  std::vector<std::string> map;
  bool prelabels = false, new_ids = false, dry_run = false, json = false;
  LossFlags loss;
};

void run_import(const ImportArgs& a) {
  const core::FormatId format = parse_format(a.format, "--format");
  core::ImportOptions o;
  o.as_prelabels = a.prelabels;
  o.class_map = parse_class_map(a.map);
  const auto policy = core::unknown_class_policy_from_string(a.unknown);
  if (!policy)
    throw core::Error(fmt::format("--unknown-classes '{}': expected add, skip or fail", a.unknown));
  o.unknown_classes = *policy;
  o.keep_ids = !a.new_ids;
  o.skip_invalid = a.loss.skip_invalid;
  o.strict = a.loss.strict;
  o.camera = a.camera;
  o.sequence = a.sequence;
  o.calibration = a.calib;
  core::Document doc = core::load_native(a.path, {allow_outside()});
  core::FormatReport r;
  try {
    r = core::import_annotations(doc, format, a.input, o);
  } catch (const core::ConversionError& e) {
    fail_conversion(e, a.json);
  }
  if (!a.dry_run) core::save_native(doc, a.path);
  if (a.loss.skip_invalid && !a.dry_run) write_conversion_report(a.path, &r, nullptr);
  print_report(r, a.dry_run ? "would import (dry run)" : "imported", a.json);
}

}  // namespace

void add_import_command(CLI::App& app) {
  auto a = std::make_shared<ImportArgs>();
  CLI::App* sub = app.add_subcommand(
      "import", "Read annotations from another tool's format into a native folder");
  sub->add_option("path", a->path, "Native sequence folder to import into")->required();
  sub->add_option("input", a->input, "Annotation file or folder")->required();
  sub->add_option("--format", a->format, "Input format: " + format_names())->required();
  sub->add_flag("--as-prelabels", a->prelabels,
                "Import as model pre-labels (source model, scores, new objects)");
  sub->add_option("--unknown-classes", a->unknown,
                  "Classes not in the schema: add (default), skip or fail");
  sub->add_option("--map-class", a->map, "Rename a class of the file: FROM=TO (repeatable)");
  sub->add_option("--camera", a->camera, "Camera for 2D files that do not name one");
  sub->add_option("--sequence", a->sequence, "KITTI tracking: sequence of a label_02 folder");
  sub->add_option("--calib", a->calib, "KITTI: calibration file for label files given alone");
  sub->add_flag("--new-ids", a->new_ids, "Never reuse the file's object ids");
  add_loss_flags(sub, a->loss);
  sub->add_flag("--dry-run", a->dry_run, "Report only; save nothing");
  sub->add_flag("--json", a->json, "Print the report as JSON");
  sub->callback([a] { run_import(*a); });
}

}  // namespace vantage::cli
