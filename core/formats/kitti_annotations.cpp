#include "core/formats/kitti_annotations.h"

#include <algorithm>
#include <cmath>

#include "core/geometry/cuboid_projection.h"

namespace vantage::core {

KittiLabelShapes kitti_label_to_shapes(const KittiLabel& label, KittiLabelKind kind,
                                       const KittiBoxConverter& converter) {
  Shape base;
  base.keyframe = true;
  base.source = ShapeSource::Imported;
  base.score = label.score ? *label.score : -1.0;
  base.occlusion =
      static_cast<uint8_t>(label.occluded >= 0 && label.occluded <= 3 ? label.occluded : 3);
  if (!label.is_dont_care()) {
    const double t = kind == KittiLabelKind::Tracking ? label.truncated / 2.0 : label.truncated;
    base.truncation = std::clamp(t, 0.0, 1.0);
  }
  KittiLabelShapes out;
  out.box = base;
  out.box.geometry = label.box;
  if (label.has_3d()) {
    out.cuboid = base;
    out.cuboid->geometry = converter.to_cuboid(
        {label.height, label.width, label.length, label.location, label.rotation_y});
  }
  return out;
}

std::optional<KittiLabel> kitti_label_from_shapes(const KittiLabelSource& src, KittiLabelKind kind,
                                                  const KittiBoxConverter& converter,
                                                  const CameraModel* camera) {
  const Box2D* box = src.box ? src.box->as<Box2D>() : nullptr;
  const Cuboid* cuboid = src.cuboid ? src.cuboid->as<Cuboid>() : nullptr;
  const Shape* attrs = box ? src.box : src.cuboid;
  if (!attrs || (!box && !cuboid)) return std::nullopt;

  std::optional<Box2D> out_box;
  double truncation = attrs->truncation;
  if (box) {
    out_box = *box;
  } else if (camera) {
    const ProjectedCuboid p = project_cuboid(*camera, *cuboid);
    out_box = p.box;
    truncation = p.truncation;
  }
  if (!out_box) return std::nullopt;

  if (src.type == "DontCare") return kitti_dont_care_label(kind, *out_box, src.frame);

  KittiLabel l;
  l.frame = src.frame;
  l.track_id = src.track_id;
  l.type = src.type;
  l.box = *out_box;
  l.occluded = attrs->occlusion;
  l.truncated = kind == KittiLabelKind::Tracking
                    ? std::round(std::clamp(truncation, 0.0, 1.0) * 2.0)
                    : truncation;
  if (attrs->score >= 0) l.score = attrs->score;
  if (cuboid) {
    const KittiBox3D kb = converter.to_kitti(*cuboid);
    l.height = kb.height;
    l.width = kb.width;
    l.length = kb.length;
    l.location = kb.location;
    l.rotation_y = kb.rotation_y;
    l.alpha = converter.alpha(kb);
  }  // else KittiLabel's defaults are the 2D-only placeholders (-1, -1000, -10)
  return l;
}

}  // namespace vantage::core
