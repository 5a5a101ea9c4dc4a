// vantage eval-seg GROUND_TRUTH PREDICTION [--points] [--sensor NAME] [--json]:
// scores one file's masks (or point labels) against another's: per-class
// IoU, mean IoU and panoptic quality (core/segmentation/seg_eval.h). Both
// paths are native folders or annotations.json files of one sequence.
#include <fmt/format.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "core/io/native_format.h"
#include "core/io/sequence_opener.h"
#include "core/segmentation/seg_eval.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace {

struct EvalSegOptions {
  std::string ground_truth;
  std::string prediction;
  bool points = false;
  std::string sensor;
  bool json = false;
};

core::Annotations load(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return core::load_annotations_file(path);
  return core::open_document(path, {}).annotations;
}

void run_eval_seg(const EvalSegOptions& opt) {
  const core::Annotations gt = load(opt.ground_truth);
  const core::Annotations pr = load(opt.prediction);
  core::SegEvalOptions eo;
  eo.kind = opt.points ? core::LayerKind::Points : core::LayerKind::Image;
  eo.sensor = opt.sensor;
  const core::SegEvalResult r = core::evaluate_segmentation(gt, pr, eo);
  if (r.layers == 0)
    throw core::Error(fmt::format("{}: no {} to score", opt.ground_truth,
                                  opt.points ? "point labels" : "camera masks"));
  if (opt.json) {
    nlohmann::json j;
    j["kind"] = opt.points ? "points" : "image";
    j["layers"] = r.layers;
    j["missing"] = r.missing;
    j["scored"] = r.scored;
    j["accuracy"] = r.accuracy();
    j["mean_iou"] = r.mean_iou();
    j["pq"] = r.pq();
    nlohmann::json classes = nlohmann::json::array();
    for (const core::ClassScore& c : r.classes)
      classes.push_back({{"class", c.class_name},
                         {"iou", c.iou()},
                         {"tp", c.tp},
                         {"fp", c.fp},
                         {"fn", c.fn},
                         {"pq", c.pq()},
                         {"sq", c.sq()},
                         {"rq", c.rq()},
                         {"segments_tp", c.seg_tp},
                         {"segments_fp", c.seg_fp},
                         {"segments_fn", c.seg_fn}});
    j["classes"] = classes;
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("{} layers compared ({} without a prediction), {} {} scored\n", r.layers, r.missing,
             r.scored, opt.points ? "points" : "pixels");
  fmt::print("  {:<16} {:>7} {:>7} {:>7} {:>7}\n", "class", "IoU", "PQ", "SQ", "RQ");
  for (const core::ClassScore& c : r.classes)
    fmt::print("  {:<16} {:>7.4f} {:>7.4f} {:>7.4f} {:>7.4f}\n", c.class_name, c.iou(), c.pq(),
               c.sq(), c.rq());
  fmt::print("  mean IoU {:.4f}   PQ {:.4f}   pixel accuracy {:.4f}\n", r.mean_iou(), r.pq(),
             r.accuracy());
}

}  // namespace

void add_eval_seg_command(CLI::App& app) {
  auto opt = std::make_shared<EvalSegOptions>();
  CLI::App* sub = app.add_subcommand(
      "eval-seg",
      "Score masks or point labels against ground truth: per-class IoU, mean IoU, panoptic "
      "quality");
  sub->add_option("ground_truth", opt->ground_truth,
                  "Ground truth: a native folder or an annotations.json")
      ->required();
  sub->add_option("prediction", opt->prediction, "Prediction: a native folder or annotations.json")
      ->required();
  sub->add_flag("--points", opt->points, "Score LiDAR point labels instead of camera masks");
  sub->add_option("--sensor", opt->sensor, "Only this camera (or LiDAR)");
  sub->add_flag("--json", opt->json, "Machine-readable output");
  sub->callback([opt] { run_eval_seg(*opt); });
}

}  // namespace vantage::cli
