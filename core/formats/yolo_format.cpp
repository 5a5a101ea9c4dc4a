// YOLO TXT (Ultralytics layout): labels/<name>.txt per image, data.yaml with
// the class names.
//
// [SECTION] index
//   class list and data.yaml
//   export: detect (class cx cy w h), segment (class x1 y1 x2 y2 ...),
//           pose (class cx cy w h kx ky v ...), all normalised to [0, 1]
//   import: a labels folder (or one .txt) with data.yaml / classes.txt
//
// Coordinates are divided by the image size (from the camera, or read from
// the image) and clipped to [0, 1]; values are written with 6 decimals, the
// precision every YOLO tool writes. Class ids index data.yaml's names: the
// schema's classes in schema order (stable across exports), then classes the
// schema lacks, by name. YOLO has no object ids, attributes or metadata.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "core/formats/format_handler.h"
#include "core/formats/format_util.h"
#include "core/formats/mask_format_util.h"
#include "core/segmentation/mask_tools.h"
#include "core/io/file_util.h"
#include "core/version.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

constexpr int kDecimals = 6;

// [SECTION] class list -----------------------------------------------------------

std::vector<std::string> class_list(const Document& doc) {
  std::vector<std::string> names;
  for (const ClassDef& c : doc.schema.classes)
    names.push_back(c.name);
  std::set<std::string> extra;
  for (const Object& o : doc.annotations.objects)
    if (!doc.schema.find_class(o.class_name)) extra.insert(o.class_name);
  names.insert(names.end(), extra.begin(), extra.end());
  return names;
}

// Ultralytics' flip_idx: the index each keypoint takes in a mirrored image
// (left_* <-> right_*).
std::vector<int> flip_index(const std::vector<std::string>& points) {
  std::vector<int> idx(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    idx[i] = static_cast<int>(i);
    std::string mirror = points[i];
    if (mirror.rfind("left", 0) == 0)
      mirror = "right" + mirror.substr(4);
    else if (mirror.rfind("right", 0) == 0)
      mirror = "left" + mirror.substr(5);
    else
      continue;
    for (size_t j = 0; j < points.size(); ++j)
      if (points[j] == mirror) idx[i] = static_cast<int>(j);
  }
  return idx;
}

struct DataYaml {
  std::vector<std::string> names;
  int kpt_count = 0, kpt_dims = 3;
  bool found = false;
};

constexpr int kMaxKeypoints = 10000;

DataYaml read_data_yaml(const fs::path& file) {
  DataYaml d;
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    throw FileError(file.string(), fmt::format("line {}", e.mark.line + 1),
                    fmt::format("invalid YAML: {}", e.msg));
  }
  d.found = true;
  if (!root || root.IsNull()) return d;  // empty file
  if (!root.IsMap())
    throw FileError(file.string(), "line 1", "expected a map (names:, kpt_shape:, ...)");
  try {
    const YAML::Node names = root["names"];
    if (names.IsSequence()) {
      for (const auto& n : names)
        d.names.push_back(n.as<std::string>());
    } else if (names.IsMap()) {
      std::map<int, std::string> m;
      for (const auto& kv : names)
        m[kv.first.as<int>()] = kv.second.as<std::string>();
      for (const auto& [i, n] : m) {
        if (i < 0 || i > 100000)
          throw FileError(file.string(), "names", fmt::format("class index {} out of range", i));
        if (static_cast<int>(d.names.size()) <= i) d.names.resize(static_cast<size_t>(i) + 1);
        d.names[static_cast<size_t>(i)] = n;
      }
    } else if (names) {
      throw FileError(file.string(), "names", "expected a list or a map of class names");
    }
    if (const YAML::Node k = root["kpt_shape"]; k && k.IsSequence() && k.size() == 2) {
      d.kpt_count = k[0].as<int>();
      d.kpt_dims = k[1].as<int>();
      // Ultralytics' largest skeletons have a few dozen points.
      if (d.kpt_count < 0 || d.kpt_count > kMaxKeypoints || (d.kpt_dims != 2 && d.kpt_dims != 3))
        throw FileError(file.string(), "kpt_shape",
                        fmt::format("expected [count, 2 or 3] with a count of 0 to {}", kMaxKeypoints));
    }
  } catch (const YAML::Exception& e) {
    throw FileError(file.string(), fmt::format("line {}", e.mark.line + 1),
                    fmt::format("unexpected value: {}", e.msg));
  }
  return d;
}

// Overshoots below the printing precision are rounding, not shapes outside
// the image: they are clamped without being reported, and boxes are not
// re-centred for them (which would make export -> import -> export drift).
constexpr double kSlack = 1e-6;

double clip01(double v, bool& clipped) {
  if (v < 0.0) {
    if (v < -kSlack) clipped = true;
    return 0.0;
  }
  if (v > 1.0) {
    if (v > 1.0 + kSlack) clipped = true;
    return 1.0;
  }
  return v;
}

double clamp_slack(double v, double size) {
  const double slack = kSlack * size;
  return v < -slack ? 0.0 : v > size + slack ? size : v;
}

// [SECTION] export ---------------------------------------------------------------

struct Group {
  const Object* object = nullptr;
  const Shape* box = nullptr;
  const Shape* polygon = nullptr;
  const Shape* keypoints = nullptr;
};

class YoloFormat final : public FormatHandler {
 public:
  FormatInfo info() const override { return {FormatId::Yolo, "yolo", "YOLO TXT", true, true}; }

  int detect(const fs::path& input) const override {
    std::error_code ec;
    if (fs::is_directory(input, ec))
      return fs::exists(input / "data.yaml", ec) || fs::exists(input / "classes.txt", ec) ? 65
             : fs::is_directory(input / "labels", ec)                                     ? 40
                                                                                          : 0;
    if (input.extension() != ".txt") return 0;
    // A YOLO line starts with an integer class and has normalised numbers.
    const std::string text = read_file_to_string(input);
    std::vector<std::string_view> toks;
    for (std::string_view line : split_lines(text)) {
      split_ws(line, toks);
      if (toks.empty()) continue;
      int64_t c = 0;
      double v = 0;
      if (!parse_int(toks[0], c) || toks.size() < 5) return 0;
      for (size_t i = 1; i < toks.size(); ++i)
        if (!parse_double(toks[i], v) || v < -0.01 || v > 1.01) return 0;
      return 45;
    }
    return 0;
  }

  void export_to(const ExportSelection& sel, const fs::path& out_dir, const ExportOptions& options,
                 FormatReport& report) const override {
    const Document& doc = sel.doc();
    YoloTask task = options.yolo_task;
    const auto mask_layers = sel.mask_layers(LayerKind::Image);
    if (task == YoloTask::Auto)
      task = sel.count(ShapeKind::Keypoints) ? YoloTask::Pose
             : sel.count(ShapeKind::Polygon) || !mask_layers.empty() ? YoloTask::Segment
                                                                     : YoloTask::Detect;
    if (task != YoloTask::Segment)
      sel.report_masks_unsupported(
          LayerKind::Image, fmt::format("YOLO {} labels hold no masks", to_string(task)));
    report.info(fmt::format("YOLO {} labels", to_string(task)));
    sel.report_unsupported(ShapeKind::Cuboid, "YOLO has no 3D");
    sel.report_unsupported(ShapeKind::Polyline, "YOLO has no polylines");
    if (task != YoloTask::Pose)
      sel.report_unsupported(ShapeKind::Keypoints,
                             fmt::format("YOLO {} labels hold no keypoints", to_string(task)));
    sel.report_document_extras("YOLO", false);
    sel.report_masks_unsupported(LayerKind::Points, "YOLO has no point clouds");
    sel.report_attributes("YOLO labels have no attributes");
    sel.report_ignore_regions_unsupported(
        "YOLO has no ignore regions (they are left out, not written as a class)");
    if (sel.object_count())
      report.limitation("object ids not exported", "YOLO labels have no ids", sel.object_count());
    report.info(
        "YOLO keeps no object ids, attributes, occlusion, truncation or annotation metadata");

    const std::vector<std::string> names = class_list(doc);
    std::map<std::string, int> index;
    for (size_t i = 0; i < names.size(); ++i)
      index[names[i]] = static_cast<int>(i);

    // Pose: one keypoint count for the whole dataset (Ultralytics' rule).
    std::vector<std::string> kpt_names;
    if (task == YoloTask::Pose) {
      for (const int f : sel.frames())
        for (const ExportItem& it : sel.at(f))
          if (it.shape->kind() == ShapeKind::Keypoints)
            if (const ClassDef* c = doc.schema.find_class(it.object->class_name);
                c && !c->skeleton.empty())
              if (const Skeleton* sk = doc.schema.find_skeleton(c->skeleton);
                  sk && sk->points.size() > kpt_names.size())
                kpt_names = sk->points;
      size_t most = kpt_names.size();
      for (const int f : sel.frames())
        for (const ExportItem& it : sel.at(f))
          if (const Keypoints* k = it.shape->as<Keypoints>())
            most = std::max(most, k->points.size());
      while (kpt_names.size() < most)
        kpt_names.push_back(fmt::format("kp{}", kpt_names.size()));
    }
    const size_t K = kpt_names.size();

    const bool several = sel.cameras().size() > 1;
    size_t clipped = 0, scores = 0, done = 0, mask_rows = 0, mask_holes = 0, masks_out = 0;
    std::set<ObjectId> objects;
    std::string line;
    for (const int f : sel.frames()) {
      sel.progress(done++, sel.frames().size());
      const auto& items = sel.at(f);
      for (const std::string& cam : sel.cameras()) {
        const Camera* c = doc.sequence.camera(f, cam);
        const double W = c ? c->width : 0, H = c ? c->height : 0;
        const std::string stem = image_label_stem(f, cam, several);
        std::vector<Group> groups;
        for (const ExportItem& it : items) {
          if (it.track->sensor != cam || is_3d(it.track->kind)) continue;
          if (groups.empty() || groups.back().object != it.object) groups.push_back({it.object});
          Group& g = groups.back();
          if (it.shape->kind() == ShapeKind::Box2D) g.box = it.shape;
          if (it.shape->kind() == ShapeKind::Polygon) g.polygon = it.shape;
          if (it.shape->kind() == ShapeKind::Keypoints) g.keypoints = it.shape;
        }
        if (!groups.empty() && (W <= 0 || H <= 0))
          throw Error(fmt::format(
              "camera {} at frame {} has no image size: YOLO needs it to normalise", cam, f));
        std::string text;
        for (const Group& g : groups) {
          line.clear();
          bool clip = false;
          if (!write_line(line, g, task, index.at(g.object->class_name), W, H, K, clip, report))
            continue;
          text += line;
          text += '\n';
          clipped += clip;
          for (const Shape* s : {g.box, g.polygon, g.keypoints}) {
            if (!s) continue;
            scores += s->score >= 0;
            ++report.shapes;
          }
          objects.insert(g.object->id);
        }
        // Masks: one row per outer ring of each segment (Ultralytics'
        // mask -> YOLO converter: external contours, 6 decimals).
        if (const SegLayer* layer = doc.annotations.segmentation.find(cam, f);
            task == YoloTask::Segment && layer && layer->kind == LayerKind::Image) {
          const auto raster = doc.annotations.segmentation.labels({cam, f});
          const auto meaning = label_meanings(doc, *layer);
          std::set<ObjectId> with_polygon;
          for (const Group& g : groups)
            if (g.polygon) with_polygon.insert(g.object->id);
          for (const Segment& seg : layer->segments) {
            if (seg.object >= 0 && with_polygon.count(seg.object)) continue;
            const auto ci = index.find(meaning[seg.id].class_name);
            if (ci == index.end()) continue;
            ++masks_out;
            for (const Polygon& poly : label_polygons(*raster, seg.id)) {
              if (poly.points.size() < 3) continue;
              mask_holes += poly.holes.size();
              line = std::to_string(ci->second);
              bool clip = false;
              for (const Vec2& v : poly.points) {
                put(line, v.x, W, clip);
                put(line, v.y, H, clip);
              }
              text += line;
              text += '\n';
              ++mask_rows;
            }
            if (seg.object >= 0) objects.insert(seg.object);
          }
        }
        write_export_file(out_dir / "labels" / (stem + ".txt"), text, report);
        if (options.copy_images) {
          const fs::path src = image_path(doc, f, cam);
          if (!src.empty())
            copy_export_image(src, out_dir / "images" / (stem + src.extension().string()), report);
        }
        ++report.images;
      }
    }
    if (clipped)
      report.limitation("shapes clipped to the image", "YOLO coordinates lie in [0, 1]", clipped);
    report.limitation("masks exported as outlines",
                      "YOLO segments are polygons through boundary pixel centres (one row per "
                      "part); they rasterise back to slightly different masks",
                      masks_out);
    report.limitation("mask holes not exported", "YOLO rows are single rings", mask_holes);
    if (mask_rows) report.info(fmt::format("{} YOLO rows from masks", mask_rows));
    if (scores) report.limitation("scores not exported", "YOLO labels hold no confidence", scores);
    report.objects = objects.size();

    YAML::Emitter y;
    y << YAML::Comment(
        fmt::format("Written by {} from sequence '{}'", kToolName, doc.sequence.name));
    y << YAML::BeginMap;
    y << YAML::Key << "path" << YAML::Value << ".";
    y << YAML::Key << "train" << YAML::Value << "images";
    y << YAML::Key << "val" << YAML::Value << "images";
    y << YAML::Key << "nc" << YAML::Value << static_cast<int>(names.size());
    y << YAML::Key << "names" << YAML::Value << YAML::BeginMap;
    for (size_t i = 0; i < names.size(); ++i)
      y << YAML::Key << static_cast<int>(i) << YAML::Value << names[i];
    y << YAML::EndMap;
    if (task == YoloTask::Pose) {
      y << YAML::Key << "kpt_shape" << YAML::Value << YAML::Flow << YAML::BeginSeq
        << static_cast<int>(K) << 3 << YAML::EndSeq;
      y << YAML::Key << "flip_idx" << YAML::Value << YAML::Flow << flip_index(kpt_names);
      y << YAML::Key << "kpt_names" << YAML::Value << YAML::Flow << kpt_names;
    }
    y << YAML::EndMap;
    write_export_file(out_dir / "data.yaml", std::string(y.c_str()) + "\n", report);
  }

  void import_from(ImportContext& ctx, const fs::path& input) const override;

 private:
  static void put(std::string& out, double v, double size, bool& clipped) {
    out += ' ';
    append_fixed(out, clip01(v / size, clipped), kDecimals);
  }

  static bool write_line(std::string& out, const Group& g, YoloTask task, int cls, double W,
                         double H, size_t K, bool& clipped, FormatReport& report) {
    const Box2D* box = g.box ? g.box->as<Box2D>() : nullptr;
    const Polygon* poly = g.polygon ? g.polygon->as<Polygon>() : nullptr;
    const Keypoints* kps = g.keypoints ? g.keypoints->as<Keypoints>() : nullptr;
    auto bounds = [](const std::vector<Vec2>& pts) {
      Box2D b{pts.front().x, pts.front().y, pts.front().x, pts.front().y};
      for (const Vec2& p : pts)
        b.x1 = std::min(b.x1, p.x), b.y1 = std::min(b.y1, p.y), b.x2 = std::max(b.x2, p.x),
        b.y2 = std::max(b.y2, p.y);
      return b;
    };
    auto write_box = [&](Box2D b) {
      b.x1 = clamp_slack(b.x1, W), b.x2 = clamp_slack(b.x2, W);
      b.y1 = clamp_slack(b.y1, H), b.y2 = clamp_slack(b.y2, H);
      if (b.x2 <= b.x1 || b.y2 <= b.y1) return false;
      fmt::format_to(std::back_inserter(out), "{}", cls);
      put(out, (b.x1 + b.x2) / 2, W, clipped);
      put(out, (b.y1 + b.y2) / 2, H, clipped);
      put(out, b.x2 - b.x1, W, clipped);
      put(out, b.y2 - b.y1, H, clipped);
      return true;
    };
    auto outside = [&](const Box2D& b) {
      return b.x1 < -kSlack * W || b.y1 < -kSlack * H || b.x2 > W * (1 + kSlack) ||
             b.y2 > H * (1 + kSlack);
    };
    switch (task) {
      case YoloTask::Segment: {
        std::vector<Vec2> ring;
        if (poly) {
          ring = poly->points;
          if (!poly->holes.empty())
            report.limitation("polygon holes not exported", "YOLO polygons have no holes",
                        poly->holes.size());
          if (box)
            report.limitation("2D boxes not exported", "YOLO segmentation labels hold the polygon only");
        } else if (box) {
          ring = {{box->x1, box->y1}, {box->x2, box->y1}, {box->x2, box->y2}, {box->x1, box->y2}};
          report.note("2D boxes exported as 4-point polygons",
                      "YOLO segmentation labels hold polygons only");
        } else {
          return false;
        }
        fmt::format_to(std::back_inserter(out), "{}", cls);
        for (const Vec2& p : ring)
          put(out, p.x, W, clipped), put(out, p.y, H, clipped);
        return true;
      }
      case YoloTask::Pose: {
        Box2D b{};
        if (box)
          b = *box;
        else if (poly)
          b = bounds(poly->points);
        else if (kps && !kps->points.empty()) {
          std::vector<Vec2> vis;
          for (const Keypoint& k : kps->points)
            if (k.visibility) vis.push_back(k.position);
          if (vis.empty()) return false;
          b = bounds(vis);
        } else {
          return false;
        }
        if (poly) report.limitation("polygons not exported", "YOLO pose labels hold a box and keypoints");
        clipped |= outside(b);
        if (!write_box(b)) return false;
        if (!kps)
          report.note("objects exported without keypoints",
                      "their keypoints are written as not labelled");
        else if (kps->points.size() != K)
          report.note("keypoint sets padded",
                      fmt::format("YOLO pose needs {} keypoints per object", K));
        for (size_t i = 0; i < K; ++i) {
          const Keypoint* k = kps && i < kps->points.size() ? &kps->points[i] : nullptr;
          if (!k || k->visibility == 0 || k->position.x < 0 || k->position.y < 0 ||
              k->position.x > W || k->position.y > H) {
            if (k && k->visibility) clipped = true;
            out += " 0.000000 0.000000 0";
            continue;
          }
          put(out, k->position.x, W, clipped), put(out, k->position.y, H, clipped);
          fmt::format_to(std::back_inserter(out), " {}", static_cast<int>(k->visibility));
        }
        return true;
      }
      default: {
        Box2D b{};
        if (box)
          b = *box;
        else if (poly) {
          b = bounds(poly->points);
          report.limitation("polygons exported as their bounding boxes",
                      "YOLO detection labels hold boxes only");
        } else {
          return false;
        }
        clipped |= outside(b);
        return write_box(b);
      }
    }
  }
};

// [SECTION] import ---------------------------------------------------------------

fs::path find_upwards(const fs::path& start, const char* name, int levels) {
  std::error_code ec;
  fs::path dir = start;
  for (int i = 0; i <= levels && !dir.empty(); ++i) {
    if (fs::is_regular_file(dir / name, ec)) return dir / name;
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return {};
}

fs::path find_image(const fs::path& images_root, const fs::path& rel_stem) {
  std::error_code ec;
  for (const char* ext : {".png", ".jpg", ".jpeg", ".bmp", ".PNG", ".JPG", ".JPEG"}) {
    fs::path p = images_root / rel_stem;
    p += ext;
    if (fs::is_regular_file(p, ec)) return p;
  }
  return {};
}

void YoloFormat::import_from(ImportContext& ctx, const fs::path& input) const {
  std::error_code ec;
  const bool dir = fs::is_directory(input, ec);
  const fs::path root = dir ? input : input.parent_path();
  // Class names: data.yaml, else LabelImg's classes.txt, else the indices.
  DataYaml data;
  const fs::path yaml = find_upwards(root, "data.yaml", dir ? 0 : 3);
  if (!yaml.empty()) data = read_data_yaml(yaml);
  fs::path classes_txt;
  if (!data.found) {
    classes_txt = find_upwards(root, "classes.txt", dir ? 0 : 2);
    if (!classes_txt.empty()) {
      const std::string t = read_file_to_string(classes_txt);
      for (std::string_view l : split_lines(t))
        if (!l.empty()) data.names.emplace_back(l);
    } else {
      ctx.report.info("no data.yaml or classes.txt: class names are the class indices");
    }
  }
  // Label files and the folder their relative paths start from.
  fs::path labels_root = dir ? (fs::is_directory(input / "labels", ec) ? input / "labels" : input)
                             : input.parent_path();
  std::vector<fs::path> files =
      dir ? files_with_extension(labels_root, ".txt") : std::vector<fs::path>{input};
  files.erase(std::remove_if(files.begin(), files.end(),
                             [&](const fs::path& p) {
                               return p == classes_txt || p.filename() == "classes.txt";
                             }),
              files.end());
  if (files.empty()) throw FileError(input.string(), "", "no YOLO label files (.txt) here");
  // Images: the "labels" -> "images" sibling (Ultralytics' rule), else beside.
  fs::path images_root =
      labels_root.filename() == "labels" ? labels_root.parent_path() / "images" : labels_root;

  std::vector<std::optional<ImageRef>> refs(files.size());
  std::vector<std::string> rel(files.size());
  for (size_t i = 0; i < files.size(); ++i)
    rel[i] = files[i].lexically_relative(labels_root).replace_extension().generic_string();
  if (ctx.building_sequence()) {
    std::vector<ImageEntry> entries;
    std::vector<size_t> which;
    for (size_t i = 0; i < files.size(); ++i) {
      const fs::path img = find_image(images_root, rel[i]);
      const auto size = probe_image_size(img);
      if (!size) {
        ctx.skip(files[i].string(), "", "label files",
                 "no image found to give the size the coordinates are normalised by");
        continue;
      }
      ImageEntry e;
      e.path = img.lexically_relative(images_root).generic_string();
      e.resolved = img;
      e.width = size->first, e.height = size->second;
      const fs::path parent = fs::path(rel[i]).parent_path();
      e.camera = parent.empty() ? "camera" : parent.filename().string();
      entries.push_back(std::move(e));
      which.push_back(i);
    }
    const auto built = ctx.build_sequence(entries);
    for (size_t k = 0; k < which.size(); ++k)
      refs[which[k]] = built[k];
  } else {
    for (size_t i = 0; i < files.size(); ++i) {
      std::string why;
      const fs::path parent = fs::path(rel[i]).parent_path();
      refs[i] = ctx.locate(rel[i], parent.empty() ? "" : parent.filename().string(), why);
      if (!refs[i]) ctx.skip(files[i].string(), "", "label files", why);
    }
  }

  std::vector<std::string_view> toks;
  for (size_t i = 0; i < files.size(); ++i) {
    ctx.progress(i, files.size());
    if (!refs[i]) continue;
    const std::string fname = files[i].string();
    // Named, not a structured binding: lambdas below use them (C++17).
    const std::pair<int, int> image_size = ctx.image_size(*refs[i]);
    const int W = image_size.first, H = image_size.second;
    if (W <= 0 || H <= 0) {
      ctx.skip(fname, "", "label files",
               "the image size is unknown (needed to undo the normalisation)");
      continue;
    }
    ++ctx.report.images;
    const std::string text = read_file_to_string(files[i]);
    const auto lines = split_lines(text);
    for (size_t ln = 0; ln < lines.size(); ++ln) {
      split_ws(lines[ln], toks);
      if (toks.empty()) continue;
      const std::string loc = line_location(ln + 1);
      int64_t cls = 0;
      if (!parse_int(toks[0], cls) || cls < 0) {
        ctx.skip(fname, loc, "lines",
                 fmt::format("class '{}' is not a non-negative integer", toks[0]));
        continue;
      }
      std::vector<double> v(toks.size() - 1);
      bool numbers = true;
      for (size_t k = 1; k < toks.size(); ++k)
        numbers &= parse_double(toks[k], v[k - 1]);
      if (!numbers) {
        ctx.skip(fname, loc, "lines", "a value is not a number");
        continue;
      }
      const size_t n = v.size();
      const size_t pose_n =
          data.kpt_count > 0 ? 4 + static_cast<size_t>(data.kpt_count * data.kpt_dims) : 0;
      enum { Det, Seg, Pose, Bad } kind = Bad;
      if (pose_n && (n == pose_n || n == pose_n + 1))
        kind = Pose;
      else if (n == 4 || n == 5)
        kind = Det;
      else if (n >= 6 && n % 2 == 0)
        kind = Seg;
      if (kind == Bad) {
        ctx.skip(
            fname, loc, "lines",
            fmt::format("{} values fit no YOLO layout (detect 5, segment 1+2n, pose {})", n + 1,
                        pose_n ? std::to_string(pose_n + 1) : std::string("needs kpt_shape")));
        continue;
      }
      // Confidence columns (detect with 6 values, pose with one extra) are read as scores.
      const size_t geo_n = kind == Det ? 4 : kind == Pose ? pose_n : n;
      bool in_range = true;
      for (size_t k = 0; k < geo_n; ++k) {
        const bool is_visibility = kind == Pose && k >= 4 && data.kpt_dims == 3 && (k - 4) % 3 == 2;
        if (!is_visibility) in_range &= v[k] >= 0.0 && v[k] <= 1.0;
      }
      if (!in_range) {
        ctx.skip(fname, loc, "lines", "coordinates outside [0, 1]");
        continue;
      }
      const std::string name = static_cast<size_t>(cls) < data.names.size() &&
                                       !data.names[static_cast<size_t>(cls)].empty()
                                   ? data.names[static_cast<size_t>(cls)]
                                   : std::to_string(cls);
      const auto resolved = ctx.resolve_class(name, fname, loc);
      if (!resolved) continue;
      std::vector<Shape> shapes;
      double score = -1;
      if (n > geo_n) score = v[geo_n];
      auto box_shape = [&] {
        const double cx = v[0] * W, cy = v[1] * H, w = v[2] * W, h = v[3] * H;
        return ctx.make_shape(Box2D{cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2});
      };
      if (kind == Det || kind == Pose) {
        if (v[2] <= 0 || v[3] <= 0) {
          ctx.skip(fname, loc, "lines", "box of zero width or height");
          continue;
        }
        shapes.push_back(box_shape());
      }
      if (kind == Seg) {
        Polygon p;
        for (size_t k = 0; k + 1 < n; k += 2)
          p.points.push_back({v[k] * W, v[k + 1] * H});
        shapes.push_back(ctx.make_shape(std::move(p)));
      }
      if (kind == Pose) {
        Keypoints kp;
        bool ok = true;
        for (int k = 0; k < data.kpt_count; ++k) {
          const size_t b = 4 + static_cast<size_t>(k * data.kpt_dims);
          Keypoint p;
          p.position = {v[b] * W, v[b + 1] * H};
          if (data.kpt_dims == 3) {
            const double vis = v[b + 2];
            if (vis != 0 && vis != 1 && vis != 2) ok = false;
            p.visibility = static_cast<uint8_t>(vis);
          } else {
            p.visibility = (v[b] == 0 && v[b + 1] == 0) ? 0 : 2;
          }
          kp.points.push_back(p);
        }
        if (!ok) {
          ctx.skip(fname, loc, "lines", "keypoint visibility is not 0, 1 or 2");
          continue;
        }
        shapes.push_back(ctx.make_shape(std::move(kp)));
      }
      const ObjectId id = ctx.new_object(*resolved);
      for (Shape& s : shapes) {
        s.score = score;
        ctx.add(id, refs[i]->camera, refs[i]->frame, std::move(s));
      }
    }
  }
}

}  // namespace

const FormatHandler& yolo_format() {
  static const YoloFormat f;
  return f;
}

}  // namespace vantage::core
