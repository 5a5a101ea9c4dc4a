// Mask tool (M): paints the segmentation layer of a camera image.
//   Brush     left drag paints, right drag (or Shift) erases; Ctrl+wheel
//             sizes the round brush, whose outline follows the cursor
//   Fill      click fills the connected region of the label under it
//   Polygon   click vertices, double-click or Enter fills the polygon
//   Superpixel click takes the SLIC region under the cursor (computed once
//             per image on a worker thread)
// The label is the selected object's instance when its class is a thing
// (and "paint the selected object" is on), else the chosen class. Protect
// keeps other labels. A drag is one undo step (strokes merge); the command
// holds only the changed tiles. GrabCut, propagation and accepting
// proposals are buttons of the options panel (tool_ops).
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "app/gui/tools/tool_classes.h"
#include "app/gui/tools/tool_common.h"
#include "app/gui/workspace.h"
#include "core/segmentation/image_assist.h"
#include "core/segmentation/mask_tools.h"
#include "core/segmentation/segmentation_commands.h"

namespace vantage::gui {

namespace {

using Mode = ToolSettings::MaskMode;

class MaskTool : public Tool {
 public:
  explicit MaskTool(SettingsPtr settings) : settings_(std::move(settings)) {}
  ToolId id() const override { return ToolId::Mask; }
  const char* name() const override { return "Mask"; }
  const char* hint() const override {
    switch (settings_->mask_mode) {
      case Mode::Brush:
        return "Drag to paint, right-drag or Shift to erase, Ctrl+wheel: brush size";
      case Mode::Fill:
        return "Click to fill the region under the cursor (right-click clears it)";
      case Mode::Polygon:
        return "Click vertices, double-click or Enter to fill, Esc cancels";
      case Mode::Superpixel:
        return "Click a superpixel to paint it (right-click erases it)";
    }
    return "";
  }

  bool on_image_event(Workspace& ws, const ImageViewport& vp, const PointerEvent& e) override {
    cursor_ = vp.to_image(e.screen);
    cursor_camera_ = vp.camera;
    if (vp.image_width <= 0 || vp.image_height <= 0) return false;
    if (frame_ != ws.view().frame || camera_ != vp.camera) {
      polygon_.clear();
      stroking_ = false;
    }
    switch (settings_->mask_mode) {
      case Mode::Brush:
        return brush_event(ws, vp, e);
      case Mode::Fill:
        if (e.type != PointerEvent::Type::Press || (e.button != 0 && e.button != 1)) return false;
        edit(ws, vp, e.button == 1, "Fill", [&](core::LayerEdit& ed, uint16_t v) {
          const int x = int(std::floor(cursor_.x)), y = int(std::floor(cursor_.y));
          core::flood_fill(ed.writer(), x, y, v, {}, protect(v));
        });
        return true;
      case Mode::Polygon:
        return polygon_event(ws, vp, e);
      case Mode::Superpixel:
        return superpixel_event(ws, vp, e);
    }
    return false;
  }

  bool on_image_wheel(Workspace&, const ImageViewport&, float wheel, bool ctrl) override {
    if (!ctrl || settings_->mask_mode != Mode::Brush) return false;
    settings_->brush_radius =
        std::clamp(settings_->brush_radius * std::pow(1.15f, wheel), 1.0f, 400.0f);
    return true;
  }

  bool on_key(Workspace& ws, const KeyEvent& k) override {
    if (k.key == GLFW_KEY_ESCAPE && !polygon_.empty()) {
      cancel();
      return true;
    }
    if (k.key == GLFW_KEY_ENTER && polygon_.size() >= 3) {
      close_polygon(ws);
      return true;
    }
    return false;
  }

  void draw_image_overlay(Workspace&, const ImageViewport& vp) override {
    if (!vp.draw_list || cursor_camera_ != vp.camera) return;
    ImDrawList* dl = vp.draw_list;
    if (settings_->mask_mode == Mode::Brush) {
      dl->AddCircle(vp.to_screen(cursor_), float(settings_->brush_radius * vp.zoom),
                    IM_COL32(255, 255, 255, 220), 48, 1.5f);
      dl->AddCircle(vp.to_screen(cursor_), float(settings_->brush_radius * vp.zoom) + 1.5f,
                    IM_COL32(0, 0, 0, 160), 48, 1.0f);
    }
    if (!polygon_.empty() && camera_ == vp.camera) {
      for (size_t i = 0; i + 1 < polygon_.size(); ++i)
        dl->AddLine(vp.to_screen(polygon_[i]), vp.to_screen(polygon_[i + 1]),
                    IM_COL32(255, 230, 80, 255), 1.5f);
      dl->AddLine(vp.to_screen(polygon_.back()), vp.to_screen(cursor_), IM_COL32(255, 230, 80, 160),
                  1.0f);
    }
  }

  void cancel() override {
    polygon_.clear();
    stroking_ = false;
  }

 private:
  core::ProtectRule protect(uint16_t v) const {
    return {settings_->protect_labelled ? core::Protect::Labelled : core::Protect::None, v};
  }

  // The label to paint: the selected thing object, or the chosen class.
  uint16_t label(Workspace& ws, core::LayerEdit& ed) const {
    const core::Document& doc = ws.doc();
    if (settings_->mask_paint_object)
      if (const core::Object* o = doc.annotations.find(ws.view().active))
        if (const core::ClassDef* c = doc.schema.find_class(o->class_name);
            c && c->mask == core::MaskKind::Thing)
          return ed.segment(o->class_name, o->id);
    return ed.segment(settings_->mask_class);
  }

  template <class F>
  void edit(Workspace& ws, const ImageViewport& vp, bool erase, const char* what, const F& f,
            uint64_t merge_key = 0) {
    try {
      core::LayerEdit ed = core::LayerEdit::image(ws.doc(), vp.camera, ws.view().frame,
                                                  vp.image_width, vp.image_height);
      const uint16_t v = erase ? uint16_t{0} : label(ws, ed);
      f(ed, v);
      if (auto cmd = ed.finish(fmt::format("{} {} mask ({})", erase ? "Erase" : what, vp.camera,
                                           ws.view().frame),
                               merge_key))
        ws.editor().execute(std::move(cmd));
    } catch (const std::exception& ex) {
      settings_->say(ex.what(), true);
    }
  }

  bool brush_event(Workspace& ws, const ImageViewport& vp, const PointerEvent& e) {
    switch (e.type) {
      case PointerEvent::Type::Press:
        if (e.button != 0 && e.button != 1) return false;
        stroking_ = true;
        erase_ = e.button == 1 || e.shift;
        frame_ = ws.view().frame;
        camera_ = vp.camera;
        last_ = cursor_;
        stroke_key_ = 0x6d61736b00000000ull + ++strokes_;
        ws.editor().seal();
        paint(ws, vp, last_, cursor_);
        return true;
      case PointerEvent::Type::Drag:
        if (!stroking_) return false;
        paint(ws, vp, last_, cursor_);
        last_ = cursor_;
        return true;
      case PointerEvent::Type::Release:
        if (!stroking_) return false;
        stroking_ = false;
        ws.editor().seal();
        return true;
      default:
        return stroking_;
    }
  }

  void paint(Workspace& ws, const ImageViewport& vp, core::Vec2 a, core::Vec2 b) {
    edit(ws, vp, erase_, "Paint", [&](core::LayerEdit& ed, uint16_t v) {
      core::brush_segment(ed.writer(), a, b, settings_->brush_radius, v, protect(v));
    }, stroke_key_);
  }

  bool polygon_event(Workspace& ws, const ImageViewport& vp, const PointerEvent& e) {
    if (e.type == PointerEvent::Type::DoubleClick && e.button == 0 && polygon_.size() >= 3) {
      close_polygon(ws);
      return true;
    }
    if (e.type != PointerEvent::Type::Press || e.button != 0) return false;
    if (polygon_.empty()) {
      frame_ = ws.view().frame;
      camera_ = vp.camera;
      vp_ = vp;
    }
    polygon_.push_back(cursor_);
    return true;
  }

  void close_polygon(Workspace& ws) {
    core::Polygon p;
    p.points = polygon_;
    polygon_.clear();
    edit(ws, vp_, false, "Fill polygon", [&](core::LayerEdit& ed, uint16_t v) {
      core::fill_polygon(ed.writer(), p, v, protect(v));
    });
  }

  bool superpixel_event(Workspace& ws, const ImageViewport& vp, const PointerEvent& e) {
    if (e.type != PointerEvent::Type::Press || (e.button != 0 && e.button != 1)) return false;
    const auto data = ws.cache().get(ws.view().frame);
    cv::Mat image;
    if (data)
      if (auto it = data->images.find(vp.camera); it != data->images.end()) image = it->second;
    const auto sp = superpixels_.get(fmt::format("{}/{}", vp.camera, ws.view().frame), image);
    if (!sp) {
      settings_->say("Computing superpixels for this image... click again in a moment");
      return true;
    }
    core::PixelRect r;
    const cv::Mat m = core::superpixel_mask(*sp, int(std::floor(cursor_.x)), int(std::floor(cursor_.y)), r);
    if (m.empty()) return true;
    edit(ws, vp, e.button == 1, "Superpixel", [&](core::LayerEdit& ed, uint16_t v) {
      core::write_mask(ed.writer(), m, r.x0, r.y0, v, protect(v));
    });
    return true;
  }

  SettingsPtr settings_;
  core::SuperpixelCache superpixels_;
  core::Vec2 cursor_{0.0}, last_{0.0};
  std::string cursor_camera_, camera_;
  int frame_ = -1;
  bool stroking_ = false, erase_ = false;
  uint64_t stroke_key_ = 0, strokes_ = 0;
  std::vector<core::Vec2> polygon_;
  ImageViewport vp_;
};

}  // namespace

ToolPtr make_mask_tool(SettingsPtr settings) {
  return std::make_unique<MaskTool>(std::move(settings));
}

}  // namespace vantage::gui
