// Pascal VOC XML: one file per image (Annotations/<name>.xml), read and
// written with pugixml.
//
// [SECTION] index
//   pixel convention
//   attributes and the "vantage" element
//   export (one file per camera frame, ImageSets/Main/default.txt)
//   import (a file or a folder of .xml files)
//
// Pixel convention: VOC boxes are 1-based pixel indices, inclusive: a box
// over pixels 0..9 (0-based) is xmin = 1, xmax = 10. In Vantage's continuous
// coordinates that box is x1 = 0, x2 = 10, so
//     xmin = x1 + 1, ymin = y1 + 1, xmax = x2, ymax = y2
// and back x1 = xmin - 1, x2 = xmax (Detectron2 and torchvision read VOC the
// same way). Non-integral coordinates are written as exact decimals.
//
// VOC has a truncated and an occluded flag (0/1), difficult and pose; exact
// truncation and occlusion levels, keyframe, source, annotator, times and the
// object id are kept in a <vantage> element, attributes in a CVAT-style
// <attributes> list. Readers that do not know them ignore them.
#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "core/formats/format_handler.h"
#include "core/formats/format_util.h"
#include "core/formats/mask_format_util.h"
#include "core/formats/palette_png.h"
#include "core/segmentation/mask_tools.h"
#include "core/io/file_util.h"
#include "core/version.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

// The 20 VOC classes by index (devkit order, alphabetical).
const char* const kVocNames[21] = {"background", "aeroplane", "bicycle", "bird", "boat",
                                   "bottle", "bus", "car", "cat", "chair", "cow",
                                   "diningtable", "dog", "horse", "motorbike", "person",
                                   "pottedplant", "sheep", "sofa", "train", "tvmonitor"};

// Class index in SegmentationClass images: the class's "voc" label id, or
// an index from 21 up for classes VOC does not have (listed in labelmap.txt).
class VocClassIndex {
 public:
  explicit VocClassIndex(const Schema& schema) {
    int next = 21;
    for (const ClassDef& c : schema.classes) {
      const auto it = c.label_ids.find("voc");
      if (it != c.label_ids.end() && it->second >= 1 && it->second <= 254) {
        index_[c.name] = it->second;
        if (!name_.count(it->second)) name_[it->second] = c.name;
      }
    }
    for (const ClassDef& c : schema.classes)
      if (!index_.count(c.name) && c.mask != MaskKind::None && next <= 254) {
        index_[c.name] = next;
        name_[next++] = c.name;
      }
  }
  int index(const std::string& cls) const {
    const auto it = index_.find(cls);
    return it == index_.end() ? -1 : it->second;
  }
  std::string name(int i) const {
    const auto it = name_.find(i);
    return it != name_.end() ? it->second : i <= 20 ? kVocNames[i] : fmt::format("class_{}", i);
  }

 private:
  std::map<std::string, int> index_;
  std::map<int, std::string> name_;
};

// [SECTION] attributes ----------------------------------------------------------

const char* type_name(const AttributeValue& v) {
  switch (v.index()) {
    case 0:
      return "bool";
    case 1:
      return "number";
    case 2:
      return "text";
    default:
      return "vec";
  }
}

std::string value_text(const AttributeValue& v) {
  if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const double* d = std::get_if<double>(&v)) return format_double(*d);
  if (const std::string* s = std::get_if<std::string>(&v)) return *s;
  std::string out;
  for (const double d : std::get<std::vector<double>>(v)) {
    if (!out.empty()) out += ' ';
    append_double(out, d);
  }
  return out;
}

std::optional<AttributeValue> value_from_text(const std::string& text, const std::string& type,
                                              const AttributeDef* def) {
  std::string t = type;
  if (t.empty() && def)
    t = def->type == AttributeType::Bool     ? "bool"
        : def->type == AttributeType::Number ? "number"
                                             : "text";
  double d = 0;
  if (t.empty()) {  // a foreign file and an attribute the schema does not know: guess
    if (text == "true" || text == "false") return AttributeValue(text == "true");
    if (parse_double(text, d)) return AttributeValue(d);
    return AttributeValue(text);
  }
  if (t == "bool") {
    if (text == "true" || text == "1") return AttributeValue(true);
    if (text == "false" || text == "0") return AttributeValue(false);
    return std::nullopt;
  }
  if (t == "number") return parse_double(text, d) ? std::optional<AttributeValue>(d) : std::nullopt;
  if (t == "vec") {
    std::vector<std::string_view> toks;
    split_ws(text, toks);
    std::vector<double> v(toks.size());
    for (size_t i = 0; i < toks.size(); ++i)
      if (!parse_double(toks[i], v[i])) return std::nullopt;
    return AttributeValue(v);
  }
  return AttributeValue(text);
}

void write_attribute_list(pugi::xml_node parent, const char* name, const AttributeMap& attrs) {
  if (attrs.empty()) return;
  pugi::xml_node list = parent.append_child(name);
  for (const auto& [k, v] : attrs) {
    pugi::xml_node a = list.append_child("attribute");
    a.append_attribute("type") = type_name(v);
    a.append_child("name").text() = k.c_str();
    a.append_child("value").text() = value_text(v).c_str();
  }
}

void set_text(pugi::xml_node parent, const char* name, const std::string& text) {
  parent.append_child(name).text() = text.c_str();
}

// Line number of a byte offset in the file (for messages).
size_t line_of(const std::string& text, ptrdiff_t offset) {
  size_t line = 1;
  for (ptrdiff_t i = 0; i < offset && i < static_cast<ptrdiff_t>(text.size()); ++i)
    line += text[static_cast<size_t>(i)] == '\n';
  return line;
}

// Line numbers of increasing offsets in one text, counted once.
class LineCounter {
 public:
  explicit LineCounter(const std::string& text) : text_(text) {}
  size_t at(ptrdiff_t offset) {
    const size_t off = std::min(static_cast<size_t>(std::max<ptrdiff_t>(offset, 0)), text_.size());
    if (off < pos_) pos_ = 0, line_ = 1;
    for (; pos_ < off; ++pos_)
      line_ += text_[pos_] == '\n';
    return line_;
  }

 private:
  const std::string& text_;
  size_t pos_ = 0, line_ = 1;
};

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

// [SECTION] export --------------------------------------------------------------

class VocFormat final : public FormatHandler {
 public:
  FormatInfo info() const override { return {FormatId::Voc, "voc", "Pascal VOC XML", true, true}; }

  int detect(const fs::path& input) const override {
    std::error_code ec;
    if (fs::is_regular_file(input, ec)) return input.extension() == ".xml" ? 70 : 0;
    if (!fs::is_directory(input, ec)) return 0;
    if (fs::is_directory(input / "Annotations", ec)) return 70;
    for (const auto& e : fs::directory_iterator(input, ec))
      if (e.path().extension() == ".xml") return 50;
    return 0;
  }

  void export_to(const ExportSelection& sel, const fs::path& out_dir, const ExportOptions& options,
                 FormatReport& report) const override {
    const Document& doc = sel.doc();
    sel.report_unsupported(ShapeKind::Cuboid, "Pascal VOC has no 3D");
    sel.report_unsupported(ShapeKind::Polygon, "Pascal VOC XML holds boxes only");
    sel.report_unsupported(ShapeKind::Polyline, "Pascal VOC XML holds boxes only");
    sel.report_unsupported(ShapeKind::Keypoints, "Pascal VOC XML holds boxes only");
    sel.report_document_extras("Pascal VOC", false);
    sel.report_masks_unsupported(LayerKind::Points, "Pascal VOC has no point clouds");
    const bool several = sel.cameras().size() > 1;
    std::string image_set, seg_set;
    std::set<ObjectId> objects;
    const VocClassIndex class_index(doc.schema);
    std::set<int> used_indices;
    size_t crowd_pixels = 0;
    size_t done = 0;
    const AnnotationMetadata& meta = doc.annotations.metadata;
    std::string annotators;
    for (const std::string& a : meta.annotators)
      annotators += (annotators.empty() ? "" : ", ") + a;
    for (const int f : sel.frames()) {
      sel.progress(done++, sel.frames().size());
      const auto& items = sel.at(f);
      for (const std::string& cam : sel.cameras()) {
        const std::string stem = image_label_stem(f, cam, several);
        const Camera* c = doc.sequence.camera(f, cam);
        const auto& files = doc.sequence.frames[static_cast<size_t>(f)].files;
        const auto file_it = files.find(cam);
        std::string rel =
            file_it != files.end() ? fs::path(file_it->second).generic_string() : std::string();
        if (options.copy_images && file_it != files.end()) {
          const fs::path src = image_path(doc, f, cam);
          rel = "JPEGImages/" + stem + src.extension().string();
          copy_export_image(src, out_dir / rel, report);
        }
        pugi::xml_document x;
        pugi::xml_node ann = x.append_child("annotation");
        set_text(ann, "folder", cam);
        set_text(ann, "filename", rel.empty() ? stem + ".png" : fs::path(rel).filename().string());
        if (!rel.empty()) set_text(ann, "path", rel);
        pugi::xml_node src = ann.append_child("source");
        set_text(src, "database",
                 doc.sequence.name.empty() ? std::string("Vantage") : doc.sequence.name);
        set_text(src, "annotation", kToolName);
        set_text(src, "image", fmt::format("frame {}", f));
        if (!annotators.empty()) set_text(ann.append_child("owner"), "name", annotators);
        pugi::xml_node size = ann.append_child("size");
        set_text(size, "width", std::to_string(c ? c->width : 0));
        set_text(size, "height", std::to_string(c ? c->height : 0));
        set_text(size, "depth", "3");
        const SegLayer* layer = doc.annotations.segmentation.find(cam, f);
        set_text(ann, "segmented", layer ? "1" : "0");
        // XML object order = SegmentationObject index (1-based).
        std::map<ObjectId, int> object_index;
        for (const ExportItem& it : items) {
          if (it.track->sensor != cam || it.shape->kind() != ShapeKind::Box2D) continue;
          write_object(ann, *it.object, *it.shape);
          object_index.emplace(it.object->id, static_cast<int>(object_index.size()) + 1);
          ++report.shapes;
          objects.insert(it.object->id);
        }
        if (layer && layer->kind == LayerKind::Image) {
          const auto raster = doc.annotations.segmentation.labels({cam, f});
          const cv::Mat labels = raster->to_mat();
          const auto meaning = label_meanings(doc, *layer);
          // Masked objects without a box get an XML object (their mask's
          // bounds, marked mask_only) so the index stays the XML order.
          for (const Segment& seg : layer->segments) {
            if (seg.object < 0 || seg.crowd || object_index.count(seg.object)) continue;
            const Object* o = doc.annotations.find(seg.object);
            if (!o) continue;
            const PixelRect b = label_bounds(*raster, seg.id);
            if (b.empty()) continue;
            Shape box;
            box.geometry = Box2D{double(b.x0), double(b.y0), double(b.x1), double(b.y1)};
            pugi::xml_node xo = write_object(ann, *o, box);
            set_text(xo.child("vantage"), "mask_only", "1");
            object_index.emplace(seg.object, static_cast<int>(object_index.size()) + 1);
            objects.insert(seg.object);
          }
          std::vector<uint8_t> cls_of(meaning.size(), 0), obj_of(meaning.size(), 0);
          bool bad = false;
          for (size_t v = 1; v < meaning.size(); ++v) {
            const LabelMeaning& m = meaning[v];
            if (!m.segment) continue;
            if (m.crowd) {
              cls_of[v] = obj_of[v] = 255;
              crowd_pixels += m.segment->area;
              continue;
            }
            const int ci = m.class_def ? class_index.index(m.class_def->name) : -1;
            if (ci < 1 || ci > 254) {
              report.skip(cam, fmt::format("frame {}", f), "masks",
                          fmt::format("class '{}' has no VOC index (at most 254 classes)",
                                      m.class_name));
              bad = true;
              continue;
            }
            cls_of[v] = static_cast<uint8_t>(ci);
            used_indices.insert(ci);
            if (m.thing) {
              const int k = object_index.at(m.segment->object);
              if (k > 254) {
                report.skip(cam, fmt::format("frame {}", f), "masks",
                            "more than 254 objects in one image (SegmentationObject is 8-bit)");
                bad = true;
              }
              obj_of[v] = static_cast<uint8_t>(std::min(k, 254));
            }
          }
          if (!bad) {
            cv::Mat ci(labels.size(), CV_8U), oi(labels.size(), CV_8U);
            for (int y = 0; y < labels.rows; ++y) {
              const uint16_t* in = labels.ptr<uint16_t>(y);
              uint8_t* crow = ci.ptr<uint8_t>(y);
              uint8_t* orow = oi.ptr<uint8_t>(y);
              for (int px = 0; px < labels.cols; ++px) {
                const uint16_t v = in[px];
                crow[px] = v < cls_of.size() ? cls_of[v] : 0;
                orow[px] = v < obj_of.size() ? obj_of[v] : 0;
              }
            }
            const auto palette = voc_palette();
            write_export_file(out_dir / "SegmentationClass" / (stem + ".png"),
                              encode_palette_png(ci, palette), report);
            write_export_file(out_dir / "SegmentationObject" / (stem + ".png"),
                              encode_palette_png(oi, palette), report);
            seg_set += stem + "\n";
          }
        }
        // Ignore regions: VOC's convention is an object marked difficult
        // (evaluation neither rewards nor penalises detections on it).
        for (const IgnoreRegion& r : doc.annotations.ignore_regions_at(f)) {
          if (r.sensor != cam) continue;
          if (!std::holds_alternative<Box2D>(r.geometry))
            report.alter("", fmt::format("frame {}, camera {}, ignore region ({})", f, cam,
                                         r.kind_name()),
                         "ignore regions", "written as its bounding box (VOC objects are boxes)");
          write_ignore_region(ann, r);
          ++report.ignore_regions;
        }
        StringWriter wr;
        x.save(wr, "  ", pugi::format_default, pugi::encoding_utf8);
        write_export_file(out_dir / "Annotations" / (stem + ".xml"), wr.out, report);
        image_set += stem + "\n";
        ++report.images;
      }
    }
    write_export_file(out_dir / "ImageSets" / "Main" / "default.txt", image_set, report);
    if (!seg_set.empty()) {
      write_export_file(out_dir / "ImageSets" / "Segmentation" / "default.txt", seg_set, report);
      // CVAT's labelmap.txt: name:r,g,b:: per class index used (colour =
      // the index's VOC palette entry).
      std::string map = "# label:color_rgb:parts:actions\nbackground:0,0,0::\n";
      for (const int i : used_indices) {
        const PaletteColor c = voc_color(i);
        map += fmt::format("{}:{},{},{}::\n", class_index.name(i), c[0], c[1], c[2]);
      }
      write_export_file(out_dir / "labelmap.txt", map, report);
    }
    if (crowd_pixels)
      report.limitation("crowd mask pixels written as void (255)",
                        "VOC has no crowd regions; 255 is void and reads back unlabelled",
                        crowd_pixels);
    report.objects = objects.size();
  }

  void import_from(ImportContext& ctx, const fs::path& input) const override;

 private:
  static void write_ignore_region(pugi::xml_node ann, const IgnoreRegion& r) {
    const Box2D b = r.bounds();
    pugi::xml_node obj = ann.append_child("object");
    set_text(obj, "name", r.class_name.empty() ? std::string("DontCare") : r.class_name);
    set_text(obj, "pose", "Unspecified");
    set_text(obj, "truncated", "0");
    set_text(obj, "occluded", "0");
    set_text(obj, "difficult", "1");
    pugi::xml_node bb = obj.append_child("bndbox");
    set_text(bb, "xmin", format_double(b.x1 + 1.0));
    set_text(bb, "ymin", format_double(b.y1 + 1.0));
    set_text(bb, "xmax", format_double(b.x2));
    set_text(bb, "ymax", format_double(b.y2));
    pugi::xml_node v = obj.append_child("vantage");
    set_text(v, "ignore_region", r.reason.empty() ? std::string("1") : r.reason);
  }

  static pugi::xml_node write_object(pugi::xml_node ann, const Object& o, const Shape& s) {
    const Box2D& b = *s.as<Box2D>();
    pugi::xml_node obj = ann.append_child("object");
    set_text(obj, "name", o.class_name);
    const auto pose = s.attributes.find("voc_pose");
    set_text(obj, "pose",
             pose != s.attributes.end() && std::holds_alternative<std::string>(pose->second)
                 ? std::get<std::string>(pose->second)
                 : std::string("Unspecified"));
    set_text(obj, "truncated", s.truncation > 0 ? "1" : "0");
    set_text(obj, "occluded", s.occlusion > 0 ? "1" : "0");
    const auto diff = s.attributes.find("difficult");
    const bool difficult = diff != s.attributes.end() &&
                           std::holds_alternative<bool>(diff->second) &&
                           std::get<bool>(diff->second);
    set_text(obj, "difficult", difficult ? "1" : "0");
    pugi::xml_node bb = obj.append_child("bndbox");
    set_text(bb, "xmin", format_double(b.x1 + 1.0));
    set_text(bb, "ymin", format_double(b.y1 + 1.0));
    set_text(bb, "xmax", format_double(b.x2));
    set_text(bb, "ymax", format_double(b.y2));
    AttributeMap attrs = s.attributes;
    attrs.erase("voc_pose");
    attrs.erase("difficult");
    write_attribute_list(obj, "attributes", attrs);
    pugi::xml_node v = obj.append_child("vantage");
    set_text(v, "track_id", std::to_string(o.id));
    set_text(v, "keyframe", s.keyframe ? "1" : "0");
    set_text(v, "source", to_string(s.source));
    if (s.occlusion) set_text(v, "occlusion", std::to_string(s.occlusion));
    if (s.truncation != 0.0) set_text(v, "truncation", format_double(s.truncation));
    if (s.score >= 0) set_text(v, "score", format_double(s.score));
    if (!s.annotator.empty()) set_text(v, "annotator", s.annotator);
    if (s.created_ms) set_text(v, "created_ms", std::to_string(s.created_ms));
    if (s.modified_ms) set_text(v, "modified_ms", std::to_string(s.modified_ms));
    write_attribute_list(v, "object_attributes", o.attributes);
    return obj;
  }
};

// [SECTION] import ----------------------------------------------------------------

struct ParsedFile {
  fs::path path;
  std::string text;
  pugi::xml_document xml;
  std::optional<ImageRef> ref;
};

void import_segmentation(ImportContext& ctx, const ImageRef& ref, const fs::path& xml,
                         const std::vector<ObjectId>& object_at, int iw, int ih);

void VocFormat::import_from(ImportContext& ctx, const fs::path& input) const {
  std::vector<fs::path> paths;
  std::error_code ec;
  if (fs::is_directory(input, ec)) {
    paths = files_with_extension(
        fs::is_directory(input / "Annotations", ec) ? input / "Annotations" : input, ".xml");
    if (paths.empty()) throw FileError(input.string(), "", "no .xml files here");
  } else {
    paths = {input};
  }
  std::vector<std::unique_ptr<ParsedFile>> files;
  for (const fs::path& p : paths) {
    auto pf = std::make_unique<ParsedFile>();
    pf->path = p;
    pf->text = read_file_to_string(p);
    const pugi::xml_parse_result res = pf->xml.load_buffer(pf->text.data(), pf->text.size());
    if (!res) {
      // One broken file does not stop a folder import; a single file does.
      if (paths.size() == 1)
        throw FileError(p.string(), line_location(line_of(pf->text, res.offset)),
                        fmt::format("invalid XML: {}", res.description()));
      ctx.skip(p.string(), line_location(line_of(pf->text, res.offset)), "files",
               fmt::format("invalid XML: {}", res.description()));
      continue;
    }
    if (!pf->xml.child("annotation")) {
      ctx.skip(p.string(), "line 1", "files", "no <annotation> root element");
      continue;
    }
    files.push_back(std::move(pf));
  }

  // Where each file's image is.
  auto image_name = [](const pugi::xml_node& ann) {
    const std::string path = ann.child_value("path");
    if (!path.empty()) return path;
    const std::string folder = ann.child_value("folder");
    const std::string file = ann.child_value("filename");
    return folder.empty() ? file : folder + "/" + file;
  };
  ObjectId max_id = -1;
  for (const auto& pf : files)
    for (pugi::xml_node o : pf->xml.child("annotation").children("object")) {
      int64_t id = 0;
      if (parse_int(o.child("vantage").child_value("track_id"), id))
        max_id = std::max<ObjectId>(max_id, id);
    }
  if (max_id >= 0) ctx.reserve_ids(max_id);
  if (ctx.building_sequence()) {
    std::vector<ImageEntry> entries;
    for (const auto& pf : files) {
      const pugi::xml_node ann = pf->xml.child("annotation");
      ImageEntry e;
      e.path = image_name(ann);
      if (e.path.empty()) e.path = pf->path.stem().string();
      e.camera = ann.child_value("folder");
      e.width = ann.child("size").child("width").text().as_int();
      e.height = ann.child("size").child("height").text().as_int();
      const fs::path p(e.path);
      const fs::path base = pf->path.parent_path();
      for (const fs::path& cand :
           {p, base / p, base.parent_path() / p, base.parent_path() / "JPEGImages" / p.filename(),
            base.parent_path().parent_path() / p})
        if (!cand.empty() && fs::exists(cand, ec)) {
          e.resolved = cand;
          break;
        }
      entries.push_back(std::move(e));
    }
    const std::vector<ImageRef> refs = ctx.build_sequence(entries);
    for (size_t i = 0; i < files.size(); ++i)
      files[i]->ref = refs[i];
  } else {
    for (const auto& pf : files) {
      const pugi::xml_node ann = pf->xml.child("annotation");
      std::string why;
      std::string name = image_name(ann);
      if (name.empty()) name = pf->path.filename().replace_extension().string();
      pf->ref = ctx.locate(name, ann.child_value("folder"), why);
      if (!pf->ref)
        ctx.skip(pf->path.string(), line_location(line_of(pf->text, ann.offset_debug())), "files",
                 why);
    }
  }

  size_t done = 0;
  for (const auto& pf : files) {
    ctx.progress(done++, files.size());
    if (!pf->ref) continue;
    const std::string fname = pf->path.string();
    const auto [iw, ih] = ctx.image_size(*pf->ref);
    ++ctx.report.images;
    LineCounter lines(pf->text);
    std::vector<ObjectId> object_at;  // XML object position -> object (-1: none)
    for (pugi::xml_node o : pf->xml.child("annotation").children("object")) {
      object_at.push_back(-1);
      const std::string loc = line_location(lines.at(o.offset_debug()));
      const std::string cls_name = o.child_value("name");
      // Ignore regions: ours (marked in <vantage>) and difficult DontCare
      // objects (KITTI's regions written as VOC).
      const bool difficult = std::string(o.child_value("difficult")) == "1";
      const pugi::xml_node ignore = o.child("vantage").child("ignore_region");
      const bool is_ignore = ignore || (difficult && cls_name == "DontCare");
      std::optional<std::string> cls;
      if (!is_ignore) {
        cls = ctx.resolve_class(cls_name, fname, loc);
        if (!cls) continue;
      }
      const pugi::xml_node bb = o.child("bndbox");
      double v[4];
      const char* keys[4] = {"xmin", "ymin", "xmax", "ymax"};
      bool ok = static_cast<bool>(bb);
      std::string bad = bb ? "" : "no <bndbox>";
      for (int k = 0; ok && k < 4; ++k)
        if (!parse_double(bb.child_value(keys[k]), v[k])) {
          ok = false;
          bad = fmt::format("<{}> is not a number: '{}'", keys[k], bb.child_value(keys[k]));
        }
      if (!ok) {
        ctx.skip(fname, loc, "objects", bad);
        continue;
      }
      const Box2D box{v[0] - 1.0, v[1] - 1.0, v[2], v[3]};
      if (!(box.x2 > box.x1 && box.y2 > box.y1)) {
        ctx.skip(fname, loc, "objects", "empty or inverted box");
        continue;
      }
      if (far_outside_image(box, iw, ih)) {
        ctx.skip(fname, loc, "objects", fmt::format("box far outside the {}x{} image", iw, ih));
        continue;
      }
      if (is_ignore) {
        std::string reason = ignore ? ignore.child_value() : kKittiDontCareReason;
        if (reason == "1") reason.clear();
        ctx.add_ignore(pf->ref->frame, {pf->ref->camera, box, cls_name, reason});
        continue;
      }
      Shape s = ctx.make_shape(box);
      s.truncation = std::string(o.child_value("truncated")) == "1" ? 1.0 : 0.0;
      s.occlusion = std::string(o.child_value("occluded")) == "1" ? 1 : 0;
      if (std::string(o.child_value("difficult")) == "1") s.attributes["difficult"] = true;
      const std::string pose = o.child_value("pose");
      if (!pose.empty() && pose != "Unspecified") s.attributes["voc_pose"] = pose;
      const pugi::xml_node vm = o.child("vantage");
      AttributeMap static_attrs;
      // Our own files say which attributes are the object's; for others the
      // schema decides (static attributes go to the object).
      auto read_list = [&](pugi::xml_node list, bool object_level) {
        for (pugi::xml_node a : list.children("attribute")) {
          const std::string name = a.child_value("name");
          const AttributeDef* def = ctx.doc.schema.find_attribute(name);
          auto val = value_from_text(a.child_value("value"), a.attribute("type").value(), def);
          if (!val) {
            ctx.skip(fname, line_location(line_of(pf->text, a.offset_debug())), "attributes",
                     fmt::format("'{}': value '{}' does not fit its type", name,
                                 a.child_value("value")));
            continue;
          }
          if (object_level || (!vm && def && !def->per_frame))
            static_attrs[name] = *val;
          else
            s.attributes[name] = *val;
        }
      };
      read_list(o.child("attributes"), false);
      std::optional<ObjectId> track;
      if (vm) {
        int64_t iv = 0;
        double dv = 0;
        if (parse_int(vm.child_value("track_id"), iv)) track = iv;
        s.keyframe = std::string(vm.child_value("keyframe")) != "0";
        if (auto src = shape_source_from_string(vm.child_value("source"))) s.source = *src;
        s.occlusion = parse_int(vm.child_value("occlusion"), iv) && iv >= 0 && iv <= 3
                          ? static_cast<uint8_t>(iv)
                          : 0;
        s.truncation = parse_double(vm.child_value("truncation"), dv) ? dv : 0.0;
        if (parse_double(vm.child_value("score"), dv)) s.score = dv;
        s.annotator = vm.child_value("annotator");
        if (parse_int(vm.child_value("created_ms"), iv)) s.created_ms = iv;
        if (parse_int(vm.child_value("modified_ms"), iv)) s.modified_ms = iv;
        read_list(vm.child("object_attributes"), true);
      }
      const ObjectId id =
          track ? ctx.object(fmt::format("t{}", *track), *cls, track) : ctx.new_object(*cls);
      Object& obj = ctx.get(id);
      for (auto& [k, val] : static_attrs)
        obj.attributes[k] = val;
      object_at.back() = id;
      if (std::string(vm.child_value("mask_only")) == "1") continue;  // its mask's bounds
      ctx.add(id, pf->ref->camera, pf->ref->frame, std::move(s));
    }
    import_segmentation(ctx, *pf->ref, pf->path, object_at, iw, ih);
  }
}

// SegmentationClass / SegmentationObject PNGs of one image (next to the
// Annotations folder): class indices and XML object positions per pixel.
void import_segmentation(ImportContext& ctx, const ImageRef& ref, const fs::path& xml,
                         const std::vector<ObjectId>& object_at, int iw, int ih) {
  const fs::path root = xml.parent_path().parent_path();
  const fs::path cls_file = root / "SegmentationClass" / (xml.stem().string() + ".png");
  std::error_code ec;
  if (!fs::exists(cls_file, ec)) return;
  const cv::Mat cls = decode_palette_png(read_file_to_string(cls_file), cls_file.string());
  const fs::path obj_file = root / "SegmentationObject" / (xml.stem().string() + ".png");
  cv::Mat obj;
  if (fs::exists(obj_file, ec)) {
    obj = decode_palette_png(read_file_to_string(obj_file), obj_file.string());
    if (obj.size() != cls.size()) {
      ctx.skip(obj_file.string(), "", "object masks", "size differs from SegmentationClass");
      return;
    }
  }
  if (iw > 0 && (cls.cols != iw || cls.rows != ih)) {
    ctx.skip(cls_file.string(), "", "class masks",
             fmt::format("{}x{} does not match the {}x{} image", cls.cols, cls.rows, iw, ih));
    return;
  }
  // Index -> class: labelmap.txt (by the palette colour of the index),
  // the schema's "voc" ids, the VOC names.
  std::map<int, std::string> names;
  if (const fs::path lm = root / "labelmap.txt"; fs::exists(lm, ec)) {
    std::map<std::array<int, 3>, std::string> by_colour;
    const std::string text = read_file_to_string(lm);  // the lines view into it
    for (std::string_view line : split_lines(text)) {
      if (line.empty() || line[0] == '#') continue;
      const size_t c1 = line.find(':');
      if (c1 == std::string_view::npos) continue;
      const size_t c2 = line.find(':', c1 + 1);
      int r = 0, g = 0, b = 0;
      if (std::sscanf(std::string(line.substr(c1 + 1, c2 - c1 - 1)).c_str(), "%d,%d,%d", &r, &g,
                      &b) == 3)
        by_colour[{r, g, b}] = std::string(line.substr(0, c1));
    }
    for (int i = 1; i < 255; ++i) {
      const PaletteColor c = voc_color(i);
      const auto it = by_colour.find({c[0], c[1], c[2]});
      if (it != by_colour.end()) names[i] = it->second;
    }
  }
  std::map<int, std::optional<std::string>> class_of;
  auto resolve = [&](int i) -> std::optional<std::string> {
    auto it = class_of.find(i);
    if (it != class_of.end()) return it->second;
    std::optional<std::string> n;
    if (names.count(i)) n = ctx.resolve_class(names[i], cls_file.string(), fmt::format("index {}", i));
    else if (const ClassDef* d = class_for_label_id(ctx.doc.schema, "voc", i)) n = d->name;
    else
      n = ctx.resolve_class(i <= 20 ? std::string(kVocNames[i]) : fmt::format("class_{}", i),
                            cls_file.string(), fmt::format("index {}", i));
    return class_of[i] = n;
  };
  ImportedLayer layer(LayerKind::Image, cls.cols, cls.rows);
  std::map<int, uint16_t> label_of;  // class index * 256 + object index -> label
  size_t void_pixels = 0, unmatched = 0;
  auto& out = layer.values();
  for (int y = 0; y < cls.rows; ++y) {
    const uint8_t* c = cls.ptr<uint8_t>(y);
    const uint8_t* o = obj.empty() ? nullptr : obj.ptr<uint8_t>(y);
    for (int x = 0; x < cls.cols; ++x) {
      if (c[x] == 0) continue;
      if (c[x] == 255) {
        ++void_pixels;
        continue;
      }
      const int k = o && o[x] != 255 ? o[x] : 0;
      const int key = c[x] * 256 + k;
      auto it = label_of.find(key);
      if (it == label_of.end()) {
        uint16_t v = 0;
        if (const auto name = resolve(c[x])) {
          if (k > 0 && static_cast<size_t>(k) <= object_at.size() && object_at[static_cast<size_t>(k) - 1] >= 0) {
            v = layer.label(*name, object_at[static_cast<size_t>(k) - 1]);
          } else if (k > 0) {
            ++unmatched;
            v = layer.label(*name, ctx.new_object(*name));
          } else {
            v = layer.label(*name);
          }
        }
        it = label_of.emplace(key, v).first;
      }
      out[static_cast<size_t>(y) * static_cast<size_t>(cls.cols) + static_cast<size_t>(x)] =
          it->second;
    }
  }
  layer.put(ctx, {ref.camera, ref.frame});
  if (void_pixels)
    ctx.report.limitation("VOC void (255) pixels imported as unlabelled",
                          "boundaries and void are not labels", void_pixels);
  if (unmatched)
    ctx.report.info("object masks without a matching XML object became new objects");
}

}  // namespace

const FormatHandler& voc_format() {
  static const VocFormat f;
  return f;
}

}  // namespace vantage::core
