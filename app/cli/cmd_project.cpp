// vantage project PATH --frame N [--camera NAME] [--sequence SEQ] [--json]:
// every cuboid at a frame projected into the cameras: the 8 corners (null
// behind the camera), the 2D box clipped to the image, and, where the object
// also has a stored 2D box in that camera, that box and the IoU of the two.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/cli/cli_commands.h"
#include "core/geometry/cuboid_projection.h"
#include "core/io/sequence_opener.h"
#include "core/util/error.h"

namespace vantage::cli {

namespace {

struct ProjectOptions {
  std::string path;
  std::string sequence;
  std::string camera;
  int frame = 0;
  bool json = false;
};

using Json = nlohmann::ordered_json;

Json box_json(const core::Box2D& b) {
  return Json::array({b.x1, b.y1, b.x2, b.y2});
}

void run_project(const ProjectOptions& opt) {
  core::OpenOptions oo;
  oo.allow_outside = allow_outside();
  oo.sequence = opt.sequence;
  const core::Document doc = core::open_document(opt.path, oo);
  const core::Sequence& seq = doc.sequence;
  if (opt.frame < 0 || opt.frame >= seq.frame_count())
    throw core::Error(fmt::format("frame {} is out of range: the sequence has frames 0 to {}",
                                  opt.frame, seq.frame_count() - 1));
  const core::SensorRig& rig = seq.rig(opt.frame);
  std::vector<core::CameraModel> cameras;
  for (const core::Camera& c : rig.cameras)
    if (opt.camera.empty() || c.name == opt.camera) cameras.emplace_back(c);
  if (cameras.empty()) {
    std::string names;
    for (const core::Camera& c : rig.cameras)
      names += (names.empty() ? "" : ", ") + c.name;
    throw core::Error(fmt::format("no camera '{}' at frame {} (cameras: {})", opt.camera, opt.frame,
                                  names.empty() ? "none" : names));
  }

  Json out;
  out["path"] = opt.path;
  out["frame"] = opt.frame;
  Json cams = Json::array();
  for (const auto& c : cameras)
    cams.push_back({{"name", c.camera().name}, {"width", c.width()}, {"height", c.height()}});
  out["cameras"] = cams;
  Json objects = Json::array();
  double iou_sum = 0;
  int iou_count = 0;
  for (const core::Object& o : doc.annotations.objects) {
    const core::Shape* shape = o.shape(opt.frame, core::kSceneSensor, core::ShapeKind::Cuboid);
    const core::Cuboid* cuboid = shape ? shape->as<core::Cuboid>() : nullptr;
    if (!cuboid) continue;
    Json jo;
    jo["id"] = o.id;
    jo["class"] = o.class_name;
    jo["cuboid"] = {{"center", {cuboid->center.x, cuboid->center.y, cuboid->center.z}},
                    {"size", {cuboid->size.x, cuboid->size.y, cuboid->size.z}},
                    {"yaw", cuboid->yaw},
                    {"pitch", cuboid->pitch},
                    {"roll", cuboid->roll}};
    Json per_camera = Json::object();
    for (const core::CameraModel& cam : cameras) {
      const core::ProjectedCuboid p = core::project_cuboid(cam, *cuboid);
      Json jc;
      Json corners = Json::array();
      for (const auto& c : p.corners)
        corners.push_back(c ? Json::array({c->x, c->y}) : Json(nullptr));
      jc["corners"] = corners;
      jc["box"] = p.box ? box_json(*p.box) : Json(nullptr);
      jc["truncation"] = p.truncation;
      const core::Shape* stored = o.shape(opt.frame, cam.camera().name, core::ShapeKind::Box2D);
      if (const core::Box2D* b = stored ? stored->as<core::Box2D>() : nullptr) {
        jc["stored_box"] = {{"box", box_json(*b)},
                            {"truncation", stored->truncation},
                            {"occlusion", stored->occlusion}};
        const double iou = p.box ? core::box_iou(*p.box, *b) : 0.0;
        jc["iou"] = iou;
        iou_sum += iou;
        ++iou_count;
      }
      per_camera[cam.camera().name] = jc;
    }
    jo["cameras"] = per_camera;
    objects.push_back(jo);
  }
  out["objects"] = objects;
  out["mean_iou"] = iou_count ? Json(iou_sum / iou_count) : Json(nullptr);

  if (opt.json) {
    fmt::print("{}\n", out.dump(2));
    return;
  }
  fmt::print("{} frame {}: {} cuboids\n", opt.path, opt.frame, objects.size());
  for (const Json& jo : objects)
    for (const auto& [name, jc] : jo["cameras"].items()) {
      std::string box = "not in view";
      if (!jc["box"].is_null())
        box = fmt::format("[{:.1f}, {:.1f}, {:.1f}, {:.1f}]", jc["box"][0].get<double>(),
                          jc["box"][1].get<double>(), jc["box"][2].get<double>(),
                          jc["box"][3].get<double>());
      std::string iou;
      if (jc.contains("iou"))
        iou = fmt::format("  IoU with stored box {:.3f}", jc["iou"].get<double>());
      fmt::print("  {:>6} {:<14} {:<10} {}{}\n", jo["id"].get<int64_t>(),
                 jo["class"].get<std::string>(), name, box, iou);
    }
  if (iou_count)
    fmt::print("mean IoU {:.4f} over {} stored boxes\n", iou_sum / iou_count, iou_count);
}

}  // namespace

void add_project_command(CLI::App& app) {
  auto opt = std::make_shared<ProjectOptions>();
  CLI::App* sub = app.add_subcommand(
      "project", "Project the cuboids of a frame into the cameras: corners and clipped 2D boxes");
  sub->add_option("path", opt->path, "Sequence folder (native, KITTI, nuScenes)")->required();
  sub->add_option("--frame", opt->frame, "Frame index")->required();
  sub->add_option("--camera", opt->camera, "Only this camera (default: all)");
  sub->add_option("--sequence", opt->sequence, "KITTI tracking sequence id (e.g. 0001)");
  sub->add_flag("--json", opt->json, "Print JSON");
  sub->callback([opt] { run_project(*opt); });
}

}  // namespace vantage::cli
