#pragma once
// One open document in the workstation: the editor (document + undo), the
// frame cache that streams its sensor data, the interpolator that says what
// every object looks like at a frame, and the per-document view state.
// Views, panels and tools all take a Workspace&; none of them owns data.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/gui/view_state.h"
#include "core/commands/editor.h"
#include "core/io/frame_cache.h"
#include "core/qa/finding.h"
#include "core/tracking/interpolator.h"

namespace vantage::gui {

struct QaPanelState;

class Workspace {
 public:
  // `path` is what the user opened (native folder, KITTI folder, ...).
  Workspace(core::Document doc, std::filesystem::path path, core::FrameCacheOptions cache = {});
  ~Workspace();

  core::Editor& editor() { return editor_; }
  const core::Document& doc() const { return editor_.document(); }
  core::FrameCache& cache() { return *cache_; }
  const core::Interpolator& interpolator() const { return *interpolator_; }
  ViewState& view() { return view_; }
  const ViewState& view() const { return view_; }
  const std::filesystem::path& path() const { return path_; }
  int frame_count() const { return doc().sequence.frame_count(); }

  // Every shape of every object at the current frame (stored and
  // interpolated), recomputed only when the frame or the document changed.
  const std::vector<core::EvaluatedShape>& shapes_at_frame();
  // Clamps and sets the current frame; requests its data from the cache.
  void set_frame(int frame, int direction = 0);

  // Validation / QA findings shown in the Issues panel and as timeline
  // markers; whoever runs the checks replaces them.
  std::vector<core::Finding>& findings() { return findings_; }

  // The QA panels' remembered filters, typed text and statistics cache.
  QaPanelState& qa_panels() { return *qa_panels_; }

  // Who is annotating (shape.annotator, review marks). From $VANTAGE_USER or $USER.
  const std::string& annotator() const { return annotator_; }

 private:
  core::Editor editor_;
  std::filesystem::path path_;
  std::unique_ptr<core::FrameCache> cache_;
  std::unique_ptr<core::Interpolator> interpolator_;
  ViewState view_;
  std::string annotator_;
  std::vector<core::Finding> findings_;
  std::unique_ptr<QaPanelState> qa_panels_;
  std::vector<core::EvaluatedShape> shapes_;
  uint64_t shapes_revision_ = UINT64_MAX;
  int shapes_frame_ = -1;
};

}  // namespace vantage::gui
