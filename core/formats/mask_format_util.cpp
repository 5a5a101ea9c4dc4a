#include "core/formats/mask_format_util.h"

#include <fmt/format.h>

#include <opencv2/core.hpp>

#include "core/segmentation/seg_eval.h"

namespace vantage::core {

std::vector<LabelMeaning> label_meanings(const Document& doc, const SegLayer& layer) {
  uint16_t max_id = 0;
  for (const Segment& s : layer.segments)
    max_id = std::max(max_id, s.id);
  std::vector<LabelMeaning> out(static_cast<size_t>(max_id) + 1);
  for (const Segment& s : layer.segments) {
    LabelMeaning& m = out[s.id];
    m.segment = &s;
    m.class_name = segment_class(doc.annotations, s);
    m.class_def = doc.schema.find_class(m.class_name);
    m.thing = s.object >= 0;
    m.crowd = s.crowd;
  }
  return out;
}

const ClassDef* class_for_label_id(const Schema& schema, const std::string& label_set, int id,
                                   bool fallback_own_id) {
  for (const ClassDef& c : schema.classes) {
    auto it = c.label_ids.find(label_set);
    if (it != c.label_ids.end() && it->second == id) return &c;
  }
  if (fallback_own_id)
    for (const ClassDef& c : schema.classes)
      if (c.id == id && !c.label_ids.count(label_set)) return &c;
  return nullptr;
}

std::optional<std::filesystem::path> find_label_map(const std::filesystem::path& input,
                                                    const char* file_name) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::is_directory(input, ec) ? input : input.parent_path();
  dir = fs::absolute(dir, ec).lexically_normal();
  for (int level = 0; level < 4 && !dir.empty(); ++level) {
    if (fs::is_regular_file(dir / file_name, ec)) return dir / file_name;
    if (dir == dir.parent_path() || dir.filename().empty()) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

ImportedLayer::ImportedLayer(LayerKind kind, int width, int height) {
  layer_.kind = kind;
  layer_.width = width;
  layer_.height = height;
  values_.assign(static_cast<size_t>(width) * static_cast<size_t>(height), 0);
}

uint16_t ImportedLayer::label(const std::string& class_name, ObjectId object, bool crowd) {
  return layer_.add_segment(class_name, object, crowd);
}

void ImportedLayer::put(ImportContext& ctx, const LayerKey& key) {
  LabelRaster r;
  if (layer_.kind == LayerKind::Image) {
    const cv::Mat m(layer_.height, layer_.width, CV_16U, values_.data());
    r = LabelRaster::from_mat(m);
  } else {
    r = LabelRaster::from_points(values_);
  }
  const auto h = r.histogram();
  std::vector<Segment> kept;
  for (Segment s : layer_.segments) {
    s.area = s.id < h.size() ? h[s.id] : 0;
    if (s.area) kept.push_back(std::move(s));
  }
  layer_.segments = std::move(kept);
  layer_.raster = std::make_shared<const LabelRaster>(std::move(r));
  Segmentation& seg = ctx.doc.annotations.segmentation;
  if (seg.find(key))
    ctx.report.note("masks replaced", "the document had labels for the same sensor and frame");
  seg.put(key, std::move(layer_));
  values_.clear();
}

}  // namespace vantage::core
