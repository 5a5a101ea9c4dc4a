// Mask assistants behind the mask tool's buttons: GrabCut of the selected
// object (from its mask when it has one, else its box or projected cuboid),
// propagation of the camera's masks to the next frames as proposals, and
// accepting the proposals of the current image.
#include <fmt/format.h>

#include "app/gui/tools/tool_ops.h"
#include "app/gui/workspace.h"
#include "core/segmentation/image_assist.h"
#include "core/segmentation/mask_tools.h"
#include "core/segmentation/propagate.h"
#include "core/segmentation/segmentation_commands.h"
#include "core/tracking/frame_image.h"
#include "core/util/error.h"

namespace vantage::gui::tool_ops {

namespace {

cv::Mat frame_image(Workspace& ws, const std::string& cam, int f) {
  if (auto data = ws.cache().get(f))
    if (auto it = data->images.find(cam); it != data->images.end() && !it->second.empty())
      return it->second;
  return core::read_frame_image(ws.doc(), f, cam);
}

}  // namespace

void grabcut_object_mask(Workspace& ws, ToolSettings& s, const std::string& cam) {
  const core::Object* o = ws.doc().annotations.find(ws.view().active);
  if (!o) {
    s.say("Select the object to cut out first", true);
    return;
  }
  const int f = ws.view().frame;
  try {
    const cv::Mat image = frame_image(ws, cam, f);
    if (image.empty()) throw core::Error(fmt::format("{} has no image at frame {}", cam, f));
    core::LayerEdit ed = core::LayerEdit::image(ws.doc(), cam, f, image.cols, image.rows);
    const uint16_t v = ed.segment(o->class_name, o->id);
    const cv::Mat current = core::label_mask(ed.writer().base(), v);
    cv::Mat mask;
    if (cv::countNonZero(current) > 0) {
      mask = core::grabcut_mask(image, current);
    } else if (const auto box = core::object_anchor(ws.doc(), o->id, cam, f)) {
      mask = core::grabcut_box(image, *box);
    } else {
      throw core::Error(fmt::format("#{} has no mask, box or cuboid in {} here", o->id, cam));
    }
    core::write_mask(ed.writer(), mask, 0, 0, v,
                     {s.protect_labelled ? core::Protect::Labelled : core::Protect::None, v},
                     /*clear=*/true);
    if (auto cmd = ed.finish(fmt::format("GrabCut mask of #{}", o->id))) {
      ws.editor().execute(std::move(cmd));
      s.say(fmt::format("GrabCut: {} pixels", cv::countNonZero(mask)));
    } else {
      s.say("GrabCut changed nothing");
    }
  } catch (const std::exception& e) {
    s.say(e.what(), true);
  }
}

void propagate_object_masks(Workspace& ws, ToolSettings& s, const std::string& cam) {
  core::PropagateOptions po;
  po.frames = s.propagate_frames;
  const core::SegLayer* layer = ws.doc().annotations.segmentation.find(cam, ws.view().frame);
  if (!layer) {
    s.say("No mask in this image to propagate", true);
    return;
  }
  // Only the selected object's mask when one is selected.
  if (ws.doc().annotations.find(ws.view().active))
    for (const core::Segment& seg : layer->segments)
      if (seg.object == ws.view().active) po.segments.push_back(seg.id);
  try {
    auto cmd = core::propagate_masks(
        ws.doc(), cam, ws.view().frame,
        [&](int f) { return frame_image(ws, cam, f); }, po);
    if (!cmd) {
      s.say("Nothing to propagate", true);
      return;
    }
    const std::string what = cmd->describe();
    ws.editor().execute(std::move(cmd));
    s.say(what + " (proposals: review, then Accept)");
  } catch (const std::exception& e) {
    s.say(e.what(), true);
  }
}

void accept_mask_proposals(Workspace& ws, ToolSettings& s, const std::string& cam) {
  if (auto cmd = core::accept_proposals(ws.doc(), {cam, ws.view().frame})) {
    ws.editor().execute(std::move(cmd));
    s.say("Proposed masks accepted");
  } else {
    s.say("No proposals in this image");
  }
}

}  // namespace vantage::gui::tool_ops
