// vantage qa consensus A B [C...] [--json] [--merge OUT] [--sequence SEQ]
// vantage qa gold --gold G FILE [--json] [--sequence SEQ] [--tp-iou X] [--frames LIST] [--kind K]
//                 [--class C --max-range M --min-points N --camera-fov]
// (and prepare, batches, stats from cmd_qa_*.cpp).
// Inputs are native sequence folders, anything `vantage open` reads, or
// annotation files in any importable format.
#include "app/cli/cmd_qa.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "app/cli/cli_commands.h"
#include "app/cli/format_cli.h"
#include "core/io/native_format.h"
#include "core/formats/format.h"
#include "core/models/detection_eval.h"
#include "core/qa/consensus.h"
#include "core/qa/gold.h"
#include "core/qa/qa_input.h"
#include "core/tracking/interpolator.h"
#include "core/qa/qa_json.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace {

constexpr double kDeg = 180.0 / core::kPi;

struct ConsensusArgs {
  std::vector<std::string> inputs;
  std::string merge, sequence;
  double match_iou = 0.3, low_iou = 0.7;
  bool json = false;
  int list = 20;
};

void run_consensus(const ConsensusArgs& a) {
  if (a.inputs.size() < 2) throw core::Error("qa consensus: give at least two inputs");
  std::vector<core::Document> docs;
  for (const auto& p : a.inputs)
    docs.push_back(core::open_for_qa(p, a.sequence));
  std::vector<const core::Document*> ptrs;
  for (const auto& d : docs)
    ptrs.push_back(&d);
  core::ConsensusOptions o;
  o.match_iou = a.match_iou;
  o.low_iou = a.low_iou;
  core::ConsensusReport r = core::compute_consensus(ptrs, o);
  r.inputs = a.inputs;
  if (!a.merge.empty()) {
    core::Document merged = docs[0];
    merged.annotations = core::merge_consensus(ptrs, o);
    // Data paths are rewritten relative to the new folder (atomic saves).
    core::save_native_as(merged, a.merge);
  }
  if (a.json) {
    auto j = core::to_json(r);
    if (!a.merge.empty()) j["merged"] = a.merge;
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("consensus of {} inputs over {} frames\n", a.inputs.size(), r.frames);
  for (size_t i = 0; i < a.inputs.size(); ++i)
    fmt::print("  [{}] {}\n", i, a.inputs[i]);
  fmt::print("\n{:<16} {:<7} {:>7} {:>8} {:>6} {:>9} {:>9}\n", "class", "kind", "shapes", "match",
             "IoU", "centre", "yaw(deg)");
  auto row = [](const core::ClassAgreement& c) {
    fmt::print("{:<16} {:<7} {:>7} {:>7.1f}% {:>6.3f} {:>9.3f} {:>9.2f}\n", c.class_name, c.kind,
               c.shapes, 100.0 * c.match_rate(), c.mean_iou(), c.mean_center_difference(),
               c.mean_yaw_difference() * kDeg);
  };
  for (const auto& c : r.classes)
    row(c);
  row(r.overall);
  fmt::print("\n{} class mismatches, {} unmatched, {} low-IoU pairs", r.class_mismatches,
             r.unmatched, r.low_iou);
  if (r.ignored) fmt::print(", {} unpaired shapes ignored (inside ignore regions)", r.ignored);
  fmt::print("\n");
  int shown = 0;
  for (const auto& d : r.disagreements) {
    if (shown++ >= a.list) {
      fmt::print("... {} more (--json lists all)\n", r.disagreements.size() - size_t(a.list));
      break;
    }
    auto obj = [](const std::optional<core::ObjectId>& id) {
      return id ? fmt::format("{}", *id) : "-";
    };
    fmt::print("frame {:>5} {:<14} {:<6} {}{} [{}] {} vs [{}] {} {} IoU {:.2f}\n", d.frame,
               core::to_string(d.kind), d.shape_kind, d.sensor.empty() ? "" : d.sensor + " ", "",
               d.annotator_a, obj(d.object_a) + (d.class_a.empty() ? "" : " " + d.class_a),
               d.annotator_b, obj(d.object_b), d.class_b, d.iou);
  }
  if (!a.merge.empty()) fmt::print("merged consensus written to {}\n", a.merge);
}

struct GoldArgs {
  std::string gold, file, sequence;
  double tp_iou = 0.5;
  bool json = false;
  // Detector-benchmark filter (core/models/detection_eval.h).
  std::string class_name;
  double max_range = 0;
  int min_points = 0;
  bool camera_fov = false;
  std::string frames;  // "A:B,C,D:E": score only these frames
  std::string kind;    // score only this shape kind
};

// Drops every track of another kind (both sides of a comparison).
void keep_kind(core::Annotations& a, core::ShapeKind kind) {
  for (core::Object& o : a.objects)
    o.tracks.erase(std::remove_if(o.tracks.begin(), o.tracks.end(),
                                  [&](const core::Track& t) { return t.kind != kind; }),
                   o.tracks.end());
  a.objects.erase(std::remove_if(a.objects.begin(), a.objects.end(),
                                 [](const core::Object& o) { return o.tracks.empty(); }),
                  a.objects.end());
}

// Frames selected by "A:B,C,D:E" (inclusive ranges and single frames).
std::set<int> parse_frame_list(const std::string& text) {
  std::set<int> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const core::FrameRange r = parse_frame_range(part.find(':') == std::string::npos ? part + ":" + part : part);
    if (r.last - r.first > 10000000) throw core::Error(fmt::format("--frames '{}': give closed ranges", text));
    for (int f = r.first; f <= r.last; ++f) out.insert(f);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// Keeps only the shapes at the selected frames (both sides of a comparison):
// each track's shape there as the interpolator gives it, stored as a lone
// anchor, so nothing is interpolated into the frames left out.
void keep_frames(core::Document& doc, const std::set<int>& frames) {
  const core::Interpolator interp(doc.sequence);
  for (core::Object& o : doc.annotations.objects) {
    const core::Object before = o;
    for (core::Track& t : o.tracks) {
      std::vector<core::FrameShape> kept;
      for (int f : frames)
        if (auto s = interp.evaluate(before, t, f)) {
          s->keyframe = true;
          if (s->source == core::ShapeSource::Interpolated) s->source = core::ShapeSource::Manual;
          kept.push_back({f, std::move(*s)});
        }
      t.shapes = std::move(kept);
    }
    o.prune_empty_tracks();
  }
  doc.annotations.objects.erase(std::remove_if(doc.annotations.objects.begin(),
                                               doc.annotations.objects.end(),
                                               [](const core::Object& o) { return o.tracks.empty(); }),
                                doc.annotations.objects.end());
  core::mark_gaps_as_outside(doc.annotations);
}

void print_score(const std::string& name, const core::GoldScore& s) {
  auto opt = [](size_t n, double v, double scale = 1.0) {
    return n ? fmt::format("{:.3f}", v * scale) : std::string("-");
  };
  fmt::print("{:<16} {:>6} {:>6} {:>6} {:>7.3f} {:>7.3f} {:>7} {:>7} {:>7} {:>8} {:>7}\n", name,
             s.gold, s.predicted, s.true_positives, s.precision(), s.recall(),
             opt(s.pairs_2d, s.mean_iou_2d()), opt(s.pairs_cuboid, s.mean_iou_bev()),
             opt(s.pairs_cuboid, s.mean_iou_3d()), opt(s.pairs_cuboid, s.heading_error(), kDeg),
             opt(s.attributes, s.attribute_accuracy()));
}

void run_gold(const GoldArgs& a) {
  core::Document gold = core::open_for_qa(a.gold, a.sequence);
  core::Document file = core::open_for_qa(a.file, a.sequence);
  if (!a.kind.empty()) {
    const auto k = core::shape_kind_from_string(a.kind);
    if (!k) throw core::Error(fmt::format("--kind '{}': expected box2d, polygon or cuboid", a.kind));
    keep_kind(gold.annotations, *k);
    keep_kind(file.annotations, *k);
  }
  if (!a.frames.empty()) {
    const std::set<int> frames = parse_frame_list(a.frames);
    keep_frames(gold, frames);
    keep_frames(file, frames);
  }
  core::GoldOptions o;
  o.tp_iou = a.tp_iou;
  core::GoldReport r;
  std::string filter;
  if (!a.class_name.empty() || a.max_range > 0 || a.min_points > 0 || a.camera_fov) {
    // Cuboids of one class, in range, with enough returns: the sweeps come
    // from whichever of the two is a sequence with LiDAR.
    core::Document truth = file.sequence.lidar_names().empty() ? gold : file;
    truth.annotations = gold.annotations;
    core::CuboidEvalOptions eo;
    if (!a.class_name.empty()) eo.class_name = a.class_name;
    eo.max_range = a.max_range > 0 ? a.max_range : 1e9;
    eo.min_points = a.min_points;
    eo.tp_iou = a.tp_iou;
    eo.camera_fov = a.camera_fov;
    const core::CuboidEvalResult er = core::evaluate_cuboid_detections(truth, file.annotations, eo);
    r = er.report;
    filter = fmt::format("; {} cuboids within {:g} m with >= {} returns ({} in range with fewer "
                         "ignored, {} predictions on them ignored)",
                         eo.class_name, a.max_range > 0 ? a.max_range : INFINITY, eo.min_points,
                         er.ignored_truth, er.ignored_predictions);
    if (a.camera_fov) filter += ", in a camera's view";
  } else {
    r = core::score_against_gold(gold, file, o);
  }
  if (a.json) {
    auto j = core::to_json(r);
    j["gold_file"] = a.gold;
    j["file"] = a.file;
    if (!filter.empty()) j["filter"] = filter.substr(2);
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("{} scored against gold {} ({} frames, TP at IoU >= {:g}{})\n\n", a.file, a.gold,
             r.frames, a.tp_iou, filter);
  fmt::print("{:<16} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7} {:>7} {:>7} {:>8} {:>7}\n", "", "gold",
             "pred", "TP", "prec", "recall", "IoU2D", "BEV", "3D", "head(deg)", "attr");
  print_score("overall", r.overall);
  if (r.overall.ignored)
    fmt::print("{} predictions ignored: inside the gold's ignore regions (KITTI DontCare rule)\n",
               r.overall.ignored);
  fmt::print("-- per class\n");
  for (const auto& [k, s] : r.per_class)
    print_score(k, s);
  fmt::print("-- per kind\n");
  for (const auto& [k, s] : r.per_kind)
    print_score(k, s);
  fmt::print("-- per annotator\n");
  for (const auto& [k, s] : r.per_annotator)
    print_score(k.empty() ? "(unknown)" : k, s);
}

}  // namespace

void add_qa_consensus_command(CLI::App& qa) {
  auto a = std::make_shared<ConsensusArgs>();
  CLI::App* sub =
      qa.add_subcommand("consensus", "Agreement between annotators' files of one sequence");
  sub->add_option("inputs", a->inputs, "Two or more annotation sets (folders or files)")
      ->required()
      ->expected(2, -1);
  sub->add_option("--merge", a->merge, "Write the merged consensus as a native folder");
  sub->add_option("--sequence", a->sequence, "KITTI tracking sequence id");
  sub->add_option("--match-iou", a->match_iou, "Minimum IoU for two shapes to be the same object")
      ->capture_default_str();
  sub->add_option("--low-iou", a->low_iou, "Matched pairs below this IoU are listed")
      ->capture_default_str();
  sub->add_option("--list", a->list, "Disagreements to list in text output")->capture_default_str();
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a] { run_consensus(*a); });
}

void add_qa_gold_command(CLI::App& qa) {
  auto a = std::make_shared<GoldArgs>();
  CLI::App* sub =
      qa.add_subcommand("gold", "Score an annotator's file against a gold-standard file");
  sub->add_option("--gold", a->gold, "Gold-standard annotations")->required();
  sub->add_option("file", a->file, "Annotations to score")->required();
  sub->add_option("--sequence", a->sequence, "KITTI tracking sequence id");
  sub->add_option("--tp-iou", a->tp_iou, "IoU for a true positive")->capture_default_str();
  sub->add_option("--class", a->class_name,
                  "Detector benchmark: only cuboids of this class (with --max-range, --min-points)");
  sub->add_option("--max-range", a->max_range,
                  "Detector benchmark: only cuboids within this BEV distance (metres)");
  sub->add_option("--min-points", a->min_points,
                  "Detector benchmark: gold cuboids with fewer LiDAR returns are don't-care");
  sub->add_option("--kind", a->kind, "Score only this shape kind (box2d, polygon, cuboid)");
  sub->add_option("--frames", a->frames,
                  "Score only these frames: A:B ranges and single frames, comma-separated "
                  "(e.g. the frames that have images)");
  sub->add_flag("--camera-fov", a->camera_fov,
                "Detector benchmark: only cuboids centred in a camera's view (KITTI labels)");
  sub->add_flag("--json", a->json, "Print JSON");
  sub->callback([a] { run_gold(*a); });
}

}  // namespace vantage::cli

namespace vantage::cli {

void add_qa_command(CLI::App& app) {
  CLI::App* qa = app.add_subcommand(
      "qa", "Quality assurance: consensus, gold scoring, dataset preparation, batches, statistics, "
            "review queue");
  qa->require_subcommand(1);
  add_qa_consensus_command(*qa);
  add_qa_gold_command(*qa);
  add_qa_prepare_command(*qa);
  add_qa_batches_command(*qa);
  add_qa_stats_command(*qa);
  add_qa_queue_command(*qa);
}

}  // namespace vantage::cli
