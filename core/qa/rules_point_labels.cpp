// point-labels-vs-cuboids: per-point labels and cuboids must agree. Points
// of a thing class (schema mask "thing") that lie outside every cuboid of
// that class, and cuboids holding points labelled with another class or
// another object, are reported per frame (with at least min_points of them).
#include <fmt/format.h>

#include <map>

#include "core/formats/mask_format_util.h"
#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/points_in_cuboids.h"
#include "core/qa/rules_internal.h"
#include "core/segmentation/point_tools.h"

namespace vantage::core::qa_detail {

void check_point_labels(RuleRun& run) {
  static const char* kRule = "point-labels-vs-cuboids";
  if (!run.on(kRule)) return;
  const double min_points = run.param(kRule, "min_points");
  const double margin = run.param(kRule, "margin_m");
  const Segmentation& seg = run.doc.annotations.segmentation;
  PointCloud cloud;
  PointsInCuboidsOptions pio;
  pio.margin = margin;
  PointCuboidMembership members;
  for (const auto& [key, layer] : seg.layers()) {
    if (layer.kind != LayerKind::Points) continue;
    const Lidar* lidar = run.doc.sequence.rig(key.frame).lidar(key.sensor);
    try {
      if (!lidar || !read_sweep(run.doc, key.sensor, key.frame, cloud)) continue;
    } catch (const Error& e) {
      run.add(kRule, std::nullopt, key.frame, key.sensor,
              fmt::format("LiDAR not readable, point labels not checked: {}", e.what()));
      continue;
    }
    if (cloud.size() != static_cast<size_t>(layer.width)) {
      run.add(kRule, std::nullopt, key.frame, key.sensor,
              fmt::format("{} point labels for a sweep of {} points", layer.width, cloud.size()));
      continue;
    }
    const auto labels = seg.labels(key);
    const auto meaning = label_meanings(run.doc, layer);
    std::vector<Cuboid> cuboids;
    std::vector<const Object*> owners;
    if (auto it = run.anchors_by_frame.find(key.frame); it != run.anchors_by_frame.end())
      for (const AnchorRef& a : it->second)
        if (const Cuboid* c = a.shape->shape.as<Cuboid>()) {
          cuboids.push_back(*c);
          owners.push_back(a.object);
        }
    pio.points_to_cuboids = lidar->lidar_to_vehicle;
    points_in_cuboids(cloud.points.data(), cloud.points.size(), cuboids, pio, members);
    std::map<std::string, size_t> outside;               // thing class -> points outside
    std::map<size_t, std::map<std::string, size_t>> wrong;  // cuboid -> other labels inside
    for (size_t i = 0; i < cloud.size(); ++i) {
      const uint16_t v = labels->point(i);
      const LabelMeaning* m = v && v < meaning.size() && meaning[v].segment ? &meaning[v] : nullptr;
      const int32_t ci = members.cuboid_of_point[i];
      if (ci >= 0 && m) {
        const Object* owner = owners[static_cast<size_t>(ci)];
        const bool other_class = m->class_name != owner->class_name;
        const bool other_object = m->thing && m->segment->object != owner->id;
        if (other_class || other_object)
          ++wrong[static_cast<size_t>(ci)][other_class ? m->class_name
                                                        : fmt::format("object {}", m->segment->object)];
      }
      if (!m || !m->class_def || m->class_def->mask != MaskKind::Thing) continue;
      bool inside = false;
      const Vec3 p = lidar->lidar_to_vehicle.apply(
          Vec3(cloud.points[i].x, cloud.points[i].y, cloud.points[i].z));
      for (size_t c = 0; c < cuboids.size() && !inside; ++c)
        inside = owners[c]->class_name == m->class_name && point_in_cuboid(cuboids[c], p, margin);
      if (!inside) ++outside[m->class_name];
    }
    for (const auto& [cls, n] : outside)
      if (n >= min_points)
        run.add(kRule, std::nullopt, key.frame, key.sensor,
                fmt::format("{} points labelled {} lie outside every {} cuboid", n, cls, cls));
    for (const auto& [ci, by_label] : wrong) {
      std::string list;
      size_t total = 0;
      for (const auto& [label, n] : by_label) {
        list += fmt::format("{}{} {}", list.empty() ? "" : ", ", n, label);
        total += n;
      }
      if (total >= min_points)
        run.add(kRule, owners[ci]->id, key.frame, key.sensor,
                fmt::format("cuboid ({}) holds points labelled otherwise: {}",
                            owners[ci]->class_name, list));
    }
  }
}

}  // namespace vantage::core::qa_detail
