// vantage fit-eval PATH [--sequence SEQ] [--json]: how well the cuboid
// auto-fit reproduces the labelled cuboids of a sequence. Every labelled
// cuboid with enough LiDAR returns is fitted from a seed at its centre and
// from seeds --offset metres off it; centre error, yaw error (modulo pi),
// heading flips, BEV and 3D IoU are reported per class.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "core/geometry/cuboid_fit_eval.h"
#include "core/io/frame_points.h"
#include "core/io/sequence_opener.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace {

struct FitEvalCliOptions {
  std::string path;
  std::string sequence;
  bool json = false;
  bool samples = false;
  bool no_prior = false;
  std::string criterion = "closeness";
  double offset = 0.5;
  double prior_yaw_error = 30.0;
  int min_points = 10;
  int max_frames = 0;
};

std::vector<core::FitEvalObject> frame_objects(const core::Document& doc, int f,
                                               const std::string& name) {
  std::vector<core::FitEvalObject> out;
  for (const core::Object& o : doc.annotations.objects) {
    // Stored shapes only: interpolated positions are not ground truth.
    const core::Shape* s = o.shape(f, core::kSceneSensor, core::ShapeKind::Cuboid);
    if (!s) continue;
    const core::Cuboid* c = s->as<core::Cuboid>();
    if (c && c->size.x > 0 && c->size.y > 0 && c->size.z > 0)
      out.push_back({name, o.id, o.class_name, *c});
  }
  return out;
}

nlohmann::json stats_json(const core::FitEvalStats& s) {
  return {{"samples", s.samples},
          {"fitted", s.fitted},
          {"mean_centre_error_m", s.mean_centre_error},
          {"median_centre_error_m", s.median_centre_error},
          {"mean_centre_error_bev_m", s.mean_centre_error_bev},
          {"mean_yaw_error_deg", s.mean_yaw_error_deg},
          {"median_yaw_error_deg", s.median_yaw_error_deg},
          {"flip_rate", s.flip_rate},
          {"mean_bev_iou", s.mean_bev_iou},
          {"mean_iou_3d", s.mean_iou_3d},
          {"bev_iou_at_least_0.5", s.bev_iou_over_05},
          {"bev_iou_at_least_0.7", s.bev_iou_over_07},
          {"iou_3d_at_least_0.5", s.iou_3d_over_05}};
}

void print_table(const core::FitEvalReport& r, const std::string& seed, const std::string& title) {
  const auto it = r.stats.find(seed);
  if (it == r.stats.end()) return;
  fmt::print("\n{}\n", title);
  fmt::print("  {:<16} {:>5} {:>6} {:>9} {:>9} {:>8} {:>8} {:>6} {:>7} {:>7}\n", "class", "n",
             "fitted", "centre m", "(median)", "yaw deg", "(median)", "flip", "BEV IoU", "3D IoU");
  auto row = [](const std::string& name, const core::FitEvalStats& s) {
    fmt::print(
        "  {:<16} {:>5} {:>6} {:>9.2f} {:>9.2f} {:>8.1f} {:>8.1f} {:>5.0f}% {:>7.3f} {:>7.3f}\n",
        name, s.samples, s.fitted, s.mean_centre_error, s.median_centre_error, s.mean_yaw_error_deg,
        s.median_yaw_error_deg, 100 * s.flip_rate, s.mean_bev_iou, s.mean_iou_3d);
  };
  for (const auto& [cls, s] : it->second)
    if (!cls.empty()) row(cls, s);
  if (const auto all = it->second.find(""); all != it->second.end()) row("all", all->second);
}

void run_fit_eval(const FitEvalCliOptions& opt) {
  core::OpenOptions oo;
  oo.allow_outside = allow_outside();
  oo.sequence = opt.sequence;
  const core::Document doc = core::open_document(opt.path, oo);

  core::FitEvalOptions eo;
  eo.perturbation = opt.offset;
  eo.prior_yaw_error_deg = opt.prior_yaw_error;
  eo.class_prior = !opt.no_prior;
  eo.min_truth_points = opt.min_points;
  if (opt.criterion == "closeness")
    eo.criterion = core::RectCriterion::Closeness;
  else if (opt.criterion == "variance")
    eo.criterion = core::RectCriterion::Variance;
  else
    eo.criterion = core::RectCriterion::MinArea;
  core::FitEvaluator ev(eo);

  int with_lidar = 0, without_lidar = 0;
  for (int f = 0; f < doc.sequence.frame_count(); ++f) {
    if (opt.max_frames > 0 && with_lidar >= opt.max_frames) break;
    const std::string name = std::to_string(f);
    const auto objects = frame_objects(doc, f, name);
    if (objects.empty()) continue;
    core::PointCloud cloud;
    core::Vec3 sensor{0.0};
    if (!core::read_frame_points(doc, f, cloud, &sensor)) {
      ++without_lidar;
      continue;
    }
    ++with_lidar;
    ev.add_frame(name, cloud, objects, sensor);
  }
  const core::FitEvalReport r = ev.report();

  if (opt.json) {
    nlohmann::json j;
    j["path"] = opt.path;
    j["frames"] = r.frames;
    j["frames_with_cuboids_but_no_lidar"] = without_lidar;
    j["objects"] = r.objects;
    j["scored_objects"] = r.objects - r.too_few_points;
    j["too_few_points"] = r.too_few_points;
    j["options"] = {{"offset_m", opt.offset},
                    {"prior_yaw_error_deg", opt.prior_yaw_error},
                    {"class_prior", !opt.no_prior},
                    {"criterion", opt.criterion},
                    {"min_points", opt.min_points}};
    nlohmann::json seeds = nlohmann::json::object();
    for (const auto& [seed, by_class] : r.stats) {
      nlohmann::json classes = nlohmann::json::object();
      for (const auto& [cls, s] : by_class)
        if (!cls.empty()) classes[cls] = stats_json(s);
      seeds[seed] = {{"all", stats_json(by_class.at(""))}, {"classes", classes}};
    }
    j["seeds"] = seeds;
    if (opt.samples) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& s : r.samples) {
        nlohmann::json e = {
            {"frame", s.frame}, {"object", s.object_id},          {"class", s.class_name},
            {"seed", s.seed},   {"truth_points", s.truth_points}, {"fitted", s.fitted}};
        if (s.fitted) {
          e["centre_error_m"] = s.centre_error;
          e["yaw_error_deg"] = s.yaw_error * 180.0 / core::kPi;
          e["flip_needed"] = s.flip_needed;
          e["bev_iou"] = s.bev_iou;
          e["iou_3d"] = s.iou_3d;
          e["size_padded"] = s.size_padded;
          e["fit"] = {{"center", {s.fit.center.x, s.fit.center.y, s.fit.center.z}},
                      {"size", {s.fit.size.x, s.fit.size.y, s.fit.size.z}},
                      {"yaw", s.fit.yaw}};
        } else {
          e["failure"] = s.failure;
        }
        list.push_back(e);
      }
      j["samples"] = list;
    }
    fmt::print("{}\n", j.dump(2));
    return;
  }
  fmt::print("{}\n", opt.path);
  fmt::print("  frames with LiDAR and cuboids  {}", r.frames);
  if (without_lidar) fmt::print(" ({} more with cuboids but no LiDAR file)", without_lidar);
  fmt::print("\n");
  fmt::print("  labelled cuboids               {} ({} with fewer than {} returns not scored)\n",
             r.objects, r.too_few_points, opt.min_points);
  fmt::print("  size prior                     {}\n", opt.no_prior ? "off" : "by class");
  fmt::print("  rectangle criterion            {}\n", opt.criterion);
  print_table(r, "centre", "Seed at the labelled centre");
  print_table(r, "offset", fmt::format("Seeds {:.2f} m off the centre (4 directions)", opt.offset));
  print_table(
      r, "prior",
      fmt::format("Seed at the centre with a prior yaw {:.0f} degrees off the label's heading "
                  "(a rough box, the previous frame)",
                  opt.prior_yaw_error));
  fmt::print(
      "\nYaw error is modulo 180 degrees; 'flip' is how often the returned heading faced the wrong "
      "way\n"
      "(the fit flags it as ambiguous and offers the flipped box). Failed fits count as IoU 0.\n");
}

}  // namespace

void add_fit_eval_command(CLI::App& app) {
  auto opt = std::make_shared<FitEvalCliOptions>();
  CLI::App* cmd =
      app.add_subcommand("fit-eval", "Measure the cuboid auto-fit against the labelled cuboids");
  cmd->add_option("path", opt->path, "Sequence (native folder, KITTI, nuScenes, demo)")->required();
  cmd->add_option("--sequence", opt->sequence, "KITTI tracking sequence id (e.g. 0000)");
  cmd->add_flag("--json", opt->json, "Print the figures as JSON");
  cmd->add_flag("--samples", opt->samples, "With --json: every fit, not only the summaries");
  cmd->add_flag("--no-prior", opt->no_prior, "Fit without the class size prior");
  cmd->add_option("--criterion", opt->criterion,
                  "Rectangle fit: closeness (default), variance, min-area")
      ->check(CLI::IsMember({"closeness", "variance", "min-area"}));
  cmd->add_option("--offset", opt->offset,
                  "Distance of the perturbed seeds from the centre, metres (0: none)")
      ->check(CLI::Range(0.0, 10.0));
  cmd->add_option("--prior-yaw-error", opt->prior_yaw_error,
                  "Error of the prior yaw for the 'prior' seed, degrees (negative: no such seed)")
      ->check(CLI::Range(-1.0, 89.0));
  cmd->add_option("--min-points", opt->min_points, "Labels with fewer LiDAR returns are not scored")
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--frames", opt->max_frames,
                  "Stop after this many frames with LiDAR and cuboids (0: all)")
      ->check(CLI::Range(0, 100000000));
  cmd->callback([opt] { run_fit_eval(*opt); });
}

}  // namespace vantage::cli
