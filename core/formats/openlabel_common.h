#pragma once
// ASAM OpenLABEL 1.0.0: pieces shared by the writer and the reader.
//
// Conventions (see docs/formats.md):
// - Cuboids: 9 values (x, y, z, rx, ry, rz, sx, sy, sz), the centre, Euler
//   angles applied as R = Rz(rz) * Ry(ry) * Rx(rx) (OpenLABEL's and VCD's ZYX
//   order), and the size along the object's own axes. Vantage writes them in
//   the vehicle coordinate system ("vehicle-iso8855", ISO 8855: x forward,
//   y left, z up) with object axes x = length, y = width, z = height, so
//   (rx, ry, rz) = (roll, pitch, yaw). 10-value cuboids (quaternion x, y, z,
//   w) are read too. Cuboids of other tools may use other object axes (VCD's
//   KITTI converter: camera frame, y = height pointing down): on import the
//   object axis closest to the vehicle's up axis is taken as the height.
// - bbox: (centre x, centre y, width, height) in pixels.
// - Per-shape bookkeeping lives in the geometry's nested "attributes":
//   keyframe, source, occluded, truncated, score, annotator, created_ms,
//   modified_ms; user attributes of the same names get an "attribute:"
//   prefix.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/io/fast_json.h"
#include "core/model/math.h"
#include "core/model/sensor.h"

namespace vantage::core {
class ExportSelection;
class ImportContext;
struct ExportOptions;
struct FormatReport;
}  // namespace vantage::core

namespace vantage::core::openlabel {

// The writer and the reader (openlabel_export.cpp, openlabel_import.cpp).
void write_openlabel(const ExportSelection& selection, const std::filesystem::path& out_dir,
                     const ExportOptions& options, FormatReport& report);
void read_openlabel(ImportContext& ctx, const std::filesystem::path& input);
inline constexpr const char* kOpenLabelFileName = "openlabel.json";
// Masks in OpenLABEL "image" object data: COCO's compressed RLE string as
// the value, with these declared, and "size": [height, width] beside it.
inline constexpr const char* kCocoRleMime = "application/x-coco-rle";
inline constexpr const char* kCocoRleEncoding = "coco_rle";

inline constexpr const char* kVehicleCs = "vehicle-iso8855";
inline constexpr const char* kOdomCs = "odom";
inline constexpr const char* kUserPrefix = "attribute:";

// Names used in nested attributes for Vantage's per-shape bookkeeping.
bool is_reserved_attribute(const std::string& name);

// R = Rz(rz) * Ry(ry) * Rx(rx).
Mat3 euler_zyx(double rx, double ry, double rz);
// Inverse of euler_zyx: (rx, ry, rz).
Vec3 euler_zyx_angles(const Mat3& r);

// Coordinate systems of a file: a tree of static poses (child -> parent)
// plus per-frame transforms; finds the transform between any two at a frame.
class CoordinateSystems {
 public:
  struct Node {
    std::string type;  // scene_cs, local_cs, sensor_cs, ...
    std::string parent;
    std::optional<Transform> pose;  // child -> parent
  };
  std::map<std::string, Node> nodes;

  // Per-frame transforms (src -> dst).
  struct Edge {
    std::string src, dst;
    Transform t;
  };
  void add_frame_transform(int frame, Edge e) { per_frame_[frame].push_back(std::move(e)); }

  // Transform taking points from `src` to `dst` at `frame`; nullopt when the
  // file gives no path between them.
  std::optional<Transform> find(const std::string& dst, const std::string& src, int frame) const;
  bool has(const std::string& name) const { return nodes.count(name) > 0; }
  // The vehicle frame: "vehicle-iso8855", else the first local_cs, else the
  // root; empty when the file has no coordinate systems.
  std::string vehicle() const;
  // The root scene frame (type scene_cs or the parentless root), if any.
  std::string scene() const;

 private:
  std::map<int, std::vector<Edge>> per_frame_;
};

// Reads a transform_data object (matrix4x4, quaternion + translation, or
// euler_angles + translation).
Transform read_transform_data(const FastJson& r);

}  // namespace vantage::core::openlabel
