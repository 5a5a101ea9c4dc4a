// vantage qa prepare PATH [--json] [--exclude] [--camera C] [--sequence SEQ]
//                         [--near-bits N] [--blur-ratio R] [--blur-min V]
// Duplicate, blurry and badly exposed images, mixed formats and sizes.
// --exclude adds the flagged frames to the native folder's excluded frames.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "app/cli/cmd_qa.h"
#include "core/io/native_format.h"
#include "core/qa/dataset_prep.h"
#include "core/qa/qa_input.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace {

struct PrepareArgs {
  std::string path, camera, sequence;
  bool json = false, exclude = false;
  core::PrepOptions options;
};

void run_prepare(const PrepareArgs& a) {
  const bool native = core::is_native_folder(a.path);
  if (a.exclude && !native)
    throw core::Error(
        fmt::format("{}: --exclude needs a native sequence folder (convert it with "
                    "`vantage convert ... --to native` first)",
                    a.path));
  core::Document doc = core::open_for_qa(a.path, a.sequence, allow_outside());
  core::PrepOptions o = a.options;
  o.camera = a.camera;
  const core::PrepReport r = core::prepare_dataset(doc, o);
  size_t newly_excluded = 0;
  if (a.exclude) {
    doc = core::load_native(a.path, {allow_outside()});  // as stored (no gap marking)
    for (int f : r.flagged_frames)
      newly_excluded += doc.annotations.excluded_frames.insert(f).second;
    core::save_native(doc, a.path);
  }
  if (a.json) {
    nlohmann::json j;
    j["path"] = a.path;
    j["images"] = r.images.size();
    j["median_laplacian_variance"] = r.median_laplacian;
    j["formats"] = r.formats;
    j["sizes"] = r.sizes;
    j["mixed_formats"] = r.mixed_formats();
    j["mixed_sizes"] = r.mixed_sizes();
    j["flagged_frames"] = r.flagged_frames;
    j["flags"] = nlohmann::json::array();
    for (const auto& f : r.flags) {
      nlohmann::json x;
      x["frame"] = f.frame;
      x["sensor"] = f.sensor;
      x["kind"] = f.kind;
      x["message"] = f.message;
      x["other_frame"] = f.other_frame >= 0 ? nlohmann::json(f.other_frame) : nlohmann::json();
      x["value"] = f.value;
      j["flags"].push_back(x);
    }
    if (a.exclude) j["excluded_added"] = newly_excluded;
    fmt::print("{}\n", j.dump(2));
    return;
  }
  for (const auto& f : r.flags)
    fmt::print("frame {:>5} {:<10} {:<16} {}\n", f.frame, f.sensor, f.kind, f.message);
  fmt::print("{} images, median Laplacian variance {:.1f}\n", r.images.size(), r.median_laplacian);
  std::string formats, sizes;
  for (const auto& [k, n] : r.formats)
    formats += fmt::format("{}{} ({})", formats.empty() ? "" : ", ", k, n);
  for (const auto& [k, n] : r.sizes)
    sizes += fmt::format("{}{} ({})", sizes.empty() ? "" : ", ", k, n);
  fmt::print("formats: {}{}\n", formats, r.mixed_formats() ? "  [mixed]" : "");
  fmt::print("sizes:   {}{}\n", sizes, r.mixed_sizes() ? "  [mixed]" : "");
  fmt::print("{} frame{} flagged\n", r.flagged_frames.size(),
             r.flagged_frames.size() == 1 ? "" : "s");
  if (a.exclude)
    fmt::print("{} frame{} added to the excluded frames of {}\n", newly_excluded,
               newly_excluded == 1 ? "" : "s", a.path);
}

}  // namespace

void add_qa_prepare_command(CLI::App& qa) {
  auto a = std::make_shared<PrepareArgs>();
  CLI::App* sub = qa.add_subcommand(
      "prepare", "Find duplicate, blurry and badly exposed images before annotating");
  sub->add_option("path", a->path, "Sequence (native folder or anything `vantage open` reads)")
      ->required();
  sub->add_option("--camera", a->camera, "Only this camera");
  sub->add_option("--sequence", a->sequence, "KITTI tracking sequence id");
  sub->add_option("--near-bits", a->options.near_duplicate_bits,
                  "pHash Hamming distance for near duplicates")
      ->capture_default_str();
  sub->add_option("--blur-ratio", a->options.blur_ratio,
                  "Blurry below this share of the median Laplacian variance")
      ->capture_default_str();
  sub->add_option("--blur-min", a->options.blur_absolute, "Blurry below this Laplacian variance")
      ->capture_default_str();
  sub->add_flag("--exclude", a->exclude,
                "Add flagged frames to the folder's excluded frames (saved atomically)");
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a] { run_prepare(*a); });
}

}  // namespace vantage::cli
