#pragma once
// Minimal KITTI readers for the geometry tests, until the IO and KITTI work
// lands on main (core::read_kitti_bin, the exact label converter). Not for
// production use: no error reporting beyond REQUIRE-style exceptions.
//
// Label -> Velodyne conversion is the standard one used by most toolkits:
// centre = (x, y - h/2, z) in rectified camera coordinates, through R0_rect^-1
// and Tr_velo_to_cam^-1 (rigid inverse); yaw = -rotation_y - pi/2 (the camera
// and Velodyne axes are nearly aligned, so the heading conversion ignores
// their sub-degree misalignment).

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/model/point_cloud.h"
#include "core/model/shape.h"

namespace vantage::test {

inline core::PointCloud read_velodyne_bin(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot open " + path.string());
  f.seekg(0, std::ios::end);
  const auto bytes = static_cast<size_t>(f.tellg());
  f.seekg(0);
  core::PointCloud c;
  c.points.resize(bytes / sizeof(glm::vec4));
  f.read(reinterpret_cast<char*>(c.points.data()),
         static_cast<std::streamsize>(c.points.size() * sizeof(glm::vec4)));
  c.has_intensity = true;
  return c;
}

struct KittiLocalCalib {
  core::Mat3 r0{1.0};
  core::Transform velo_to_cam;
};

// Accepts the object form (R0_rect:, Tr_velo_to_cam:) and the tracking form
// (R_rect, Tr_velo_cam without colons).
inline KittiLocalCalib read_calib_local(const std::filesystem::path& path) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot open " + path.string());
  std::map<std::string, std::vector<double>> v;
  std::string line;
  while (std::getline(f, line)) {
    std::istringstream s(line);
    std::string key;
    if (!(s >> key)) continue;
    if (key.back() == ':') key.pop_back();
    double x;
    while (s >> x)
      v[key].push_back(x);
  }
  KittiLocalCalib c;
  const auto& r = v.count("R0_rect") ? v["R0_rect"] : v["R_rect"];
  const auto& t = v.count("Tr_velo_to_cam") ? v["Tr_velo_to_cam"] : v["Tr_velo_cam"];
  if (r.size() != 9 || t.size() != 12) throw std::runtime_error("bad calibration " + path.string());
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      c.r0[j][i] = r[static_cast<size_t>(i * 3 + j)];
  c.velo_to_cam = core::Transform::from_row_major_3x4(t.data());
  return c;
}

struct KittiLocalObject {
  std::string type;
  int track_id = -1;
  int occluded = 0;
  double truncated = 0;
  core::Cuboid box;  // Velodyne frame
};

// Object labels (15 columns) or, with `frame` >= 0, the tracking labels of
// that frame (17 columns). DontCare rows are skipped.
inline std::vector<KittiLocalObject> read_labels_local(const std::filesystem::path& path,
                                                       const KittiLocalCalib& calib,
                                                       int frame = -1) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot open " + path.string());
  // Rigid inverse of Tr_velo_to_cam.
  const core::Mat3 rt = glm::transpose(calib.velo_to_cam.rotation());
  const core::Vec3 t = calib.velo_to_cam.translation();
  const core::Mat3 r0_inv = glm::inverse(calib.r0);
  std::vector<KittiLocalObject> out;
  std::string line;
  while (std::getline(f, line)) {
    std::istringstream s(line);
    KittiLocalObject o;
    if (frame >= 0) {
      int fr;
      if (!(s >> fr >> o.track_id) || fr != frame) continue;
    }
    double alpha, x1, y1, x2, y2, h, w, l, x, y, z, ry;
    if (!(s >> o.type >> o.truncated >> o.occluded >> alpha >> x1 >> y1 >> x2 >> y2 >> h >> w >>
          l >> x >> y >> z >> ry))
      continue;
    if (o.type == "DontCare") continue;
    const core::Vec3 rect{x, y - h / 2, z};
    const core::Vec3 cam = r0_inv * rect;
    o.box.center = rt * (cam - t);
    o.box.size = {l, w, h};
    o.box.yaw = core::wrap_angle(-ry - core::kPi / 2);
    out.push_back(o);
  }
  return out;
}

// The four real scans with labels in ../shared/data: KITTI object 000000-2 and
// tracking 0000 frame 0.
struct KittiLocalFrame {
  std::string name;
  core::PointCloud cloud;
  std::vector<KittiLocalObject> objects;
};

inline std::vector<KittiLocalFrame> load_kitti_frames(const std::filesystem::path& data) {
  std::vector<KittiLocalFrame> out;
  for (const char* id : {"000000", "000001", "000002"}) {
    const auto root = data / "kitti_object";
    const auto calib = read_calib_local(root / "calib" / (std::string(id) + ".txt"));
    out.push_back({std::string("object/") + id,
                   read_velodyne_bin(root / "velodyne" / (std::string(id) + ".bin")),
                   read_labels_local(root / "label_2" / (std::string(id) + ".txt"), calib)});
  }
  const auto tr = data / "kitti_tracking" / "training";
  const auto calib = read_calib_local(tr / "calib" / "0000.txt");
  out.push_back({"tracking/0000/000000", read_velodyne_bin(tr / "velodyne" / "0000" / "000000.bin"),
                 read_labels_local(tr / "label_02" / "0000.txt", calib, 0)});
  return out;
}

}  // namespace vantage::test
