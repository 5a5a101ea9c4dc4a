#include "core/formats/export_selection.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "core/tracking/bake.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

const char* kind_plural(ShapeKind kind) {
  switch (kind) {
    case ShapeKind::Box2D:
      return "2D boxes";
    case ShapeKind::Polygon:
      return "polygons";
    case ShapeKind::Polyline:
      return "polylines";
    case ShapeKind::Keypoints:
      return "keypoint sets";
    case ShapeKind::Cuboid:
      return "cuboids";
  }
  return "shapes";
}

ExportSelection::ExportSelection(const Document& doc, const ExportOptions& options,
                                 FormatReport& report, bool keep_excluded)
    : doc_(doc), options_(options), report_(report) {
  const int n = doc.sequence.frame_count();
  first_ = 0;
  last_ = n - 1;
  if (options.frames) {
    first_ = std::max(0, options.frames->first);
    last_ = std::min(n - 1, options.frames->last);
    if (first_ > last_)
      throw Error(fmt::format("frames {}:{} select nothing: the sequence has frames 0:{}",
                              options.frames->first, options.frames->last, n - 1));
  }
  size_t excluded = 0;
  for (int f = first_; f <= last_; ++f) {
    if (!keep_excluded && doc.annotations.excluded_frames.count(f)) {
      ++excluded;
      continue;
    }
    frames_.push_back(f);
  }
  if (excluded) report_.note("excluded frames not exported", "taken out of the work", excluded);

  all_cameras_ = doc.sequence.camera_names();
  if (!options.camera.empty()) {
    if (std::find(all_cameras_.begin(), all_cameras_.end(), options.camera) == all_cameras_.end())
      throw Error(fmt::format(
          "no camera '{}' in the sequence (cameras: {})", options.camera,
          all_cameras_.empty() ? "none" : fmt::format("{}", fmt::join(all_cameras_, ", "))));
    cameras_ = {options.camera};
  } else {
    cameras_ = all_cameras_;
  }

  by_frame_.resize(last_ >= first_ ? static_cast<size_t>(last_ - first_ + 1) : 0);
  // Interpolated frames: tracks whose anchors leave frames to fill (or that
  // hold cached in-betweens, which are never trusted) are baked by the
  // tracking engine; the rest are exported as stored.
  std::optional<Interpolator> interpolator;
  if (!options.keyframes_only) interpolator.emplace(doc.sequence);
  size_t interpolated = 0;
  for (const Object& o : doc.annotations.objects) {
    for (const Track& t : o.tracks) {
      const bool is_scene = is_3d(t.kind);
      if (!is_scene && !has_camera(t.sensor)) continue;
      const Track* source = &t;
      if (interpolator && needs_baking(t)) {
        computed_.push_back(bake_track(*interpolator, o, t, FrameRange{first_, last_}));
        source = &computed_.back();
      }
      for (size_t i = source->lower_bound(first_);
           i < source->shapes.size() && source->shapes[i].frame <= last_; ++i) {
        const FrameShape& fs = source->shapes[i];
        if (options.keyframes_only && !fs.shape.keyframe) continue;
        if (!keep_excluded && doc.annotations.excluded_frames.count(fs.frame)) continue;
        const bool computed = source != &t && !is_anchor(fs.shape);
        interpolated += computed;
        by_frame_[static_cast<size_t>(fs.frame - first_)].push_back(
            {&o, &t, &fs.shape, fs.frame, computed});
      }
    }
  }
  if (interpolated)
    report_.info(fmt::format("{} interpolated shapes exported (--keyframes-only leaves them out)",
                             interpolated));
  for (const auto& items : by_frame_) {
    shape_count_ += items.size();
    for (const ExportItem& it : items)
      ++per_kind_[static_cast<size_t>(it.shape->kind())];
  }
}

// A track needs the engine when it stores cached in-betweens, or when frames
// between two consecutive anchors have no anchor of their own and one of the
// two was made in Vantage. Shapes read from files or models (source Imported
// or Model) label every frame they exist in: their gaps are frames the object
// is not seen in (a camera's narrower view, say) and stay empty.
bool ExportSelection::needs_baking(const Track& t) {
  const FrameShape* prev = nullptr;
  for (const FrameShape& fs : t.shapes) {
    if (!is_anchor(fs.shape)) return true;
    if (prev && fs.frame > prev->frame + 1 && (made_here(prev->shape) || made_here(fs.shape)))
      return true;
    prev = &fs;
  }
  return false;
}

bool ExportSelection::made_here(const Shape& s) {
  return s.source != ShapeSource::Imported && s.source != ShapeSource::Model;
}

bool ExportSelection::has_camera(const std::string& name) const {
  return std::find(cameras_.begin(), cameras_.end(), name) != cameras_.end();
}

int ExportSelection::camera_index(const std::string& name) const {
  const auto it = std::find(all_cameras_.begin(), all_cameras_.end(), name);
  return it == all_cameras_.end() ? -1 : static_cast<int>(it - all_cameras_.begin());
}

const std::vector<ExportItem>& ExportSelection::at(int frame) const {
  static const std::vector<ExportItem> kEmpty;
  if (frame < first_ || frame > last_) return kEmpty;
  return by_frame_[static_cast<size_t>(frame - first_)];
}

size_t ExportSelection::object_count() const {
  std::vector<ObjectId> ids;
  for (const auto& items : by_frame_)
    for (const ExportItem& it : items)
      ids.push_back(it.object->id);
  std::sort(ids.begin(), ids.end());
  return static_cast<size_t>(std::unique(ids.begin(), ids.end()) - ids.begin());
}

void ExportSelection::report_unsupported(ShapeKind kind, const std::string& why) const {
  const size_t n = count(kind);
  if (n) report_.limitation(std::string(kind_plural(kind)) + " not exported", why, n);
}

void ExportSelection::report_document_extras(const std::string& format_title,
                                             bool holds_frame_tags) const {
  const Annotations& a = doc_.annotations;
  if (!holds_frame_tags) {
    size_t tagged = 0;
    for (const auto& [f, tags] : a.frame_tags)
      if (f >= first_ && f <= last_ && !tags.empty()) ++tagged;
    if (tagged)
      report_.limitation("frames' tags not exported", format_title + " has no frame-level tags",
                         tagged);
  }
  size_t outside = 0;
  for (const Object& o : a.objects)
    outside += o.outside.size();
  if (outside)
    report_.limitation("outside spans not exported", format_title + " has no visibility spans",
                       outside);
  const size_t review = a.review.frames.size() + a.review.objects.size() +
                        a.review.comments.size() + a.review.batches.size();
  if (review)
    report_.limitation("review entries not exported",
                 format_title + " has no review state (statuses, comments, batches)", review);
}

std::vector<LayerKey> ExportSelection::mask_layers(LayerKind kind) const {
  std::vector<LayerKey> out;
  const Segmentation& seg = doc_.annotations.segmentation;
  for (const int f : frames_)
    for (const LayerKey& k : seg.keys_at(f)) {
      const SegLayer* l = seg.find(k);
      if (l->kind != kind) continue;
      if (kind == LayerKind::Image && !has_camera(k.sensor)) continue;
      out.push_back(k);
    }
  return out;
}

void ExportSelection::report_masks_unsupported(LayerKind kind, const std::string& why) const {
  const size_t n = mask_layers(kind).size();
  report_.limitation(kind == LayerKind::Image ? "camera masks not exported"
                                              : "point label sweeps not exported",
                     why, n);
}

void ExportSelection::report_attributes(const std::string& why) const {
  std::set<ObjectId> with_static;
  size_t n = 0;
  for (const auto& items : by_frame_)
    for (const ExportItem& it : items) {
      if (!it.object->attributes.empty()) with_static.insert(it.object->id);
      n += !it.shape->attributes.empty();
    }
  report_.limitation("objects' attributes not exported", why, with_static.size());
  report_.limitation("shapes' per-frame attributes not exported", why, n);
}

void ExportSelection::report_keyframe_flags(const std::string& why) const {
  size_t n = 0;
  for (const auto& items : by_frame_)
    for (const ExportItem& it : items)
      n += it.interpolated || !it.shape->keyframe;
  report_.limitation("interpolated shapes exported as plain labels", why, n);
}

size_t ExportSelection::ignore_region_count() const {
  size_t n = 0;
  for (const int f : frames_)
    for (const IgnoreRegion& r : doc_.annotations.ignore_regions_at(f))
      n += has_camera(r.sensor);
  return n;
}

void ExportSelection::report_ignore_regions_unsupported(const std::string& why) const {
  report_.limitation("ignore regions not exported", why, ignore_region_count());
}

void ExportSelection::progress(size_t done, size_t total) const {
  if (options_.progress && !options_.progress(done, total)) throw Cancelled();
}

}  // namespace vantage::core
