// Mask tool and mask texture: painting through the Tool interface with a
// hand-built viewport (image_2 at zoom 2, origin at screen (100, 50)), the
// labels checked against core's brush rasteriser; the texture uploads only
// the tiles an edit changed.
// glad's gl.h first: it refuses to follow GLFW's GL include.
#include "render/mask_texture.h"

#include <GLFW/glfw3.h>

#include "core/segmentation/mask_tools.h"
#include "core/segmentation/segmentation_commands.h"
#include "tests/gui/test_render_support.h"
#include "tests/gui/tools_test_util.h"

using namespace vantage;
using gui::PointerEvent;
using T = gui::PointerEvent::Type;

namespace {

struct Harness {
  test::ImGuiFrame imgui;
  gui::Workspace ws{test::tools_document(), "/tmp/vantage-mask-test"};
  gui::ToolBox tools;
  gui::ActionList actions;
  gui::ImageViewport vp = test::image_viewport();
  Harness() { gui::add_tool_actions(actions, tools); }
  bool send(const PointerEvent& e) {
    gui::Tool* t = tools.active();
    const bool used = t->on_image_event(ws, vp, e);
    t->draw_image_overlay(ws, vp);
    return used;
  }
  ImVec2 screen(double x, double y) const { return vp.to_screen({x, y}); }
  std::shared_ptr<const core::LabelRaster> labels() const {
    return ws.doc().annotations.segmentation.labels({"image_2", ws.view().frame});
  }
};

}  // namespace

TEST_CASE("mask tool: a brush drag paints one undo step, right-drag erases, protect holds",
          "[gui][tools][mask]") {
  Harness h;
  test::run_action(h.actions, h.ws, "tool.mask");
  REQUIRE(h.tools.active_id() == gui::ToolId::Mask);
  auto& s = h.tools.settings();
  s.mask_class = "Road";
  s.brush_radius = 10;
  test::drag([&](const PointerEvent& e) { h.send(e); }, h.screen(100, 100), h.screen(200, 100));
  auto r = h.labels();
  REQUIRE(r);
  // Against core's rasteriser of the same stroke (the drag's four segments).
  auto ref = std::make_shared<const core::LabelRaster>(core::LabelRaster::image(1242, 375));
  core::RasterWriter w(ref);
  core::Vec2 last{100, 100};
  core::brush_segment(w, last, last, 10, 1);
  for (int i = 1; i <= 4; ++i) {
    const core::Vec2 p{100 + 25.0 * i, 100};
    core::brush_segment(w, last, p, 10, 1);
    last = p;
  }
  for (int y = 80; y < 120; ++y)
    for (int x = 80; x < 220; ++x) REQUIRE((r->at(x, y) != 0) == (w.get(x, y) != 0));
  CHECK(h.ws.editor().undo_history().size() == 1);  // the strokes merged
  const core::SegLayer* l = h.ws.doc().annotations.segmentation.find("image_2", 0);
  REQUIRE(l);
  CHECK(l->segments.at(0).class_name == "Road");

  // Right-drag erases part of it.
  test::drag([&](const PointerEvent& e) {
    PointerEvent x = e;
    x.button = 1;
    h.send(x);
  }, h.screen(150, 80), h.screen(150, 120));
  CHECK(h.labels()->at(150, 100) == 0);
  CHECK(h.labels()->at(110, 100) != 0);
  CHECK(h.ws.editor().undo_history().size() == 2);

  // Protect: a Sidewalk stroke over the road leaves it.
  s.mask_class = "Sidewalk";
  s.protect_labelled = true;
  test::drag([&](const PointerEvent& e) { h.send(e); }, h.screen(100, 100), h.screen(100, 130));
  CHECK(l->segment(h.labels()->at(100, 100))->class_name == "Road");
  CHECK(h.ws.doc().annotations.segmentation.find("image_2", 0)->segment(h.labels()->at(100, 125))->class_name ==
        "Sidewalk");

  // Ctrl+wheel sizes the brush.
  const float before = s.brush_radius;
  CHECK(h.tools.active()->on_image_wheel(h.ws, h.vp, 2.0f, true));
  CHECK(s.brush_radius > before);
  CHECK_FALSE(h.tools.active()->on_image_wheel(h.ws, h.vp, 2.0f, false));

  // Fill mode: the enclosed unlabelled pixel region is filled.
  s.mask_mode = gui::ToolSettings::MaskMode::Fill;
  s.protect_labelled = false;
  s.mask_class = "Sky";
  h.send(test::ev(T::Press, h.screen(600, 300)));
  h.send(test::ev(T::Release, h.screen(600, 300)));
  const core::SegLayer* l2 = h.ws.doc().annotations.segmentation.find("image_2", 0);
  CHECK(l2->segment(h.labels()->at(1000, 10))->class_name == "Sky");
  CHECK(l2->segment(h.labels()->at(100, 100))->class_name == "Road");
  h.ws.editor().undo();
  CHECK(h.labels()->at(1000, 10) == 0);
}

TEST_CASE("mask texture: an edit uploads only its tiles", "[gui][render][mask]") {
  test::gl_context();
  auto base = std::make_shared<const core::LabelRaster>(core::LabelRaster::image(1600, 900));
  core::RasterWriter w(base);
  for (int y = 0; y < 900; ++y) w.span(y, 0, 1600, 1);
  auto full = core::apply_tile_changes(*base, w.finish(), false);
  std::vector<uint32_t> colors = {0u, 0x80ff0000u, 0xff00ff00u};
  render::MaskTexture tex;
  const core::PixelRect first = tex.update(full, colors, 1, false);
  CHECK(first == core::PixelRect{0, 0, 1600, 900});
  CHECK(tex.update(full, colors, 1, false).empty());  // nothing changed: no upload
  core::RasterWriter w2(full);
  core::brush_segment(w2, {700, 400}, {710, 404}, 12, 2);
  const auto edited = core::apply_tile_changes(*full, w2.finish(), false);
  const core::PixelRect dirty = tex.update(edited, colors, 1, false);
  CHECK(dirty.width() <= 128);
  CHECK(dirty.height() <= 128);
  CHECK(tex.uploaded_pixels() <= 1600u * 900u + 128u * 128u);
  // The coloured rectangle: the brush label's colour inside, the road's outside.
  std::vector<uint16_t> scratch;
  std::vector<uint32_t> rgba;
  render::color_labels(*edited, {700, 400, 701, 401}, colors, false, scratch, rgba);
  CHECK(rgba.at(0) == 0xff00ff00u);
  render::color_labels(*edited, {0, 0, 1, 1}, colors, false, scratch, rgba);
  CHECK(rgba.at(0) == 0x80ff0000u);
}
