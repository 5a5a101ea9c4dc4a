// vantage eval-interp PATH --every K [--sequence SEQ] [--method linear|perspective]
//   [--center linear|cubic] [--json]: how well keyframe interpolation rebuilds a
// fully labelled sequence (see core/tracking/interpolation_eval.h).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "core/io/sequence_opener.h"
#include "core/tracking/interpolation_eval.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace {

struct EvalInterpOptions {
  std::string path;
  std::string sequence;
  int every = 10;
  std::string method = "perspective";
  std::string center = "linear";
  bool json = false;
};

void run_eval_interp(const EvalInterpOptions& opt) {
  core::OpenOptions oo;
  oo.allow_outside = allow_outside();
  oo.sequence = opt.sequence;
  const core::Document doc = core::open_document(opt.path, oo);
  core::InterpolationEvalOptions eo;
  eo.every = opt.every;
  eo.interpolation.box = opt.method == "linear" ? core::InterpolationOptions::Box::Linear
                                                : core::InterpolationOptions::Box::Perspective;
  eo.interpolation.center = opt.center == "cubic" ? core::InterpolationOptions::Center::CatmullRom
                                                  : core::InterpolationOptions::Center::Linear;
  const core::InterpolationEvalReport r = core::evaluate_interpolation(doc, eo);
  if (r.objects == 0)
    throw core::Error(fmt::format("{}: no labelled objects to evaluate", opt.path));

  if (opt.json) {
    nlohmann::json j;
    j["path"] = opt.path;
    j["sequence"] = doc.sequence.name;
    j["every"] = r.every;
    j["method"] = opt.method;
    j["center"] = opt.center;
    j["objects"] = r.objects;
    j["keyframes"] = r.keyframes;
    j["outside_spans"] = r.outside_spans;
    j["interpolated"] = r.interpolated();
    j["missing"] = r.missing;
    j["boxes"] = {{"count", r.boxes}, {"mean_iou", r.mean_iou}, {"share_iou_0_7", r.share_iou_07}};
    j["cuboids"] = {{"count", r.cuboids},
                    {"mean_center_error_m", r.mean_center_error_m},
                    {"median_center_error_m", r.median_center_error_m},
                    {"mean_yaw_error_deg", r.mean_yaw_error_deg}};
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("{}{}\n", opt.path, doc.sequence.name.empty() ? "" : " (" + doc.sequence.name + ")");
  fmt::print("  keyframes     every {} frames + last, {} box/cuboid keyframes, {} objects\n",
             r.every, r.keyframes, r.objects);
  fmt::print("  method        2D {}, cuboid centre {}\n", opt.method, opt.center);
  fmt::print("  interpolated  {} shapes ({} boxes, {} cuboids)", r.interpolated(), r.boxes,
             r.cuboids);
  if (r.missing) fmt::print(", {} not reached", r.missing);
  fmt::print("\n");
  if (r.boxes)
    fmt::print("  2D boxes      mean IoU {:.3f}, IoU >= 0.7: {:.1f}%\n", r.mean_iou,
               100.0 * r.share_iou_07);
  if (r.cuboids)
    fmt::print(
        "  cuboids       centre error mean {:.3f} m, median {:.3f} m; yaw error mean {:.2f} deg\n",
        r.mean_center_error_m, r.median_center_error_m, r.mean_yaw_error_deg);
}

}  // namespace

void add_eval_interp_command(CLI::App& app) {
  auto opt = std::make_shared<EvalInterpOptions>();
  CLI::App* sub = app.add_subcommand(
      "eval-interp",
      "Rebuild a fully labelled sequence from every K-th frame by interpolation and score it");
  sub->add_option("path", opt->path, "Sequence folder (native, KITTI tracking, ...)")->required();
  sub->add_option("--every,-k", opt->every, "Keep every K-th frame of each object as keyframe")
      ->required()
      ->check(CLI::Range(1, 1000000));
  sub->add_option("--sequence", opt->sequence, "KITTI tracking sequence id (e.g. 0001)");
  sub->add_option("--method", opt->method, "2D box interpolation")
      ->check(CLI::IsMember({"linear", "perspective"}));
  sub->add_option("--center", opt->center, "Cuboid centre interpolation")
      ->check(CLI::IsMember({"linear", "cubic"}));
  sub->add_flag("--json", opt->json, "Print JSON");
  sub->callback([opt] { run_eval_interp(*opt); });
}

}  // namespace vantage::cli
