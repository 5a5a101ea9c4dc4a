// Polygon tool (P): click vertices; close by clicking the first vertex,
// double-clicking or pressing Enter; Backspace removes the last vertex,
// Escape drops the outline. Hole mode (hold Alt at the first click, or the
// toggle in the tool options) makes the ring a hole of the active object's
// polygon in this camera.
#include "app/gui/tools/point_path_tool.h"
#include "app/gui/tools/tool_classes.h"
#include "app/gui/tools/tool_common.h"

namespace vantage::gui {

using namespace tools;  // helpers of the tool set (tool_common.h)

namespace {

class PolygonTool : public PointPathTool {
 public:
  explicit PolygonTool(SettingsPtr settings) : PointPathTool(3), settings_(std::move(settings)) {}
  ToolId id() const override { return ToolId::Polygon; }
  const char* name() const override { return "Polygon"; }
  const char* hint() const override {
    if (!draft_.active()) return "Click to start a polygon (Alt: hole of the selected polygon)";
    return "Click to add a vertex; click the first vertex or Enter closes; Backspace undoes a "
           "vertex";
  }

  void draw_image_overlay(Workspace& ws, const ImageViewport& vp) override {
    if (draft_.active() && ws.view().frame != draft_.frame) cancel();  // the frame moved on
    const ImU32 col = hole_ ? IM_COL32(255, 120, 40, 255)
                            : to_imu32(class_color(ws.doc().schema, current_class(ws)));
    draft_.draw(vp, col, true);
  }

 private:
  bool press_closes(const ImageViewport& vp, const PointerEvent& e) const override {
    return draft_.points.size() >= 3 && draft_.on_first(vp, e.screen);
  }
  void on_start(const PointerEvent& e) override { hole_ = e.alt || settings_->polygon_hole; }
  void on_cancel() override { hole_ = false; }

  std::string current_class(const Workspace& ws) const {
    return class_for_kind(ws.doc().schema, *settings_, core::ShapeKind::Polygon);
  }

  void finish(Workspace& ws) override {
    std::vector<core::Vec2> ring = std::move(draft_.points);
    const std::string cam = draft_.camera;
    const bool hole = hole_;
    cancel();
    if (hole) {
      const core::ObjectId id = ws.view().active;
      auto poly = id >= 0 ? shape_now(ws, id, cam, core::ShapeKind::Polygon) : std::nullopt;
      if (!poly || is_locked(ws, id)) {
        settings_->say("Hole mode: select an object with a polygon in this camera first", true);
        return;
      }
      core::Polygon p = *poly->as<core::Polygon>();
      p.holes.push_back(std::move(ring));
      commit_edit(ws, id, cam, p, 0);
      ws.editor().seal();
      return;
    }
    core::Polygon p;
    p.points = std::move(ring);
    if (commit_new_shape(ws, cam, new_shape(ws, p), current_class(ws)) < 0)
      settings_->say("No class allows polygons in this schema", true);
  }

  SettingsPtr settings_;
  bool hole_ = false;
};

}  // namespace

ToolPtr make_polygon_tool(SettingsPtr settings) {
  return std::make_unique<PolygonTool>(std::move(settings));
}

}  // namespace vantage::gui
