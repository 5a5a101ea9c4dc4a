// annotations.json: objects, shapes, frame tags, review state and metadata.
// Defaults are omitted per shape (keyframe true, occlusion 0, ...) to keep
// 100k-shape files small and fast to load.
#include <fmt/format.h>

#include "core/io/json_writer.h"
#include "core/io/native_format.h"
#include "core/io/native_json_common.h"
#include "core/segmentation/segmentation_io.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

void write_points(JsonWriter& w, const std::vector<Vec2>& pts) {
  w.begin_inline_array();
  for (const Vec2& p : pts) w.begin_array().value(p.x).value(p.y).end_array();
  w.end_array();
}

void write_geometry(JsonWriter& w, const Geometry& g) {
  switch (kind_of(g)) {
    case ShapeKind::Box2D: {
      const Box2D& b = std::get<Box2D>(g);
      const double v[4] = {b.x1, b.y1, b.x2, b.y2};
      w.key("box").numbers(v, 4);
      break;
    }
    case ShapeKind::Polygon: {
      const Polygon& p = std::get<Polygon>(g);
      w.key("polygon");
      write_points(w, p.points);
      if (!p.holes.empty()) {
        w.key("holes").begin_inline_array();
        for (const auto& h : p.holes) write_points(w, h);
        w.end_array();
      }
      break;
    }
    case ShapeKind::Polyline:
      w.key("polyline");
      write_points(w, std::get<Polyline>(g).points);
      break;
    case ShapeKind::Keypoints: {
      w.key("keypoints").begin_inline_array();
      for (const Keypoint& k : std::get<Keypoints>(g).points)
        w.begin_array().value(k.position.x).value(k.position.y).value(static_cast<int>(k.visibility)).end_array();
      w.end_array();
      break;
    }
    case ShapeKind::Cuboid: {
      const Cuboid& c = std::get<Cuboid>(g);
      const double v[9] = {c.center.x, c.center.y, c.center.z, c.size.x, c.size.y,
                           c.size.z,   c.yaw,      c.pitch,    c.roll};
      w.key("cuboid").numbers(v, 9);
      break;
    }
  }
}

void write_shape(JsonWriter& w, int frame, const Shape& s) {
  w.begin_object();
  w.member("frame", frame);
  write_geometry(w, s.geometry);
  if (!s.keyframe) w.member("key", false);
  if (s.occlusion != 0) w.member("occlusion", static_cast<int>(s.occlusion));
  if (s.truncation != 0) w.member("truncation", s.truncation);
  if (s.source != ShapeSource::Manual) w.member("source", to_string(s.source));
  if (s.score >= 0) w.member("score", s.score);
  if (!s.annotator.empty()) w.member("annotator", s.annotator);
  if (s.created_ms != 0) w.member("created", s.created_ms);
  if (s.modified_ms != 0) w.member("modified", s.modified_ms);
  if (!s.attributes.empty()) {
    w.key("attributes");
    write_attributes(w, s.attributes);
  }
  w.end_object();
}

std::vector<Vec2> read_points(const JsonReader& r, size_t min_points) {
  r.expect_array(min_points);
  std::vector<Vec2> pts(r.size());
  for (size_t i = 0; i < pts.size(); ++i) {
    const JsonReader p = r.at(i);
    p.expect_array(2, 2);
    pts[i] = {p.at(0).number(), p.at(1).number()};
  }
  return pts;
}

Geometry read_geometry(const JsonReader& r, ShapeKind kind) {
  switch (kind) {
    case ShapeKind::Box2D: {
      const JsonReader b = r.at("box");
      b.expect_array(4, 4);
      Box2D box{b.at(0).number(), b.at(1).number(), b.at(2).number(), b.at(3).number()};
      if (box.x2 < box.x1 || box.y2 < box.y1) b.fail("box corners must be [x1, y1, x2, y2] with x1 <= x2 and y1 <= y2");
      return box;
    }
    case ShapeKind::Polygon: {
      Polygon p;
      p.points = read_points(r.at("polygon"), 3);
      if (auto holes = r.find("holes"))
        holes->for_each([&](const JsonReader& h) { p.holes.push_back(read_points(h, 3)); });
      return p;
    }
    case ShapeKind::Polyline:
      return Polyline{read_points(r.at("polyline"), 2)};
    case ShapeKind::Keypoints: {
      Keypoints k;
      const JsonReader a = r.at("keypoints");
      k.points.resize(a.size());
      for (size_t i = 0; i < k.points.size(); ++i) {
        const JsonReader p = a.at(i);
        p.expect_array(3, 3);
        k.points[i].position = {p.at(0).number(), p.at(1).number()};
        k.points[i].visibility = static_cast<uint8_t>(p.at(2).int32(0, 2));
      }
      return k;
    }
    case ShapeKind::Cuboid: {
      const JsonReader a = r.at("cuboid");
      a.expect_array(9, 9);
      double v[9];
      for (size_t i = 0; i < 9; ++i) v[i] = a.at(i).number();
      for (size_t i = 3; i < 6; ++i)
        if (v[i] < 0) a.at(i).fail("cuboid size must not be negative");
      Cuboid c;
      c.center = {v[0], v[1], v[2]};
      c.size = {v[3], v[4], v[5]};
      c.yaw = v[6];
      c.pitch = v[7];
      c.roll = v[8];
      return c;
    }
  }
  return Box2D{};
}

Shape read_shape(const JsonReader& r, ShapeKind kind) {
  r.expect_object();
  Shape s;
  s.geometry = read_geometry(r, kind);
  s.keyframe = r.boolean_or("key", true);
  if (auto o = r.find("occlusion")) s.occlusion = static_cast<uint8_t>(o->int32(0, 3));
  if (auto t = r.find("truncation")) {
    s.truncation = t->number();
    if (s.truncation < 0 || s.truncation > 1) t->fail("truncation must be in [0, 1]");
  }
  if (auto src = r.find("source")) {
    auto v = shape_source_from_string(src->string());
    if (!v) src->fail(fmt::format("unknown source \"{}\" (expected manual, interpolated, model, imported or tracker)", src->string()));
    s.source = *v;
  }
  s.score = r.number_or("score", -1.0);
  if (auto a = r.find("annotator")) s.annotator = a->string();
  s.created_ms = r.integer_or("created", 0);
  s.modified_ms = r.integer_or("modified", 0);
  if (auto a = r.find("attributes")) s.attributes = read_attributes(*a);
  return s;
}

void write_ignore_region(JsonWriter& w, int frame, const IgnoreRegion& r) {
  w.begin_object();
  w.member("frame", frame).member("sensor", r.sensor);
  if (!r.class_name.empty()) w.member("class", r.class_name);
  if (!r.reason.empty()) w.member("reason", r.reason);
  if (const auto* b = std::get_if<Box2D>(&r.geometry)) {
    write_geometry(w, *b);
  } else if (const auto* p = std::get_if<Polygon>(&r.geometry)) {
    write_geometry(w, *p);
  } else {
    const RleMask& m = std::get<RleMask>(r.geometry);
    w.key("mask").begin_object();
    w.key("size").begin_inline_array().value(m.height).value(m.width).end_array();
    w.member("counts", rle_counts_to_string(m.counts));
    w.end_object();
  }
  w.end_object();
}

IgnoreRegion read_ignore_region(const JsonReader& r) {
  IgnoreRegion out;
  out.sensor = r.at("sensor").string();
  out.class_name = r.string_or("class", "");
  out.reason = r.string_or("reason", "");
  if (r.find("box")) {
    out.geometry = std::get<Box2D>(read_geometry(r, ShapeKind::Box2D));
  } else if (r.find("polygon")) {
    out.geometry = std::get<Polygon>(read_geometry(r, ShapeKind::Polygon));
  } else if (auto m = r.find("mask")) {
    RleMask mask;
    const JsonReader size = m->at("size");
    size.expect_array(2, 2);
    mask.height = size.at(0).int32(0, 1 << 16);
    mask.width = size.at(1).int32(0, 1 << 16);
    const JsonReader counts = m->at("counts");
    auto c = rle_counts_from_string(counts.string());
    if (!c) counts.fail("malformed compressed RLE counts");
    mask.counts = std::move(*c);
    if (!mask.valid())
      counts.fail(fmt::format("run lengths do not add up to the {}x{} mask", mask.width, mask.height));
    out.geometry = std::move(mask);
  } else {
    r.fail("an ignore region needs a box, a polygon or a mask");
  }
  return out;
}

void write_mark(JsonWriter& w, const ReviewMark& m) {
  w.member("status", to_string(m.status));
  if (!m.reviewer.empty()) w.member("reviewer", m.reviewer);
  if (m.time_ms != 0) w.member("time", m.time_ms);
  if (!m.reason.empty()) w.member("reason", m.reason);
}

ReviewMark read_mark(const JsonReader& r) {
  ReviewMark m;
  const JsonReader st = r.at("status");
  auto s = review_status_from_string(st.string());
  if (!s) st.fail(fmt::format("unknown review status \"{}\" (expected todo, in_progress, done, accepted or rejected)", st.string()));
  m.status = *s;
  m.reviewer = r.string_or("reviewer", "");
  m.time_ms = r.integer_or("time", 0);
  m.reason = r.string_or("reason", "");
  return m;
}

void write_review(JsonWriter& w, const Review& rv) {
  w.begin_object();
  w.key("frames").begin_array();
  for (const auto& [frame, m] : rv.frames) {
    w.begin_object().member("frame", frame);
    write_mark(w, m);
    w.end_object();
  }
  w.end_array();
  w.key("objects").begin_array();
  for (const auto& [id, m] : rv.objects) {
    w.begin_object().member("object", id);
    write_mark(w, m);
    w.end_object();
  }
  w.end_array();
  w.key("comments").begin_array();
  for (const Comment& c : rv.comments) {
    w.begin_object();
    w.member("id", c.id).member("frame", c.frame);
    if (c.object) w.member("object", *c.object);
    if (!c.sensor.empty()) w.member("sensor", c.sensor);
    if (c.position) w.key("position").numbers(&c.position->x, 2);
    w.member("author", c.author).member("text", c.text).member("time", c.time_ms);
    w.member("resolved", c.resolved);
    w.end_object();
  }
  w.end_array();
  w.key("batches").begin_array();
  for (const Batch& b : rv.batches) {
    w.begin_object();
    w.member("name", b.name);
    w.key("frames").begin_array().value(b.frames.first).value(b.frames.last).end_array();
    w.member("annotator", b.annotator).member("reviewer", b.reviewer);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

FrameRange read_range(const JsonReader& r) {
  r.expect_array(2, 2);
  FrameRange fr{r.at(0).int32(0), r.at(1).int32(0)};
  if (fr.last < fr.first) r.fail(fmt::format("range end {} is before its start {}", fr.last, fr.first));
  return fr;
}

Review read_review(const JsonReader& r) {
  Review rv;
  if (auto frames = r.find("frames"))
    frames->for_each([&](const JsonReader& m) { rv.frames[m.at("frame").int32(0)] = read_mark(m); });
  if (auto objects = r.find("objects"))
    objects->for_each([&](const JsonReader& m) { rv.objects[m.at("object").integer()] = read_mark(m); });
  if (auto comments = r.find("comments")) {
    comments->for_each([&](const JsonReader& c) {
      Comment cm;
      cm.id = c.at("id").integer();
      cm.frame = c.at("frame").int32(0);
      if (auto o = c.find("object")) cm.object = o->integer();
      cm.sensor = c.string_or("sensor", "");
      if (auto p = c.find("position")) {
        p->expect_array(2, 2);
        cm.position = Vec2{p->at(0).number(), p->at(1).number()};
      }
      cm.author = c.string_or("author", "");
      cm.text = c.string_or("text", "");
      cm.time_ms = c.integer_or("time", 0);
      cm.resolved = c.boolean_or("resolved", false);
      rv.comments.push_back(std::move(cm));
    });
  }
  if (auto batches = r.find("batches")) {
    batches->for_each([&](const JsonReader& b) {
      Batch bt;
      bt.name = b.string_or("name", "");
      bt.frames = read_range(b.at("frames"));
      bt.annotator = b.string_or("annotator", "");
      bt.reviewer = b.string_or("reviewer", "");
      rv.batches.push_back(std::move(bt));
    });
  }
  return rv;
}

}  // namespace

std::string annotations_to_json(const Annotations& a) { return annotations_to_json(a, {}); }

std::string annotations_to_json(const Annotations& a, const std::filesystem::path& base) {
  JsonWriter w;
  w.begin_object();
  w.member("format", "vantage.annotations").member("format_version", kNativeFormatVersion);
  const AnnotationMetadata& m = a.metadata;
  w.key("metadata").begin_object();
  w.member("tool", m.tool).member("schema_version", m.schema_version);
  w.member("created", m.created_ms).member("modified", m.modified_ms);
  w.key("annotators").begin_array();
  for (const auto& n : m.annotators) w.value(n);
  w.end_array();
  if (!m.extra.empty()) {
    w.key("extra").begin_object();
    for (const auto& [k, v] : m.extra) w.member(k, v);
    w.end_object();
  }
  w.end_object();
  w.key("frame_tags").begin_object();
  for (const auto& [frame, tags] : a.frame_tags) {
    w.key(std::to_string(frame)).begin_array();
    for (const auto& t : tags) w.value(t);
    w.end_array();
  }
  w.end_object();
  w.key("excluded_frames").begin_array();
  for (int f : a.excluded_frames) w.value(f);
  w.end_array();
  if (!a.ignore_regions.empty()) {
    w.key("ignore_regions").begin_array();
    for (const auto& [frame, list] : a.ignore_regions)
      for (const IgnoreRegion& r : list) write_ignore_region(w, frame, r);
    w.end_array();
  }
  if (!a.segmentation.empty()) write_segmentation_json(w, a.segmentation, base);
  w.key("review");
  write_review(w, a.review);
  w.key("objects").begin_array();
  for (const Object& o : a.objects) {
    w.begin_object();
    w.member("id", o.id).member("class", o.class_name);
    if (!o.attributes.empty()) {
      w.key("attributes");
      write_attributes(w, o.attributes);
    }
    if (!o.outside.empty()) {
      w.key("outside").begin_inline_array();
      for (const auto& r : o.outside) w.begin_array().value(r.first).value(r.last).end_array();
      w.end_array();
    }
    w.key("tracks").begin_array();
    for (const Track& t : o.tracks) {
      w.begin_object();
      w.member("sensor", t.sensor).member("kind", to_string(t.kind));
      w.key("shapes").begin_array();
      for (const FrameShape& fs : t.shapes) {
        try {
          write_shape(w, fs.frame, fs.shape);
        } catch (const Error& e) {
          throw Error(fmt::format("object {} ({}), frame {}: {}", o.id, to_string(t.kind), fs.frame, e.what()));
        }
      }
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  std::string out = w.take();
  out += '\n';
  return out;
}

Annotations annotations_from_json(const Json& json, const std::string& file_label) {
  return annotations_from_json(json, file_label, std::filesystem::path(file_label).parent_path());
}

Annotations annotations_from_json(const Json& json, const std::string& file_label,
                                  const std::filesystem::path& base) {
  JsonReader::Context ctx{&json, file_label};
  JsonReader root(json, ctx);
  check_format_header(root, "vantage.annotations");
  Annotations a;
  if (auto m = root.find("metadata")) {
    a.metadata.tool = m->string_or("tool", "");
    a.metadata.schema_version = static_cast<int>(m->integer_or("schema_version", 0));
    a.metadata.created_ms = m->integer_or("created", 0);
    a.metadata.modified_ms = m->integer_or("modified", 0);
    if (auto ann = m->find("annotators"))
      ann->for_each([&](const JsonReader& s) { a.metadata.annotators.push_back(s.string()); });
    if (auto extra = m->find("extra"))
      extra->for_each_member([&](const std::string& k, const JsonReader& v) { a.metadata.extra[k] = v.string(); });
  }
  if (auto tags = root.find("frame_tags")) {
    tags->for_each_member([&](const std::string& k, const JsonReader& v) {
      char* end = nullptr;
      const long f = std::strtol(k.c_str(), &end, 10);
      if (k.empty() || *end != '\0' || f < 0) tags->fail_member(k.c_str(), "frame tag keys must be frame numbers");
      auto& list = a.frame_tags[static_cast<int>(f)];
      v.for_each([&](const JsonReader& t) { list.push_back(t.string()); });
    });
  }
  if (auto ex = root.find("excluded_frames"))
    ex->for_each([&](const JsonReader& f) { a.excluded_frames.insert(f.int32(0)); });
  if (auto ir = root.find("ignore_regions"))
    ir->for_each([&](const JsonReader& r) {
      const int frame = r.at("frame").int32(0);
      a.ignore_regions[frame].push_back(read_ignore_region(r));
    });
  if (auto seg = root.find("segmentation")) read_segmentation_json(*seg, a.segmentation, base);
  if (auto rv = root.find("review")) a.review = read_review(*rv);
  const JsonReader objects = root.at("objects");
  a.objects.reserve(objects.size());
  objects.for_each([&](const JsonReader& r) {
    r.expect_object();
    Object o;
    o.id = r.at("id").integer();
    if (o.id < 0) r.at("id").fail("object ids must not be negative");
    o.class_name = r.at("class").string();
    if (auto at = r.find("attributes")) o.attributes = read_attributes(*at);
    if (auto out = r.find("outside")) out->for_each([&](const JsonReader& fr) { o.outside.push_back(read_range(fr)); });
    r.at("tracks").for_each([&](const JsonReader& t) {
      Track track;
      track.sensor = t.at("sensor").string();
      const JsonReader kind = t.at("kind");
      auto k = shape_kind_from_string(kind.string());
      if (!k) kind.fail(fmt::format("unknown shape kind \"{}\" (expected box2d, polygon, polyline, keypoints or cuboid)", kind.string()));
      track.kind = *k;
      if (o.track(track.sensor, track.kind))
        t.fail(fmt::format("a second {} track for sensor '{}'", kind.string(), track.sensor));
      const JsonReader shapes = t.at("shapes");
      track.shapes.reserve(shapes.size());
      int prev = -1;
      shapes.for_each([&](const JsonReader& sr) {
        const int frame = sr.at("frame").int32(0);
        if (frame <= prev)
          sr.at("frame").fail(fmt::format("frames in a track must increase (previous: {})", prev));
        prev = frame;
        track.shapes.push_back({frame, read_shape(sr, track.kind)});
      });
      o.tracks.push_back(std::move(track));
    });
    if (!a.objects.empty() && a.objects.back().id >= o.id) {
      if (a.find(o.id)) r.at("id").fail(fmt::format("duplicate object id {}", o.id));
      a.put(std::move(o));  // out of order: insert sorted
    } else {
      a.objects.push_back(std::move(o));
    }
  });
  return a;
}

}  // namespace vantage::core
