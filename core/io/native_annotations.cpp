// annotations.json: objects, shapes, frame tags, review state and metadata.
// Defaults are omitted per shape (keyframe true, occlusion 0, ...) to keep
// 100k-shape files small and fast to load.
#include <fmt/format.h>

#include "core/io/fast_json.h"
#include "core/io/json_writer.h"
#include "core/io/native_format.h"
#include "core/io/native_json_common.h"
#include "core/segmentation/segmentation_io.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

// Attribute values and the file header, over either reader (see
// annotations_from_root).
template <class R>
AttributeValue read_attribute_value_t(const R& r) {
  if (r.is_bool()) return r.boolean();
  if (r.is_number()) return r.number();
  if (r.is_string()) return std::string(r.string());
  if (r.is_array()) {
    std::vector<double> v(r.size());
    for (size_t i = 0; i < v.size(); ++i) v[i] = r.at(i).number();
    return v;
  }
  r.expected("a boolean, number, string or array of numbers");
}

template <class R>
AttributeMap read_attributes_t(const R& r) {
  AttributeMap out;
  r.for_each_member(
      [&](const auto& k, const auto& v) { out.emplace(std::string(k), read_attribute_value_t(v)); });
  return out;
}

template <class R>
void check_format_header_t(const R& root, const char* expected_format) {
  root.expect_object();
  const std::string format(root.at("format").string());
  if (format != expected_format)
    root.at("format").fail(fmt::format("expected \"{}\", found \"{}\"", expected_format, format));
  const int64_t version = root.at("format_version").integer();
  if (version < 1 || version > kNativeFormatVersion)
    root.at("format_version")
        .fail(fmt::format("format version {} is not supported (this build reads 1 to {}); "
                          "it may have been written by a newer Vantage",
                          version, kNativeFormatVersion));
}

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
  if (!s.model.empty()) w.member("model", s.model);
  if (!s.model_class.empty()) w.member("model_class", s.model_class);
  if (!s.attributes.empty()) {
    w.key("attributes");
    write_attributes(w, s.attributes);
  }
  w.end_object();
}

template <class R>
std::vector<Vec2> read_points(const R& r, size_t min_points) {
  r.expect_array(min_points);
  std::vector<Vec2> pts(r.size());
  for (size_t i = 0; i < pts.size(); ++i) {
    const auto p = r.at(i);
    p.expect_array(2, 2);
    pts[i] = {p.at(0).number(), p.at(1).number()};
  }
  return pts;
}

template <class R>
Geometry read_geometry(const R& r, ShapeKind kind) {
  switch (kind) {
    case ShapeKind::Box2D: {
      const auto b = r.at("box");
      b.expect_array(4, 4);
      Box2D box{b.at(0).number(), b.at(1).number(), b.at(2).number(), b.at(3).number()};
      if (box.x2 < box.x1 || box.y2 < box.y1) b.fail("box corners must be [x1, y1, x2, y2] with x1 <= x2 and y1 <= y2");
      return box;
    }
    case ShapeKind::Polygon: {
      Polygon p;
      p.points = read_points(r.at("polygon"), 3);
      if (auto holes = r.find("holes"))
        holes->for_each([&](const auto& h) { p.holes.push_back(read_points(h, 3)); });
      return p;
    }
    case ShapeKind::Polyline:
      return Polyline{read_points(r.at("polyline"), 2)};
    case ShapeKind::Keypoints: {
      Keypoints k;
      const auto a = r.at("keypoints");
      k.points.resize(a.size());
      for (size_t i = 0; i < k.points.size(); ++i) {
        const auto p = a.at(i);
        p.expect_array(3, 3);
        k.points[i].position = {p.at(0).number(), p.at(1).number()};
        k.points[i].visibility = static_cast<uint8_t>(p.at(2).int32(0, 2));
      }
      return k;
    }
    case ShapeKind::Cuboid: {
      const auto a = r.at("cuboid");
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

template <class R>
Shape read_shape(const R& r, ShapeKind kind) {
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
    auto v = shape_source_from_string(std::string(src->string()));
    if (!v) src->fail(fmt::format("unknown source \"{}\" (expected manual, interpolated, model, imported or tracker)", std::string(src->string())));
    s.source = *v;
  }
  s.score = r.number_or("score", -1.0);
  if (auto a = r.find("annotator")) s.annotator = std::string(a->string());
  s.created_ms = r.integer_or("created", 0);
  s.modified_ms = r.integer_or("modified", 0);
  s.model = r.string_or("model", "");
  s.model_class = r.string_or("model_class", "");
  if (auto a = r.find("attributes")) s.attributes = read_attributes_t(*a);
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

template <class R>
IgnoreRegion read_ignore_region(const R& r) {
  IgnoreRegion out;
  out.sensor = std::string(r.at("sensor").string());
  out.class_name = r.string_or("class", "");
  out.reason = r.string_or("reason", "");
  if (r.find("box")) {
    out.geometry = std::get<Box2D>(read_geometry(r, ShapeKind::Box2D));
  } else if (r.find("polygon")) {
    out.geometry = std::get<Polygon>(read_geometry(r, ShapeKind::Polygon));
  } else if (auto m = r.find("mask")) {
    RleMask mask;
    const auto size = m->at("size");
    size.expect_array(2, 2);
    mask.height = size.at(0).int32(0, 1 << 16);
    mask.width = size.at(1).int32(0, 1 << 16);
    const auto counts = m->at("counts");
    auto c = rle_counts_from_string(std::string(counts.string()));
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

template <class R>
ReviewMark read_mark(const R& r) {
  ReviewMark m;
  const auto st = r.at("status");
  auto s = review_status_from_string(std::string(st.string()));
  if (!s) st.fail(fmt::format("unknown review status \"{}\" (expected todo, in_progress, done, accepted or rejected)", std::string(st.string())));
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
  if (!rv.prelabel_decisions.empty()) {
    w.key("prelabel_decisions").begin_array();
    for (const PrelabelDecision& d : rv.prelabel_decisions) {
      w.begin_object();
      w.member("object", d.object).member("sensor", d.sensor).member("frame", d.frame);
      w.member("kind", to_string(kind_of(d.proposed)));
      w.member("action", to_string(d.action)).member("who", d.who).member("time", d.time_ms);
      if (!d.model.empty()) w.member("model", d.model);
      if (!d.model_class.empty()) w.member("model_class", d.model_class);
      if (d.score >= 0) w.member("score", d.score);
      write_geometry(w, d.proposed);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

template <class R>
FrameRange read_range(const R& r) {
  r.expect_array(2, 2);
  FrameRange fr{r.at(0).int32(0), r.at(1).int32(0)};
  if (fr.last < fr.first) r.fail(fmt::format("range end {} is before its start {}", fr.last, fr.first));
  return fr;
}

template <class R>
Review read_review(const R& r) {
  Review rv;
  if (auto frames = r.find("frames"))
    frames->for_each([&](const auto& m) { rv.frames[m.at("frame").int32(0)] = read_mark(m); });
  if (auto objects = r.find("objects"))
    objects->for_each([&](const auto& m) { rv.objects[m.at("object").integer()] = read_mark(m); });
  if (auto comments = r.find("comments")) {
    comments->for_each([&](const auto& c) {
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
    batches->for_each([&](const auto& b) {
      Batch bt;
      bt.name = b.string_or("name", "");
      bt.frames = read_range(b.at("frames"));
      bt.annotator = b.string_or("annotator", "");
      bt.reviewer = b.string_or("reviewer", "");
      rv.batches.push_back(std::move(bt));
    });
  }
  if (auto decisions = r.find("prelabel_decisions")) {
    decisions->for_each([&](const auto& d) {
      PrelabelDecision pd;
      pd.object = d.at("object").integer();
      pd.sensor = d.string_or("sensor", "");
      pd.frame = d.at("frame").int32(0);
      const auto kind = d.at("kind");
      const std::string kind_name(kind.string());
      const auto k = shape_kind_from_string(kind_name);
      if (!k) kind.fail(fmt::format("unknown shape kind \"{}\"", kind_name));
      const auto action = d.at("action");
      const std::string action_name(action.string());
      const auto a = prelabel_action_from_string(action_name);
      if (!a)
        action.fail(fmt::format("unknown action \"{}\" (expected accepted or rejected)", action_name));
      pd.action = *a;
      pd.who = d.string_or("who", "");
      pd.time_ms = d.integer_or("time", 0);
      pd.model = d.string_or("model", "");
      pd.model_class = d.string_or("model_class", "");
      pd.score = d.number_or("score", -1.0);
      pd.proposed = read_geometry(d, *k);
      rv.prelabel_decisions.push_back(std::move(pd));
    });
  }
  return rv;
}

void write_conflict(JsonWriter& w, const MergeConflict& c) {
  w.begin_object();
  w.member("kind", c.kind);
  if (c.object) w.member("object", *c.object);
  if (c.frame >= 0) w.member("frame", c.frame);
  if (!c.sensor.empty()) w.member("sensor", c.sensor);
  if (c.shape_kind) w.member("shape_kind", to_string(*c.shape_kind));
  if (!c.field.empty()) w.member("field", c.field);
  w.member("kept", c.kept);
  if (!c.ours_label.empty()) w.member("ours_label", c.ours_label);
  if (!c.theirs_label.empty()) w.member("theirs_label", c.theirs_label);
  w.key("base").raw(c.base.empty() ? "null" : c.base);
  w.key("ours").raw(c.ours.empty() ? "null" : c.ours);
  w.key("theirs").raw(c.theirs.empty() ? "null" : c.theirs);
  if (!c.message.empty()) w.member("message", c.message);
  w.end_object();
}

// A member's value as canonical JSON text (compact, keys sorted: what
// nlohmann's dump of its std::map objects gives), "null" when absent.
std::string canonical_value(const JsonReader& r, const char* key) {
  const Json& j = r.json().contains(key) ? r.json()[key] : Json();
  return j.dump();
}
std::string canonical_value(const FastJson& r, const char* key) {
  const auto v = r.find(key);
  return v ? Json::parse(v->dump()).dump() : Json().dump();
}

template <class R>
MergeConflict read_conflict(const R& r) {
  r.expect_object();
  MergeConflict c;
  c.kind = std::string(r.at("kind").string());
  if (auto o = r.find("object")) c.object = o->integer();
  if (auto f = r.find("frame")) c.frame = f->int32(0);
  c.sensor = r.string_or("sensor", "");
  if (auto k = r.find("shape_kind")) {
    auto kind = shape_kind_from_string(std::string(k->string()));
    if (!kind) k->fail(fmt::format("unknown shape kind \"{}\"", std::string(k->string())));
    c.shape_kind = *kind;
  }
  c.field = r.string_or("field", "");
  c.kept = std::string(r.at("kept").string());
  if (c.kept != "ours" && c.kept != "theirs") r.at("kept").fail("expected \"ours\" or \"theirs\"");
  c.ours_label = r.string_or("ours_label", "");
  c.theirs_label = r.string_or("theirs_label", "");
  // Values are kept as compact JSON text (sorted keys: canonical).
  c.base = canonical_value(r, "base");
  c.ours = canonical_value(r, "ours");
  c.theirs = canonical_value(r, "theirs");
  c.message = r.string_or("message", "");
  return c;
}

}  // namespace

std::string shape_to_json(int frame, const Shape& shape) {
  JsonWriter w(false);
  write_shape(w, frame, shape);
  return w.take();
}

Shape shape_from_json(const JsonReader& r, ShapeKind kind) { return read_shape(r, kind); }

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
  if (!a.conflicts.empty()) {
    w.key("conflicts").begin_array();
    for (const MergeConflict& c : a.conflicts) write_conflict(w, c);
    w.end_array();
  }
  w.end_object();
  std::string out = w.take();
  out += '\n';
  return out;
}

namespace {

// The reader of annotations.json over either JSON library: JsonReader
// (nlohmann, for documents already parsed) or FastJson (simdjson, what
// loading a file uses: about ten times faster at a million shapes).
// Relative segmentation sidecar paths are taken relative to `base`.
template <class R>
Annotations annotations_from_root(const R& root, const std::filesystem::path& base) {
  check_format_header_t(root, "vantage.annotations");
  Annotations a;
  if (auto m = root.find("metadata")) {
    a.metadata.tool = m->string_or("tool", "");
    a.metadata.schema_version = static_cast<int>(m->integer_or("schema_version", 0));
    a.metadata.created_ms = m->integer_or("created", 0);
    a.metadata.modified_ms = m->integer_or("modified", 0);
    if (auto ann = m->find("annotators"))
      ann->for_each([&](const auto& s) { a.metadata.annotators.emplace_back(s.string()); });
    if (auto extra = m->find("extra"))
      extra->for_each_member([&](const auto& k, const auto& v) {
        a.metadata.extra[std::string(k)] = std::string(v.string());
      });
  }
  if (auto tags = root.find("frame_tags")) {
    tags->for_each_member([&](const auto& key, const auto& v) {
      const std::string k(key);
      char* end = nullptr;
      const long f = std::strtol(k.c_str(), &end, 10);
      if (k.empty() || *end != '\0' || f < 0)
        tags->fail_member(k.c_str(), "frame tag keys must be frame numbers");
      auto& list = a.frame_tags[static_cast<int>(f)];
      v.for_each([&](const auto& t) { list.emplace_back(t.string()); });
    });
  }
  if (auto ex = root.find("excluded_frames"))
    ex->for_each([&](const auto& f) { a.excluded_frames.insert(f.int32(0)); });
  if (auto ir = root.find("ignore_regions"))
    ir->for_each([&](const auto& r) {
      const int frame = r.at("frame").int32(0);
      a.ignore_regions[frame].push_back(read_ignore_region(r));
    });
  if (auto seg = root.find("segmentation")) read_segmentation_json(*seg, a.segmentation, base);
  if (auto rv = root.find("review")) a.review = read_review(*rv);
  const auto objects = root.at("objects");
  a.objects.reserve(objects.size());
  objects.for_each([&](const auto& r) {
    r.expect_object();
    Object o;
    o.id = r.at("id").integer();
    if (o.id < 0) r.at("id").fail("object ids must not be negative");
    o.class_name = std::string(r.at("class").string());
    if (auto at = r.find("attributes")) o.attributes = read_attributes_t(*at);
    if (auto out = r.find("outside"))
      out->for_each([&](const auto& fr) { o.outside.push_back(read_range(fr)); });
    r.at("tracks").for_each([&](const auto& t) {
      Track track;
      track.sensor = std::string(t.at("sensor").string());
      const auto kind = t.at("kind");
      const std::string kind_name(kind.string());
      auto k = shape_kind_from_string(kind_name);
      if (!k)
        kind.fail(fmt::format(
            "unknown shape kind \"{}\" (expected box2d, polygon, polyline, keypoints or cuboid)",
            kind_name));
      track.kind = *k;
      if (o.track(track.sensor, track.kind))
        t.fail(fmt::format("a second {} track for sensor '{}'", kind_name, track.sensor));
      const auto shapes = t.at("shapes");
      track.shapes.reserve(shapes.size());
      int prev = -1;
      shapes.for_each([&](const auto& sr) {
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
  if (auto conflicts = root.find("conflicts"))
    conflicts->for_each([&](const auto& c) { a.conflicts.push_back(read_conflict(c)); });
  return a;
}

}  // namespace

Annotations annotations_from_json(const Json& json, const std::string& file_label) {
  return annotations_from_json(json, file_label, std::filesystem::path(file_label).parent_path());
}

Annotations annotations_from_json(const Json& json, const std::string& file_label,
                                  const std::filesystem::path& base) {
  JsonReader::Context ctx{&json, file_label};
  JsonReader root(json, ctx);
  return annotations_from_root(root, base);
}

Annotations read_annotations_file(const std::filesystem::path& path) {
  const FastJsonFile file(path);
  return annotations_from_root(file.root(), path.parent_path());
}

}  // namespace vantage::core
