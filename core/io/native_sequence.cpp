// sequence.json: sensors, rigs and frames.
#include <fmt/format.h>

#include "core/io/json_writer.h"
#include "core/io/native_format.h"
#include "core/io/native_json_common.h"

namespace vantage::core {

namespace {

void write_transform(JsonWriter& w, const char* key, const Transform& t) {
  double v[16];
  t.to_row_major_4x4(v);
  w.key(key);
  w.numbers(v, t.is_affine() ? 12 : 16);
}

void write_rig(JsonWriter& w, const SensorRig& rig) {
  w.begin_object();
  w.key("cameras").begin_array();
  for (const Camera& c : rig.cameras) {
    w.begin_object();
    w.member("name", c.name).member("width", c.width).member("height", c.height);
    const Intrinsics& k = c.intrinsics;
    w.key("intrinsics").begin_object();
    w.member("fx", k.fx).member("fy", k.fy).member("cx", k.cx).member("cy", k.cy);
    if (k.skew != 0) w.member("skew", k.skew);
    w.end_object();
    const Distortion& d = c.distortion;
    const double dv[5] = {d.k1, d.k2, d.p1, d.p2, d.k3};
    w.key("distortion").numbers(dv, 5);
    write_transform(w, "camera_to_vehicle", c.camera_to_vehicle);
    if (c.has_projection_translation()) {
      const double t[3] = {c.projection_translation.x, c.projection_translation.y,
                           c.projection_translation.z};
      w.key("projection_translation").numbers(t, 3);
    }
    w.end_object();
  }
  w.end_array();
  w.key("lidars").begin_array();
  for (const Lidar& l : rig.lidars) {
    w.begin_object();
    w.member("name", l.name);
    write_transform(w, "lidar_to_vehicle", l.lidar_to_vehicle);
    w.member("bin_values_per_point", l.bin_values_per_point);
    w.end_object();
  }
  w.end_array();
  if (rig.kitti) {
    const KittiCalibration& k = *rig.kitti;
    w.key("kitti").begin_object();
    for (int i = 0; i < 4; ++i) {
      w.key(fmt::format("P{}", i));
      w.numbers(k.P[i].data(), 12);
    }
    w.key("R0_rect").numbers(k.R0_rect.data(), 9);
    w.key("Tr_velo_to_cam").numbers(k.Tr_velo_to_cam.data(), 12);
    w.key("Tr_imu_to_velo").numbers(k.Tr_imu_to_velo.data(), 12);
    w.end_object();
  }
  w.end_object();
}

Transform read_transform(const JsonReader& r) {
  r.expect_array(12, 16);
  const size_t n = r.size();
  if (n != 12 && n != 16) r.fail(fmt::format("expected 12 or 16 values (row-major 3x4 or 4x4), found {}", n));
  double v[16];
  for (size_t i = 0; i < n; ++i) v[i] = r.at(i).number();
  return n == 12 ? Transform::from_row_major_3x4(v) : Transform::from_row_major_4x4(v);
}

template <size_t N>
void read_fixed(const JsonReader& r, std::array<double, N>& out) {
  r.expect_array(N, N);
  for (size_t i = 0; i < N; ++i) out[i] = r.at(i).number();
}

SensorRig read_rig(const JsonReader& r) {
  r.expect_object();
  SensorRig rig;
  if (auto cams = r.find("cameras")) {
    cams->for_each([&](const JsonReader& c) {
      Camera cam;
      cam.name = c.at("name").string();
      if (cam.name.empty()) c.at("name").fail("camera name cannot be empty");
      cam.width = c.at("width").int32(0, 1 << 16);
      cam.height = c.at("height").int32(0, 1 << 16);
      const JsonReader k = c.at("intrinsics");
      cam.intrinsics.fx = k.at("fx").number();
      cam.intrinsics.fy = k.at("fy").number();
      cam.intrinsics.cx = k.at("cx").number();
      cam.intrinsics.cy = k.at("cy").number();
      cam.intrinsics.skew = k.number_or("skew", 0.0);
      if (cam.intrinsics.fx <= 0) k.at("fx").fail("focal length must be positive");
      if (cam.intrinsics.fy <= 0) k.at("fy").fail("focal length must be positive");
      if (auto d = c.find("distortion")) {
        d->expect_array(0, 5);
        double dv[5] = {0, 0, 0, 0, 0};
        for (size_t i = 0; i < d->size(); ++i) dv[i] = d->at(i).number();
        cam.distortion = {dv[0], dv[1], dv[2], dv[3], dv[4]};
      }
      if (auto t = c.find("camera_to_vehicle")) cam.camera_to_vehicle = read_transform(*t);
      if (auto t = c.find("projection_translation")) {
        t->expect_array(3, 3);
        cam.projection_translation = {t->at(0).number(), t->at(1).number(), t->at(2).number()};
      }
      if (rig.camera(cam.name)) c.at("name").fail(fmt::format("duplicate camera name '{}'", cam.name));
      rig.cameras.push_back(std::move(cam));
    });
  }
  if (auto lidars = r.find("lidars")) {
    lidars->for_each([&](const JsonReader& l) {
      Lidar lidar;
      lidar.name = l.at("name").string();
      if (lidar.name.empty()) l.at("name").fail("LiDAR name cannot be empty");
      if (auto t = l.find("lidar_to_vehicle")) lidar.lidar_to_vehicle = read_transform(*t);
      if (auto v = l.find("bin_values_per_point")) lidar.bin_values_per_point = v->int32(3, 64);
      if (rig.lidar(lidar.name)) l.at("name").fail(fmt::format("duplicate LiDAR name '{}'", lidar.name));
      rig.lidars.push_back(std::move(lidar));
    });
  }
  if (auto k = r.find("kitti")) {
    KittiCalibration kc;
    for (int i = 0; i < 4; ++i) read_fixed(k->at(fmt::format("P{}", i).c_str()), kc.P[i]);
    read_fixed(k->at("R0_rect"), kc.R0_rect);
    read_fixed(k->at("Tr_velo_to_cam"), kc.Tr_velo_to_cam);
    read_fixed(k->at("Tr_imu_to_velo"), kc.Tr_imu_to_velo);
    rig.kitti = kc;
  }
  return rig;
}

}  // namespace

std::string sequence_to_json(const Sequence& s) {
  JsonWriter w;
  w.begin_object();
  w.member("format", "vantage.sequence").member("format_version", kNativeFormatVersion);
  w.member("name", s.name);
  w.key("rigs").begin_array();
  for (const auto& rig : s.rigs) write_rig(w, rig);
  w.end_array();
  w.key("frames").begin_array();
  for (const Frame& f : s.frames) {
    w.begin_object();
    w.member("timestamp_us", f.timestamp_us);
    if (f.rig != 0) w.member("rig", f.rig);
    if (f.ego_pose) write_transform(w, "ego_pose", *f.ego_pose);
    w.key("files").begin_object();
    for (const auto& [sensor, file] : f.files) w.member(sensor, file);
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  std::string out = w.take();
  out += '\n';
  return out;
}

Sequence sequence_from_json(const Json& json, const std::string& file_label) {
  JsonReader::Context ctx{&json, file_label};
  JsonReader root(json, ctx);
  check_format_header(root, "vantage.sequence");
  Sequence s;
  s.name = root.string_or("name", "");
  s.rigs.clear();
  root.at("rigs").for_each([&](const JsonReader& r) { s.rigs.push_back(read_rig(r)); });
  if (s.rigs.empty()) root.at("rigs").fail("expected at least one sensor rig");
  const JsonReader frames = root.at("frames");
  s.frames.reserve(frames.size());
  int64_t prev_ts = INT64_MIN;
  frames.for_each([&](const JsonReader& fr) {
    Frame f;
    f.timestamp_us = fr.at("timestamp_us").integer();
    if (f.timestamp_us < prev_ts)
      fr.at("timestamp_us").fail(fmt::format("timestamps must not decrease (previous frame: {})", prev_ts));
    prev_ts = f.timestamp_us;
    if (auto rig = fr.find("rig")) f.rig = static_cast<uint32_t>(rig->int32(0, static_cast<int64_t>(s.rigs.size()) - 1));
    if (auto pose = fr.find("ego_pose")) f.ego_pose = read_transform(*pose);
    if (auto files = fr.find("files")) {
      files->for_each_member(
          [&](const std::string& sensor, const JsonReader& v) { f.files.emplace(sensor, v.string()); });
    }
    s.frames.push_back(std::move(f));
  });
  return s;
}

}  // namespace vantage::core
