#include "core/qa/structural_validation.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "core/io/native_format.h"

namespace vantage::core {

namespace {

bool finite(const Vec2& p) {
  return std::isfinite(p.x) && std::isfinite(p.y);
}

struct Checker {
  const Document& doc;
  std::vector<Finding>& out;

  void add(Severity sev, const char* rule, std::optional<ObjectId> obj, int frame,
           const std::string& sensor, std::string msg) {
    Finding f;
    f.severity = sev;
    f.rule = rule;
    f.location = kAnnotationsFileName;
    f.object = obj;
    f.frame = frame;
    f.sensor = sensor;
    f.message = std::move(msg);
    out.push_back(std::move(f));
  }

  void check_attributes(const AttributeMap& attrs, const Object& o, int frame, bool per_frame) {
    for (const auto& [name, value] : attrs) {
      const AttributeDef* def = doc.schema.find_attribute(name);
      if (!def) {
        add(Severity::Warning, "unknown-attribute", o.id, frame, {},
            fmt::format("attribute '{}' is not in the schema", name));
        continue;
      }
      if (def->per_frame != per_frame)
        add(Severity::Warning, "attribute-scope", o.id, frame, {},
            fmt::format("attribute '{}' is {} in the schema but stored {}", name,
                        def->per_frame ? "per frame" : "static",
                        per_frame ? "per frame" : "on the object"));
      const std::string why = def->check(value);
      if (!why.empty())
        add(Severity::Error, "attribute-value", o.id, frame, {},
            fmt::format("attribute '{}': {}", name, why));
    }
  }

  void check_shape(const Object& o, const Track& t, const FrameShape& fs) {
    const Shape& s = fs.shape;
    if (s.kind() != t.kind) {
      add(Severity::Error, "shape-kind", o.id, fs.frame, t.sensor,
          fmt::format("a {} stored in a {} track", to_string(s.kind()), to_string(t.kind)));
      return;
    }
    const Camera* cam =
        t.kind == ShapeKind::Cuboid ? nullptr : doc.sequence.camera(fs.frame, t.sensor);
    switch (t.kind) {
      case ShapeKind::Box2D: {
        const Box2D& b = *s.as<Box2D>();
        if (!std::isfinite(b.x1) || !std::isfinite(b.y1) || !std::isfinite(b.x2) ||
            !std::isfinite(b.y2))
          add(Severity::Error, "non-finite", o.id, fs.frame, t.sensor,
              "box has a non-finite coordinate");
        else if (b.x2 < b.x1 || b.y2 < b.y1)
          add(Severity::Error, "box-order", o.id, fs.frame, t.sensor, "box corners are reversed");
        (void)cam;
        break;
      }
      case ShapeKind::Polygon: {
        const Polygon& p = *s.as<Polygon>();
        if (p.points.size() < 3)
          add(Severity::Error, "polygon-size", o.id, fs.frame, t.sensor,
              fmt::format("polygon has {} points, needs at least 3", p.points.size()));
        for (const auto& v : p.points)
          if (!finite(v))
            add(Severity::Error, "non-finite", o.id, fs.frame, t.sensor,
                "polygon vertex is not finite");
        break;
      }
      case ShapeKind::Polyline: {
        const Polyline& p = *s.as<Polyline>();
        if (p.points.size() < 2)
          add(Severity::Error, "polyline-size", o.id, fs.frame, t.sensor,
              fmt::format("polyline has {} points, needs at least 2", p.points.size()));
        break;
      }
      case ShapeKind::Keypoints: {
        const Keypoints& k = *s.as<Keypoints>();
        const ClassDef* cls = doc.schema.find_class(o.class_name);
        const Skeleton* sk = cls ? doc.schema.find_skeleton(cls->skeleton) : nullptr;
        if (!sk) {
          add(Severity::Warning, "no-skeleton", o.id, fs.frame, t.sensor,
              fmt::format("keypoints on class '{}', which has no skeleton", o.class_name));
        } else if (k.points.size() != sk->points.size()) {
          add(Severity::Error, "skeleton-size", o.id, fs.frame, t.sensor,
              fmt::format("{} keypoints, but skeleton '{}' has {}", k.points.size(), sk->name,
                          sk->points.size()));
        }
        for (const auto& kp : k.points)
          if (kp.visibility > 2)
            add(Severity::Error, "keypoint-visibility", o.id, fs.frame, t.sensor,
                "keypoint visibility must be 0, 1 or 2");
        break;
      }
      case ShapeKind::Cuboid: {
        const Cuboid& c = *s.as<Cuboid>();
        const double v[9] = {c.center.x, c.center.y, c.center.z, c.size.x, c.size.y,
                             c.size.z,   c.yaw,      c.pitch,    c.roll};
        for (double x : v)
          if (!std::isfinite(x)) {
            add(Severity::Error, "non-finite", o.id, fs.frame, {}, "cuboid has a non-finite value");
            break;
          }
        if (c.size.x <= 0 || c.size.y <= 0 || c.size.z <= 0)
          add(Severity::Error, "cuboid-size", o.id, fs.frame, {},
              fmt::format("cuboid size {} x {} x {} must be positive", c.size.x, c.size.y,
                          c.size.z));
        break;
      }
    }
    if (s.truncation < 0 || s.truncation > 1)
      add(Severity::Error, "truncation", o.id, fs.frame, t.sensor, "truncation must be in [0, 1]");
    check_attributes(s.attributes, o, fs.frame, true);
  }

  void run(const StructuralOptions& opt) {
    const Sequence& seq = doc.sequence;
    const int n = seq.frame_count();
    for (const Object& o : doc.annotations.objects) {
      const ClassDef* cls = doc.schema.find_class(o.class_name);
      if (!cls)
        add(Severity::Warning, "unknown-class", o.id, -1, {},
            fmt::format("class '{}' is not in the schema", o.class_name));
      check_attributes(o.attributes, o, -1, false);
      for (const Track& t : o.tracks) {
        if (cls && !cls->allows(t.kind))
          add(Severity::Warning, "shape-not-allowed", o.id, -1, t.sensor,
              fmt::format("class '{}' does not allow {} shapes", o.class_name, to_string(t.kind)));
        if (t.kind == ShapeKind::Cuboid && !t.sensor.empty())
          add(Severity::Error, "cuboid-sensor", o.id, -1, t.sensor,
              "cuboids belong to the scene (empty sensor), not to one sensor");
        int prev = -1;
        for (const FrameShape& fs : t.shapes) {
          if (fs.frame <= prev)
            add(Severity::Error, "track-order", o.id, fs.frame, t.sensor,
                "track frames are not increasing");
          prev = fs.frame;
          if (fs.frame < 0 || fs.frame >= n) {
            add(Severity::Error, "frame-range", o.id, fs.frame, t.sensor,
                fmt::format("frame {} is outside the sequence (0 to {})", fs.frame, n - 1));
            continue;
          }
          if (t.kind != ShapeKind::Cuboid && !seq.camera(fs.frame, t.sensor))
            add(Severity::Error, "unknown-sensor", o.id, fs.frame, t.sensor,
                fmt::format("no camera named '{}' at this frame", t.sensor));
          check_shape(o, t, fs);
        }
      }
      for (const auto& r : o.outside)
        if (r.last < r.first)
          add(Severity::Error, "outside-range", o.id, r.first, {},
              "outside span ends before it starts");
    }
    for (const auto& [frame, tags] : doc.annotations.frame_tags) {
      if (frame >= n)
        add(Severity::Error, "frame-range", std::nullopt, frame, {},
            "frame tags on a frame outside the sequence");
      for (const auto& tag : tags)
        if (!doc.schema.find_tag(tag))
          add(Severity::Warning, "unknown-tag", std::nullopt, frame, {},
              fmt::format("tag '{}' is not in the schema", tag));
    }
    // Sequence-level checks.
    for (int f = 0; f < n; ++f) {
      const Frame& fr = seq.frames[static_cast<size_t>(f)];
      if (fr.rig >= seq.rigs.size()) {
        Finding fd;
        fd.severity = Severity::Error;
        fd.rule = "rig-index";
        fd.location = kSequenceFileName;
        fd.frame = f;
        fd.message = fmt::format("rig {} does not exist", fr.rig);
        out.push_back(fd);
        continue;
      }
      const SensorRig& rig = seq.rigs[fr.rig];
      for (const auto& [sensor, file] : fr.files) {
        if (!rig.camera(sensor) && !rig.lidar(sensor)) {
          Finding fd;
          fd.severity = Severity::Error;
          fd.rule = "unknown-sensor";
          fd.location = kSequenceFileName;
          fd.frame = f;
          fd.sensor = sensor;
          fd.message = "a data file for a sensor the rig does not have";
          out.push_back(fd);
        } else if (opt.check_files && !doc.folder.empty()) {
          std::error_code ec;
          const std::filesystem::path p = std::filesystem::path(file).is_absolute()
                                              ? std::filesystem::path(file)
                                              : doc.folder / file;
          if (!std::filesystem::exists(p, ec)) {
            Finding fd;
            fd.severity = Severity::Warning;
            fd.rule = "missing-file";
            fd.location = kSequenceFileName;
            fd.frame = f;
            fd.sensor = sensor;
            fd.message = fmt::format("data file {} does not exist", p.string());
            out.push_back(fd);
          }
        }
      }
    }
  }
};

}  // namespace

std::vector<Finding> validate_structure(const Document& doc, const StructuralOptions& options) {
  std::vector<Finding> out;
  Checker{doc, out}.run(options);
  return out;
}

}  // namespace vantage::core
