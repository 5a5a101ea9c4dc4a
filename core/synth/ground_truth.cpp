#include "core/synth/ground_truth.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/geometry/cuboid_projection.h"
#include "core/io/native_format.h"

namespace vantage::core {

namespace {

double round_to(double v, double step) {
  return std::round(v / step) * step;
}

Shape make_shape(Geometry g) {
  Shape s;
  s.geometry = std::move(g);
  s.keyframe = true;
  s.source = ShapeSource::Manual;
  s.annotator = "ground truth";
  return s;
}

}  // namespace

uint8_t occlusion_level(int visible, int footprint) {
  if (footprint <= 0) return 3;
  const double share = static_cast<double>(visible) / footprint;
  if (share >= 0.95) return 0;
  if (share >= 0.5) return 1;
  return 2;
}

Cuboid rounded_cuboid(const Cuboid& c) {
  Cuboid r = c;
  for (int i = 0; i < 3; ++i) {
    r.center[i] = round_to(c.center[i], 1e-4);
    r.size[i] = round_to(c.size[i], 1e-4);
  }
  r.yaw = round_to(c.yaw, 1e-6);
  r.pitch = 0;
  r.roll = 0;
  return r;
}

Annotations build_ground_truth(const DemoScene& scene,
                               const std::vector<FrameObservation>& frames) {
  Annotations out;
  const Traffic& t = scene.traffic();
  const auto& cameras = scene.rig().cameras;
  std::vector<CameraModel> models;
  for (const Camera& c : cameras)
    models.emplace_back(c);
  for (size_t i = 1; i < t.agents.size(); ++i) {
    const Agent& a = t.agents[i];
    Object obj;
    obj.id = a.id;
    obj.class_name = a.class_name;
    if (a.role == AgentRole::Parked) obj.attributes["parked"] = true;
    std::vector<FrameShape> cuboids;
    std::vector<std::vector<FrameShape>> boxes(cameras.size());
    int last_present = -1;
    for (int f = 0; f < scene.frames(); ++f) {
      if (!scene.present(i, f)) continue;
      if (last_present >= 0 && f > last_present + 1)
        obj.outside.push_back({last_present + 1, f - 1});
      last_present = f;
      const Cuboid cuboid = rounded_cuboid(scene.agent_cuboid(i, f));
      Shape cs = make_shape(cuboid);
      const Activity act = t.frames[i][static_cast<size_t>(f)].activity;
      if (a.class_name == "Pedestrian")
        cs.attributes["pose"] = std::string(to_string(act));
      else
        cs.attributes["activity"] = std::string(to_string(act));
      cuboids.push_back({f, std::move(cs)});
      for (size_t c = 0; c < cameras.size(); ++c) {
        const auto& seen = frames[static_cast<size_t>(f)].cameras[c];
        const auto it =
            std::lower_bound(seen.begin(), seen.end(), a.id,
                             [](const ObjectPixels& o, ObjectId id) { return o.id < id; });
        if (it == seen.end() || it->id != a.id || it->visible < kMinVisiblePixels) continue;
        const ProjectedCuboid p = project_cuboid(models[c], cuboid);
        if (!p.box) continue;
        Box2D box = *p.box;
        box.x1 = round_to(box.x1, 1e-3);
        box.y1 = round_to(box.y1, 1e-3);
        box.x2 = round_to(box.x2, 1e-3);
        box.y2 = round_to(box.y2, 1e-3);
        Shape bs = make_shape(box);
        bs.occlusion = occlusion_level(it->visible, it->footprint);
        bs.truncation = round_to(p.truncation, 1e-3);
        boxes[c].push_back({f, std::move(bs)});
      }
    }
    if (cuboids.empty()) continue;
    obj.tracks.push_back({kSceneSensor, ShapeKind::Cuboid, std::move(cuboids)});
    for (size_t c = 0; c < cameras.size(); ++c)
      if (!boxes[c].empty())
        obj.tracks.push_back({cameras[c].name, ShapeKind::Box2D, std::move(boxes[c])});
    out.objects.push_back(std::move(obj));
  }
  std::sort(out.objects.begin(), out.objects.end(),
            [](const Object& a, const Object& b) { return a.id < b.id; });
  for (int f = 0; f < scene.frames(); ++f)
    out.frame_tags[f] = {"clear", "day", "urban"};
  out.metadata.tool = "vantage demo";
  out.metadata.schema_version = default_schema().version;
  out.metadata.annotators = {"ground truth"};
  out.metadata.extra["generator"] = "vantage demo";
  out.metadata.extra["seed"] = std::to_string(scene.options().seed);
  out.metadata.extra["content"] = "ground truth";
  return out;
}

Annotations keyframes_only(const Annotations& gt, int k) {
  Annotations out = gt;
  out.segmentation = {};  // masks are the annotator's work, scored against ground_truth/
  for (Object& obj : out.objects) {
    const Track* cuboids = obj.track(kSceneSensor, ShapeKind::Cuboid);
    std::set<int> keep;
    if (cuboids) {
      const auto& s = cuboids->shapes;
      size_t start = 0;
      for (size_t i = 0; i < s.size(); ++i) {
        if (i > start && s[i].frame != s[i - 1].frame + 1) start = i;
        const int first = s[start].frame;
        const bool span_end = i + 1 == s.size() || s[i + 1].frame != s[i].frame + 1;
        if ((s[i].frame - first) % k == 0 || span_end) keep.insert(s[i].frame);
      }
    }
    for (Track& t : obj.tracks)
      t.shapes.erase(
          std::remove_if(t.shapes.begin(), t.shapes.end(),
                         [&](const FrameShape& fs) { return keep.count(fs.frame) == 0; }),
          t.shapes.end());
    obj.prune_empty_tracks();
  }
  out.metadata.extra["content"] = "keyframes";
  out.metadata.extra["keyframes_every"] = std::to_string(k);
  out.metadata.extra["ground_truth"] = "ground_truth/annotations.json";
  return out;
}

}  // namespace vantage::core
