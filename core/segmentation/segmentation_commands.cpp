#include "core/segmentation/segmentation_commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/util/error.h"

namespace vantage::core {

LayerEditCommand::LayerEditCommand(LayerKey key, std::optional<SegLayer> created,
                                   std::vector<TileChange> tiles, std::vector<Segment> before,
                                   std::vector<Segment> after, std::string description)
    : key_(std::move(key)),
      created_(std::move(created)),
      tiles_(std::move(tiles)),
      before_(std::move(before)),
      after_(std::move(after)),
      description_(std::move(description)) {}

void LayerEditCommand::apply(Document& doc) {
  Segmentation& seg = doc.annotations.segmentation;
  if (!seg.find(key_)) {
    if (!created_)
      throw Error(fmt::format("no segmentation layer {} frame {}", key_.sensor, key_.frame));
    SegLayer l = *created_;
    l.raster = std::make_shared<const LabelRaster>(
        l.kind == LayerKind::Image ? LabelRaster::image(l.width, l.height)
                                   : LabelRaster::points(static_cast<size_t>(l.width)));
    seg.put(key_, std::move(l));
  }
  const auto labels = seg.labels(key_);
  seg.set_labels(key_, apply_tile_changes(*labels, tiles_, false), after_);
}

void LayerEditCommand::revert(Document& doc) {
  Segmentation& seg = doc.annotations.segmentation;
  if (created_) {
    seg.erase(key_);
    return;
  }
  const auto labels = seg.labels(key_);
  if (!labels) return;
  seg.set_labels(key_, apply_tile_changes(*labels, tiles_, true), before_);
}

bool LayerEditCommand::merge(const Command& next) {
  const auto* n = dynamic_cast<const LayerEditCommand*>(&next);
  if (!n || !(n->key_ == key_) || n->created_) return false;
  std::map<uint32_t, size_t> at;
  for (size_t i = 0; i < tiles_.size(); ++i)
    at[tiles_[i].index] = i;
  for (const TileChange& c : n->tiles_) {
    auto it = at.find(c.index);
    if (it == at.end()) {
      at[c.index] = tiles_.size();
      tiles_.push_back(c);
    } else {
      tiles_[it->second].after = c.after;
    }
  }
  std::sort(tiles_.begin(), tiles_.end(),
            [](const TileChange& a, const TileChange& b) { return a.index < b.index; });
  after_ = n->after_;
  return true;
}

size_t LayerEditCommand::bytes() const {
  size_t b = sizeof(*this) + tiles_.size() * sizeof(TileChange);
  for (const TileChange& c : tiles_) {
    if (c.before) b += sizeof(LabelTile);
    if (c.after) b += sizeof(LabelTile);
  }
  return b + (before_.size() + after_.size()) * sizeof(Segment);
}

PixelRect LayerEditCommand::changed_rect(const LabelRaster& like) const {
  PixelRect r;
  for (const TileChange& c : tiles_)
    if (c.index < like.tile_count()) r.extend(like.tile_rect(c.index));
  return r;
}

// --- LayerEdit ------------------------------------------------------------------

LayerEdit::LayerEdit(const Document& doc, LayerKey key, LayerKind kind, int width, int height)
    : key_(std::move(key)) {
  const Segmentation& seg = doc.annotations.segmentation;
  std::shared_ptr<const LabelRaster> base;
  if (const SegLayer* l = seg.find(key_)) {
    if (l->kind != kind || l->width != width || l->height != height)
      throw Error(fmt::format("the {} labels of {} frame {} are {}x{}, not {}x{}",
                              to_string(l->kind), key_.sensor, key_.frame, l->width, l->height,
                              width, height));
    table_.kind = l->kind;
    table_.width = l->width;
    table_.height = l->height;
    table_.segments = l->segments;
    base = seg.labels(key_);
  } else {
    created_ = true;
    table_.kind = kind;
    table_.width = width;
    table_.height = height;
    base = std::make_shared<const LabelRaster>(
        kind == LayerKind::Image ? LabelRaster::image(width, height)
                                 : LabelRaster::points(static_cast<size_t>(width)));
  }
  before_ = table_.segments;
  writer_ = std::make_unique<RasterWriter>(std::move(base));
}

LayerEdit LayerEdit::image(const Document& doc, const std::string& camera, int frame, int width,
                           int height) {
  return LayerEdit(doc, {camera, frame}, LayerKind::Image, width, height);
}

LayerEdit LayerEdit::points(const Document& doc, const std::string& lidar, int frame,
                            size_t count) {
  if (count > static_cast<size_t>(INT32_MAX)) throw Error("too many points to label");
  return LayerEdit(doc, {lidar, frame}, LayerKind::Points, static_cast<int>(count), 1);
}

uint16_t LayerEdit::segment(const std::string& class_name, ObjectId object, bool crowd) {
  return table_.add_segment(class_name, object, crowd);
}

std::unique_ptr<LayerEditCommand> LayerEdit::finish(std::string description, uint64_t merge_key) {
  std::vector<TileChange> tiles = writer_->finish();
  std::vector<int64_t> delta;
  tile_change_histogram(tiles, delta);
  std::vector<Segment> after;
  after.reserve(table_.segments.size());
  for (Segment s : table_.segments) {
    const int64_t d = s.id < delta.size() ? delta[s.id] : 0;
    s.area = static_cast<uint64_t>(std::max<int64_t>(0, static_cast<int64_t>(s.area) + d));
    if (s.area > 0) after.push_back(std::move(s));
  }
  for (size_t v = 1; v < delta.size(); ++v)
    if (delta[v] > 0 && !table_.segment(static_cast<uint16_t>(v)))
      throw Error(fmt::format("label {} written to {} frame {} has no segment", v, key_.sensor,
                              key_.frame));
  if (tiles.empty() && (created_ || after == before_)) return nullptr;
  std::optional<SegLayer> created;
  if (created_) {
    SegLayer h;
    h.kind = table_.kind;
    h.width = table_.width;
    h.height = table_.height;
    created = std::move(h);
  }
  auto cmd = std::make_unique<LayerEditCommand>(key_, std::move(created), std::move(tiles),
                                                before_, std::move(after), std::move(description));
  cmd->merge_key = merge_key;
  return cmd;
}

}  // namespace vantage::core
