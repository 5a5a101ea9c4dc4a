// ASAM OpenLABEL 1.0.0 reader, for files written by Vantage and by other
// tools (e.g. VCD's KITTI converter).
//
// [SECTION] index
//   file header: coordinate systems, streams, per-frame transforms
//   building a sequence from the file (no frames in the document)
//   fitting the file's frames to an existing sequence (anchor, cameras)
//   object data: bbox, cuboid, poly2d, point2d, nested attributes
//   objects, frames, contexts
//
// Frame anchoring when importing into an existing sequence: if the file's
// sensors sit where the sequence's same-named sensors sit (relative to the
// file's vehicle frame), the vehicle frames are the same; otherwise a
// same-named sensor, else the only LiDAR of each, ties the file's frames to
// the sequence's. Cameras of the file match the sequence's by name, else by
// their projection of vehicle points (P = K [R|t], compared after scaling).
#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <set>

#include "core/formats/format_util.h"
#include "core/formats/import_context.h"
#include "core/formats/openlabel_common.h"
#include "core/io/file_util.h"

namespace vantage::core::openlabel {

namespace fs = std::filesystem;

namespace {

constexpr int kStatic = INT_MIN;  // "no frame": static poses only

struct Stream {
  std::string type;
  bool has_intrinsics = false;
  double m[12] = {};  // camera_matrix_3x4, row-major
  int width = 0, height = 0;
  Distortion distortion;
  int bin_values = 4;
};

bool read_intrinsics(const FastJson& sp, Stream& s) {
  const auto ip = sp.find("intrinsics_pinhole");
  if (!ip) return false;
  s.width = static_cast<int>(ip->integer_or("width_px", 0));
  s.height = static_cast<int>(ip->integer_or("height_px", 0));
  auto mat = ip->find("camera_matrix_3x4");
  if (!mat) mat = ip->find("camera_matrix");
  if (mat) {
    if (mat->size() == 9) {  // 3x3 given: extend with a zero column
      for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c)
          s.m[r * 4 + c] = mat->at(static_cast<size_t>(r * 3 + c)).number();
    } else {
      mat->expect_array(12, 12);
      for (int i = 0; i < 12; ++i)
        s.m[i] = mat->at(i).number();
    }
    s.has_intrinsics = true;
  }
  auto dist = ip->find("distortion_coeffs_1xN");
  if (!dist) dist = ip->find("distortion_coeffs");
  if (dist && dist->size() > 0) {
    double d[5] = {};
    for (size_t i = 0; i < std::min<size_t>(5, dist->size()); ++i)
      d[i] = dist->at(i).number();
    s.distortion = {d[0], d[1], d[2], d[3], d[4]};
  }
  return true;
}

// The camera a stream describes, its extrinsic from the pose of its frame
// `cs_to_vehicle`; a non-zero fourth column of the 3x4 matrix (a stereo
// baseline, as in KITTI's P2) becomes an offset of the camera centre.
Camera camera_from_stream(const std::string& name, const Stream& s,
                          const Transform& cs_to_vehicle) {
  Camera c;
  c.name = name;
  c.width = s.width;
  c.height = s.height;
  c.intrinsics = {s.m[0], s.m[5], s.m[2], s.m[6], s.m[1]};
  c.distortion = s.distortion;
  c.camera_to_vehicle = cs_to_vehicle;
  if (s.m[3] != 0 || s.m[7] != 0 || s.m[11] != 0) {
    // P = K [I | t] projects points of the stream's coordinate system (its
    // reference frame, where VCD writes KITTI's labels): the camera keeps
    // t, so exports write the same frame and matrix back.
    double m[12];
    std::copy(s.m, s.m + 12, m);
    if (m[10] == 0) m[10] = 1.0;
    try {
      Camera p = camera_from_projection(name, s.width, s.height, m, cs_to_vehicle);
      p.distortion = s.distortion;
      return p;
    } catch (const Error&) {
      // Not an upper-triangular pinhole block: keep K as read, without t.
    }
  }
  return c;
}

// 3x4 projection of vehicle points, scaled so its third row has a unit
// rotation part (for comparing cameras given in different ways).
std::array<double, 12> normalised_projection(const double* k3x4, const Transform& vehicle_to_cs) {
  std::array<double, 12> p{};
  double v2c[16];
  vehicle_to_cs.to_row_major_4x4(v2c);
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) {
      double s = 0;
      for (int k = 0; k < 4; ++k)
        s += k3x4[r * 4 + k] * v2c[k * 4 + c];
      p[static_cast<size_t>(r * 4 + c)] = s;
    }
  const double n = std::sqrt(p[8] * p[8] + p[9] * p[9] + p[10] * p[10]);
  if (n > 0)
    for (double& x : p)
      x /= n;
  return p;
}

bool same_transform(const Transform& a, const Transform& b, double tol) {
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 4; ++r)
      if (std::abs(a.m[c][r] - b.m[c][r]) > tol) return false;
  return true;
}

fs::path find_file(const fs::path& input) {
  std::error_code ec;
  if (!fs::is_directory(input, ec)) return input;
  if (fs::exists(input / kOpenLabelFileName, ec)) return input / kOpenLabelFileName;
  for (const fs::path& p : files_with_extension(input, ".json")) {
    std::string head(512, '\0');
    std::FILE* f = std::fopen(p.c_str(), "rb");
    if (!f) continue;
    head.resize(std::fread(head.data(), 1, head.size(), f));
    std::fclose(f);
    if (head.find("\"openlabel\"") != std::string::npos) return p;
  }
  throw FileError(input.string(), "", "no OpenLABEL .json file here");
}

int64_t timestamp_us(const FastJson& fp) {
  if (auto us = fp.find("timestamp_us")) return us->integer();
  if (auto t = fp.find("timestamp")) {
    double s = 0;
    if (t->is_number())
      s = t->number();
    else if (!parse_double(t->string(), s))
      t->fail("timestamp is not a number");
    return std::llround(s * 1e6);
  }
  return 0;
}

// [SECTION] object data -------------------------------------------------------------

struct Nested {
  std::optional<int> visibility;
  bool hole = false;
};

// Nested attributes of a geometry: bookkeeping into the shape, the rest into
// its attributes.
void read_nested(const FastJson& d, Shape* s, Nested& n) {
  const auto attrs = d.find("attributes");
  if (!attrs) return;
  for (const char* type : {"boolean", "num", "text", "vec"}) {
    const auto list = attrs->find(type);
    if (!list) continue;
    list->for_each([&](const FastJson& item) {
      const std::string name = item.string_or("name", "");
      const FastJson val = item.at("val");
      if (name == "visibility") {
        n.visibility = val.int32(0, 2);
        return;
      }
      if (name == "hole") {
        n.hole = val.boolean();
        return;
      }
      if (!s || name.empty()) return;
      if (name == "keyframe")
        s->keyframe = val.boolean();
      else if (name == "source") {
        const auto src = shape_source_from_string(std::string(val.string()));
        if (!src) val.fail("unknown shape source");
        s->source = *src;
      } else if (name == "occluded")
        s->occlusion = static_cast<uint8_t>(val.int32(0, 3));
      else if (name == "truncated")
        s->truncation = val.number();
      else if (name == "score")
        s->score = val.number();
      else if (name == "annotator")
        s->annotator = val.string();
      else if (name == "created_ms")
        s->created_ms = static_cast<int64_t>(val.number());
      else if (name == "modified_ms")
        s->modified_ms = static_cast<int64_t>(val.number());
      else if (name == "model")
        s->model = val.string();
      else if (name == "model_class")
        s->model_class = val.string();
      else if (name == "checked")
        ;  // provenance, derived from source on export
      else {
        const std::string key = name.rfind(kUserPrefix, 0) == 0
                                    ? name.substr(std::char_traits<char>::length(kUserPrefix))
                                    : name;
        if (val.is_bool())
          s->attributes[key] = val.boolean();
        else if (val.is_number())
          s->attributes[key] = val.number();
        else if (val.is_string())
          s->attributes[key] = std::string(val.string());
        else if (val.is_array()) {
          std::vector<double> v(val.size());
          bool numeric = true;
          for (size_t i = 0; i < v.size(); ++i) {
            if (!val.at(i).is_number())
              numeric = false;
            else
              v[i] = val.at(i).number();
          }
          if (numeric) s->attributes[key] = v;
        }
      }
    });
  }
}

// Static (object-level) or frame-level typed data: name -> value.
void read_typed(const FastJson& od,
                const std::function<void(const std::string&, const FastJson&)>& f) {
  for (const char* type : {"boolean", "num", "text", "vec"})
    if (const auto list = od.find(type))
      list->for_each([&](const FastJson& item) { f(item.string_or("name", ""), item.at("val")); });
}

std::optional<AttributeValue> attribute_value(const FastJson& v) {
  if (v.is_bool()) return AttributeValue(v.boolean());
  if (v.is_number()) return AttributeValue(v.number());
  if (v.is_string()) return AttributeValue(std::string(v.string()));
  if (v.is_array()) {
    std::vector<double> out(v.size());
    for (size_t i = 0; i < out.size(); ++i) {
      if (!v.at(i).is_number()) return AttributeValue(v.dump());
      out[i] = v.at(i).number();
    }
    return AttributeValue(out);
  }
  return std::nullopt;
}

// A cuboid given in a frame whose transform to the vehicle frame is `t`.
Cuboid cuboid_to_vehicle(const FastJson& val, const Transform* t) {
  const size_t n = val.size();
  if (n != 9 && n != 10) val.fail(fmt::format("expected 9 or 10 cuboid values, found {}", n));
  double v[10];
  size_t k = 0;
  val.for_each([&](const FastJson& x) { v[k++] = x.number(); });
  const Vec3 c{v[0], v[1], v[2]};
  const Vec3 size = n == 9 ? Vec3{v[6], v[7], v[8]} : Vec3{v[7], v[8], v[9]};
  if (!(size.x > 0 && size.y > 0 && size.z > 0))
    val.fail(fmt::format("cuboid size {} x {} x {} is not positive", size.x, size.y, size.z));
  if (!t && n == 9) return Cuboid{c, size, v[5], v[4], v[3]};  // vehicle frame, ISO axes: exact
  Mat3 r = n == 9 ? euler_zyx(v[3], v[4], v[5])
                  : glm::mat3_cast(glm::normalize(Quat(v[6], v[3], v[4], v[5])));
  Vec3 centre = c;
  if (t) {
    r = t->rotation() * r;
    centre = t->apply(c);
  }
  // The object axis nearest the vehicle's up axis is the height.
  const Vec3 x = r[0];
  const Vec3 up_candidates[4] = {r[1], -r[1], r[2], -r[2]};
  int best = 2;
  for (int i = 0; i < 4; ++i)
    if (up_candidates[i].z > up_candidates[best].z) best = i;
  const Vec3 z = up_candidates[best];
  const Vec3 y = glm::cross(z, x);
  const double h = best < 2 ? size.y : size.z;
  const double w = best < 2 ? size.z : size.y;
  Mat3 m;
  m[0] = x, m[1] = y, m[2] = z;
  const Vec3 a = euler_zyx_angles(m);
  return Cuboid{centre, {size.x, w, h}, a.z, a.y, a.x};
}

// [SECTION] the reader ----------------------------------------------------------------

class Reader {
 public:
  Reader(ImportContext& ctx, const fs::path& file) : ctx_(ctx), json_(file), fname_(json_.file()) {}

  void run() {
    const FastJson& r = json_.root();
    r.expect_object();
    // Kept as members: values read later refer to them for error positions.
    ol_.emplace(r.at("openlabel"));
    const FastJson& ol = *ol_;
    read_header(ol);
    if (ctx_.building_sequence())
      build_sequence(ol);
    else
      fit_sequence();
    read_objects(ol);
    read_frames(ol);
    read_contexts(ol);
    for (const char* element : {"actions", "events", "relations", "tags"})
      if (auto e = ol.find(element); e && e->is_object()) {
        size_t n = 0;
        e->for_each_member([&](std::string_view, const FastJson&) { ++n; });
        if (n)
          ctx_.report.limitation(fmt::format("OpenLABEL {} not imported", element),
                                 "Vantage has no place for them", n);
      }
  }

 private:
  // [SECTION] header
  void read_header(const FastJson& ol) {
    md_.emplace(ol.at("metadata"));
    const FastJson& md = *md_;
    const std::string version = md.string_or("schema_version", "");
    if (version != "1.0.0")
      ctx_.report.info(fmt::format("schema_version '{}' read as OpenLABEL 1.0.0", version));
    if (auto c = ol.find("coordinate_systems"))
      c->for_each_member([&](std::string_view name_sv, const FastJson& n) {
        CoordinateSystems::Node node;
        node.type = n.string_or("type", "");
        node.parent = n.string_or("parent", "");
        if (auto p = n.find("pose_wrt_parent")) node.pose = read_transform_data(*p);
        cs_.nodes[std::string(name_sv)] = node;
      });
    vehicle_ = cs_.vehicle();
    // Sensor order: the vehicle frame's children (JSON objects are unordered).
    if (auto c = ol.find("coordinate_systems"))
      if (auto v = c->find(vehicle_))
        if (auto ch = v->find("children"))
          ch->for_each([&](const FastJson& x) { order_.emplace_back(x.string()); });
    if (auto s = ol.find("streams"))
      s->for_each_member([&](std::string_view name_sv, const FastJson& n) {
        Stream st;
        st.type = n.string_or("type", "");
        if (auto sp = n.find("stream_properties")) {
          read_intrinsics(*sp, st);
          st.bin_values = static_cast<int>(sp->integer_or("vantage_bin_values_per_point", 4));
        }
        streams_[std::string(name_sv)] = st;
      });
    // Frames in numeric order, with their per-frame transforms.
    frames_node_ = ol.find("frames");
    if (frames_node_)
      frames_node_->for_each_member([&](std::string_view key, const FastJson& f) {
        int64_t n = 0;
        if (!parse_int(key, n) || n < 0 || n > INT_MAX)
          f.fail("frame keys must be non-negative integers");
        frames_.push_back({static_cast<int>(n), f});
      });
    std::sort(frames_.begin(), frames_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [f, fr] : frames_) {
      if (auto fp = fr.find("frame_properties"))
        if (auto tr = fp->find("transforms"))
          tr->for_each_member([&](std::string_view, const FastJson& t) {
            cs_.add_frame_transform(
                f, {std::string(t.at("src").string()), std::string(t.at("dst").string()),
                    read_transform_data(t.at("transform_src_to_dst"))});
          });
    }
    if (auto v = md.find("vantage")) {
      vantage_meta_ = *v;
      ctx_.gaps_are_outside = false;  // Vantage writes outside spans explicitly
    }
    if (auto a = md.find("annotator")) annotator_ = std::string(a->string());
  }

  std::optional<Transform> file_to_anchor(const std::string& cs, int frame) const {
    return cs_.find(anchor_cs_, cs, frame);
  }
  // Transform from a file coordinate system to the document's vehicle frame.
  std::optional<Transform> to_vehicle(const std::string& cs, int frame) {
    const std::string& src = cs.empty() ? vehicle_ : cs;
    if (src == anchor_cs_ && anchor_identity_) return Transform::identity();
    const auto key = std::make_pair(src, frame);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    auto t = file_to_anchor(src, frame);
    if (!t) t = file_to_anchor(src, kStatic);
    std::optional<Transform> out;
    if (t) out = anchor_ * *t;
    if (cache_.size() > 4096) cache_.clear();
    cache_[key] = out;
    return out;
  }

  std::vector<std::string> ordered_sensors(const char* type) const {
    std::vector<std::string> names;
    for (const std::string& n : order_)
      if (auto it = streams_.find(n); it != streams_.end() && it->second.type == type)
        names.push_back(n);
    for (const auto& [n, s] : streams_)
      if (s.type == type && std::find(names.begin(), names.end(), n) == names.end())
        names.push_back(n);
    return names;
  }

  // [SECTION] building a sequence
  void build_sequence(const FastJson& ol) {
    anchor_cs_ = vehicle_;
    anchor_identity_ = true;
    Sequence& seq = ctx_.doc.sequence;
    SensorRig rig0;
    for (const std::string& name : ordered_sensors("camera")) {
      const Stream& s = streams_.at(name);
      if (!s.has_intrinsics) {
        ctx_.report.note("camera streams without intrinsics", "their images have no calibration",
                         1);
      }
      const auto t = cs_.has(name) ? cs_.find(vehicle_, name, kStatic)
                                   : std::optional<Transform>(Transform::identity());
      rig0.cameras.push_back(camera_from_stream(name, s, t.value_or(Transform::identity())));
      if (give_nominal_intrinsics(rig0.cameras.back()))
        ctx_.report.info(
            "cameras without calibration get a nominal pinhole (fx = fy = image width, centred)");
      camera_map_[name] = name;
    }
    for (const std::string& name : ordered_sensors("lidar")) {
      Lidar l;
      l.name = name;
      l.bin_values_per_point = streams_.at(name).bin_values;
      if (cs_.has(name))
        l.lidar_to_vehicle = cs_.find(vehicle_, name, kStatic).value_or(Transform::identity());
      rig0.lidars.push_back(l);
    }
    int count = 0;
    if (auto fi = ol.find("frame_intervals"))
      fi->for_each([&](const FastJson& i) {
        count = std::max(count, static_cast<int>(i.integer_or("frame_end", -1)) + 1);
      });
    if (!frames_.empty()) count = std::max(count, frames_.back().first + 1);
    seq.frames.assign(static_cast<size_t>(count), Frame{});
    seq.rigs = {rig0};
    const std::string scene = cs_.scene();
    std::set<int> in_file;
    for (const auto& [f, r] : frames_) {
      Frame& fr = seq.frames[static_cast<size_t>(f)];
      const auto fp = r.find("frame_properties");
      if (!fp) continue;
      fr.timestamp_us = timestamp_us(*fp);
      in_file.insert(f);
      bool per_frame_sensors = false;
      SensorRig rig = rig0;
      if (auto st = fp->find("streams"))
        st->for_each_member([&](std::string_view name_sv, const FastJson& s) {
          const std::string name(name_sv);
          const std::string uri = s.string_or("uri", "");
          if (!uri.empty()) fr.files[name] = uri;
          if (auto sp = s.find("stream_properties"))
            for (Camera& c : rig.cameras)
              if (c.name == name) {
                Stream fs_ = streams_[name];
                if (read_intrinsics(*sp, fs_)) {
                  c = camera_from_stream(name, fs_, c.reference_to_vehicle());
                  per_frame_sensors = true;
                }
              }
        });
      if (auto tr = fp->find("transforms"))
        tr->for_each_member([&](std::string_view, const FastJson& t) {
          const std::string src(t.at("src").string()), dst(t.at("dst").string());
          if (streams_.count(src) || streams_.count(dst)) per_frame_sensors = true;
        });
      if (per_frame_sensors) {
        for (Camera& c : rig.cameras)
          if (auto t = cs_.find(vehicle_, c.name, f)) {
            const Stream& s = streams_[c.name];
            Stream fs_ = s;
            fs_.width = c.width, fs_.height = c.height;
            const Camera fresh = camera_from_stream(c.name, fs_, *t);
            c.camera_to_vehicle = fresh.camera_to_vehicle;
          }
        for (Lidar& l : rig.lidars)
          if (auto t = cs_.find(vehicle_, l.name, f)) l.lidar_to_vehicle = *t;
        auto it = std::find(seq.rigs.begin(), seq.rigs.end(), rig);
        if (it == seq.rigs.end()) seq.rigs.push_back(rig), it = seq.rigs.end() - 1;
        fr.rig = static_cast<uint32_t>(it - seq.rigs.begin());
      }
      if (!scene.empty() && cs_.has(vehicle_)) {
        bool has_frame_edge = false;
        if (auto tr = fp->find("transforms"))
          tr->for_each_member([&](std::string_view, const FastJson&) { has_frame_edge = true; });
        if (has_frame_edge)
          if (auto pose = cs_.find(scene, vehicle_, f)) fr.ego_pose = *pose;
      }
    }
    // Frames the file leaves out keep time from running backwards.
    for (int f = 1; f < count; ++f)
      if (!in_file.count(f))
        seq.frames[static_cast<size_t>(f)].timestamp_us =
            seq.frames[static_cast<size_t>(f - 1)].timestamp_us;
    if (vantage_meta_) {
      const FastJson& v = *vantage_meta_;
      AnnotationMetadata& m = ctx_.doc.annotations.metadata;
      m.tool = v.string_or("written_by", m.tool);
      m.created_ms = v.integer_or("created_ms", 0);
      m.modified_ms = v.integer_or("modified_ms", 0);
      if (auto a = v.find("annotators")) {
        m.annotators.clear();
        a->for_each([&](const FastJson& x) { m.annotators.emplace_back(x.string()); });
      }
      if (auto e = v.find("extra"))
        e->for_each_member([&](std::string_view k, const FastJson& x) {
          m.extra[std::string(k)] = std::string(x.string());
        });
      if (auto kc = v.find("kitti_calibrations"))
        kc->for_each([&](const FastJson& k) {
          const int rig = k.at("rig").int32(0);
          if (rig >= static_cast<int>(seq.rigs.size())) return;
          KittiCalibration cal;
          auto fill = [&](const char* key, double* out, size_t n) {
            const FastJson a = k.at(key);
            a.expect_array(n, n);
            for (size_t i = 0; i < n; ++i)
              out[i] = a.at(i).number();
          };
          for (int p = 0; p < 4; ++p)
            fill(fmt::format("P{}", p).c_str(), cal.P[static_cast<size_t>(p)].data(), 12);
          fill("R0_rect", cal.R0_rect.data(), 9);
          fill("Tr_velo_to_cam", cal.Tr_velo_to_cam.data(), 12);
          fill("Tr_imu_to_velo", cal.Tr_imu_to_velo.data(), 12);
          seq.rigs[static_cast<size_t>(rig)].kitti = cal;
        });
    } else if (!annotator_.empty()) {
      ctx_.doc.annotations.metadata.annotators = {annotator_};
    }
    const std::string name = md_->string_or("name", "");
    if (!name.empty()) seq.name = name;
  }

  // [SECTION] fitting an existing sequence
  void fit_sequence() {
    const Sequence& seq = ctx_.doc.sequence;
    const SensorRig& rig = seq.default_rig();
    // 1. Same-named sensors where the file puts them: same vehicle frame.
    struct Named {
      std::string name;
      Transform doc_to_vehicle;
    };
    std::vector<Named> named;
    for (const Camera& c : rig.cameras)
      if (cs_.has(c.name)) named.push_back({c.name, c.reference_to_vehicle()});
    for (const Lidar& l : rig.lidars)
      if (cs_.has(l.name)) named.push_back({l.name, l.lidar_to_vehicle});
    bool all_match = !named.empty() && cs_.has(vehicle_);
    for (const Named& n : named) {
      const auto t = cs_.find(vehicle_, n.name, kStatic);
      all_match &= t && same_transform(*t, n.doc_to_vehicle, 1e-9);
    }
    if (all_match || (!cs_.has(vehicle_) && named.empty())) {
      anchor_cs_ = vehicle_;
      anchor_identity_ = true;
    } else if (!named.empty()) {
      anchor_cs_ = named.front().name;
      anchor_ = named.front().doc_to_vehicle;
      ctx_.report.info(
          fmt::format("the file's '{}' is placed at the sequence's '{}'", anchor_cs_, anchor_cs_));
    } else {
      const auto file_lidars = ordered_sensors("lidar");
      std::vector<std::string> lidar_cs;
      for (const std::string& l : file_lidars)
        if (cs_.has(l)) lidar_cs.push_back(l);
      if (lidar_cs.size() == 1 && rig.lidars.size() == 1) {
        anchor_cs_ = lidar_cs.front();
        anchor_ = rig.lidars.front().lidar_to_vehicle;
        ctx_.report.info(fmt::format("the file's LiDAR '{}' is taken as the sequence's LiDAR '{}'",
                                     anchor_cs_, rig.lidars.front().name));
      } else {
        anchor_cs_ = vehicle_;
        anchor_identity_ = true;
        ctx_.report.info(
            "no sensor ties the file to the sequence: its vehicle frame is taken as the "
            "sequence's");
      }
    }
    // Cameras: by name, else by projection.
    for (const auto& [name, s] : streams_) {
      if (s.type != "camera") continue;
      if (rig.camera(name)) {
        camera_map_[name] = name;
        continue;
      }
      if (!s.has_intrinsics || !cs_.has(name)) continue;
      const auto t = to_vehicle(name, kStatic);
      if (!t) continue;
      const auto pf = normalised_projection(s.m, t->inverse());
      std::vector<std::string> matches;
      for (const Camera& c : rig.cameras) {
        const std::array<double, 12> m = c.projection_matrix();
        const auto pd = normalised_projection(m.data(), c.reference_to_vehicle().inverse());
        double scale = 0, diff = 0;
        for (size_t i = 0; i < 12; ++i)
          scale = std::max(scale, std::abs(pd[i])), diff = std::max(diff, std::abs(pd[i] - pf[i]));
        if (diff <= 1e-6 * std::max(1.0, scale)) matches.push_back(c.name);
      }
      if (matches.size() == 1) {
        camera_map_[name] = matches.front();
        ctx_.report.info(
            fmt::format("the file's camera '{}' is the sequence's '{}' (same projection)", name,
                        matches.front()));
      }
    }
  }

  // [SECTION] objects
  struct ObjectDef {
    std::string class_name;  // resolved; empty when skipped
    std::string type;
    // An ignore region group: type DontCare (as VCD writes KITTI), or our
    // own static text "ignore_reason".
    bool ignore = false;
    std::string ignore_reason;
    std::optional<ObjectId> file_id;
    AttributeMap attributes;
    std::vector<FrameRange> outside;
    std::map<std::pair<std::string, std::string>, std::string>
        main_name;  // (type, cs) -> data name
  };

  void read_objects(const FastJson& ol) {
    const auto objs = ol.find("objects");
    if (!objs) return;
    ObjectId max_id = -1;
    objs->for_each_member([&](std::string_view uid_sv, const FastJson& o) {
      const std::string uid(uid_sv);
      ObjectDef def;
      def.type = o.at("type").string();
      int64_t n = 0;
      if (parse_int(uid, n) && n >= 0) def.file_id = n, max_id = std::max<ObjectId>(max_id, n);
      if (auto od = o.find("object_data"))
        if (auto texts = od->find("text"))
          texts->for_each([&](const FastJson& t) {
            if (t.string_or("name", "") == "ignore_reason") {
              def.ignore = true;
              def.ignore_reason = t.string_or("val", "");
            }
          });
      if (def.type == "DontCare" && !def.ignore) {
        def.ignore = true;
        def.ignore_reason = kKittiDontCareReason;
      }
      if (def.ignore) {
        defs_[uid] = std::move(def);
        return;
      }
      const auto cls = ctx_.resolve_class(def.type, fname_, o.at("type").pointer());
      if (cls) def.class_name = *cls;
      if (auto od = o.find("object_data"))
        read_typed(*od, [&](const std::string& name, const FastJson& v) {
          if (name == "outside" && v.is_array() && v.size() % 2 == 0) {
            std::vector<double> ends;
            v.for_each([&](const FastJson& x) { ends.push_back(x.number()); });
            for (size_t i = 0; i + 1 < ends.size(); i += 2)
              def.outside.push_back({static_cast<int>(ends[i]), static_cast<int>(ends[i + 1])});
            return;
          }
          const std::string key = name.rfind(kUserPrefix, 0) == 0
                                      ? name.substr(std::char_traits<char>::length(kUserPrefix))
                                      : name;
          if (auto val = attribute_value(v); val && !key.empty()) def.attributes[key] = *val;
        });
      defs_[uid] = std::move(def);
    });
    if (max_id >= 0) ctx_.reserve_ids(max_id);
  }

  ObjectId object_id(const std::string& uid, const std::string& sub) {
    ObjectDef& def = defs_.at(uid);
    const std::string key = sub.empty() ? uid : uid + "#" + sub;
    const bool fresh_object = !known_keys_.count(key);
    known_keys_.insert(key);
    const ObjectId id = sub.empty() && def.file_id ? ctx_.object(key, def.class_name, def.file_id)
                                                   : ctx_.object(key, def.class_name, std::nullopt);
    if (fresh_object) {
      Object& o = ctx_.get(id);
      for (const auto& [k, v] : def.attributes)
        o.attributes[k] = v;
      if (sub.empty())
        for (const FrameRange& r : def.outside)
          o.outside.push_back(r);
    }
    return id;
  }

  // [SECTION] frames
  struct Pending {
    std::string sub;     // "" for the object itself, else the data name
    std::string sensor;  // camera name; kSceneSensor for cuboids
    Shape shape;
  };

  std::string camera_for(const FastJson& d, const char* what) {
    std::string cs = d.string_or("coordinate_system", "");
    if (cs.empty()) cs = d.string_or("stream", "");
    if (cs.empty()) {
      const auto cams = ctx_.doc.sequence.camera_names();
      if (cams.size() == 1) return cams.front();
      d.fail(fmt::format("{} without a coordinate_system, and the sequence has {} cameras", what,
                         cams.size()));
    }
    auto it = camera_map_.find(cs);
    if (it != camera_map_.end()) return it->second;
    // Files without streams name the camera only here: match by name.
    const auto cams = ctx_.doc.sequence.camera_names();
    if (std::find(cams.begin(), cams.end(), cs) != cams.end()) return camera_map_[cs] = cs;
    unmatched_.insert(cs);
    return {};
  }

  std::string sub_name(ObjectDef& def, const std::string& type, const std::string& cs,
                       const std::string& name) {
    auto [it, inserted] = def.main_name.emplace(std::make_pair(type, cs), name);
    return inserted || it->second == name ? std::string() : name;
  }

  // VCD writes KITTI tracking's truncation levels (0, 1, 2) as "truncated",
  // KITTI object's fractions (0..1) under the same name: levels when every
  // value of the file's objects is a whole 0, 1 or 2 and some are 2.
  void detect_truncation_levels() {
    bool all_levels = true, any_two = false;
    for (const auto& [f, node] : frames_) {
      const auto objs = node.find("objects");
      if (!objs || !objs->is_object()) continue;
      objs->for_each_member([&](std::string_view uid, const FastJson& o) {
        const auto dit = defs_.find(std::string(uid));
        if (dit == defs_.end() || dit->second.ignore) return;
        const auto od = o.find("object_data");
        if (!od) return;
        if (const auto nums = od->find("num"))
          nums->for_each([&](const FastJson& n) {
            if (n.string_or("name", "") != "truncated") return;
            const FastJson v = n.at("val");
            if (!v.is_number()) return;
            const double t = v.number();
            all_levels &= t == 0 || t == 1 || t == 2;
            any_two |= t == 2;
          });
      });
    }
    truncation_levels_ = all_levels && any_two;
    if (truncation_levels_)
      ctx_.report.info(
          "\"truncated\" values read as KITTI tracking levels 0, 1, 2 (truncation 0, 0.5, 1)");
  }

  void read_frames(const FastJson&) {
    detect_truncation_levels();
    const int frame_count = ctx_.doc.sequence.frame_count();
    size_t done = 0;
    bool alpha_seen = false;
    for (const auto& [f, node] : frames_) {
      ctx_.progress(done++, frames_.size());
      if (auto fp = node.find("frame_properties"); fp && fp->is_object())
        if (auto ex = fp->find("vantage_excluded");
            ex && ex->is_bool() && ex->boolean() && f < frame_count)
          ctx_.doc.annotations.excluded_frames.insert(f);
      const auto objs = node.find("objects");
      if (!objs || !objs->is_object()) continue;
      if (f >= frame_count) {
        ctx_.skip(fname_, node.pointer(), "frames",
                  fmt::format("frame {} is beyond the sequence's {} frames", f, frame_count));
        continue;
      }
      objs->for_each_member([&](std::string_view uid_sv, const FastJson& o) {
        const std::string uid(uid_sv);
        try {
          read_frame_object(f, uid, o, alpha_seen);
        } catch (const FileError& e) {
          ctx_.skip(fname_, e.location(), "objects", e.message());
        }
      });
    }
    if (alpha_seen)
      ctx_.report.info(
          "KITTI alpha values not imported: Vantage derives them from the cuboid and the camera");
    for (const std::string& cs : unmatched_)
      ctx_.report.info(fmt::format("coordinate system '{}' matches no camera of the sequence", cs));
  }

  // One object's data at one frame.
  void read_frame_object(int f, const std::string& uid, const FastJson& o, bool& alpha_seen) {
    auto dit = defs_.find(uid);
    if (dit == defs_.end()) o.fail("no object with this uid in /openlabel/objects");
    ObjectDef& def = dit->second;
    const auto od = o.find("object_data");
    if (!od) return;
    if (def.ignore) return read_ignore_regions(f, def, *od);
    if (def.class_name.empty()) {
      // --unknown-classes skip: listed, not a failure.
      for (const char* t : {"bbox", "cuboid", "poly2d", "point2d"})
        if (auto l = od->find(t))
          l->for_each([&](const FastJson& d) {
            ctx_.skip_by_option(fname_, d.pointer(), "shapes",
                                fmt::format("unknown class '{}'", def.type));
          });
      return;
    }
    // Geometry Vantage has no shape for: each item is listed.
    od->for_each_member([&](std::string_view type, const FastJson& list) {
      static const std::set<std::string_view> kRead = {"bbox", "cuboid", "poly2d",  "point2d",
                                                       "num",  "text",   "boolean", "vec"};
      if (kRead.count(type)) return;
      const std::string why = fmt::format("Vantage has no shape for OpenLABEL '{}'", type);
      if (list.is_array())
        list.for_each([&](const FastJson& d) { ctx_.skip(fname_, d.pointer(), "object data", why); });
      else
        ctx_.skip(fname_, list.pointer(), "object data", why);
    });
    std::vector<Pending> pending;
    std::vector<std::pair<std::string, std::vector<Vec2>>> holes;  // camera, ring
    auto numbers = [](const FastJson& v) {
      std::vector<double> out;
      v.for_each([&](const FastJson& x) { out.push_back(x.number()); });
      return out;
    };
    if (auto l = od->find("bbox"))
      l->for_each([&](const FastJson& d) {
        const std::string cam = camera_for(d, "bbox");
        if (cam.empty()) return skip_unmatched("2D boxes", d);
        const FastJson v = d.at("val");
        v.expect_array(4, 4);
        const auto x = numbers(v);
        const double cx = x[0], cy = x[1], w = x[2], h = x[3];
        if (!(w > 0 && h > 0))
          return ctx_.skip(fname_, v.pointer(), "2D boxes", "width or height not positive");
        Shape s = ctx_.make_shape(Box2D{cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2});
        Nested n;
        read_nested(d, &s, n);
        pending.push_back({sub_name(def, "bbox", cam, d.string_or("name", "")), cam, std::move(s)});
      });
    if (auto l = od->find("cuboid"))
      l->for_each([&](const FastJson& d) {
        const FastJson v = d.at("val");
        if (v.is_null()) return;
        const std::string cs = d.string_or("coordinate_system", "");
        const bool in_vehicle =
            (cs.empty() || cs == vehicle_) && anchor_identity_ && anchor_cs_ == vehicle_;
        std::optional<Transform> t;
        if (!in_vehicle) {
          t = to_vehicle(cs, f);
          if (!t)
            return ctx_.skip(
                fname_, d.pointer(), "cuboids",
                fmt::format("no transform from '{}' to the vehicle frame at frame {}", cs, f));
        }
        Cuboid c;
        try {
          c = cuboid_to_vehicle(v, t ? &*t : nullptr);
        } catch (const FileError& e) {
          return ctx_.skip(fname_, e.location(), "cuboids", e.message());
        }
        Shape s = ctx_.make_shape(c);
        Nested n;
        read_nested(d, &s, n);
        pending.push_back(
            {sub_name(def, "cuboid", cs, d.string_or("name", "")), kSceneSensor, std::move(s)});
      });
    if (auto l = od->find("poly2d"))
      l->for_each([&](const FastJson& d) {
        const std::string cam = camera_for(d, "poly2d");
        if (cam.empty()) return skip_unmatched("polygons and polylines", d);
        const std::string mode = d.string_or("mode", "MODE_POLY2D_ABSOLUTE");
        if (mode != "MODE_POLY2D_ABSOLUTE")
          return ctx_.skip(fname_, d.pointer(), "polygons and polylines",
                           fmt::format("mode {} is not supported", mode));
        const FastJson v = d.at("val");
        const auto x = numbers(v);
        if (x.size() % 2) v.fail("odd number of coordinates");
        std::vector<Vec2> pts(x.size() / 2);
        for (size_t k = 0; k < pts.size(); ++k)
          pts[k] = {x[2 * k], x[2 * k + 1]};
        const bool closed = d.boolean_or("closed", false);
        Nested n;
        Shape s = ctx_.make_shape(Box2D{});
        read_nested(d, &s, n);
        if (n.hole) return holes.push_back({cam, std::move(pts)});
        if (pts.size() < (closed ? 3u : 2u))
          return ctx_.skip(fname_, v.pointer(), "polygons and polylines", "too few points");
        if (closed)
          s.geometry = Polygon{std::move(pts), {}};
        else
          s.geometry = Polyline{std::move(pts)};
        pending.push_back(
            {sub_name(def, closed ? "polygon" : "polyline", cam, d.string_or("name", "")), cam,
             std::move(s)});
      });
    if (auto l = od->find("point2d")) {
      // All points of one camera form the object's keypoints, by id.
      std::map<std::string, std::vector<std::pair<int, Keypoint>>> by_cam;
      std::map<std::string, Shape> first_shape;
      l->for_each([&](const FastJson& d) {
        const std::string cam = camera_for(d, "point2d");
        if (cam.empty()) return skip_unmatched("keypoints", d);
        const FastJson v = d.at("val");
        v.expect_array(2, 2);
        const auto x = numbers(v);
        Nested n;
        Shape s = ctx_.make_shape(Keypoints{});
        read_nested(d, &s, n);
        auto& pts = by_cam[cam];
        const int idx = d.find("id") ? d.at("id").int32(0, 100000) : static_cast<int>(pts.size());
        pts.push_back(
            {idx, Keypoint{{x[0], x[1]}, static_cast<uint8_t>(n.visibility.value_or(2))}});
        if (!first_shape.count(cam) || idx == 0) first_shape[cam] = std::move(s);
      });
      for (auto& [cam, pts] : by_cam) {
        std::stable_sort(pts.begin(), pts.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        Keypoints k;
        for (auto& [i, p] : pts) {
          while (static_cast<int>(k.points.size()) < i)
            k.points.push_back(Keypoint{});
          k.points.push_back(p);
        }
        Shape s = std::move(first_shape[cam]);
        s.geometry = std::move(k);
        pending.push_back({std::string(), cam, std::move(s)});
      }
    }
    for (auto& [cam, ring] : holes) {
      bool placed = false;
      for (Pending& p : pending)
        if (Polygon* poly = p.shape.as<Polygon>(); poly && p.sensor == cam && p.sub.empty()) {
          poly->holes.push_back(std::move(ring));
          placed = true;
          break;
        }
      if (!placed)
        ctx_.skip(fname_, od->pointer(), "polygon holes",
                  "no polygon of the same camera to hold them");
    }
    // Frame-level typed data: KITTI-style truncated/occluded, else per-frame
    // attributes of every shape of the object at this frame.
    read_typed(*od, [&](const std::string& name, const FastJson& v) {
      if (name == "truncated" && v.is_number()) {
        double t = v.number();
        if (truncation_levels_) t /= 2.0;  // KITTI tracking's levels 0, 1, 2
        if (t >= 0 && t <= 1)
          for (Pending& p : pending)
            p.shape.truncation = t;
        else
          ctx_.skip(fname_, v.pointer(), "truncation values",
                    fmt::format("{} is outside [0, 1]", v.number()));
      } else if (name == "occluded" && v.is_number()) {
        const double occ = v.number();
        if (occ >= 0 && occ <= 3 && occ == std::floor(occ))
          for (Pending& p : pending)
            p.shape.occlusion = static_cast<uint8_t>(occ);
        else
          ctx_.skip(fname_, v.pointer(), "occlusion values",
                    fmt::format("{} is not a level 0..3", occ));
      } else if (name == "alpha") {
        alpha_seen = true;
      } else if (auto val = attribute_value(v); val && !name.empty()) {
        for (Pending& p : pending)
          p.shape.attributes[name] = *val;
      }
    });
    for (Pending& p : pending) {
      const ObjectId id = object_id(uid, p.sub);
      ctx_.add(id, p.sensor, f, std::move(p.shape));
    }
  }

  void skip_unmatched(const char* what, const FastJson& d) {
    std::string cs = d.string_or("coordinate_system", d.string_or("stream", ""));
    ctx_.skip(fname_, d.pointer(), what,
              fmt::format("the file's camera '{}' is not in the sequence", cs));
  }

  // An ignore-region object's data at one frame: boxes, closed polygons
  // (holes marked as in our export) and COCO-RLE images. Its cuboid (VCD
  // writes DontCare's placeholder -1000 sizes) and numbers (truncated,
  // occluded, alpha: placeholders too) carry nothing.
  void read_ignore_regions(int f, const ObjectDef& def, const FastJson& od) {
    const std::string cls = def.type;
    auto add = [&](const std::string& cam, IgnoreGeometry g) {
      ctx_.add_ignore(f, {cam, std::move(g), cls, def.ignore_reason});
    };
    if (auto l = od.find("bbox"))
      l->for_each([&](const FastJson& d) {
        const std::string cam = camera_for(d, "bbox");
        if (cam.empty()) return skip_unmatched("ignore regions", d);
        const FastJson v = d.at("val");
        v.expect_array(4, 4);
        const double cx = v.at(0).number(), cy = v.at(1).number(), w = v.at(2).number(),
                     h = v.at(3).number();
        if (!(w > 0 && h > 0))
          return ctx_.skip(fname_, v.pointer(), "ignore regions", "width or height not positive");
        add(cam, Box2D{cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2});
      });
    if (auto l = od.find("poly2d")) {
      std::vector<std::pair<std::string, Polygon>> polys;
      l->for_each([&](const FastJson& d) {
        const std::string cam = camera_for(d, "poly2d");
        if (cam.empty()) return skip_unmatched("ignore regions", d);
        if (d.string_or("mode", "MODE_POLY2D_ABSOLUTE") != "MODE_POLY2D_ABSOLUTE" ||
            !d.boolean_or("closed", false))
          return ctx_.skip(fname_, d.pointer(), "ignore regions",
                           "only closed MODE_POLY2D_ABSOLUTE polygons mark regions");
        const FastJson v = d.at("val");
        std::vector<double> x;
        v.for_each([&](const FastJson& n) { x.push_back(n.number()); });
        if (x.size() % 2 || x.size() < 6)
          return ctx_.skip(fname_, v.pointer(), "ignore regions", "fewer than 3 points");
        std::vector<Vec2> pts(x.size() / 2);
        for (size_t k = 0; k < pts.size(); ++k)
          pts[k] = {x[2 * k], x[2 * k + 1]};
        Nested n;
        read_nested(d, nullptr, n);
        if (n.hole) {
          for (auto it = polys.rbegin(); it != polys.rend(); ++it)
            if (it->first == cam) return it->second.holes.push_back(std::move(pts));
          return ctx_.skip(fname_, d.pointer(), "ignore regions", "a hole without its polygon");
        }
        polys.push_back({cam, Polygon{std::move(pts), {}}});
      });
      for (auto& [cam, p] : polys)
        add(cam, std::move(p));
    }
    if (auto l = od.find("image"))
      l->for_each([&](const FastJson& d) {
        const std::string cam = camera_for(d, "image");
        if (cam.empty()) return skip_unmatched("ignore regions", d);
        if (d.string_or("encoding", "") != kCocoRleEncoding)
          return ctx_.skip(fname_, d.pointer(), "ignore regions",
                           fmt::format("image encoding '{}' is not {}", d.string_or("encoding", ""),
                                       kCocoRleEncoding));
        const FastJson size = d.at("size");
        size.expect_array(2, 2);
        RleMask m;
        m.height = size.at(0).int32(1, 1 << 16);
        m.width = size.at(1).int32(1, 1 << 16);
        const FastJson val = d.at("val");
        auto counts = rle_counts_from_string(std::string(val.string()));
        if (!counts) val.fail("malformed compressed RLE counts");
        m.counts = std::move(*counts);
        if (!m.valid())
          val.fail(fmt::format("run lengths do not add up to the {}x{} mask", m.width, m.height));
        add(cam, std::move(m));
      });
    if (auto l = od.find("cuboid"))
      l->for_each([&](const FastJson& d) {
        const FastJson v = d.at("val");
        bool placeholder = v.is_null();
        if (v.is_array() && v.size() == 9)
          for (size_t k = 6; k < 9; ++k)
            placeholder |= v.at(k).is_number() && v.at(k).number() < 0;
        if (!placeholder)
          ctx_.skip(fname_, d.pointer(), "ignore regions",
                    "3D ignore regions are not supported (only image regions)");
      });
  }

  // [SECTION] contexts
  void read_contexts(const FastJson& ol) {
    const auto ctxs = ol.find("contexts");
    if (!ctxs) return;
    const int n = ctx_.doc.sequence.frame_count();
    size_t count = 0;
    ctxs->for_each_member([&](std::string_view, const FastJson& c) {
      const std::string name = c.string_or("name", "");
      const auto fis = c.find("frame_intervals");
      if (name.empty() || !fis) return;
      fis->for_each([&](const FastJson& i) {
        const int a = static_cast<int>(i.integer_or("frame_start", 0));
        const int b = static_cast<int>(i.integer_or("frame_end", -1));
        for (int f = std::max(0, a); f <= b && f < n; ++f) {
          auto& tags = ctx_.doc.annotations.frame_tags[f];
          if (std::find(tags.begin(), tags.end(), name) == tags.end()) tags.push_back(name);
        }
      });
      ++count;
    });
    if (count) ctx_.report.info(fmt::format("{} contexts imported as frame tags", count));
  }

  ImportContext& ctx_;
  FastJsonFile json_;
  std::string fname_;
  std::optional<FastJson> ol_, md_, frames_node_;
  CoordinateSystems cs_;
  std::map<std::string, Stream> streams_;
  std::vector<std::string> order_;
  std::string vehicle_;
  std::string anchor_cs_;
  Transform anchor_;
  bool anchor_identity_ = false;
  std::map<std::pair<std::string, int>, std::optional<Transform>> cache_;
  std::vector<std::pair<int, FastJson>> frames_;
  std::map<std::string, std::string> camera_map_;  // file camera -> sequence camera
  std::set<std::string> unmatched_;
  std::map<std::string, ObjectDef> defs_;
  std::set<std::string> known_keys_;
  std::optional<FastJson> vantage_meta_;
  std::string annotator_;
  bool truncation_levels_ = false;
};

}  // namespace

void read_openlabel(ImportContext& ctx, const fs::path& input) {
  Reader reader(ctx, find_file(input));
  reader.run();
}

}  // namespace vantage::core::openlabel
