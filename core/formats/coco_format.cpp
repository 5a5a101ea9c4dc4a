// COCO JSON (instances and person keypoints).
//
// [SECTION] index
//   shared: per-shape metadata block ("vantage")
//   export: info, categories (supercategory = parent class), one image per
//           camera frame, one annotation per object per image (bbox,
//           segmentation polygon, keypoints), object id in "track_id"
//   import: categories, images (located in the sequence or made into frames),
//           annotations (bbox, polygon or RLE segmentation, keypoints)
//   masks:  each segment of a camera's segmentation layer is an annotation
//           with a compressed RLE (pycocotools' string, column-major, size
//           [h, w]): an object's mask joins its annotation (segmentation =
//           RLE unless it has a polygon; then the RLE is in "vantage"),
//           stuff segments are annotations without track_id, crowds have
//           iscrowd = 1. Imported RLE segmentations become masks again.
//
// Conventions: bbox [x, y, w, h] in Vantage's continuous pixel coordinates
// (no +1); segmentation polygons [x1, y1, x2, y2, ...] (COCO has no holes:
// reported); keypoints [x, y, v]* with COCO's visibility 0/1/2 and skeleton
// edges 1-based. Extra fields (tolerated by COCO readers) keep what COCO has
// no place for: "track_id" (object id), "attributes" (CVAT-style), "vantage"
// (keyframe, source, annotator, times, occlusion, truncation per shape).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "core/formats/coco_rle.h"
#include "core/io/fast_json.h"
#include "core/formats/format_handler.h"
#include "core/formats/format_util.h"
#include "core/formats/mask_format_util.h"
#include "core/segmentation/mask_tools.h"
#include "core/geometry/polygon_iou.h"
#include "core/io/json_reader.h"
#include "core/io/json_writer.h"
#include "core/io/native_json_common.h"
#include "core/version.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCocoFileName = "instances.json";

// [SECTION] shared ---------------------------------------------------------------

void write_shape_meta(JsonWriter& w, const Shape& s) {
  w.begin_object();
  w.member("keyframe", s.keyframe);
  w.member("source", to_string(s.source));
  if (s.occlusion) w.member("occlusion", static_cast<int>(s.occlusion));
  if (s.truncation != 0.0) w.member("truncation", s.truncation);
  if (s.score >= 0) w.member("score", s.score);
  if (!s.annotator.empty()) w.member("annotator", s.annotator);
  if (s.created_ms) w.member("created_ms", s.created_ms);
  if (s.modified_ms) w.member("modified_ms", s.modified_ms);
  if (!s.attributes.empty()) {
    w.key("attributes");
    write_attributes(w, s.attributes);
  }
  w.end_object();
}

AttributeMap read_fast_attributes(const FastJson& r) {
  AttributeMap out;
  r.for_each_member([&](std::string_view k, const FastJson& v) {
    if (v.is_bool())
      out.emplace(std::string(k), v.boolean());
    else if (v.is_number())
      out.emplace(std::string(k), v.number());
    else if (v.is_string())
      out.emplace(std::string(k), std::string(v.string()));
    else if (v.is_array()) {
      std::vector<double> vec;
      v.for_each([&](const FastJson& x) { vec.push_back(x.number()); });
      out.emplace(std::string(k), std::move(vec));
    } else {
      v.expected("a boolean, number, string or array of numbers");
    }
  });
  return out;
}

void read_shape_meta(const FastJson& r, Shape& s) {
  s.keyframe = r.boolean_or("keyframe", true);
  if (auto src = r.find("source")) {
    const auto v = shape_source_from_string(std::string(src->string()));
    if (!v) src->fail("unknown shape source");
    s.source = *v;
  }
  if (auto o = r.find("occlusion")) s.occlusion = static_cast<uint8_t>(o->int32(0, 3));
  s.truncation = r.number_or("truncation", 0.0);
  s.score = r.number_or("score", s.score);
  s.annotator = r.string_or("annotator", "");
  s.created_ms = r.integer_or("created_ms", 0);
  s.modified_ms = r.integer_or("modified_ms", 0);
  if (auto a = r.find("attributes")) s.attributes = read_fast_attributes(*a);
}

// The category a crowd annotation takes: the region's class, else
// "DontCare" (COCO needs one; evaluation ignores crowds per category).
std::string crowd_category(const IgnoreRegion& r) {
  return r.class_name.empty() ? std::string("DontCare") : r.class_name;
}

struct CategoryIds {
  std::map<std::string, int> id_of;  // class name -> category id
};

// Category ids are the schema's class ids (stable across exports); classes
// used by objects but missing from the schema follow, by name.
CategoryIds category_ids(const Document& doc) {
  CategoryIds c;
  int max_id = 0;
  for (const ClassDef& d : doc.schema.classes) {
    c.id_of[d.name] = d.id;
    max_id = std::max(max_id, d.id);
  }
  std::set<std::string> extra;
  for (const Object& o : doc.annotations.objects)
    if (!c.id_of.count(o.class_name)) extra.insert(o.class_name);
  for (const auto& [f, list] : doc.annotations.ignore_regions)
    for (const IgnoreRegion& r : list)
      if (!c.id_of.count(crowd_category(r))) extra.insert(crowd_category(r));
  for (const std::string& name : extra)
    c.id_of[name] = ++max_id;
  return c;
}

Box2D bounds_of(const std::vector<Vec2>& pts) {
  Box2D b{pts.front().x, pts.front().y, pts.front().x, pts.front().y};
  for (const Vec2& p : pts) {
    b.x1 = std::min(b.x1, p.x), b.y1 = std::min(b.y1, p.y);
    b.x2 = std::max(b.x2, p.x), b.y2 = std::max(b.y2, p.y);
  }
  return b;
}

// [SECTION] export ------------------------------------------------------------

struct Group {
  const Object* object = nullptr;
  const Shape* box = nullptr;
  const Shape* polygon = nullptr;
  const Shape* keypoints = nullptr;
};

// Column-major RLE (pycocotools' convention) of the pixels equal to `value`
// in a CV_16U label image, scanning only the columns and rows of `b`.
std::vector<uint32_t> rle_of_label(const cv::Mat& labels, uint16_t value, const PixelRect& b) {
  std::vector<uint32_t> counts;
  const uint64_t h = static_cast<uint64_t>(labels.rows);
  bool on = false;                              // runs start with 0s
  uint64_t run = static_cast<uint64_t>(b.x0) * h;  // the columns before the box
  for (int x = b.x0; x < b.x1; ++x)
    for (int y = 0; y < labels.rows; ++y) {
      const bool set = y >= b.y0 && y < b.y1 && labels.at<uint16_t>(y, x) == value;
      if (set != on) {
        counts.push_back(static_cast<uint32_t>(run));
        run = 0;
        on = set;
      }
      ++run;
    }
  const uint64_t tail = static_cast<uint64_t>(labels.cols - b.x1) * h;  // columns after it
  // As pycocotools: no trailing empty run when the mask reaches the last pixel.
  if (on) {
    counts.push_back(static_cast<uint32_t>(run));
    if (tail) counts.push_back(static_cast<uint32_t>(tail));
  } else {
    counts.push_back(static_cast<uint32_t>(run + tail));
  }
  return counts;
}

// Per label value of a layer: its pixel bounds (one pass).
std::vector<PixelRect> label_rects(const cv::Mat& labels, size_t n) {
  std::vector<PixelRect> r(n);
  for (int y = 0; y < labels.rows; ++y) {
    const uint16_t* row = labels.ptr<uint16_t>(y);
    for (int x = 0; x < labels.cols;) {
      const uint16_t v = row[x];
      int e = x + 1;
      while (e < labels.cols && row[e] == v) ++e;
      if (v && v < n) r[v].extend({x, y, e, y + 1});
      x = e;
    }
  }
  return r;
}

void write_rle(JsonWriter& w, const std::vector<uint32_t>& counts, int h, int wd);

// One segment of a layer, ready to write.
struct MaskOut {
  std::string class_name;
  ObjectId object = -1;
  bool crowd = false;
  bool stuff = false;
  PixelRect bounds;
  uint64_t area = 0;
  int height = 0, width = 0;
  std::vector<uint32_t> counts;   // RLE (when not polygons)
  std::vector<Polygon> polygons;  // polygons on request
};

struct MaskSet {
  std::vector<MaskOut> items;
  const MaskOut* of_object(ObjectId id) const {
    for (const MaskOut& m : items)
      if (m.object == id) return &m;
    return nullptr;
  }
};

MaskSet collect_masks(const Document& doc, const std::string& cam, int frame, bool polygons) {
  MaskSet out;
  const Segmentation& seg = doc.annotations.segmentation;
  const SegLayer* layer = seg.find(cam, frame);
  if (!layer || layer->kind != LayerKind::Image) return out;
  const auto raster = seg.labels({cam, frame});
  const cv::Mat labels = raster->to_mat();
  const auto meaning = label_meanings(doc, *layer);
  const auto rects = label_rects(labels, meaning.size());
  for (const Segment& s : layer->segments) {
    const PixelRect& b = rects[s.id];
    if (b.empty()) continue;
    MaskOut m;
    m.class_name = meaning[s.id].class_name;
    m.object = s.crowd ? -1 : s.object;
    m.crowd = s.crowd;
    m.stuff = s.object < 0 && !s.crowd;
    m.bounds = b;
    m.area = s.area;
    m.height = labels.rows;
    m.width = labels.cols;
    if (polygons) m.polygons = label_polygons(*raster, s.id);
    else m.counts = rle_of_label(labels, s.id, b);
    out.items.push_back(std::move(m));
  }
  return out;
}

void write_mask_segmentation(JsonWriter& w, const MaskOut& m, size_t& holes) {
  if (m.polygons.empty()) {
    write_rle(w, m.counts, m.height, m.width);
    return;
  }
  w.begin_array();
  for (const Polygon& p : m.polygons) {
    w.begin_array();
    for (const Vec2& v : p.points)
      w.value(v.x).value(v.y);
    w.end_array();
    holes += p.holes.size();
  }
  w.end_array();
}

void write_rle(JsonWriter& w, const std::vector<uint32_t>& counts, int h, int wd) {
  w.begin_object();
  w.key("size").begin_array().value(h).value(wd).end_array();
  w.member("counts", rle_counts_to_string(counts));
  w.end_object();
}

class CocoFormat final : public FormatHandler {
 public:
  FormatInfo info() const override { return {FormatId::Coco, "coco", "COCO JSON", true, true}; }

  int detect(const fs::path& input) const override {
    const fs::path file = find_json(input);
    if (file.empty()) return 0;
    // Cheap sniff: COCO files have "images" and "annotations" near the top.
    std::string head = read_head(file);
    return head.find("\"images\"") != std::string::npos &&
                   head.find("\"openlabel\"") == std::string::npos
               ? 60
               : 0;
  }

  void export_to(const ExportSelection& sel, const fs::path& out_dir, const ExportOptions& options,
                 FormatReport& report) const override {
    const Document& doc = sel.doc();
    sel.report_unsupported(ShapeKind::Cuboid, "COCO has no 3D");
    sel.report_unsupported(ShapeKind::Polyline, "COCO has no polylines");
    sel.report_document_extras("COCO", false);
    sel.report_masks_unsupported(LayerKind::Points, "COCO has no point clouds");
    const CategoryIds cats = category_ids(doc);

    JsonWriter w(false);
    w.begin_object();
    write_info(w, doc, sel, options.keyframes_only);
    w.key("licenses").begin_array().end_array();
    write_categories(w, doc, cats);

    // Images: one per selected camera per frame.
    const bool several = sel.cameras().size() > 1;
    w.key("images").begin_array();
    for (const int f : sel.frames())
      for (const std::string& cam : sel.cameras()) {
        const Camera* c = doc.sequence.camera(f, cam);
        const auto& files = doc.sequence.frames[static_cast<size_t>(f)].files;
        const auto it = files.find(cam);
        std::string file_name;
        if (it != files.end()) {
          file_name = fs::path(it->second).generic_string();
        } else {
          file_name = image_label_stem(f, cam, several) + ".png";
          report.info("images without a file get a placeholder file_name");
        }
        if (options.copy_images && it != files.end()) {
          const fs::path src = image_path(doc, f, cam);
          file_name = "images/" + image_label_stem(f, cam, several) + src.extension().string();
          copy_export_image(src, out_dir / file_name, report);
        }
        w.begin_object();
        w.member("id", image_id(sel, f, cam));
        w.member("file_name", file_name);
        w.member("width", c ? c->width : 0);
        w.member("height", c ? c->height : 0);
        w.member("frame", f);
        w.member("camera", cam);
        w.member("timestamp_us", doc.sequence.frames[static_cast<size_t>(f)].timestamp_us);
        w.end_object();
        ++report.images;
      }
    w.end_array();

    // Annotations: per image, one per object (its box, polygon and
    // keypoints together), in object-id order.
    w.key("annotations").begin_array();
    int64_t next_id = 1;
    size_t mask_polygon_count = 0;
    for (const LayerKey& k : sel.mask_layers(LayerKind::Image))
      mask_polygon_count += doc.annotations.segmentation.find(k)->segments.size();
    size_t holes = 0, done = 0;
    std::set<ObjectId> objects;
    for (const int f : sel.frames()) {
      sel.progress(done++, sel.frames().size());
      const auto& items = sel.at(f);
      for (const std::string& cam : sel.cameras()) {
        std::vector<Group> groups;
        for (const ExportItem& it : items) {
          if (it.track->sensor != cam || is_3d(it.track->kind)) continue;
          if (groups.empty() || groups.back().object != it.object) groups.push_back({it.object});
          Group& g = groups.back();
          switch (it.shape->kind()) {
            case ShapeKind::Box2D:
              g.box = it.shape;
              break;
            case ShapeKind::Polygon:
              g.polygon = it.shape;
              break;
            case ShapeKind::Keypoints:
              g.keypoints = it.shape;
              break;
            default:
              break;
          }
        }
        // The camera's masks at this frame: each segment's RLE.
        MaskSet masks = collect_masks(doc, cam, f, options.mask_polygons);
        std::set<ObjectId> with_group;
        for (const Group& g : groups) {
          if (!g.box && !g.polygon && !g.keypoints) continue;  // polylines only
          const MaskOut* mask = masks.of_object(g.object->id);
          write_annotation(w, next_id++, image_id(sel, f, cam), cats.id_of.at(g.object->class_name),
                           g, holes, mask);
          report.shapes += (g.box != nullptr) + (g.polygon != nullptr) + (g.keypoints != nullptr);
          objects.insert(g.object->id);
          if (mask) with_group.insert(g.object->id);
        }
        for (const MaskOut& m : masks.items) {
          if (m.object >= 0 && with_group.count(m.object)) continue;
          const auto cat = cats.id_of.find(m.class_name);
          if (cat == cats.id_of.end()) {
            report.skip(cam, fmt::format("frame {}", f), "masks",
                        fmt::format("class '{}' is not in the schema", m.class_name));
            continue;
          }
          write_mask_annotation(w, next_id++, image_id(sel, f, cam), cat->second, m, holes);
          if (m.object >= 0) objects.insert(m.object);
        }
        report.shapes += masks.items.size();
        // Ignore regions: COCO's crowd annotations (iscrowd = 1).
        for (const IgnoreRegion& r : doc.annotations.ignore_regions_at(f)) {
          if (r.sensor != cam) continue;
          write_crowd(w, next_id++, image_id(sel, f, cam), cats.id_of.at(crowd_category(r)), r,
                      holes);
          ++report.ignore_regions;
        }
      }
    }
    w.end_array();
    w.end_object();
    if (options.mask_polygons && mask_polygon_count)
      report.limitation("masks exported as polygons",
                        "outlines through boundary pixel centres; they rasterise back to slightly "
                        "different masks",
                        mask_polygon_count);
    if (holes)
      report.limitation("polygon holes outside COCO's model",
                  "kept in the annotations' \"vantage\" field; other readers see outer rings only",
                  holes);
    report.objects = objects.size();
    write_export_file(out_dir / kCocoFileName, w.str(), report);
  }

  void import_from(ImportContext& ctx, const fs::path& input) const override;

 private:
  static fs::path find_json(const fs::path& input) {
    std::error_code ec;
    if (fs::is_regular_file(input, ec)) return input.extension() == ".json" ? input : fs::path{};
    if (!fs::is_directory(input, ec)) return {};
    if (fs::is_regular_file(input / kCocoFileName, ec)) return input / kCocoFileName;
    fs::path found;
    for (const auto& e : fs::directory_iterator(input, ec)) {
      if (e.path().extension() != ".json") continue;
      const std::string head = read_head(e.path());
      if (head.find("\"images\"") == std::string::npos ||
          head.find("\"annotations\"") == std::string::npos)
        continue;
      if (found.empty() || e.path() < found) found = e.path();
    }
    return found;
  }

  static std::string read_head(const fs::path& file) {
    std::string s;
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) return s;
    s.resize(4096);
    s.resize(std::fread(s.data(), 1, s.size(), f));
    std::fclose(f);
    return s;
  }

  static int64_t image_id(const ExportSelection& sel, int frame, const std::string& cam) {
    return static_cast<int64_t>(frame) * sel.camera_count() + sel.camera_index(cam) + 1;
  }

  static void write_info(JsonWriter& w, const Document& doc, const ExportSelection& sel,
                         bool keyframes_only) {
    const AnnotationMetadata& m = doc.annotations.metadata;
    const int64_t when = m.modified_ms ? m.modified_ms : m.created_ms;
    w.key("info").begin_object();
    w.member("description",
             doc.sequence.name.empty() ? std::string("Vantage export") : doc.sequence.name);
    w.member("version", fmt::format("{} v{}", doc.schema.name, doc.schema.version));
    w.member("year", when ? std::stoi(iso_date(when).substr(0, 4)) : 0);
    std::string contributors;
    for (const std::string& a : m.annotators)
      contributors += (contributors.empty() ? "" : ", ") + a;
    w.member("contributor", contributors);
    w.member("date_created", when ? iso_date(when) : std::string());
    w.key("vantage").begin_object();
    w.member("tool", kToolName);
    w.member("written_by", m.tool);
    w.member("sequence", doc.sequence.name);
    w.member("schema", doc.schema.name);
    w.member("schema_version", doc.schema.version);
    w.member("created_ms", m.created_ms);
    w.member("modified_ms", m.modified_ms);
    w.key("annotators").begin_array();
    for (const std::string& a : m.annotators)
      w.value(a);
    w.end_array();
    w.key("frames").begin_array().value(sel.first_frame()).value(sel.last_frame()).end_array();
    w.member("keyframes_only", keyframes_only);
    w.end_object();
    w.end_object();
  }

  static void write_categories(JsonWriter& w, const Document& doc, const CategoryIds& cats) {
    std::vector<std::pair<int, std::string>> order;
    for (const auto& [name, id] : cats.id_of)
      order.push_back({id, name});
    std::sort(order.begin(), order.end());
    w.key("categories").begin_array();
    for (const auto& [id, name] : order) {
      const ClassDef* def = doc.schema.find_class(name);
      w.begin_object();
      w.member("id", id);
      w.member("name", name);
      w.member("supercategory", def && !def->parent.empty() ? def->parent : name);
      if (def && !def->skeleton.empty())
        if (const Skeleton* sk = doc.schema.find_skeleton(def->skeleton)) {
          w.key("keypoints").begin_array();
          for (const std::string& p : sk->points)
            w.value(p);
          w.end_array();
          w.key("skeleton").begin_array();
          for (const auto& [a, b] : sk->edges)
            w.begin_array().value(a + 1).value(b + 1).end_array();
          w.end_array();
        }
      w.end_object();
    }
    w.end_array();
  }

  // A crowd annotation: boxes as their 4-corner polygon (so segm
  // evaluation sees the region too), polygons as is (holes in "vantage"),
  // masks as compressed RLE.
  static void write_crowd(JsonWriter& w, int64_t id, int64_t image, int category,
                          const IgnoreRegion& r, size_t& holes) {
    const Box2D b = r.bounds();
    w.begin_object();
    w.member("id", id);
    w.member("image_id", image);
    w.member("category_id", category);
    w.key("bbox").begin_array().value(b.x1).value(b.y1).value(b.width()).value(b.height()).end_array();
    const Polygon* poly = std::get_if<Polygon>(&r.geometry);
    const RleMask* mask = std::get_if<RleMask>(&r.geometry);
    w.member("area", poly ? polygon_area(*poly) : mask ? static_cast<double>(mask->area()) : b.area());
    w.member("iscrowd", 1);
    if (mask) {
      w.key("segmentation").begin_object();
      w.key("size").begin_array().value(mask->height).value(mask->width).end_array();
      w.member("counts", rle_counts_to_string(mask->counts));
      w.end_object();
    } else {
      const std::vector<Vec2> corners = {{b.x1, b.y1}, {b.x2, b.y1}, {b.x2, b.y2}, {b.x1, b.y2}};
      const std::vector<Vec2>& ring = poly ? poly->points : corners;
      w.key("segmentation").begin_array().begin_array();
      for (const Vec2& p : ring)
        w.value(p.x).value(p.y);
      w.end_array().end_array();
    }
    w.key("vantage").begin_object();
    w.key("ignore_region").begin_object();
    w.member("kind", r.kind_name());
    w.member("class", r.class_name);
    w.member("reason", r.reason);
    if (poly && !poly->holes.empty()) {
      holes += poly->holes.size();
      w.key("holes").begin_array();
      for (const auto& h : poly->holes) {
        w.begin_array();
        for (const Vec2& p : h)
          w.value(p.x).value(p.y);
        w.end_array();
      }
      w.end_array();
    }
    w.end_object();
    w.end_object();
    w.end_object();
  }

  // A mask without boxes or polygons of its object (or a stuff or crowd
  // segment): bbox from its pixels, segmentation its RLE.
  static void write_mask_annotation(JsonWriter& w, int64_t id, int64_t image, int category,
                                    const MaskOut& m, size_t& holes) {
    w.begin_object();
    w.member("id", id);
    w.member("image_id", image);
    w.member("category_id", category);
    w.key("bbox")
        .begin_array()
        .value(m.bounds.x0)
        .value(m.bounds.y0)
        .value(m.bounds.width())
        .value(m.bounds.height())
        .end_array();
    w.member("area", m.area);
    w.member("iscrowd", m.crowd ? 1 : 0);
    w.key("segmentation");
    write_mask_segmentation(w, m, holes);
    if (m.object >= 0) w.member("track_id", m.object);
    w.key("vantage").begin_object();
    w.member("bbox_derived", true);
    w.member("mask", m.crowd ? "crowd" : m.stuff ? "stuff" : "instance");
    w.end_object();
    w.end_object();
  }

  static void write_annotation(JsonWriter& w, int64_t id, int64_t image, int category,
                               const Group& g, size_t& holes, const MaskOut* mask = nullptr) {
    Box2D box{};
    bool derived = false;
    if (g.box) {
      box = *g.box->as<Box2D>();
    } else if (g.polygon) {
      box = bounds_of(g.polygon->as<Polygon>()->points);
      derived = true;
    } else {
      std::vector<Vec2> pts;
      for (const Keypoint& k : g.keypoints->as<Keypoints>()->points)
        if (k.visibility > 0) pts.push_back(k.position);
      if (pts.empty()) pts.push_back({0, 0});
      box = bounds_of(pts);
      derived = true;
    }
    const Shape& first = g.box ? *g.box : g.polygon ? *g.polygon : *g.keypoints;
    w.begin_object();
    w.member("id", id);
    w.member("image_id", image);
    w.member("category_id", category);
    w.key("bbox")
        .begin_array()
        .value(box.x1)
        .value(box.y1)
        .value(box.width())
        .value(box.height())
        .end_array();
    const Polygon* poly = g.polygon ? g.polygon->as<Polygon>() : nullptr;
    w.member("area", mask && !poly ? static_cast<double>(mask->area)
                     : poly        ? ring_area(poly->points)
                                   : box.area());
    const auto crowd = first.attributes.find("iscrowd");
    const bool iscrowd = crowd != first.attributes.end() &&
                         std::holds_alternative<bool>(crowd->second) &&
                         std::get<bool>(crowd->second);
    w.member("iscrowd", iscrowd ? 1 : 0);
    if (mask && !poly) {
      w.key("segmentation");
      write_mask_segmentation(w, *mask, holes);
    } else {
      w.key("segmentation").begin_array();
      if (poly) {
        w.begin_array();
        for (const Vec2& p : poly->points)
          w.value(p.x).value(p.y);
        w.end_array();
        holes += poly->holes.size();
      }
      w.end_array();
    }
    if (g.keypoints) {
      const auto& pts = g.keypoints->as<Keypoints>()->points;
      int visible = 0;
      w.key("keypoints").begin_array();
      for (const Keypoint& k : pts) {
        w.value(k.position.x).value(k.position.y).value(static_cast<int>(k.visibility));
        visible += k.visibility > 0;
      }
      w.end_array();
      w.member("num_keypoints", visible);
    }
    if (first.source == ShapeSource::Model && first.score >= 0) w.member("score", first.score);
    w.member("track_id", g.object->id);
    // CVAT-style attributes: static ones, then the shape's per-frame ones.
    AttributeMap attrs = g.object->attributes;
    for (const Shape* s : {g.box, g.polygon, g.keypoints})
      if (s)
        for (const auto& [k, v] : s->attributes)
          if (k != "iscrowd") attrs.emplace(k, v);
    w.key("attributes");
    write_attributes(w, attrs);
    w.key("vantage").begin_object();
    if (!g.object->attributes.empty()) {
      w.key("object_attributes");
      write_attributes(w, g.object->attributes);
    }
    if (derived) w.member("bbox_derived", true);
    if (mask) {
      w.member("mask", "instance");
      if (poly) {  // the polygon is the segmentation: the mask goes here
        w.key("mask_rle");
        if (mask->polygons.empty()) write_rle(w, mask->counts, mask->height, mask->width);
        else write_mask_segmentation(w, *mask, holes);
      }
    }
    if (g.box) write_shape_meta(w.key("box"), *g.box);
    if (g.polygon) {
      write_shape_meta(w.key("polygon"), *g.polygon);
      if (!poly->holes.empty()) {
        // Holes are kept here for Vantage; other readers see the outer ring.
        w.key("holes").begin_array();
        for (const auto& h : poly->holes) {
          w.begin_array();
          for (const Vec2& p : h)
            w.value(p.x).value(p.y);
          w.end_array();
        }
        w.end_array();
      }
    }
    if (g.keypoints) write_shape_meta(w.key("keypoints"), *g.keypoints);
    w.end_object();
    w.end_object();
  }
};

// [SECTION] import ------------------------------------------------------------

std::string id_key(const FastJson& j) {
  return j.is_string() ? std::string(j.string()) : j.dump();
}

struct ImageInfo {
  std::optional<ImageRef> ref;
  int width = 0, height = 0;
  std::string why;  // when not located
};

std::vector<Vec2> read_flat_points(const FastJson& r) {
  std::vector<double> v;
  r.for_each([&](const FastJson& x) { v.push_back(x.number()); });
  if (v.size() % 2 != 0) r.fail(fmt::format("expected x, y pairs, found {} numbers", v.size()));
  std::vector<Vec2> pts(v.size() / 2);
  for (size_t i = 0; i < pts.size(); ++i)
    pts[i] = {v[2 * i], v[2 * i + 1]};
  return pts;
}


// RLE counts of a segmentation object ({"size": [h, w], "counts": ...}),
// compressed string or list; checked against h * w before anything is
// allocated from them.
RleMask read_rle(const FastJson& seg) {
  const FastJson size = seg.at("size");
  size.expect_array(2, 2);
  RleMask m;
  m.height = size.at(0).int32(1, 1 << 16);
  m.width = size.at(1).int32(1, 1 << 16);
  const FastJson c = seg.at("counts");
  if (c.is_string()) {
    auto cv = rle_counts_from_string(std::string(c.string()));
    if (!cv) c.fail("malformed compressed RLE counts");
    m.counts = std::move(*cv);
  } else {
    c.for_each([&](const FastJson& x) { m.counts.push_back(static_cast<uint32_t>(x.int32(0))); });
  }
  if (!m.valid())
    c.fail(fmt::format("run lengths do not add up to the {}x{} mask", m.width, m.height));
  return m;
}

// A crowd annotation (iscrowd = 1) becomes ignore regions of its image:
// its mask, each polygon part, or its box; class = the category's name.
void read_crowd(ImportContext& ctx, const std::string& fname, const FastJson& a,
                const ImageRef& ref, const std::string& category) {
  std::string reason = kCocoCrowdReason, kind;
  std::optional<FastJson> holes;
  if (auto v = a.find("vantage"))
    if (auto ir = v->find("ignore_region")) {
      reason = ir->string_or("reason", reason);
      kind = ir->string_or("kind", "");
      holes = ir->find("holes");
    }
  auto add = [&](IgnoreGeometry g) { ctx.add_ignore(ref.frame, {ref.camera, std::move(g), category, reason}); };
  const FastJson bb = a.at("bbox");
  bb.expect_array(4, 4);
  const Box2D box{bb.at(0).number(), bb.at(1).number(), bb.at(0).number() + bb.at(2).number(),
                  bb.at(1).number() + bb.at(3).number()};
  const auto seg = a.find("segmentation");
  if (kind == "box" || !seg || (seg->is_array() && seg->size() == 0)) {
    if (!(box.x2 > box.x1 && box.y2 > box.y1))
      return ctx.skip(fname, bb.pointer(), "crowd regions", "empty or negative box");
    return add(box);
  }
  if (seg->is_object()) return add(read_rle(*seg));
  if (!seg->is_array()) seg->expected("a list of polygons or an RLE object");
  size_t parts = 0;
  seg->for_each([&](const FastJson& part) {
    Polygon p;
    p.points = read_flat_points(part);
    if (p.points.size() < 3)
      return ctx.skip(fname, part.pointer(), "crowd regions", "polygon with fewer than 3 points");
    if (parts++ == 0 && holes)
      holes->for_each([&](const FastJson& h) { p.holes.push_back(read_flat_points(h)); });
    add(std::move(p));
  });
  if (parts > 1)
    ctx.report.info("crowd regions of several polygons become one ignore region per polygon");
}

void CocoFormat::import_from(ImportContext& ctx, const fs::path& input) const {
  const fs::path file = find_json(input);
  if (file.empty()) throw FileError(input.string(), "", "no COCO .json file here");
  const FastJsonFile jf(file);
  const std::string& fname = jf.file();
  const FastJson& r = jf.root();
  r.expect_object();

  // Categories.
  struct Category {
    std::string name;
    std::vector<std::string> keypoints;
    std::vector<std::pair<int, int>> skeleton;
  };
  std::map<std::string, Category> categories;
  if (auto cats = r.find("categories")) {
    cats->for_each([&](const FastJson& c) {
      Category cat;
      cat.name = std::string(c.at("name").string());
      if (auto kp = c.find("keypoints"))
        kp->for_each([&](const FastJson& p) { cat.keypoints.emplace_back(p.string()); });
      if (auto sk = c.find("skeleton"))
        sk->for_each([&](const FastJson& e) {
          e.expect_array(2, 2);
          const int a = e.at(0).int32(1, static_cast<int>(cat.keypoints.size()));
          const int b = e.at(1).int32(1, static_cast<int>(cat.keypoints.size()));
          cat.skeleton.push_back({a - 1, b - 1});
        });
      categories[id_key(c.at("id"))] = std::move(cat);
    });
  }

  // Images.
  std::vector<ImageEntry> entries;
  std::vector<std::string> image_keys;
  std::vector<std::optional<int>> exported_frame;
  std::vector<std::string> image_pointer;
  r.at("images").for_each([&](const FastJson& im) {
    image_keys.push_back(id_key(im.at("id")));
    ImageEntry e;
    e.path = std::string(im.at("file_name").string());
    e.width = static_cast<int>(im.integer_or("width", 0));
    e.height = static_cast<int>(im.integer_or("height", 0));
    e.camera = im.string_or("camera", "");
    const fs::path p(e.path);
    e.resolved = p.is_absolute() ? p : file.parent_path() / p;
    entries.push_back(std::move(e));
    std::optional<int> fr;
    if (auto f = im.find("frame")) fr = f->int32(0);
    exported_frame.push_back(fr);
    image_pointer.push_back(im.pointer());
  });
  const size_t n_images = entries.size();
  std::unordered_map<std::string, ImageInfo> image_of;
  if (ctx.building_sequence()) {
    const std::vector<ImageRef> refs = ctx.build_sequence(entries);
    for (size_t i = 0; i < n_images; ++i)
      image_of[image_keys[i]] = {refs[i], entries[i].width, entries[i].height, ""};
  } else {
    for (size_t i = 0; i < n_images; ++i) {
      ImageInfo info{std::nullopt, entries[i].width, entries[i].height, ""};
      info.ref = ctx.locate(entries[i].path, entries[i].camera, info.why);
      // Our own exports also say frame and camera: use them when the path
      // does not match (images moved).
      if (!info.ref && exported_frame[i] && *exported_frame[i] < ctx.doc.sequence.frame_count() &&
          ctx.doc.sequence.camera(*exported_frame[i], entries[i].camera))
        info.ref = ImageRef{*exported_frame[i], entries[i].camera};
      if (!info.ref) ctx.skip(fname, image_pointer[i], "images", info.why);
      image_of[image_keys[i]] = info;
    }
  }

  if (auto inf = r.find("info"))
    if (auto v = inf->find("vantage")) {
      // A keyframes-only export of Vantage: gaps are for interpolation.
      ctx.gaps_are_outside = !v->boolean_or("keyframes_only", false);
      // Metadata written by Vantage comes back when the sequence is built here.
      if (ctx.building_sequence()) {
        AnnotationMetadata& m = ctx.doc.annotations.metadata;
        m.tool = v->string_or("written_by", m.tool);
        m.created_ms = v->integer_or("created_ms", m.created_ms);
        m.modified_ms = v->integer_or("modified_ms", m.modified_ms);
        if (auto a = v->find("annotators")) {
          m.annotators.clear();
          a->for_each([&](const FastJson& x) { m.annotators.emplace_back(x.string()); });
        }
        const std::string seq = v->string_or("sequence", "");
        if (!seq.empty()) ctx.doc.sequence.name = seq;
      }
    }

  // Annotations.
  const FastJson anns = r.at("annotations");
  const size_t n = anns.size();
  ObjectId max_track = -1;
  anns.for_each([&](const FastJson& a) {
    if (!a.is_object()) return;
    if (auto t = a.find("track_id"); t && t->is_number())
      max_track = std::max<ObjectId>(max_track, t->integer());
  });
  if (max_track >= 0) ctx.reserve_ids(max_track);

  static const std::set<std::string_view> kKnown = {
      "id",       "image_id",     "category_id", "bbox",          "area",
      "iscrowd",  "segmentation", "keypoints",   "num_keypoints", "score",
      "track_id", "attributes",   "vantage",     "file_name",     "category_name"};
  std::set<std::string> unknown_fields;
  // Masks (RLE segmentations) per image, put into the document at the end.
  std::map<std::pair<int, std::string>, std::unique_ptr<ImportedLayer>> layers;
  size_t overlaps = 0;
  auto paint = [&](const ImageRef& ref, const RleMask& rle, const std::string& cls, ObjectId object,
                   bool crowd) {
    auto& slot = layers[{ref.frame, ref.camera}];
    if (!slot) slot = std::make_unique<ImportedLayer>(LayerKind::Image, rle.width, rle.height);
    const uint16_t v = slot->label(cls, object, crowd);
    auto& out = slot->values();
    // Column-major runs straight into the row-major labels.
    uint64_t pos = 0;
    bool on = false;
    const uint64_t h = static_cast<uint64_t>(rle.height), w = static_cast<uint64_t>(rle.width);
    for (const uint32_t c : rle.counts) {
      if (on)
        for (uint64_t q = pos; q < pos + c; ++q) {
          uint16_t& px = out[(q % h) * w + q / h];
          overlaps += px != 0;
          px = v;
        }
      pos += c;
      on = !on;
    }
  };
  size_t i = 0;
  anns.for_each([&](const FastJson& a) {
    if (i++ % 1024 == 0) ctx.progress(i, n);
    try {
      a.expect_object();
      a.for_each_member([&](std::string_view k, const FastJson&) {
        if (!kKnown.count(k)) unknown_fields.emplace(k);
      });
      const FastJson image_id = a.at("image_id");
      const auto img = image_of.find(id_key(image_id));
      if (img == image_of.end()) {
        ctx.skip(fname, image_id.pointer(), "annotations", "no image with this id");
        return;
      }
      if (!img->second.ref) {
        ctx.skip(fname, image_id.pointer(), "annotations",
                 fmt::format("its image is not in the sequence ({})", img->second.why));
        return;
      }
      const ImageRef ref = *img->second.ref;
      const FastJson category_id = a.at("category_id");
      const auto cat = categories.find(id_key(category_id));
      if (cat == categories.end()) {
        ctx.skip(fname, category_id.pointer(), "annotations", "no category with this id");
        return;
      }
      const std::optional<FastJson> vm = a.find("vantage");
      const std::string mask_kind = vm ? std::string(vm->string_or("mask", "")) : std::string();
      const auto seg0 = a.find("segmentation");
      const bool rle_seg = seg0 && seg0->is_object();
      if (a.integer_or("iscrowd", 0) == 1 && !(mask_kind == "crowd" && rle_seg)) {
        read_crowd(ctx, fname, a, ref, cat->second.name);
        return;
      }
      const auto cls = ctx.resolve_class(cat->second.name, fname, category_id.pointer());
      if (!cls) return;
      std::optional<RleMask> mask;
      if (rle_seg) {
        mask = read_rle(*seg0);
      } else if (vm) {
        if (auto mr = vm->find("mask_rle"); mr && mr->is_object()) mask = read_rle(*mr);
      }
      if (mask && (mask->width != img->second.width || mask->height != img->second.height) &&
          img->second.width > 0) {
        ctx.skip(fname, seg0 ? seg0->pointer() : a.pointer(), "masks",
                 fmt::format("RLE size {}x{} differs from the {}x{} image", mask->width,
                             mask->height, img->second.width, img->second.height));
        return;
      }
      if (mask && (mask_kind == "crowd" || mask_kind == "stuff")) {
        paint(ref, *mask, *cls, -1, mask_kind == "crowd");
        return;
      }
      ctx.offer_skeleton(*cls, cat->second.keypoints, cat->second.skeleton);
      const int iw = img->second.width, ih = img->second.height;

      const std::optional<FastJson> vmeta = a.find("vantage");
      Shape proto = ctx.make_shape(Box2D{});
      if (auto sc = a.find("score")) proto.score = sc->number();
      AttributeMap plain_attrs;
      if (auto at = a.find("attributes")) plain_attrs = read_fast_attributes(*at);
      auto with_meta = [&](Geometry g, const char* key) {
        Shape s = proto;
        s.geometry = std::move(g);
        if (vmeta) {
          if (auto m = vmeta->find(key)) read_shape_meta(*m, s);
        } else {
          // A foreign file: its attributes go to the shape, schema-static
          // ones to the object (below).
          for (const auto& [k, v] : plain_attrs) {
            const AttributeDef* def = ctx.doc.schema.find_attribute(k);
            if (!def || def->per_frame) s.attributes[k] = v;
          }
        }
        return s;
      };

      std::vector<Shape> shapes;
      const bool derived = vmeta && vmeta->boolean_or("bbox_derived", false);
      const FastJson bb = a.at("bbox");
      bb.expect_array(4, 4);
      double v[4];
      size_t k = 0;
      bb.for_each([&](const FastJson& x) { v[k++] = x.number(); });
      const Box2D box{v[0], v[1], v[0] + v[2], v[1] + v[3]};
      if (!(box.x2 > box.x1 && box.y2 > box.y1)) {
        ctx.skip(fname, bb.pointer(), "annotations", "empty or negative box");
        return;
      }
      if (far_outside_image(box, iw, ih)) {
        ctx.skip(fname, bb.pointer(), "annotations",
                 fmt::format("box far outside the {}x{} image", iw, ih));
        return;
      }
      if (!derived) shapes.push_back(with_meta(box, "box"));

      if (auto seg = a.find("segmentation")) {
        std::vector<Polygon> polys;
        if (seg->is_array()) {
          seg->for_each([&](const FastJson& part) {
            Polygon p;
            p.points = read_flat_points(part);
            if (p.points.size() < 3) {
              ctx.skip(fname, part.pointer(), "polygons", "fewer than 3 points");
              return;
            }
            polys.push_back(std::move(p));
          });
          std::stable_sort(polys.begin(), polys.end(), [](const Polygon& x, const Polygon& y) {
            return ring_area(x.points) > ring_area(y.points);
          });
        } else if (seg->is_object()) {
          // An RLE is a mask: it goes to the camera's segmentation layer
          // (below), pixel for pixel.
        } else {
          seg->expected("a list of polygons or an RLE object");
        }
        if (!polys.empty()) {
          if (polys.size() > 1)
            ctx.skip(fname, seg->pointer(), "polygon parts",
                     fmt::format("a Vantage polygon has one outer ring: the largest of {} parts "
                                 "is kept",
                                 polys.size()));
          Polygon p = std::move(polys.front());
          if (vmeta)
            if (auto hs = vmeta->find("holes"))
              hs->for_each([&](const FastJson& h) { p.holes.push_back(read_flat_points(h)); });
          shapes.push_back(with_meta(std::move(p), "polygon"));
        }
      }

      if (auto kp = a.find("keypoints"); kp && kp->size() > 0) {
        std::vector<double> vals;
        kp->for_each([&](const FastJson& x) { vals.push_back(x.number()); });
        if (vals.size() % 3 != 0)
          kp->fail(fmt::format("expected x, y, v triples, found {} numbers", vals.size()));
        Keypoints kps;
        kps.points.resize(vals.size() / 3);
        bool bad = false;
        for (size_t j = 0; j < kps.points.size(); ++j) {
          kps.points[j].position = {vals[3 * j], vals[3 * j + 1]};
          const double vis = vals[3 * j + 2];
          if (vis != 0 && vis != 1 && vis != 2) {
            ctx.skip(fname, fmt::format("{}/{}", kp->pointer(), 3 * j + 2), "keypoint sets",
                     fmt::format("visibility {} is not 0, 1 or 2", vis));
            bad = true;
            break;
          }
          kps.points[j].visibility = static_cast<uint8_t>(vis);
        }
        if (!bad) shapes.push_back(with_meta(std::move(kps), "keypoints"));
      }
      if (shapes.empty() && !mask) {
        ctx.skip(fname, a.pointer(), "annotations", "no shape left to import");
        return;
      }

      std::optional<ObjectId> track;
      if (auto t = a.find("track_id")) track = t->integer();
      const ObjectId id =
          track ? ctx.object(fmt::format("t{}", *track), *cls, track) : ctx.new_object(*cls);
      Object& obj = ctx.get(id);
      if (vmeta) {
        if (auto oa = vmeta->find("object_attributes"))
          for (auto& [key, val] : read_fast_attributes(*oa))
            obj.attributes[key] = val;
      } else {
        for (const auto& [key, val] : plain_attrs)
          if (const AttributeDef* def = ctx.doc.schema.find_attribute(key); def && !def->per_frame)
            obj.attributes[key] = val;
      }
      for (Shape& s : shapes)
        ctx.add(id, ref.camera, ref.frame, std::move(s));
      if (mask) paint(ref, *mask, *cls, id, false);
    } catch (const FileError& e) {
      ctx.skip(fname, e.location(), "annotations", e.message());
    }
  });
  for (auto& [key, layer] : layers)
    layer->put(ctx, {key.second, key.first});
  if (overlaps)
    ctx.report.limitation("mask pixels claimed by two annotations",
                          "a Vantage layer holds one label per pixel: the later annotation keeps "
                          "them",
                          overlaps);
  if (!unknown_fields.empty()) {
    std::string list;
    for (const std::string& f : unknown_fields)
      list += (list.empty() ? "" : ", ") + f;
    ctx.report.info("annotation fields not imported (no place in Vantage): " + list);
  }
}

}  // namespace

const FormatHandler& coco_format() {
  static const CocoFormat f;
  return f;
}

}  // namespace vantage::core
