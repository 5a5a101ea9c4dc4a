// SemanticKITTI point labels (PRBonn/semantic-kitti-api):
//   sequences/NAME/labels/FFFFFF.label   uint32 little-endian per point of the
//       sweep: class id in the low 16 bits, instance id in the high 16
//       (auxiliary/laserscan.py: sem = label & 0xFFFF, inst = label >> 16)
//   semantic-kitti.yaml                  the label map: labels (id -> name)
//       and color_map (id -> [b, g, r], BGR as the API's config has it)
// Class ids are the schema's "semantic_kitti" label ids. Instance ids are
// unique within a class over the sequence and temporally consistent (an
// object keeps its id); they are the object ids when those fit in 16 bits.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include <yaml-cpp/yaml.h>

#include "core/formats/format_handler.h"
#include "core/formats/format_util.h"
#include "core/formats/mask_format_util.h"
#include "core/io/file_util.h"
#include "core/segmentation/point_tools.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSet = "semantic_kitti";

// config/semantic-kitti.yaml "labels" (for files whose classes the schema
// does not know).
const char* semantic_kitti_name(int id) {
  static const std::map<int, const char*> kNames = {
      {0, "unlabeled"},      {1, "outlier"},          {10, "car"},
      {11, "bicycle"},       {13, "bus"},             {15, "motorcycle"},
      {16, "on-rails"},      {18, "truck"},           {20, "other-vehicle"},
      {30, "person"},        {31, "bicyclist"},       {32, "motorcyclist"},
      {40, "road"},          {44, "parking"},         {48, "sidewalk"},
      {49, "other-ground"},  {50, "building"},        {51, "fence"},
      {52, "other-structure"}, {60, "lane-marking"},  {70, "vegetation"},
      {71, "trunk"},         {72, "terrain"},         {80, "pole"},
      {81, "traffic-sign"},  {99, "other-object"},    {252, "moving-car"},
      {253, "moving-bicyclist"}, {254, "moving-person"}, {255, "moving-motorcyclist"},
      {256, "moving-on-rails"}, {257, "moving-bus"},  {258, "moving-truck"},
      {259, "moving-other-vehicle"}};
  auto it = kNames.find(id);
  return it == kNames.end() ? nullptr : it->second;
}

std::string sequence_folder(const ExportSelection& sel, const ExportOptions& options) {
  return export_sequence_name(sel.doc().sequence.name, options.name, true);
}

class SemanticKittiFormat final : public FormatHandler {
 public:
  FormatInfo info() const override {
    return {FormatId::SemanticKitti, "semantic_kitti", "SemanticKITTI .label", true, true};
  }

  int detect(const fs::path& input) const override {
    std::error_code ec;
    if (fs::is_regular_file(input, ec)) return input.extension() == ".label" ? 90 : 0;
    if (!fs::is_directory(input, ec)) return 0;
    for (auto it = fs::recursive_directory_iterator(input, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->path().extension() == ".label") return 85;
    return 0;
  }

  void export_to(const ExportSelection& sel, const fs::path& out_dir, const ExportOptions& options,
                 FormatReport& report) const override {
    const Document& doc = sel.doc();
    for (ShapeKind k : {ShapeKind::Box2D, ShapeKind::Polygon, ShapeKind::Polyline,
                        ShapeKind::Keypoints, ShapeKind::Cuboid})
      sel.report_unsupported(k, "SemanticKITTI .label files hold point labels only");
    sel.report_document_extras("SemanticKITTI", false);
    sel.report_ignore_regions_unsupported("SemanticKITTI has no image regions");
    sel.report_masks_unsupported(LayerKind::Image, "SemanticKITTI has no camera masks");
    const auto layers = sel.mask_layers(LayerKind::Points);
    const auto lidars = doc.sequence.lidar_names();
    const fs::path dir = fs::path("sequences") / sequence_folder(sel, options) / "labels";
    // Instance ids: the object id when it fits, else the next free number
    // of its class.
    std::map<std::pair<int, ObjectId>, uint32_t> instance;
    std::map<int, std::set<uint32_t>> taken;
    for (const LayerKey& key : layers)
      for (const Segment& s : doc.annotations.segmentation.find(key)->segments)
        if (s.object >= 1 && s.object <= 0xffff) taken[0].insert(static_cast<uint32_t>(s.object));
    std::set<std::string> used;
    std::map<int, std::set<std::string>> shared;
    std::set<ObjectId> objects;
    size_t renumbered = 0, done = 0;
    std::set<int> frames_written;
    for (const LayerKey& key : layers) {
      sel.progress(done++, layers.size());
      if (!lidars.empty() && key.sensor != lidars.front()) {
        report.limitation("point label sweeps of further LiDARs not exported",
                          "SemanticKITTI has one scan per frame (the first LiDAR's is written)");
        continue;
      }
      const SegLayer& layer = *doc.annotations.segmentation.find(key);
      const auto labels = doc.annotations.segmentation.labels(key);
      const auto meaning = label_meanings(doc, layer);
      std::vector<uint32_t> word(meaning.size(), 0);
      bool bad = false;
      for (size_t v = 1; v < meaning.size(); ++v) {
        const LabelMeaning& m = meaning[v];
        if (!m.segment) continue;
        const int id = m.class_def ? m.class_def->label_id(kSet) : -1;
        if (id < 1 || id > 0xffff) {
          report.skip(key.sensor, fmt::format("frame {}", key.frame), "point labels",
                      fmt::format("class '{}' has no SemanticKITTI id in 1..65535", m.class_name));
          bad = true;
          continue;
        }
        used.insert(m.class_name);
        shared[id].insert(m.class_name);
        uint32_t inst = 0;
        if (m.thing) {
          const ObjectId o = m.segment->object;
          objects.insert(o);
          auto it = instance.find({id, o});
          if (it == instance.end()) {
            uint32_t n = o >= 1 && o <= 0xffff ? static_cast<uint32_t>(o) : 0;
            if (!n) {
              n = 1;
              while (taken[0].count(n) || taken[id].count(n)) ++n;
              if (n > 0xffff) throw Error("more than 65535 instances of one SemanticKITTI class");
              ++renumbered;
            }
            taken[id].insert(n);
            it = instance.emplace(std::make_pair(id, o), n).first;
          }
          inst = it->second;
        }
        word[v] = (inst << 16) | static_cast<uint32_t>(id);
      }
      if (bad) continue;
      const std::vector<uint16_t> v = labels->to_points();
      std::string bytes(v.size() * 4, '\0');
      for (size_t i = 0; i < v.size(); ++i) {
        const uint32_t w = v[i] < word.size() ? word[v[i]] : 0;
        for (int b = 0; b < 4; ++b)
          bytes[4 * i + static_cast<size_t>(b)] = static_cast<char>((w >> (8 * b)) & 0xff);
      }
      write_export_file(out_dir / dir / fmt::format("{:06d}.label", key.frame), bytes, report);
      frames_written.insert(key.frame);
    }
    if (renumbered)
      report.info(fmt::format(
          "{} object(s) with ids beyond 16 bits got other SemanticKITTI instance ids", renumbered));
    size_t merged = 0;
    for (const auto& [id, names] : shared)
      if (names.size() > 1) merged += names.size() - 1;
    if (merged)
      report.limitation("classes sharing a SemanticKITTI id",
                        "their points read back as the first class with that id", merged);
    // Label map in the API's YAML layout (color_map is BGR).
    std::string yaml = "# Vantage label map (semantic-kitti-api config layout)\nlabels:\n  0: \"unlabeled\"\n";
    std::string colors = "color_map: # bgr\n  0: [0, 0, 0]\n";
    std::set<int> listed;
    for (const ClassDef& c : doc.schema.classes) {
      if (!used.count(c.name)) continue;
      const int id = c.label_id(kSet);
      if (!listed.insert(id).second) continue;
      yaml += fmt::format("  {}: \"{}\"\n", id, c.name);
      colors += fmt::format("  {}: [{}, {}, {}]\n", id, c.color & 0xff, (c.color >> 8) & 0xff,
                            (c.color >> 16) & 0xff);
    }
    write_export_file(out_dir / "semantic-kitti.yaml", yaml + colors, report);
    report.frames = frames_written.size();
    report.objects = objects.size();
  }

  void import_from(ImportContext& ctx, const fs::path& input) const override {
    if (ctx.building_sequence())
      throw Error("SemanticKITTI .label files hold no scans: open the LiDAR sequence first");
    const auto lidars = ctx.doc.sequence.lidar_names();
    if (lidars.empty()) throw Error("the sequence has no LiDAR to label");
    const std::string lidar = lidars.front();
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_regular_file(input, ec)) {
      files.push_back(input);
    } else {
      for (auto it = fs::recursive_directory_iterator(input, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->path().extension() == ".label") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) throw FileError(input.string(), "", "no .label files here");
    std::map<int, std::optional<std::string>> class_of;
    // Our own exports name the class of each id in the label map: those
    // classes go first (several schema classes may share an id).
    if (auto map = find_label_map(input, "semantic-kitti.yaml")) {
      try {
        const YAML::Node labels = YAML::LoadFile(map->string())["labels"];
        if (labels && labels.IsMap())
          for (const auto& kv : labels) {
            const std::string name = kv.second.as<std::string>();
            if (ctx.doc.schema.find_class(name)) class_of.emplace(kv.first.as<int>(), name);
          }
      } catch (const YAML::Exception& e) {
        throw FileError(map->string(), "", fmt::format("not a SemanticKITTI label map: {}", e.what()));
      }
    }
    size_t done = 0;
    for (const fs::path& file : files) {
      ctx.progress(done++, files.size());
      int64_t frame = -1;
      if (!parse_int(file.stem().string(), frame) || frame < 0 ||
          frame >= ctx.doc.sequence.frame_count()) {
        ctx.skip(file.string(), "", "label files",
                 "the file name is not the number of a frame of the sequence");
        continue;
      }
      const std::string bytes = read_file_to_string(file);
      if (bytes.size() % 4) {
        ctx.skip(file.string(), fmt::format("byte {}", bytes.size() - bytes.size() % 4),
                 "label files", "size is not a multiple of 4 bytes (uint32 per point)");
        continue;
      }
      const size_t n = bytes.size() / 4;
      const int f = static_cast<int>(frame);
      // The scan must have as many points.
      size_t points = 0;
      if (const SegLayer* l = ctx.doc.annotations.segmentation.find(lidar, f)) {
        points = static_cast<size_t>(l->width);
      } else {
        PointCloud cloud;
        if (read_sweep(ctx.doc, lidar, f, cloud)) points = cloud.size();
        else points = n;  // no scan file to check against
      }
      if (points != n) {
        ctx.skip(file.string(), "", "label files",
                 fmt::format("{} labels for a scan of {} points", n, points));
        continue;
      }
      ImportedLayer layer(LayerKind::Points, static_cast<int>(n), 1);
      std::map<uint32_t, uint16_t> by_word;
      auto& out = layer.values();
      for (size_t i = 0; i < n; ++i) {
        uint32_t w = 0;
        for (int b = 0; b < 4; ++b)
          w |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[4 * i + static_cast<size_t>(b)]))
               << (8 * b);
        const int id = static_cast<int>(w & 0xffff);
        if (id == 0) continue;
        auto it = by_word.find(w);
        if (it == by_word.end()) {
          auto c = class_of.find(id);
          if (c == class_of.end()) {
            std::optional<std::string> name;
            if (const ClassDef* d = class_for_label_id(ctx.doc.schema, kSet, id)) name = d->name;
            else
              name = ctx.resolve_class(semantic_kitti_name(id) ? semantic_kitti_name(id)
                                                               : fmt::format("semantic_kitti_{}", id),
                                       file.string(), fmt::format("class {}", id));
            c = class_of.emplace(id, name).first;
          }
          uint16_t v = 0;
          if (c->second) {
            const uint32_t inst = w >> 16;
            v = inst ? layer.label(*c->second,
                                   ctx.object(fmt::format("sk:{}:{}", id, inst), *c->second,
                                              static_cast<ObjectId>(inst)))
                     : layer.label(*c->second);
          }
          it = by_word.emplace(w, v).first;
        }
        out[i] = it->second;
      }
      layer.put(ctx, {lidar, f});
      ++ctx.report.frames;
    }
  }
};

}  // namespace

const FormatHandler& semantic_kitti_format() {
  static const SemanticKittiFormat f;
  return f;
}

}  // namespace vantage::core
