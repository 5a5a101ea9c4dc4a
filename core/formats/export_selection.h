#pragma once
// What an export writes: the frames, cameras and shapes selected by the
// ExportOptions, indexed frame by frame (most formats are frame-major).
//
// Shapes come in object-id order within a frame, then in the object's track
// order, so every export is deterministic. Unless keyframes_only is set, a
// frame between two anchors of a track gets the shape the tracking engine
// interpolates (core/tracking/bake.h: what the workstation shows there);
// anchors are exported as stored, cached in-betweens are recomputed. Gaps
// between shapes read from files or models are left empty (see
// needs_baking). With keyframes_only, only shapes marked keyframe are
// exported.

#include <deque>
#include <string>
#include <vector>

#include "core/formats/format.h"

namespace vantage::core {

struct ExportItem {
  const Object* object = nullptr;
  const Track* track = nullptr;
  const Shape* shape = nullptr;
  int frame = 0;
  bool interpolated = false;  // computed by the tracking engine, not stored
};

class ExportSelection {
 public:
  // Throws Error when the options name an unknown camera or an empty range.
  // `keep_excluded`: frames taken out of the work are exported too (for
  // formats that can mark them); otherwise they are left out (reported).
  ExportSelection(const Document& doc, const ExportOptions& options, FormatReport& report,
                  bool keep_excluded = false);
  ExportSelection(const ExportSelection&) = delete;
  ExportSelection& operator=(const ExportSelection&) = delete;

  const Document& doc() const { return doc_; }
  int first_frame() const { return first_; }
  int last_frame() const { return last_; }
  // Frames in range (without the excluded ones unless kept).
  const std::vector<int>& frames() const { return frames_; }
  // Selected cameras, in the sequence's order.
  const std::vector<std::string>& cameras() const { return cameras_; }
  bool has_camera(const std::string& name) const;
  // Index of a camera among all the sequence's cameras (stable ids).
  int camera_index(const std::string& name) const;
  int camera_count() const { return static_cast<int>(all_cameras_.size()); }

  // Every selected shape at `frame` (2D shapes of unselected cameras are
  // left out; cuboids are always in).
  const std::vector<ExportItem>& at(int frame) const;
  size_t shape_count() const { return shape_count_; }
  size_t object_count() const;

  // Reports shapes of `kind` the format cannot hold, once per kind:
  // "<n> <kind plural> not exported: <why>". Call for each unsupported kind.
  void report_unsupported(ShapeKind kind, const std::string& why) const;
  size_t count(ShapeKind kind) const { return per_kind_[static_cast<size_t>(kind)]; }
  // Reports document content no per-shape format holds (frame tags, review
  // state, outside spans) when present.
  void report_document_extras(const std::string& format_title, bool holds_frame_tags) const;
  // Limitation lines, with counts over the selection: objects and shapes
  // that carry attributes, and shapes exported from interpolation (their
  // keyframe flag is lost).
  void report_attributes(const std::string& why) const;
  void report_keyframe_flags(const std::string& why) const;
  // Ignore regions of the selected frames and cameras.
  size_t ignore_region_count() const;
  // Limitation line for formats without ignore regions.
  void report_ignore_regions_unsupported(const std::string& why) const;

  // Segmentation layers in the selection: image layers of the selected
  // cameras, point layers of every LiDAR, at the selected frames.
  std::vector<LayerKey> mask_layers(LayerKind kind) const;
  // Limitation line for formats that cannot hold a kind of mask:
  // "<n> camera masks not exported: <why>" / "<n> point label sweeps ...".
  void report_masks_unsupported(LayerKind kind, const std::string& why) const;

  // Progress/cancel hook shared by the exporters.
  void progress(size_t done, size_t total) const;

 private:
  static bool needs_baking(const Track& t);
  static bool made_here(const Shape& s);

  const Document& doc_;
  const ExportOptions& options_;
  FormatReport& report_;
  int first_ = 0, last_ = -1;
  std::vector<int> frames_;
  std::vector<std::string> cameras_;
  std::vector<std::string> all_cameras_;
  std::vector<std::vector<ExportItem>> by_frame_;  // index frame - first_
  std::deque<Track> computed_;                     // baked tracks (anchors + interpolated shapes)
  size_t shape_count_ = 0;
  size_t per_kind_[kShapeKindCount] = {};
};

// Plural noun for a shape kind in report lines ("cuboids", "2D boxes").
const char* kind_plural(ShapeKind kind);

}  // namespace vantage::core
