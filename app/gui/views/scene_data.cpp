#include "app/gui/views/scene_data.h"

#include <algorithm>

#include "app/gui/views/class_colors.h"
#include "app/gui/workspace.h"
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
  s.gpu.upload_colors(colors_);
  s.colors_revision = rev;
  s.has_colors = true;
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
        s.gpu.upload(cloud.points.data(), cloud.points.size());
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
