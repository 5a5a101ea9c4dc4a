// ASAM OpenLABEL 1.0.0 writer (validated against the official JSON schema by
// the openlabel_schema CTest).
//
// [SECTION] index
//   nested attributes (per-shape bookkeeping and per-frame attributes)
//   header: metadata, coordinate systems, streams, contexts (frame tags)
//   objects: type, frame intervals, data pointers, static attributes
//   frames: timestamps, files, odometry, per-rig sensors, object data
#include <fmt/format.h>

#include <map>

#include "core/formats/export_selection.h"
#include "core/formats/format_util.h"
#include "core/formats/openlabel_common.h"
#include "core/io/json_writer.h"
#include "core/version.h"

namespace vantage::core::openlabel {

namespace fs = std::filesystem;

namespace {

// [SECTION] nested attributes -----------------------------------------------------

struct NumberItem {
  std::string name;
  double val;
};

std::string user_name(const std::string& name) {
  return is_reserved_attribute(name) ? std::string(kUserPrefix) + name : name;
}

// Writes {"boolean": [...], "num": [...], "text": [...], "vec": [...]} with
// the given typed values; empty lists are left out.
void write_typed(JsonWriter& w, const std::vector<std::pair<std::string, bool>>& bools,
                 const std::vector<NumberItem>& nums,
                 const std::vector<std::pair<std::string, std::string>>& texts,
                 const std::vector<std::pair<std::string, const std::vector<double>*>>& vecs) {
  if (!bools.empty()) {
    w.key("boolean").begin_array();
    for (const auto& [n, v] : bools)
      w.begin_object().member("name", n).member("val", v).end_object();
    w.end_array();
  }
  if (!nums.empty()) {
    w.key("num").begin_array();
    for (const auto& [n, v] : nums)
      w.begin_object().member("name", n).member("val", v).end_object();
    w.end_array();
  }
  if (!texts.empty()) {
    w.key("text").begin_array();
    for (const auto& [n, v] : texts)
      w.begin_object().member("name", n).member("val", v).end_object();
    w.end_array();
  }
  if (!vecs.empty()) {
    w.key("vec").begin_array();
    for (const auto& [n, v] : vecs) {
      w.begin_object().member("name", n);
      w.key("val").numbers(v->data(), v->size());
      w.end_object();
    }
    w.end_array();
  }
}

void split_attributes(const AttributeMap& attrs, std::vector<std::pair<std::string, bool>>& bools,
                      std::vector<NumberItem>& nums,
                      std::vector<std::pair<std::string, std::string>>& texts,
                      std::vector<std::pair<std::string, const std::vector<double>*>>& vecs,
                      bool prefix) {
  for (const auto& [k, v] : attrs) {
    const std::string name = prefix ? user_name(k) : k;
    if (const bool* b = std::get_if<bool>(&v))
      bools.push_back({name, *b});
    else if (const double* d = std::get_if<double>(&v))
      nums.push_back({name, *d});
    else if (const std::string* s = std::get_if<std::string>(&v))
      texts.push_back({name, *s});
    else
      vecs.push_back({name, &std::get<std::vector<double>>(v)});
  }
}

// The shape's bookkeeping and per-frame attributes as nested attributes.
void write_shape_attributes(JsonWriter& w, const Shape* s, std::optional<int> visibility,
                            bool hole) {
  std::vector<std::pair<std::string, bool>> bools;
  std::vector<NumberItem> nums;
  std::vector<std::pair<std::string, std::string>> texts;
  std::vector<std::pair<std::string, const std::vector<double>*>> vecs;
  if (s) {
    bools.push_back({"keyframe", s->keyframe});
    texts.push_back({"source", to_string(s->source)});
    if (s->occlusion) nums.push_back({"occluded", static_cast<double>(s->occlusion)});
    if (s->truncation != 0.0) nums.push_back({"truncated", s->truncation});
    if (s->score >= 0) nums.push_back({"score", s->score});
    if (!s->annotator.empty()) texts.push_back({"annotator", s->annotator});
    if (s->created_ms) nums.push_back({"created_ms", static_cast<double>(s->created_ms)});
    if (s->modified_ms) nums.push_back({"modified_ms", static_cast<double>(s->modified_ms)});
    // Provenance: the model that proposed the shape, and whether a person
    // has checked it since (accepted or corrected: no longer a pre-label).
    if (!s->model.empty()) {
      texts.push_back({"model", s->model});
      if (!s->model_class.empty()) texts.push_back({"model_class", s->model_class});
      bools.push_back({"checked", s->source != ShapeSource::Model});
    }
    split_attributes(s->attributes, bools, nums, texts, vecs, true);
  }
  if (visibility) nums.push_back({"visibility", static_cast<double>(*visibility)});
  if (hole) bools.push_back({"hole", true});
  if (bools.empty() && nums.empty() && texts.empty() && vecs.empty()) return;
  w.key("attributes").begin_object();
  write_typed(w, bools, nums, texts, vecs);
  w.end_object();
}

void write_frame_intervals(JsonWriter& w, const std::vector<int>& sorted_frames) {
  w.key("frame_intervals").begin_array();
  for (size_t i = 0; i < sorted_frames.size();) {
    size_t j = i;
    while (j + 1 < sorted_frames.size() && sorted_frames[j + 1] == sorted_frames[j] + 1)
      ++j;
    w.begin_object()
        .member("frame_start", sorted_frames[i])
        .member("frame_end", sorted_frames[j])
        .end_object();
    i = j + 1;
  }
  w.end_array();
}

void write_matrix(JsonWriter& w, const Transform& t) {
  double v[16];
  t.to_row_major_4x4(v);
  w.begin_object();
  w.key("matrix4x4").numbers(v, 16);
  w.end_object();
}

void write_intrinsics(JsonWriter& w, const Camera& c) {
  w.key("intrinsics_pinhole").begin_object();
  w.member("width_px", c.width);
  w.member("height_px", c.height);
  // K [I | t]: a rectified stereo camera keeps its baseline in the matrix
  // and its coordinate system is the reference frame (as VCD writes KITTI).
  const std::array<double, 12> m = c.projection_matrix();
  w.key("camera_matrix_3x4").numbers(m.data(), 12);
  const Distortion& d = c.distortion;
  const double dist[5] = {d.k1, d.k2, d.p1, d.p2, d.k3};
  w.key("distortion_coeffs_1xN").numbers(dist, 5);
  w.end_object();
}

// Data names: one per (kind, camera), keypoints one per point.
std::string data_name(const ExportItem& it) {
  switch (it.shape->kind()) {
    case ShapeKind::Box2D:
      return "bbox-" + it.track->sensor;
    case ShapeKind::Polygon:
      return "poly2d-" + it.track->sensor;
    case ShapeKind::Polyline:
      return "polyline-" + it.track->sensor;
    case ShapeKind::Keypoints:
      return "keypoints-" + it.track->sensor;
    case ShapeKind::Cuboid:
      return "cuboid";
  }
  return "shape";
}

const char* data_type(ShapeKind k) {
  switch (k) {
    case ShapeKind::Box2D:
      return "bbox";
    case ShapeKind::Polygon:
    case ShapeKind::Polyline:
      return "poly2d";
    case ShapeKind::Keypoints:
      return "point2d";
    case ShapeKind::Cuboid:
      return "cuboid";
  }
  return "bbox";
}

struct Pointer {
  const char* type;
  std::vector<int> frames;
};

struct ObjectInfo {
  const Object* object = nullptr;
  std::vector<int> frames;
  std::map<std::string, Pointer> pointers;
  void add(const std::string& name, const char* type, int frame) {
    Pointer& p = pointers[name];
    p.type = type;
    if (p.frames.empty() || p.frames.back() != frame) p.frames.push_back(frame);
  }
};

void write_sensor_transform(JsonWriter& w, const std::string& sensor, const Transform& to_vehicle) {
  w.key(sensor + "_to_" + kVehicleCs).begin_object();
  w.member("src", sensor).member("dst", kVehicleCs);
  write_matrix(w.key("transform_src_to_dst"), to_vehicle);
  w.end_object();
}

// One frame's ignore regions, grouped under their objects' uids.
template <class GroupOf, class DataName>
void write_frame_ignore_regions(JsonWriter& w, const std::vector<IgnoreRegion>& regions,
                                const ExportSelection& sel, GroupOf& group_of,
                                const DataName& data_name, FormatReport& report) {
  std::map<size_t, std::vector<const IgnoreRegion*>> by_group;
  for (const IgnoreRegion& r : regions)
    if (sel.has_camera(r.sensor)) by_group[group_of(r)].push_back(&r);
  for (const auto& [g, list] : by_group) {
    w.key(fmt::format("-{}", g + 1)).begin_object().key("object_data").begin_object();
    std::map<std::string, size_t> per_cam;
    std::vector<std::pair<const IgnoreRegion*, std::string>> named;
    for (const IgnoreRegion* r : list)
      named.push_back({r, data_name(*r, per_cam[r->sensor]++)});
    auto section = [&](const char* key, auto pred, auto write) {
      bool open = false;
      for (const auto& [r, name] : named) {
        if (!pred(*r)) continue;
        if (!open) w.key(key).begin_array(), open = true;
        write(*r, name);
      }
      if (open) w.end_array();
    };
    section(
        "bbox", [](const IgnoreRegion& r) { return std::holds_alternative<Box2D>(r.geometry); },
        [&](const IgnoreRegion& r, const std::string& name) {
          const Box2D& b = std::get<Box2D>(r.geometry);
          const double v[4] = {(b.x1 + b.x2) / 2, (b.y1 + b.y2) / 2, b.x2 - b.x1, b.y2 - b.y1};
          w.begin_object().member("name", name).member("coordinate_system", r.sensor);
          w.key("val").numbers(v, 4);
          w.end_object();
        });
    section(
        "poly2d", [](const IgnoreRegion& r) { return std::holds_alternative<Polygon>(r.geometry); },
        [&](const IgnoreRegion& r, const std::string& name) {
          const Polygon& p = std::get<Polygon>(r.geometry);
          auto ring = [&](const std::string& n, const std::vector<Vec2>& pts, bool hole) {
            w.begin_object().member("name", n).member("coordinate_system", r.sensor);
            w.key("val").begin_array();
            for (const Vec2& q : pts)
              w.value(q.x).value(q.y);
            w.end_array();
            w.member("mode", "MODE_POLY2D_ABSOLUTE").member("closed", true);
            write_shape_attributes(w, nullptr, std::nullopt, hole);
            w.end_object();
          };
          ring(name, p.points, false);
          for (size_t h = 0; h < p.holes.size(); ++h)
            ring(fmt::format("{}-hole{}", name, h), p.holes[h], true);
        });
    section(
        "image", [](const IgnoreRegion& r) { return std::holds_alternative<RleMask>(r.geometry); },
        [&](const IgnoreRegion& r, const std::string& name) {
          // OpenLABEL's image data with COCO's compressed RLE as the
          // encoding (declared in mime_type and encoding), size alongside.
          const RleMask& m = std::get<RleMask>(r.geometry);
          w.begin_object().member("name", name).member("coordinate_system", r.sensor);
          w.member("val", rle_counts_to_string(m.counts));
          w.member("mime_type", kCocoRleMime).member("encoding", kCocoRleEncoding);
          w.key("size").begin_array().value(m.height).value(m.width).end_array();
          w.end_object();
        });
    w.end_object().end_object();
    report.ignore_regions += list.size();
  }
}

}  // namespace

void write_openlabel(const ExportSelection& sel, const fs::path& out_dir, const ExportOptions&,
                     FormatReport& report) {
  const Document& doc = sel.doc();
  const Sequence& seq = doc.sequence;
  const SensorRig& rig0 = seq.default_rig();
  const bool odometry = seq.has_ego_poses();
  const AnnotationMetadata& meta = doc.annotations.metadata;
  const Review& review = doc.annotations.review;
  const size_t review_entries =
      review.frames.size() + review.objects.size() + review.comments.size() + review.batches.size();
  report.limitation("review entries not exported",
                    "OpenLABEL has no review state (statuses, comments, batches)", review_entries);

  // Per-object pointers (a first pass: the objects block comes before the frames).
  std::map<ObjectId, ObjectInfo> objects;
  for (const int f : sel.frames())
    for (const ExportItem& it : sel.at(f)) {
      ObjectInfo& info = objects[it.object->id];
      info.object = it.object;
      if (info.frames.empty() || info.frames.back() != f) info.frames.push_back(f);
      const ShapeKind k = it.shape->kind();
      if (k == ShapeKind::Keypoints) {
        const auto& pts = it.shape->as<Keypoints>()->points;
        for (size_t i = 0; i < pts.size(); ++i)
          info.add(fmt::format("{}-{}", data_name(it), i), "point2d", f);
      } else {
        info.add(data_name(it), data_type(k), f);
        if (const Polygon* p = it.shape->as<Polygon>())
          for (size_t h = 0; h < p->holes.size(); ++h)
            info.add(fmt::format("{}-hole{}", data_name(it), h), "poly2d", f);
      }
    }

  // Ignore regions: one object per (class, reason), uids -1, -2, ... (as
  // VCD writes KITTI's DontCare), with a static text "ignore_reason" so
  // readers tell them from objects.
  struct IgnoreGroup {
    std::string class_name, reason;
    std::vector<int> frames;
    std::map<std::string, Pointer> pointers;
  };
  std::vector<IgnoreGroup> ignore_groups;
  auto group_of = [&](const IgnoreRegion& r) -> size_t {
    const std::string cls = r.class_name.empty() ? std::string("DontCare") : r.class_name;
    for (size_t g = 0; g < ignore_groups.size(); ++g)
      if (ignore_groups[g].class_name == cls && ignore_groups[g].reason == r.reason) return g;
    ignore_groups.push_back({cls, r.reason, {}, {}});
    return ignore_groups.size() - 1;
  };
  auto ignore_data_name = [](const IgnoreRegion& r, size_t k) {
    return fmt::format("ignore-{}-{}", r.sensor, k);
  };
  auto ignore_type = [](const IgnoreRegion& r) {
    return std::holds_alternative<Box2D>(r.geometry)     ? "bbox"
           : std::holds_alternative<Polygon>(r.geometry) ? "poly2d"
                                                         : "image";
  };
  for (const int f : sel.frames()) {
    std::map<std::pair<size_t, std::string>, size_t> per_cam;
    for (const IgnoreRegion& r : doc.annotations.ignore_regions_at(f)) {
      if (!sel.has_camera(r.sensor)) continue;
      const size_t g = group_of(r);
      IgnoreGroup& grp = ignore_groups[g];
      if (grp.frames.empty() || grp.frames.back() != f) grp.frames.push_back(f);
      const size_t k = per_cam[{g, r.sensor}]++;
      Pointer& p = grp.pointers[ignore_data_name(r, k)];
      p.type = ignore_type(r);
      if (p.frames.empty() || p.frames.back() != f) p.frames.push_back(f);
      if (const Polygon* poly = std::get_if<Polygon>(&r.geometry))
        for (size_t h = 0; h < poly->holes.size(); ++h) {
          Pointer& hp = grp.pointers[fmt::format("{}-hole{}", ignore_data_name(r, k), h)];
          hp.type = "poly2d";
          if (hp.frames.empty() || hp.frames.back() != f) hp.frames.push_back(f);
        }
    }
  }

  JsonWriter w(false);
  w.begin_object();
  w.key("openlabel").begin_object();

  // [SECTION] header
  w.key("metadata").begin_object();
  w.member("schema_version", "1.0.0");
  w.member("name", seq.name);
  std::string annotators;
  for (const std::string& a : meta.annotators)
    annotators += (annotators.empty() ? "" : ", ") + a;
  w.member("annotator", annotators);
  w.member("comment", fmt::format("Written by {}", kToolName));
  w.key("vantage").begin_object();
  w.member("tool", kToolName);
  w.member("written_by", meta.tool);
  w.member("schema", doc.schema.name);
  w.member("schema_version", doc.schema.version);
  w.member("created_ms", meta.created_ms);
  w.member("modified_ms", meta.modified_ms);
  w.key("annotators").begin_array();
  for (const std::string& a : meta.annotators)
    w.value(a);
  w.end_array();
  if (!meta.extra.empty()) {
    w.key("extra").begin_object();
    for (const auto& [k, v] : meta.extra)
      w.member(k, v);
    w.end_object();
  }
  // KITTI calibrations verbatim, so KITTI exports of an imported file write
  // the exact calib files.
  bool any_kitti = false;
  for (const SensorRig& r : seq.rigs)
    any_kitti |= r.kitti.has_value();
  if (any_kitti) {
    w.key("kitti_calibrations").begin_array();
    for (size_t i = 0; i < seq.rigs.size(); ++i) {
      if (!seq.rigs[i].kitti) continue;
      const KittiCalibration& k = *seq.rigs[i].kitti;
      w.begin_object().member("rig", static_cast<int>(i));
      for (int p = 0; p < 4; ++p)
        w.key(fmt::format("P{}", p)).numbers(k.P[static_cast<size_t>(p)].data(), 12);
      w.key("R0_rect").numbers(k.R0_rect.data(), 9);
      w.key("Tr_velo_to_cam").numbers(k.Tr_velo_to_cam.data(), 12);
      w.key("Tr_imu_to_velo").numbers(k.Tr_imu_to_velo.data(), 12);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  w.end_object();

  w.key("coordinate_systems").begin_object();
  if (odometry) {
    w.key(kOdomCs).begin_object().member("type", "scene_cs").member("parent", "");
    w.key("children").begin_array().value(kVehicleCs).end_array();
    w.end_object();
  }
  w.key(kVehicleCs)
      .begin_object()
      .member("type", "local_cs")
      .member("parent", odometry ? kOdomCs : "");
  w.key("children").begin_array();
  for (const Lidar& l : rig0.lidars)
    w.value(l.name);
  for (const Camera& c : rig0.cameras)
    w.value(c.name);
  w.end_array();
  w.end_object();
  for (const Lidar& l : rig0.lidars) {
    w.key(l.name).begin_object().member("type", "sensor_cs").member("parent", kVehicleCs);
    w.key("children").begin_array().end_array();
    write_matrix(w.key("pose_wrt_parent"), l.lidar_to_vehicle);
    w.end_object();
  }
  for (const Camera& c : rig0.cameras) {
    w.key(c.name).begin_object().member("type", "sensor_cs").member("parent", kVehicleCs);
    w.key("children").begin_array().end_array();
    write_matrix(w.key("pose_wrt_parent"), c.reference_to_vehicle());
    w.end_object();
  }
  w.end_object();

  w.key("streams").begin_object();
  for (const Camera& c : rig0.cameras) {
    w.key(c.name)
        .begin_object()
        .member("type", "camera")
        .member("uri", "")
        .member("description", "camera");
    w.key("stream_properties").begin_object();
    write_intrinsics(w, c);
    w.end_object();
    w.end_object();
  }
  for (const Lidar& l : rig0.lidars) {
    w.key(l.name)
        .begin_object()
        .member("type", "lidar")
        .member("uri", "")
        .member("description", "lidar");
    w.key("stream_properties")
        .begin_object()
        .member("vantage_bin_values_per_point", l.bin_values_per_point)
        .end_object();
    w.end_object();
  }
  w.end_object();

  w.key("frame_intervals").begin_array();
  w.begin_object()
      .member("frame_start", sel.first_frame())
      .member("frame_end", sel.last_frame())
      .end_object();
  w.end_array();

  // Frame tags as contexts with frame intervals.
  std::map<std::string, std::vector<int>> tag_frames;
  for (const int f : sel.frames())
    if (auto it = doc.annotations.frame_tags.find(f); it != doc.annotations.frame_tags.end())
      for (const std::string& t : it->second)
        tag_frames[t].push_back(f);
  if (!tag_frames.empty()) {
    w.key("contexts").begin_object();
    int uid = 0;
    for (const auto& [tag, frames] : tag_frames) {
      const TagDef* def = doc.schema.find_tag(tag);
      w.key(std::to_string(uid++)).begin_object();
      w.member("name", tag);
      w.member("type", def && !def->group.empty() ? def->group : std::string("frame_tag"));
      write_frame_intervals(w, frames);
      w.end_object();
    }
    w.end_object();
  }

  // [SECTION] objects
  w.key("objects").begin_object();
  for (const auto& [id, info] : objects) {
    const Object& o = *info.object;
    w.key(std::to_string(id)).begin_object();
    w.member("name", fmt::format("{}{}", o.class_name, id));
    w.member("type", o.class_name);
    write_frame_intervals(w, info.frames);
    const bool has_static = !o.attributes.empty() || !o.outside.empty();
    std::vector<double> outside;
    for (const FrameRange& r : o.outside)
      outside.push_back(r.first), outside.push_back(r.last);
    if (has_static) {
      std::vector<std::pair<std::string, bool>> bools;
      std::vector<NumberItem> nums;
      std::vector<std::pair<std::string, std::string>> texts;
      std::vector<std::pair<std::string, const std::vector<double>*>> vecs;
      split_attributes(o.attributes, bools, nums, texts, vecs, true);
      if (!outside.empty()) vecs.push_back({"outside", &outside});
      w.key("object_data").begin_object();
      write_typed(w, bools, nums, texts, vecs);
      w.end_object();
    }
    w.key("object_data_pointers").begin_object();
    for (const auto& [name, p] : info.pointers) {
      w.key(name).begin_object().member("type", p.type);
      write_frame_intervals(w, p.frames);
      w.end_object();
    }
    auto static_pointer = [&](const std::string& name, const char* type) {
      w.key(name).begin_object().member("type", type);
      w.key("frame_intervals").begin_array().end_array();
      w.end_object();
    };
    for (const auto& [k, v] : o.attributes)
      static_pointer(user_name(k), v.index() == 0   ? "boolean"
                                   : v.index() == 1 ? "num"
                                   : v.index() == 2 ? "text"
                                                    : "vec");
    if (!outside.empty()) static_pointer("outside", "vec");
    w.end_object();
    w.end_object();
  }
  for (size_t g = 0; g < ignore_groups.size(); ++g) {
    const IgnoreGroup& grp = ignore_groups[g];
    w.key(fmt::format("-{}", g + 1)).begin_object();
    w.member("name", grp.class_name);
    w.member("type", grp.class_name);
    write_frame_intervals(w, grp.frames);
    w.key("object_data").begin_object().key("text").begin_array();
    w.begin_object().member("name", "ignore_reason").member("val", grp.reason).end_object();
    w.end_array().end_object();
    w.key("object_data_pointers").begin_object();
    for (const auto& [name, p] : grp.pointers) {
      w.key(name).begin_object().member("type", p.type);
      write_frame_intervals(w, p.frames);
      w.end_object();
    }
    w.key("ignore_reason").begin_object().member("type", "text");
    w.key("frame_intervals").begin_array().end_array();
    w.end_object();
    w.end_object();
    w.end_object();
  }
  w.end_object();

  // [SECTION] frames
  w.key("frames").begin_object();
  size_t done = 0, shapes = 0;
  std::vector<const ExportItem*> bboxes, cuboids, polys, points;
  // Every frame of the range is written (excluded ones marked), so the
  // sequence survives whole.
  for (int f = sel.first_frame(); f <= sel.last_frame(); ++f) {
    sel.progress(done++, static_cast<size_t>(sel.last_frame() - sel.first_frame() + 1));
    const Frame& fr = seq.frames[static_cast<size_t>(f)];
    w.key(std::to_string(f)).begin_object();
    w.key("frame_properties").begin_object();
    w.member("timestamp", static_cast<double>(fr.timestamp_us) * 1e-6);
    w.member("timestamp_us", fr.timestamp_us);
    if (doc.annotations.excluded_frames.count(f)) w.member("vantage_excluded", true);
    const SensorRig& rig = seq.rig(f);
    const bool own_rig = fr.rig != 0;
    if (!fr.files.empty() || own_rig) {
      w.key("streams").begin_object();
      std::map<std::string, bool> done_sensor;
      for (const auto& [sensor, path] : fr.files) {
        w.key(sensor).begin_object().member("uri", path);
        if (own_rig)
          if (const Camera* c = rig.camera(sensor)) {
            w.key("stream_properties").begin_object();
            write_intrinsics(w, *c);
            w.end_object();
          }
        w.end_object();
        done_sensor[sensor] = true;
      }
      if (own_rig)
        for (const Camera& c : rig.cameras)
          if (!done_sensor.count(c.name)) {
            w.key(c.name).begin_object().key("stream_properties").begin_object();
            write_intrinsics(w, c);
            w.end_object().end_object();
          }
      w.end_object();
    }
    if (fr.ego_pose || own_rig) {
      w.key("transforms").begin_object();
      if (fr.ego_pose) {
        w.key(std::string(kVehicleCs) + "_to_" + kOdomCs).begin_object();
        w.member("src", kVehicleCs).member("dst", kOdomCs);
        write_matrix(w.key("transform_src_to_dst"), *fr.ego_pose);
        w.end_object();
      }
      if (own_rig) {
        for (const Lidar& l : rig.lidars)
          write_sensor_transform(w, l.name, l.lidar_to_vehicle);
        for (const Camera& c : rig.cameras)
          write_sensor_transform(w, c.name, c.reference_to_vehicle());
      }
      w.end_object();
    }
    w.end_object();  // frame_properties

    const auto& items = sel.at(f);
    bool any_ignore = false;
    for (const IgnoreRegion& r : doc.annotations.ignore_regions_at(f))
      any_ignore |= sel.has_camera(r.sensor);
    if (!items.empty() || any_ignore) {
      w.key("objects").begin_object();
      for (size_t i = 0; i < items.size();) {
        size_t j = i;
        while (j < items.size() && items[j].object == items[i].object)
          ++j;
        bboxes.clear(), cuboids.clear(), polys.clear(), points.clear();
        for (size_t k = i; k < j; ++k) {
          switch (items[k].shape->kind()) {
            case ShapeKind::Box2D:
              bboxes.push_back(&items[k]);
              break;
            case ShapeKind::Cuboid:
              cuboids.push_back(&items[k]);
              break;
            case ShapeKind::Polygon:
            case ShapeKind::Polyline:
              polys.push_back(&items[k]);
              break;
            case ShapeKind::Keypoints:
              points.push_back(&items[k]);
              break;
          }
        }
        shapes += j - i;
        w.key(std::to_string(items[i].object->id)).begin_object().key("object_data").begin_object();
        if (!bboxes.empty()) {
          w.key("bbox").begin_array();
          for (const ExportItem* it : bboxes) {
            const Box2D& b = *it->shape->as<Box2D>();
            const double v[4] = {(b.x1 + b.x2) / 2, (b.y1 + b.y2) / 2, b.x2 - b.x1, b.y2 - b.y1};
            w.begin_object()
                .member("name", data_name(*it))
                .member("coordinate_system", it->track->sensor);
            w.key("val").numbers(v, 4);
            write_shape_attributes(w, it->shape, std::nullopt, false);
            w.end_object();
          }
          w.end_array();
        }
        if (!cuboids.empty()) {
          w.key("cuboid").begin_array();
          for (const ExportItem* it : cuboids) {
            const Cuboid& c = *it->shape->as<Cuboid>();
            const double v[9] = {c.center.x, c.center.y, c.center.z, c.roll,  c.pitch,
                                 c.yaw,      c.size.x,   c.size.y,   c.size.z};
            w.begin_object().member("name", data_name(*it)).member("coordinate_system", kVehicleCs);
            w.key("val").numbers(v, 9);
            write_shape_attributes(w, it->shape, std::nullopt, false);
            w.end_object();
          }
          w.end_array();
        }
        if (!polys.empty()) {
          w.key("poly2d").begin_array();
          auto ring = [&](const std::string& name, const std::string& cs,
                          const std::vector<Vec2>& pts, bool closed, const Shape* s, bool hole) {
            w.begin_object().member("name", name).member("coordinate_system", cs);
            w.key("val").begin_array();
            for (const Vec2& p : pts)
              w.value(p.x).value(p.y);
            w.end_array();
            w.member("mode", "MODE_POLY2D_ABSOLUTE").member("closed", closed);
            write_shape_attributes(w, s, std::nullopt, hole);
            w.end_object();
          };
          for (const ExportItem* it : polys) {
            if (const Polygon* p = it->shape->as<Polygon>()) {
              ring(data_name(*it), it->track->sensor, p->points, true, it->shape, false);
              for (size_t h = 0; h < p->holes.size(); ++h)
                ring(fmt::format("{}-hole{}", data_name(*it), h), it->track->sensor, p->holes[h],
                     true, nullptr, true);
            } else {
              ring(data_name(*it), it->track->sensor, it->shape->as<Polyline>()->points, false,
                   it->shape, false);
            }
          }
          w.end_array();
        }
        if (!points.empty()) {
          w.key("point2d").begin_array();
          for (const ExportItem* it : points) {
            const auto& pts = it->shape->as<Keypoints>()->points;
            for (size_t k = 0; k < pts.size(); ++k) {
              w.begin_object().member("name", fmt::format("{}-{}", data_name(*it), k));
              w.member("coordinate_system", it->track->sensor).member("id", static_cast<int>(k));
              const double v[2] = {pts[k].position.x, pts[k].position.y};
              w.key("val").numbers(v, 2);
              // The shape's bookkeeping rides on its first point.
              write_shape_attributes(w, k == 0 ? it->shape : nullptr,
                                     static_cast<int>(pts[k].visibility), false);
              w.end_object();
            }
          }
          w.end_array();
        }
        w.end_object().end_object();
        i = j;
      }
      if (any_ignore) write_frame_ignore_regions(w, doc.annotations.ignore_regions_at(f), sel,
                                                 group_of, ignore_data_name, report);
      w.end_object();
    }
    w.end_object();
  }
  w.end_object();  // frames

  w.end_object();  // openlabel
  w.end_object();
  report.shapes = shapes;
  report.objects = objects.size();
  report.images = sel.frames().size() * sel.cameras().size();
  write_export_file(out_dir / kOpenLabelFileName, w.str(), report);
}

}  // namespace vantage::core::openlabel
