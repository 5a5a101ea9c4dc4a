// Polyline tool (L): click points; Enter or a double click finishes,
// Backspace removes the last point, Escape cancels.
#include "app/gui/tools/point_path_tool.h"
#include "app/gui/tools/tool_classes.h"
#include "app/gui/tools/tool_common.h"

namespace vantage::gui {

using namespace tools;  // helpers of the tool set (tool_common.h)

namespace {

class PolylineTool : public PointPathTool {
 public:
  explicit PolylineTool(SettingsPtr settings) : PointPathTool(2), settings_(std::move(settings)) {}
  ToolId id() const override { return ToolId::Polyline; }
  const char* name() const override { return "Polyline"; }
  const char* hint() const override {
    return draft_.active() ? "Click to add a point; Enter finishes, Esc cancels"
                           : "Click to start a polyline";
  }

  void draw_image_overlay(Workspace& ws, const ImageViewport& vp) override {
    if (draft_.active() && ws.view().frame != draft_.frame) cancel();  // the frame moved on
    draft_.draw(vp, to_imu32(class_color(ws.doc().schema, current_class(ws))), false);
  }

 private:
  std::string current_class(const Workspace& ws) const {
    return class_for_kind(ws.doc().schema, *settings_, core::ShapeKind::Polyline);
  }

  void finish(Workspace& ws) override {
    core::Polyline l;
    l.points = std::move(draft_.points);
    const std::string cam = draft_.camera;
    cancel();
    if (commit_new_shape(ws, cam, new_shape(ws, l), current_class(ws)) < 0)
      settings_->say("No class allows polylines in this schema", true);
  }

  SettingsPtr settings_;
};

}  // namespace

ToolPtr make_polyline_tool(SettingsPtr settings) {
  return std::make_unique<PolylineTool>(std::move(settings));
}

}  // namespace vantage::gui
