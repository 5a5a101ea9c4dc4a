// Cityscapes-style segmentation PNGs (mcordts/cityscapesScripts):
//   gtFine/CAMERA/CAMERA_FFFFFF_gtFine_labelIds.png     8-bit class id per pixel
//   gtFine/CAMERA/CAMERA_FFFFFF_gtFine_instanceIds.png  16-bit: id * 1000 + k for
//       each instance k (counted from 0 per class and image), the plain class
//       id for stuff and for crowds ("group" regions)
//   gtFine/CAMERA/CAMERA_FFFFFF_gtFine_color.png        colour preview
//   vantage_labels.json                                  id -> class, colour, hasInstances
// Class ids are the schema's "cityscapes" label ids (the class's own id
// when it has none). Unlabelled pixels are 0 ("unlabeled"). Instances are
// per image in Cityscapes: on import each becomes a new object; exports
// keep the object ids only in file order (k follows object id).
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/formats/format_handler.h"
#include "core/formats/format_util.h"
#include "core/formats/mask_format_util.h"
#include "core/io/file_util.h"
#include "core/io/json_writer.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSet = "cityscapes";
constexpr const char* kLabelSuffix = "_gtFine_labelIds.png";

// cityscapesScripts helpers/labels.py: names of ids 0..33 (for files from
// other sources whose classes the schema does not know).
const char* cityscapes_name(int id) {
  static const char* kNames[] = {
      "unlabeled",  "ego vehicle", "rectification border", "out of roi", "static", "dynamic",
      "ground",     "road",        "sidewalk",             "parking",    "rail track", "building",
      "wall",       "fence",       "guard rail",           "bridge",     "tunnel",  "pole",
      "polegroup",  "traffic light", "traffic sign",       "vegetation", "terrain", "sky",
      "person",     "rider",       "car",                  "truck",      "bus",     "caravan",
      "trailer",    "train",       "motorcycle",           "bicycle"};
  return id >= 0 && id < 34 ? kNames[id] : nullptr;
}

bool cityscapes_has_instances(int id) { return id >= 24 && id <= 33; }

std::string png_bytes(const cv::Mat& m) {
  std::vector<uint8_t> buf;
  if (!cv::imencode(".png", m, buf)) throw Error("PNG encoding failed");
  return std::string(reinterpret_cast<const char*>(buf.data()), buf.size());
}

class CityscapesFormat final : public FormatHandler {
 public:
  FormatInfo info() const override {
    return {FormatId::Cityscapes, "cityscapes", "Cityscapes PNGs", true, true};
  }

  int detect(const fs::path& input) const override {
    std::error_code ec;
    if (!fs::is_directory(input, ec)) return 0;
    for (auto it = fs::recursive_directory_iterator(input, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->path().filename().string().find(kLabelSuffix) != std::string::npos) return 80;
    return 0;
  }

  void export_to(const ExportSelection& sel, const fs::path& out_dir, const ExportOptions&,
                 FormatReport& report) const override {
    const Document& doc = sel.doc();
    for (ShapeKind k : {ShapeKind::Box2D, ShapeKind::Polygon, ShapeKind::Polyline,
                        ShapeKind::Keypoints, ShapeKind::Cuboid})
      sel.report_unsupported(k, "Cityscapes PNGs hold masks only (export coco or kitti too)");
    sel.report_document_extras("Cityscapes", false);
    sel.report_ignore_regions_unsupported("Cityscapes PNGs hold masks only");
    sel.report_masks_unsupported(LayerKind::Points, "Cityscapes has no point clouds");
    std::map<int, std::set<std::string>> shared;  // id -> classes exported with it
    std::set<std::string> used;
    size_t done = 0;
    const auto layers = sel.mask_layers(LayerKind::Image);
    std::set<ObjectId> objects;
    for (const LayerKey& key : layers) {
      sel.progress(done++, layers.size());
      const SegLayer& layer = *doc.annotations.segmentation.find(key);
      const auto labels = doc.annotations.segmentation.labels(key);
      const std::vector<LabelMeaning> meaning = label_meanings(doc, layer);
      // Per label: class id, instance value.
      std::vector<int> cls(meaning.size(), 0), inst(meaning.size(), 0);
      std::map<int, int> next_k;
      bool bad = false;
      for (size_t v = 1; v < meaning.size(); ++v) {
        const LabelMeaning& m = meaning[v];
        if (!m.segment) continue;
        const int id = m.class_def ? m.class_def->label_id(kSet) : -1;
        if (id < 1 || id > 255) {
          report.skip(key.sensor, fmt::format("frame {}", key.frame), "masks",
                      fmt::format("class '{}' has no Cityscapes id in 1..255", m.class_name));
          bad = true;
          continue;
        }
        cls[v] = id;
        shared[id].insert(m.class_name);
        used.insert(m.class_name);
        if (m.thing) {
          const int k = next_k[id]++;
          if (k >= 1000) {
            report.skip(key.sensor, fmt::format("frame {}", key.frame), "masks",
                        fmt::format("more than 1000 '{}' instances in one image", m.class_name));
            bad = true;
          }
          inst[v] = id * 1000 + k;
          objects.insert(m.segment->object);
        } else {
          inst[v] = id;
        }
      }
      if (bad) continue;
      const cv::Mat lab = labels->to_mat();
      cv::Mat ids(lab.size(), CV_8U), instances(lab.size(), CV_16U), colour(lab.size(), CV_8UC3);
      for (int y = 0; y < lab.rows; ++y) {
        const uint16_t* in = lab.ptr<uint16_t>(y);
        uint8_t* o = ids.ptr<uint8_t>(y);
        uint16_t* oi = instances.ptr<uint16_t>(y);
        cv::Vec3b* oc = colour.ptr<cv::Vec3b>(y);
        for (int x = 0; x < lab.cols; ++x) {
          const uint16_t v = in[x];
          const bool known = v < meaning.size() && meaning[v].segment;
          o[x] = static_cast<uint8_t>(known ? cls[v] : 0);
          oi[x] = static_cast<uint16_t>(known ? inst[v] : 0);
          const uint32_t c = known && meaning[v].class_def ? meaning[v].class_def->color : 0;
          oc[x] = {static_cast<uint8_t>(c & 0xff), static_cast<uint8_t>((c >> 8) & 0xff),
                   static_cast<uint8_t>((c >> 16) & 0xff)};
        }
      }
      const fs::path stem = fs::path("gtFine") / key.sensor /
                            fmt::format("{}_{:06d}_gtFine", key.sensor, key.frame);
      write_export_file(out_dir / (stem.string() + "_labelIds.png"), png_bytes(ids), report);
      write_export_file(out_dir / (stem.string() + "_instanceIds.png"), png_bytes(instances),
                        report);
      write_export_file(out_dir / (stem.string() + "_color.png"), png_bytes(colour), report);
      ++report.images;
    }
    size_t merged = 0;
    for (const auto& [id, names] : shared)
      if (names.size() > 1) merged += names.size() - 1;
    if (merged)
      report.limitation("classes sharing a Cityscapes id",
                        "their masks read back as the first class with that id", merged);
    // The label map.
    JsonWriter w;
    w.begin_object();
    w.key("labels").begin_array();
    for (const ClassDef& c : doc.schema.classes) {
      if (!used.count(c.name)) continue;
      w.begin_object();
      w.member("id", c.label_id(kSet)).member("name", c.name);
      w.member("color", fmt::format("#{:06x}", c.color & 0xffffff));
      w.member("hasInstances", c.mask == MaskKind::Thing);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    write_export_file(out_dir / "vantage_labels.json", w.str() + "\n", report);
    report.objects = objects.size();
  }

  void import_from(ImportContext& ctx, const fs::path& input) const override {
    if (ctx.building_sequence())
      throw Error("Cityscapes PNGs hold no images: open the image sequence first, then import");
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(input, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string n = it->path().filename().string();
      if (n.size() > std::strlen(kLabelSuffix) &&
          n.compare(n.size() - std::strlen(kLabelSuffix), std::string::npos, kLabelSuffix) == 0)
        files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    const auto cameras = ctx.doc.sequence.camera_names();
    const std::regex ours("^(.+)_([0-9]+)$");
    std::map<int, std::optional<std::string>> class_of;  // cityscapes id -> schema class
    // Our own exports name the class of each id: those classes go first.
    if (auto map = find_label_map(input, "vantage_labels.json")) {
      try {
        const auto j = nlohmann::json::parse(read_file_to_string(*map));
        for (const auto& l : j.at("labels")) {
          const std::string name = l.at("name").get<std::string>();
          if (ctx.doc.schema.find_class(name)) class_of.emplace(l.at("id").get<int>(), name);
        }
      } catch (const nlohmann::json::exception& e) {
        throw FileError(map->string(), "", fmt::format("not a Vantage label map: {}", e.what()));
      }
    }
    auto resolve = [&](int id, const std::string& file) -> std::optional<std::string> {
      auto it = class_of.find(id);
      if (it != class_of.end()) return it->second;
      std::optional<std::string> name;
      if (const ClassDef* c = class_for_label_id(ctx.doc.schema, kSet, id)) {
        name = c->name;
      } else if (const char* n = cityscapes_name(id)) {
        name = ctx.resolve_class(n, file, fmt::format("label id {}", id));
      } else {
        name = ctx.resolve_class(fmt::format("cityscapes_{}", id), file,
                                 fmt::format("label id {}", id));
      }
      class_of[id] = name;
      return name;
    };
    size_t done = 0, instances = 0;
    for (const fs::path& file : files) {
      ctx.progress(done++, files.size());
      const std::string fname = file.filename().string();
      const std::string stem = fname.substr(0, fname.size() - std::strlen(kLabelSuffix));
      // Frame and camera: CAMERA_FRAME (Vantage's own exports), else by name.
      std::optional<ImageRef> ref;
      std::smatch m;
      if (std::regex_match(stem, m, ours) &&
          std::find(cameras.begin(), cameras.end(), m[1].str()) != cameras.end()) {
        ref = ImageRef{std::stoi(m[2].str()), m[1].str()};
        if (ref->frame >= ctx.doc.sequence.frame_count()) ref.reset();
      }
      std::string why;
      if (!ref) ref = ctx.locate(stem, file.parent_path().filename().string(), why);
      if (!ref) {
        ctx.skip(file.string(), "", "label images", why.empty() ? "no matching image" : why);
        continue;
      }
      const cv::Mat ids = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
      if (ids.empty() || ids.channels() != 1) {
        ctx.skip(file.string(), "", "label images", "not a one-channel PNG");
        continue;
      }
      const fs::path inst_file =
          file.parent_path() / (stem + "_gtFine_instanceIds.png");
      cv::Mat inst;
      if (fs::exists(inst_file, ec)) {
        inst = cv::imread(inst_file.string(), cv::IMREAD_UNCHANGED);
        if (inst.size() != ids.size() || inst.channels() != 1) {
          ctx.skip(inst_file.string(), "", "instance images", "size differs from the label image");
          continue;
        }
        inst.convertTo(inst, CV_32S);
      } else {
        ctx.report.note("label images without instanceIds",
                        "imported as semantic labels only");
      }
      cv::Mat lab;
      ids.convertTo(lab, CV_32S);
      if (const Camera* c = ctx.doc.sequence.camera(ref->frame, ref->camera);
          c && c->width > 0 && (c->width != lab.cols || c->height != lab.rows)) {
        ctx.skip(file.string(), "", "label images",
                 fmt::format("{}x{} does not match the {}x{} image", lab.cols, lab.rows, c->width,
                             c->height));
        continue;
      }
      ImportedLayer layer(LayerKind::Image, lab.cols, lab.rows);
      std::map<int, uint16_t> by_value;  // instance value (or -id) -> label
      auto& out = layer.values();
      for (int y = 0; y < lab.rows; ++y) {
        const int32_t* li = lab.ptr<int32_t>(y);
        const int32_t* ii = inst.empty() ? nullptr : inst.ptr<int32_t>(y);
        for (int x = 0; x < lab.cols; ++x) {
          const int id = li[x];
          if (id == 0) continue;
          const int iv = ii ? ii[x] : id;
          const int key = iv >= 1000 ? iv : -id;
          auto it = by_value.find(key);
          if (it == by_value.end()) {
            const auto name = resolve(iv >= 1000 ? iv / 1000 : id, file.string());
            uint16_t v = 0;
            if (name) {
              if (iv >= 1000) {
                v = layer.label(*name, ctx.new_object(*name));
                ++instances;
              } else {
                const ClassDef* def = ctx.doc.schema.find_class(*name);
                const bool crowd = (def && def->mask == MaskKind::Thing) ||
                                   (!def && cityscapes_has_instances(id));
                v = layer.label(*name, -1, crowd && !inst.empty());
              }
            }
            it = by_value.emplace(key, v).first;
          }
          out[static_cast<size_t>(y) * static_cast<size_t>(lab.cols) + static_cast<size_t>(x)] =
              it->second;
        }
      }
      layer.put(ctx, {ref->camera, ref->frame});
      ++ctx.report.images;
    }
    if (files.empty()) throw FileError(input.string(), "", "no *_gtFine_labelIds.png files here");
    if (instances)
      ctx.report.info(fmt::format(
          "{} Cityscapes instance(s) imported as new objects: instance ids are per image", instances));
  }
};

}  // namespace

const FormatHandler& cityscapes_format() {
  static const CityscapesFormat f;
  return f;
}

}  // namespace vantage::core
