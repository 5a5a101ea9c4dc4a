// vantage prelabel SEQUENCE --model FILE.onnx|builtin:NAME [--decoder yolov8|yolov5|ssd]
//                  [--classes map.json] [--score 0.3] [--frames A-B] [--camera NAME]
//                  [--train] [--workers N] [--input WxH] [--bgr] [--out FOLDER] [--dry-run]
//                  [--drop-existing] [--json]
// Runs a detector over a sequence and stores pre-labels (core/models/prelabel.h).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <unistd.h>

#include "app/cli/cli_commands.h"
#include "app/cli/format_cli.h"
#include "core/io/native_format.h"
#include "core/io/sequence_opener.h"
#include "core/models/label_classifier.h"
#include "core/models/prelabel.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace {

struct PrelabelArgs {
  std::string path, model, decoder, classes, frames, camera, input, out, sequence;
  double score = 0.3;
  int workers = 0;
  bool train = false, bgr = false, dry_run = false, json = false, quiet = false;
  bool drop_existing = false;
};

// "A-B", "A:B", "A-", "-B"... as parse_frame_range's "A:B".
core::FrameRange parse_frames(std::string text) {
  const size_t dash = text.find('-', 0);
  if (dash != std::string::npos && text.find(':') == std::string::npos) text[dash] = ':';
  return parse_frame_range(text);
}

cv::Size parse_size(const std::string& text) {
  int w = 0, h = 0;
  char x = 0;
  if (std::sscanf(text.c_str(), "%d%c%d", &w, &x, &h) != 3 || (x != 'x' && x != 'X') || w <= 0 ||
      h <= 0)
    throw core::Error(fmt::format("--input '{}': expected WxH, e.g. 640x640", text));
  return {w, h};
}

// A text progress bar on stderr (only when it is a terminal, or forced).
class ProgressBar {
 public:
  explicit ProgressBar(std::string what, bool show) : what_(std::move(what)), show_(show) {}
  bool operator()(size_t done, size_t total) {
    if (!show_ || total == 0) return true;
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - last_ < std::chrono::milliseconds(200)) return true;
    last_ = now;
    constexpr int kWidth = 30;
    const int fill = int(kWidth * done / total);
    fmt::print(stderr, "\r{} [{}{}] {}/{}", what_, std::string(size_t(fill), '#'),
               std::string(size_t(kWidth - fill), '.'), done, total);
    if (done == total) fmt::print(stderr, "\n");
    return true;
  }

 private:
  std::string what_;
  bool show_;
  std::chrono::steady_clock::time_point last_{};
};

void print_summary(const core::PrelabelSummary& s, const std::string& saved, bool json) {
  if (json) {
    nlohmann::json j;
    j["model"] = s.model_id;
    j["model_text"] = s.model_text;
    j["frames"] = s.frames;
    j["images"] = s.images;
    j["sweeps"] = s.sweeps;
    j["missing"] = s.missing;
    j["detections"] = s.detections;
    j["below_score"] = s.below_score;
    j["unmapped"] = s.unmapped;
    j["kind_not_allowed"] = s.kind_not_allowed;
    j["over_accepted"] = s.over_accepted;
    j["replaced"] = s.replaced;
    j["objects"] = s.objects;
    j["shapes"] = s.shapes;
    j["shapes_per_class"] = s.shapes_per_class;
    j["seconds"] = s.seconds;
    j["saved"] = saved;
    fmt::print("{}\n", j.dump(2));
    return;
  }
  const size_t inputs = s.images + s.sweeps;
  fmt::print("model {}\n  {}\n", s.model_id, s.model_text);
  fmt::print("{} frames, {} {} in {:.1f} s ({:.1f} ms per {})\n", s.frames, inputs,
             s.sweeps ? "sweeps" : "images", s.seconds,
             inputs ? 1000.0 * s.seconds / double(inputs) : 0.0, s.sweeps ? "sweep" : "image");
  if (s.missing) fmt::print("  {} frames without data for the model\n", s.missing);
  fmt::print("{} detections: {} pre-labels on {} objects", s.detections, s.shapes, s.objects);
  std::string per;
  for (const auto& [c, n] : s.shapes_per_class)
    per += fmt::format("{}{} {}", per.empty() ? "" : ", ", c, n);
  fmt::print("{}\n", per.empty() ? "" : " (" + per + ")");
  if (s.below_score) fmt::print("  {} below --score\n", s.below_score);
  if (s.unmapped) fmt::print("  {} of model classes the schema does not have\n", s.unmapped);
  if (s.kind_not_allowed)
    fmt::print("  {} of classes that do not allow the shape kind\n", s.kind_not_allowed);
  if (s.over_accepted)
    fmt::print("  {} over labels a person made or accepted (kept theirs)\n", s.over_accepted);
  if (s.replaced) fmt::print("  {} earlier pending pre-labels of this model replaced\n", s.replaced);
  if (!saved.empty()) fmt::print("saved {}\n", saved);
}

void run_prelabel(const PrelabelArgs& a) {
  const bool native = core::is_native_folder(a.path);
  if (!native && a.out.empty() && !a.dry_run)
    throw core::Error(fmt::format(
        "{}: not a native sequence folder; give --out FOLDER to save the pre-labelled sequence "
        "there",
        a.path));
  core::OpenOptions oo;
  oo.sequence = a.sequence;
  core::Document doc = native ? core::load_native(a.path) : core::open_document(a.path, oo);
  if (a.drop_existing) {
    if (a.out.empty() && !a.dry_run)
      throw core::Error("--drop-existing writes only the model's labels: give --out FOLDER");
    doc.annotations.objects.clear();
    doc.annotations.review = {};
  }

  core::PrelabelOptions o;
  o.model = a.model;
  o.classes = a.classes;
  o.score = a.score;
  o.camera = a.camera;
  o.workers = a.workers;
  if (!a.frames.empty()) o.frames = parse_frames(a.frames);
  if (!a.decoder.empty()) {
    o.image.decoder = core::decoder_from_string(a.decoder);
    if (!o.image.decoder)
      throw core::Error(fmt::format("--decoder '{}': expected yolov8, yolov5 or ssd", a.decoder));
  }
  if (!a.input.empty()) o.image.input = parse_size(a.input);
  o.image.swap_rb = !a.bgr;
  o.image.decode.score_threshold = a.score;
  const bool show = !a.quiet && !a.json && isatty(2);

  if (a.train) {
    ProgressBar bar("training: detecting in labelled frames", show);
    core::TrainSummary ts;
    o.classifier = core::train_on_accepted(doc, o, &ts, std::ref(bar));
    if (!a.json)
      fmt::print("trained on {} labelled frames: {} objects, {} background candidates\n  {}\n",
                 ts.frames.size(), ts.positives, ts.negatives, ts.text);
  }
  ProgressBar bar(fmt::format("prelabel {}", a.model), show);
  const core::PrelabelResult r = core::compute_prelabels(doc, o, std::ref(bar));
  std::string saved;
  if (!a.dry_run) {
    core::apply_prelabels(doc.annotations, r);
    if (!a.out.empty()) {
      core::save_native_as(doc, a.out);
      saved = a.out;
    } else {
      core::save_native(doc, a.path);
      saved = a.path;
    }
  }
  print_summary(r.summary, saved, a.json);
}

}  // namespace

void add_prelabel_command(CLI::App& app) {
  auto a = std::make_shared<PrelabelArgs>();
  CLI::App* sub = app.add_subcommand(
      "prelabel",
      "Run a detector over a sequence and store its detections as pre-labels (score, model "
      "provenance) for review; never over labels a person made or accepted");
  sub->add_option("path", a->path, "Sequence (native folder; others need --out)")->required();
  sub->add_option("--model", a->model,
                  "FILE.onnx (with --decoder), builtin:lidar-objects, builtin:hog-people, "
                  "builtin:hog-people-small or builtin:haar-fullbody")
      ->required();
  sub->add_option("--decoder", a->decoder, "ONNX output layout: yolov8, yolov5 or ssd");
  sub->add_option("--classes", a->classes,
                  "Class map JSON: model class names and where each goes in the schema");
  sub->add_option("--score", a->score, "Minimum score of a stored pre-label")
      ->capture_default_str();
  sub->add_option("--frames", a->frames, "Frame range A-B, inclusive");
  sub->add_option("--camera", a->camera, "Image models: only this camera");
  sub->add_flag("--train", a->train,
                "Fit a random-trees classifier on the labelled frames, then re-score and "
                "relabel the rest (builtin:lidar-objects)");
  sub->add_option("--workers", a->workers, "Worker threads (0: one per core)")
      ->capture_default_str();
  sub->add_option("--input", a->input, "Network input WxH when the model does not fix it");
  sub->add_flag("--bgr", a->bgr, "Feed the network BGR (default RGB)");
  sub->add_option("--sequence", a->sequence, "KITTI tracking sequence id");
  sub->add_option("--out", a->out, "Save the pre-labelled sequence as a native folder here");
  sub->add_flag("--dry-run", a->dry_run, "Run and report, save nothing");
  sub->add_flag("--drop-existing", a->drop_existing,
                "Start from no labels and save only the model's (with --out): to score a model "
                "against the sequence's own labels with `vantage qa gold`");
  sub->add_flag("--json", a->json, "Print the summary as JSON");
  sub->add_flag("--quiet,-q", a->quiet, "No progress bar");
  sub->callback([a] { run_prelabel(*a); });
}

}  // namespace vantage::cli
