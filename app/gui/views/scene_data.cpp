#include "app/gui/views/scene_data.h"

#include <algorithm>
#include <cstring>

#include "app/gui/views/class_colors.h"
#include "core/segmentation/seg_eval.h"
#include "app/gui/workspace.h"
#include "core/geometry/cuboid_geometry.h"
#include "render/line_renderer.h"

namespace vantage::gui {

namespace {

double low_percentile_z(const core::PointCloud& cloud, const core::Transform& to_vehicle) {
  std::vector<float> zs;
  zs.reserve(cloud.points.size() / 8 + 1);
  for (size_t i = 0; i < cloud.points.size(); i += 8) {
    const glm::vec4& p = cloud.points[i];
    const core::Vec3 v = to_vehicle.apply(core::Vec3(p.x, p.y, p.z));
    if (v.x * v.x + v.y * v.y < 30.0 * 30.0 && std::isfinite(v.z)) zs.push_back(float(v.z));
  }
  if (zs.size() < 20) return 0.0;
  const size_t k = zs.size() / 10;
  std::nth_element(zs.begin(), zs.begin() + long(k), zs.end());
  return zs[k];
}

}  // namespace

SceneData::Sweep& SceneData::sweep_for(int frame, const std::string& lidar) {
  auto& slot = sweeps_[{frame, lidar}];
  if (!slot) {
    slot = std::make_unique<Sweep>();
    slot->frame = frame;
    slot->lidar = lidar;
  }
  return *slot;
}

void SceneData::recolor(Workspace& ws, Sweep& s, const core::PointCloud& cloud) {
  // Annotations and the hidden set both change which cuboid colours a point.
  uint64_t rev = ws.editor().revision() * 0x9E3779B97F4A7C15ull;
  for (core::ObjectId id : ws.view().hidden)
    rev = (rev ^ uint64_t(id)) * 0x100000001B3ull;
  if (s.colors_revision == rev && s.has_colors) return;
  // Cuboids at the sweep's own frame, in its vehicle frame.
  std::vector<core::Cuboid> cuboids;
  std::vector<uint32_t> cuboid_rgba;
  const core::Document& doc = ws.doc();
  if (s.frame == ws.view().frame) {
    for (const core::EvaluatedShape& es : ws.shapes_at_frame()) {
      const auto* c = es.shape.as<core::Cuboid>();
      if (!c || ws.view().hidden.count(es.object)) continue;
      const core::Object* o = doc.annotations.find(es.object);
      cuboids.push_back(*c);
      cuboid_rgba.push_back(
          render::rgba_from_rgb(o ? class_rgb(doc.schema, o->class_name) : 0x808080));
    }
  } else {
    for (const core::Object& o : doc.annotations.objects) {
      if (ws.view().hidden.count(o.id)) continue;
      if (auto c = ws.interpolator().cuboid_at(o, s.frame)) {
        cuboids.push_back(*c);
        cuboid_rgba.push_back(render::rgba_from_rgb(class_rgb(doc.schema, o.class_name)));
      }
    }
  }
  core::PointsInCuboidsOptions opt;
  opt.points_to_cuboids = s.lidar_to_vehicle;
  core::points_in_cuboids(cloud.points.data(), cloud.points.size(), cuboids, opt, membership_);
  colors_.assign(cloud.points.size(), 0u);
  for (size_t i = 0; i < membership_.cuboid_of_point.size(); ++i) {
    const int32_t c = membership_.cuboid_of_point[i];
    if (c >= 0) colors_[i] = cuboid_rgba[size_t(c)];
  }
  // Point labels, where the sweep has them, take precedence: every labelled
  // point in its class's colour.
  const core::Segmentation& seg = doc.annotations.segmentation;
  if (const core::SegLayer* layer = seg.find(s.lidar, s.frame);
      layer && layer->kind == core::LayerKind::Points &&
      static_cast<size_t>(layer->width) == cloud.points.size()) {
    try {
      const auto labels = seg.labels({s.lidar, s.frame});
      std::vector<uint32_t> by_label(size_t{1} + (layer->segments.empty() ? 0 : layer->segments.back().id), 0u);
      for (const core::Segment& sg : layer->segments)
        by_label[sg.id] = render::rgba_from_rgb(
            class_rgb(doc.schema, core::segment_class(doc.annotations, sg)));
      for (size_t i = 0; i < colors_.size(); ++i) {
        const uint16_t v = labels->point(i);
        if (v && v < by_label.size() && by_label[v]) colors_[i] = by_label[v];
      }
    } catch (const std::exception&) {
      // Unreadable labels: the cuboid colours stay.
    }
  }
  s.gpu.upload_colors(colors_);
  s.colors_revision = rev;
  s.has_colors = true;
  ++revision_;
}

void SceneData::update_focus(Workspace& ws) {
  // Key: frame data, active object, annotations and colour mode.
  const ViewState& v = ws.view();
  uint64_t key = uint64_t(reinterpret_cast<uintptr_t>(current_.get())) * 0x9E3779B97F4A7C15ull;
  key = (key ^ uint64_t(v.active)) * 0x100000001B3ull;
  key = (key ^ ws.editor().revision()) * 0x100000001B3ull;
  key = (key ^ uint64_t(v.point_color)) * 0x100000001B3ull;
  if (key == focus_key_) return;
  focus_key_ = key;
  std::vector<glm::vec4> pts;
  focus_colors_.clear();
  const core::Cuboid* cuboid = nullptr;
  uint32_t rgba = 0;
  if (v.active >= 0)
    for (const core::EvaluatedShape& es : ws.shapes_at_frame())
      if (es.object == v.active && !v.hidden.count(es.object))
        if (const auto* c = es.shape.as<core::Cuboid>()) {
          cuboid = c;
          if (const core::Object* o = ws.doc().annotations.find(es.object))
            rgba = render::rgba_from_rgb(class_rgb(ws.doc().schema, o->class_name));
        }
  if (cuboid && current_) {
    for (const auto& [lidar, cloud] : current_->clouds) {
      const core::Lidar* l = ws.doc().sequence.lidar(v.frame, lidar);
      const core::Transform l2v = l ? l->lidar_to_vehicle : core::Transform::identity();
      // Points in the cuboid's frame, inside the box grown by 20 cm.
      const core::Transform to_box = core::cuboid_pose(*cuboid).inverse() * l2v;
      const core::Vec3 half = 0.5 * cuboid->size + core::Vec3(0.2);
      for (const glm::vec4& p : cloud.points) {
        const core::Vec3 q = to_box.apply(core::Vec3(p.x, p.y, p.z));
        if (std::abs(q.x) <= half.x && std::abs(q.y) <= half.y && std::abs(q.z) <= half.z) {
          // Into the vehicle frame, so one model matrix serves every LiDAR.
          const core::Vec3 w = l2v.apply(core::Vec3(p.x, p.y, p.z));
          pts.emplace_back(float(w.x), float(w.y), float(w.z), p.w);
        }
      }
    }
  }
  focus_.upload(pts.data(), pts.size());
  if (v.point_color == PointColor::Class) {
    focus_colors_.assign(pts.size(), rgba);
    focus_.upload_colors(focus_colors_);
  }
  focus_model_ = core::Mat4(1.0);
}

const std::vector<SceneData::DrawItem>& SceneData::update(Workspace& ws) {
  items_.clear();
  held_.clear();
  total_points_ = 0;
  const ViewState& v = ws.view();
  const core::Sequence& seq = ws.doc().sequence;
  const bool valid_frame = v.frame >= 0 && v.frame < ws.frame_count();
  current_ = valid_frame ? ws.cache().get(v.frame) : nullptr;
  if (!current_) {
    status_ = valid_frame ? "loading" : "no frames";
    ++revision_;  // nothing to show: the last picture is stale
    update_focus(ws);
    return items_;
  }
  status_.clear();
  const bool class_colors = v.point_color == PointColor::Class;
  const int n_acc = std::max(1, v.accumulate_sweeps);
  const auto& pose_f = seq.frames[size_t(v.frame)].ego_pose;
  std::set<std::pair<int, std::string>> wanted;
  for (int k = 0; k < n_acc; ++k) {
    const int f = v.frame - k;
    if (f < 0) break;
    std::shared_ptr<const core::FrameData> data;
    core::Mat4 vehicle_f_from_vehicle_fp(1.0);
    if (k == 0) {
      data = current_;
    } else {
      // Older sweeps need both ego poses: LiDAR(f') -> vehicle(f') -> world -> vehicle(f).
      const auto& pose_fp = seq.frames[size_t(f)].ego_pose;
      if (!pose_f || !pose_fp) break;
      data = ws.cache().get(f);
      if (!data) continue;  // not loaded (yet): skip, it arrives later
      vehicle_f_from_vehicle_fp = pose_f->inverse().m * pose_fp->m;
    }
    held_.push_back(data);
    for (const auto& [lidar, cloud] : data->clouds) {
      const core::Lidar* l = seq.lidar(f, lidar);
      const core::Transform l2v = l ? l->lidar_to_vehicle : core::Transform::identity();
      Sweep& s = sweep_for(f, lidar);
      wanted.insert({f, lidar});
      if (s.source_ptr != data.get() || s.source.expired()) {
        const auto order = data->point_orders.find(lidar);
        s.gpu.upload(cloud.points.data(), cloud.points.size(),
                     order != data->point_orders.end() ? &order->second : nullptr);
        ++revision_;
        s.source = data;
        s.source_ptr = data.get();
        s.lidar_to_vehicle = l2v;
        s.has_colors = false;
        s.colors_revision = UINT64_MAX;
        ++uploads_;
        if (k == 0) ground_z_ = low_percentile_z(cloud, l2v);
      }
      if (class_colors) recolor(ws, s, cloud);
      items_.push_back({&s, vehicle_f_from_vehicle_fp * l2v.m, k == 0});
      total_points_ += cloud.points.size();
    }
  }
  if (current_->clouds.empty()) {
    // No sweep: the ground is where the boxes stand (KITTI's Velodyne frame
    // has it 1.7 m below the origin, so z = 0 would float the grid).
    std::vector<double> bottoms;
    for (const core::EvaluatedShape& es : ws.shapes_at_frame())
      if (const auto* c = es.shape.as<core::Cuboid>())
        bottoms.push_back(c->center.z - 0.5 * c->size.z);
    if (!bottoms.empty()) {
      std::nth_element(bottoms.begin(), bottoms.begin() + long(bottoms.size() / 2), bottoms.end());
      ground_z_ = bottoms[bottoms.size() / 2];
    } else {
      ground_z_ = 0.0;
    }
    if (!current_->errors.empty()) {
      for (const auto& [sensor, err] : current_->errors)
        if (seq.lidar(v.frame, sensor)) status_ = err;
    }
    if (status_.empty())
      status_ =
          seq.lidar_names().empty() ? "no LiDAR in this sequence" : "no LiDAR sweep at this frame";
  }
  // The set of sweeps drawn (and their placement) is part of the picture.
  uint64_t items_key = 0xcbf29ce484222325ull;
  for (const DrawItem& it : items_) {
    items_key = (items_key ^ uint64_t(reinterpret_cast<uintptr_t>(it.sweep))) * 0x100000001B3ull;
    for (int c = 0; c < 4; ++c)
      for (int r = 0; r < 4; ++r) {
        uint64_t bits;
        std::memcpy(&bits, &it.model[c][r], sizeof bits);
        items_key = (items_key ^ bits) * 0x100000001B3ull;
      }
  }
  if (items_key != items_key_) {
    items_key_ = items_key;
    ++revision_;
  }
  update_focus(ws);
  // Drop GPU copies of frames no longer drawn.
  for (auto it = sweeps_.begin(); it != sweeps_.end();) {
    if (!wanted.count(it->first))
      it = sweeps_.erase(it);
    else
      ++it;
  }
  return items_;
}

}  // namespace vantage::gui
