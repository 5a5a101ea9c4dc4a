#include "app/gui/workspace.h"

#include <algorithm>
#include <cstdlib>

#include "app/gui/panels/qa_panel_state.h"

namespace vantage::gui {

namespace {
std::string default_annotator() {
  for (const char* var : {"VANTAGE_USER", "USER", "USERNAME"}) {
    if (const char* v = std::getenv(var); v && *v) return v;
  }
  return "annotator";
}
}  // namespace

Workspace::Workspace(core::Document doc, std::filesystem::path path, core::FrameCacheOptions cache)
    : editor_(std::move(doc)),
      path_(std::move(path)),
      annotator_(default_annotator()),
      qa_panels_(std::make_unique<QaPanelState>()) {
  const core::Document& d = editor_.document();
  cache_ = std::make_unique<core::FrameCache>(d.sequence, d.folder, std::move(cache));
  interpolator_ = std::make_unique<core::Interpolator>(d.sequence);
  const std::vector<std::string> cams = d.sequence.camera_names();
  if (!cams.empty()) view_.active_camera = cams.front();
  if (frame_count() > 0) cache_->request(0);
}

Workspace::~Workspace() = default;

const std::vector<core::EvaluatedShape>& Workspace::shapes_at_frame() {
  if (shapes_revision_ != editor_.revision() || shapes_frame_ != view_.frame) {
    interpolator_->evaluate_frame(doc().annotations, view_.frame, shapes_);
    shapes_revision_ = editor_.revision();
    shapes_frame_ = view_.frame;
  }
  return shapes_;
}

void Workspace::set_frame(int frame, int direction) {
  if (frame_count() == 0) return;
  view_.frame = std::clamp(frame, 0, frame_count() - 1);
  cache_->request(view_.frame, direction);
}

}  // namespace vantage::gui
