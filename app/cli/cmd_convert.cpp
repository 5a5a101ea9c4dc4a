// vantage convert INPUT --to F --out DIR [--from F] [--sequence SEQ]
//                 [--calib FILE] [--frames A:B] [--camera NAME]
//                 [--keyframes-only] [--yolo-task T] [--unknown-classes P]
//                 [--map-class FROM=TO]... [--name NAME] [--overwrite]
//                 [--skip-invalid] [--strict] [--json]
// Format to format without the workstation. INPUT is an annotation file or
// folder (format detected, or --from) or anything `vantage open` reads
// (native folder, KITTI object/tracking folder, nuScenes sample); `--to
// native` writes a native sequence folder. Nothing is written when an item
// of the input cannot be read or carried into the output (exit 1, each item
// listed with its file and position) unless --skip-invalid, which writes the
// rest and OUT/conversion-report.json.
#include <fmt/format.h>

#include "app/cli/cli_commands.h"
#include "app/cli/format_cli.h"
#include "core/io/kitti_openers.h"
#include "core/io/native_format.h"
#include "core/io/sequence_opener.h"

namespace vantage::cli {

namespace {

struct ConvertArgs {
  std::string input, to, from, out, sequence, calib, frames, camera, yolo_task = "auto",
                                                                     unknown = "add", name;
  std::vector<std::string> map;
  bool keyframes_only = false, copy_images = false, json = false, overwrite = false;
  LossFlags loss;
};

void run_convert(const ConvertArgs& a) {
  const core::FormatId to = parse_format(a.to, "--to");
  core::ImportOptions io;
  io.allow_outside = allow_outside();
  io.class_map = parse_class_map(a.map);
  const auto policy = core::unknown_class_policy_from_string(a.unknown);
  if (!policy)
    throw core::Error(fmt::format("--unknown-classes '{}': expected add, skip or fail", a.unknown));
  io.unknown_classes = *policy;
  io.camera = a.camera;
  io.sequence = a.sequence;
  io.calibration = a.calib;
  io.skip_invalid = a.loss.skip_invalid;
  io.strict = a.loss.strict;

  std::optional<core::FormatId> from;
  if (!a.from.empty()) from = parse_format(a.from, "--from");
  // KITTI training folders (images, calibration, labels) open as sequences.
  else if (core::is_kitti_object_folder(a.input) || core::is_kitti_tracking_folder(a.input))
    from = core::FormatId::Native;
  else
    from = core::detect_format(a.input);

  core::Document doc;
  std::optional<core::FormatReport> in_report;
  if (from && *from != core::FormatId::Native) {
    core::FormatReport r;
    try {
      doc = core::document_from_annotations(*from, a.input, io, r);
    } catch (const core::ConversionError& e) {
      fail_conversion(e, a.json);
    }
    in_report = std::move(r);
  } else {
    core::OpenOptions oo;
    oo.allow_outside = allow_outside();
    oo.sequence = a.sequence;
    doc = core::open_document(a.input, oo);
    // Datasets are labelled frame by frame: a frame between two appearances
    // of an object is a frame it is not seen in, never one to interpolate.
    if (!core::is_native_folder(a.input)) core::mark_gaps_as_outside(doc.annotations);
  }

  core::ExportOptions eo;
  if (!a.frames.empty()) eo.frames = parse_frame_range(a.frames);
  eo.camera = to == core::FormatId::Native ? std::string() : a.camera;
  eo.keyframes_only = a.keyframes_only;
  eo.copy_images = a.copy_images;
  eo.name = a.name;
  eo.overwrite = a.overwrite;
  eo.skip_invalid = a.loss.skip_invalid;
  eo.strict = a.loss.strict;
  const auto task = core::yolo_task_from_string(a.yolo_task);
  if (!task)
    throw core::Error(
        fmt::format("--yolo-task '{}': expected auto, detect, segment or pose", a.yolo_task));
  eo.yolo_task = *task;
  core::FormatReport out;
  try {
    out = core::export_document(doc, to, a.out, eo);
  } catch (const core::ConversionError& e) {
    fail_conversion(e, a.json);
  }
  if (a.loss.skip_invalid) {
    const auto path = write_conversion_report(a.out, in_report ? &*in_report : nullptr, &out);
    if (!a.json && (out.problem_count || (in_report && in_report->problem_count)))
      fmt::print("report: {}\n", path.string());
  }
  if (a.json) {
    fmt::print("{{\"input\": ");
    if (in_report)
      print_report(*in_report, "read", true);
    else
      fmt::print("null\n");
    fmt::print(", \"output\": ");
    print_report(out, "wrote", true);
    fmt::print("}}\n");
    return;
  }
  if (in_report) print_report(*in_report, "read", false);
  print_report(out, "wrote", false);
}

}  // namespace

void add_convert_command(CLI::App& app) {
  auto a = std::make_shared<ConvertArgs>();
  CLI::App* sub =
      app.add_subcommand("convert", "Convert annotations between formats (input format detected)");
  sub->add_option("input", a->input,
                  "Annotation file/folder, or a sequence (native, KITTI, nuScenes)")
      ->required();
  sub->add_option("--to", a->to, "Output format: " + format_names())->required();
  sub->add_option("--out", a->out, "Output folder (created)")->required();
  sub->add_option("--from", a->from, "Input format when detection is not wanted");
  sub->add_option("--sequence", a->sequence, "KITTI tracking sequence id (e.g. 0001)");
  sub->add_option("--calib", a->calib, "KITTI calibration file for label files given alone");
  sub->add_option("--frames", a->frames, "Frame range A:B, inclusive");
  sub->add_option("--camera", a->camera,
                  "Only this camera (output); the camera of 2D input that names none");
  sub->add_flag("--keyframes-only", a->keyframes_only, "Write keyframes only");
  sub->add_option("--yolo-task", a->yolo_task, "YOLO labels: auto, detect, segment or pose");
  sub->add_option("--unknown-classes", a->unknown,
                  "Classes not in the schema: add (default), skip or fail");
  sub->add_option("--map-class", a->map, "Rename a class: FROM=TO (repeatable)");
  sub->add_flag("--copy-images", a->copy_images, "Copy (hard-link) the images next to the labels");
  sub->add_option("--name", a->name,
                  "Name of per-sequence files (KITTI tracking label_02/NAME.txt); default: the "
                  "input's sequence name, else its file name (its trailing number for KITTI "
                  "tracking)");
  sub->add_flag("--overwrite", a->overwrite, "Replace files that exist in the output folder");
  add_loss_flags(sub, a->loss);
  sub->add_flag("--json", a->json, "Print the reports as JSON");
  sub->callback([a] { run_convert(*a); });
}

}  // namespace vantage::cli
