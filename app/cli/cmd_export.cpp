// vantage export PATH --format F --out DIR [--frames A:B] [--camera NAME]
//                [--keyframes-only] [--sequence SEQ] [--yolo-task T]
//                [--copy-images] [--accepted-only] [--name NAME] [--overwrite]
//                [--skip-invalid] [--strict] [--json]
// Writes nothing when an item would be dropped or altered (exit 1, each
// listed) unless --skip-invalid, which writes OUT/conversion-report.json.
#include <fmt/format.h>

#include "app/cli/cli_commands.h"
#include "app/cli/cmd_dataset.h"
#include "app/cli/format_cli.h"
#include "core/io/native_format.h"
#include "core/io/sequence_opener.h"
#include "core/models/provenance.h"

namespace vantage::cli {

namespace {

struct ExportArgs {
  std::string path, format, out, frames, camera, sequence, yolo_task = "auto", name;
  bool keyframes_only = false, copy_images = false, json = false, overwrite = false,
       accepted_only = false, mask_polygons = false;
  LossFlags loss;
};

void run_export(const ExportArgs& a) {
  const core::FormatId format = parse_format(a.format, "--format");
  core::ExportOptions o;
  if (!a.frames.empty()) o.frames = parse_frame_range(a.frames);
  o.camera = a.camera;
  o.keyframes_only = a.keyframes_only;
  o.copy_images = a.copy_images;
  o.mask_polygons = a.mask_polygons;
  o.name = a.name;
  o.overwrite = a.overwrite;
  o.skip_invalid = a.loss.skip_invalid;
  o.strict = a.loss.strict;
  const auto task = core::yolo_task_from_string(a.yolo_task);
  if (!task)
    throw core::Error(
        fmt::format("--yolo-task '{}': expected auto, detect, segment or pose", a.yolo_task));
  o.yolo_task = *task;
  // A dataset folder: every sequence plus the combined sets (`dataset export`).
  if (std::filesystem::is_regular_file(std::filesystem::path(a.path) / core::kDatasetFileName)) {
    core::DatasetExportOptions d;
    d.format = format;
    d.out = a.out;
    d.export_options = o;
    run_dataset_export(core::Dataset::open(a.path), d, a.json);
    return;
  }
  core::OpenOptions oo;
  oo.allow_outside = allow_outside();
  oo.sequence = a.sequence;
  core::Document doc = core::open_document(a.path, oo);
  // Datasets opened directly are labelled frame by frame: frames between an
  // object's appearances are not seen, never interpolated.
  if (!core::is_native_folder(a.path)) core::mark_gaps_as_outside(doc.annotations);
  size_t dropped = 0;
  if (a.accepted_only) dropped = core::drop_pending_prelabels(doc.annotations);
  core::FormatReport r;
  try {
    r = core::export_document(doc, format, a.out, o);
  } catch (const core::ConversionError& e) {
    fail_conversion(e, a.json);
  }
  if (a.loss.skip_invalid) {
    const auto path = write_conversion_report(a.out, nullptr, &r);
    if (!a.json && r.problem_count) fmt::print("report: {}\n", path.string());
  }
  print_report(r, "exported", a.json);
  if (a.accepted_only && !a.json)
    fmt::print("--accepted-only: {} pending pre-labels left out\n", dropped);
}

}  // namespace

void add_export_command(CLI::App& app) {
  auto a = std::make_shared<ExportArgs>();
  CLI::App* sub =
      app.add_subcommand("export", "Write a sequence's annotations in another tool's format");
  sub->add_option("path", a->path, "Sequence (native folder, KITTI, nuScenes, images) or dataset folder")->required();
  sub->add_option("--format", a->format, "Output format: " + format_names())->required();
  sub->add_option("--out", a->out, "Output folder (created)")->required();
  sub->add_option("--frames", a->frames, "Frame range A:B, inclusive (A: and :B open-ended)");
  sub->add_option("--camera", a->camera, "Only this camera's images and 2D shapes");
  sub->add_flag("--keyframes-only", a->keyframes_only,
                "Export keyframes only (default: interpolated frames too)");
  sub->add_option("--sequence", a->sequence, "KITTI tracking sequence id (e.g. 0001)");
  sub->add_option("--yolo-task", a->yolo_task, "YOLO labels: auto, detect, segment or pose");
  sub->add_flag("--accepted-only", a->accepted_only,
                "Leave out pending model pre-labels (export only what a person made or checked)");
  sub->add_flag("--copy-images", a->copy_images, "Copy (hard-link) the images next to the labels");
  sub->add_flag("--mask-polygons", a->mask_polygons,
                "COCO: write masks as polygon outlines instead of compressed RLE");
  sub->add_option("--name", a->name,
                  "Name of per-sequence files (KITTI tracking label_02/NAME.txt); default: the "
                  "sequence's (its trailing number for KITTI tracking)");
  sub->add_flag("--overwrite", a->overwrite, "Replace files that exist in the output folder");
  add_loss_flags(sub, a->loss);
  sub->add_flag("--json", a->json, "Print the report as JSON");
  sub->callback([a] { run_export(*a); });
}

}  // namespace vantage::cli
