// [SECTION] Layout and input
// [SECTION] Drawing
// [SECTION] LiDAR in the image
// [SECTION] Masks
#include "app/gui/views/camera_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/gui/tools/tool.h"
#include "app/gui/views/scene_renderer.h"
#include "app/gui/views/shape_overlay.h"
#include "app/gui/workspace.h"
#include "core/segmentation/seg_eval.h"

namespace vantage::gui {

// ---------------------------------------------------------------------------
// [SECTION] Layout and input
// ---------------------------------------------------------------------------

void CameraView::handle_view_event(Workspace& ws, const PointerEvent& e) {
  ImageViewState& st = ws.view().images[camera_];
  const bool space = ImGui::IsKeyDown(ImGui::GetKeyIndex(ImGuiKey_Space));
  switch (e.type) {
    case PointerEvent::Type::Press:
      last_mouse_ = e.screen;
      break;
    case PointerEvent::Type::Drag: {
      // Any button pans (left only when no tool took the press, or with Space).
      const float dx = e.screen.x - last_mouse_.x, dy = e.screen.y - last_mouse_.y;
      last_mouse_ = e.screen;
      if (!input_.dragged() && !space) break;
      st.zoom = vp_.zoom;  // panning leaves "fit" mode
      st.center -= core::Vec2(dx, dy) / vp_.zoom;
      break;
    }
    case PointerEvent::Type::Release:
      if (e.button == 0 && !input_.dragged() && !space) {
        const core::CameraModel* cam = ws.interpolator().camera(ws.view().frame, camera_);
        click_select(ws, pick_image_shape(ws, vp_, cam, e.screen), e.ctrl || e.shift);
      }
      break;
    case PointerEvent::Type::DoubleClick:
      if (e.button == 2) st.zoom = 0.0;  // middle double-click: fit
      break;
    case PointerEvent::Type::Move:
      break;
  }
}

void CameraView::draw(Workspace& ws, Tool* tool, SceneRenderer& scene, ImVec2 size) {
  ViewState& v = ws.view();
  size.x = std::max(size.x, 16.0f);
  size.y = std::max(size.y, 16.0f);
  // Image: from the cache, never waiting for it.
  std::shared_ptr<const core::FrameData> data =
      v.frame >= 0 && v.frame < ws.frame_count() ? ws.cache().get(v.frame) : nullptr;
  const core::CameraModel* cam = ws.interpolator().camera(v.frame, camera_);
  std::string status;
  const cv::Mat* image = nullptr;
  if (!data) {
    status = "loading...";
  } else if (auto it = data->images.find(camera_);
             it != data->images.end() && !it->second.empty()) {
    image = &it->second;
  } else if (auto err = data->errors.find(camera_); err != data->errors.end()) {
    status = err->second;
  } else {
    status = "no image for this frame";
  }
  if (image) {
    texture_.update(*image);
    shown_ = data;
  }
  int iw = image ? image->cols : (cam ? cam->width() : 0);
  int ih = image ? image->rows : (cam ? cam->height() : 0);
  if (iw <= 0 || ih <= 0) iw = 1280, ih = 720;

  const ImVec2 min = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(("##cam_" + camera_).c_str(), size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  ImageViewState& st = v.images[camera_];
  const double fit = std::min(size.x / double(iw), size.y / double(ih));
  if (st.zoom <= 0.0) st.center = {iw * 0.5, ih * 0.5};
  vp_.camera = camera_;
  vp_.image_width = iw;
  vp_.image_height = ih;
  vp_.view_min = min;
  vp_.view_max = {min.x + size.x, min.y + size.y};
  vp_.draw_list = ImGui::GetWindowDrawList();
  auto place = [&] {
    vp_.zoom = st.zoom > 0.0 ? st.zoom : fit;
    vp_.origin = {float(min.x + size.x * 0.5 - st.center.x * vp_.zoom),
                  float(min.y + size.y * 0.5 - st.center.y * vp_.zoom)};
  };
  place();
  for (const PointerEvent& e : input_.poll()) {
    if (offer_image_event(tool, ws, vp_, e, input_)) continue;
    if (input_.tool_owns_gesture && e.type != PointerEvent::Type::Move) continue;
    handle_view_event(ws, e);
    place();
  }
  const ImGuiIO& io = ImGui::GetIO();
  const bool tool_wheel = input_.hovered() && io.MouseWheel != 0.0f && tool &&
                          tool->on_image_wheel(ws, vp_, io.MouseWheel, io.KeyCtrl);
  if (input_.hovered() && io.MouseWheel != 0.0f && !tool_wheel) {
    // Zoom about the cursor: the image pixel under it stays under it.
    const core::Vec2 p = vp_.to_image(io.MousePos);
    const double z = std::clamp(vp_.zoom * std::pow(1.2, double(io.MouseWheel)), 0.02, 64.0);
    st.zoom = z;
    st.center = p - core::Vec2(io.MousePos.x - (min.x + size.x * 0.5),
                               io.MousePos.y - (min.y + size.y * 0.5)) /
                        z;
    place();
  }

  // ---------------------------------------------------------------------------
  // [SECTION] Drawing
  // ---------------------------------------------------------------------------
  ImDrawList* dl = vp_.draw_list;
  dl->PushClipRect(vp_.view_min, vp_.view_max, true);
  dl->AddRectFilled(vp_.view_min, vp_.view_max, IM_COL32(18, 18, 22, 255));
  const ImVec2 img_max = vp_.to_screen({double(iw), double(ih)});
  if (image && texture_.valid()) {
    dl->AddImage(reinterpret_cast<ImTextureID>(intptr_t(texture_.id())), vp_.origin, img_max);
  } else {
    dl->AddRectFilled(vp_.origin, img_max, IM_COL32(35, 35, 42, 255));
  }
  if (v.show_masks) draw_masks(ws);
  if (v.lidar_in_camera && cam && data) draw_lidar(ws, data);
  draw_image_shapes(ws, vp_, cam);
  if (!status.empty()) {
    const std::string text = fmt::format("{}: {}", camera_, status);
    dl->AddText({min.x + 8, min.y + 8}, IM_COL32(230, 200, 120, 255), text.c_str());
  }
  // Tools draw clipped to the view too.
  if (tool) tool->draw_image_overlay(ws, vp_);
  dl->PopClipRect();

  if (input_.hovered()) {
    v.hover_camera = camera_;
    v.hover_image = vp_.to_image(io.MousePos);
    hover_owned_ = true;
    // The ground point seen through this pixel, for the status bar.
    v.hover_world.reset();
    if (cam) {
      const core::Vec3 dir =
          cam->camera().camera_to_vehicle.apply_direction(cam->pixel_ray_camera(*v.hover_image));
      const core::Vec3 o = cam->camera().camera_to_vehicle.translation();
      const double g = scene.data.ground_z();
      if (dir.z < -1e-6) v.hover_world = o + dir * ((g - o.z) / dir.z);
    }
  } else if (hover_owned_) {
    if (v.hover_camera == camera_) {
      v.hover_camera.clear();
      v.hover_image.reset();
      v.hover_world.reset();
    }
    hover_owned_ = false;
  }
}

// ---------------------------------------------------------------------------
// [SECTION] LiDAR in the image
// ---------------------------------------------------------------------------

void CameraView::draw_lidar(Workspace& ws, const std::shared_ptr<const core::FrameData>& data) {
  const int frame = ws.view().frame;
  const core::CameraModel* cam = ws.interpolator().camera(frame, camera_);
  if (!cam) return;
  if (lidar_key_ != data || lidar_revision_ != ws.editor().revision()) {
    // Projected on the CPU once per frame (with the camera's distortion),
    // then drawn from the cache while panning and zooming. Labelled points
    // take their class colour (labels projected into the camera).
    lidar_px_.clear();
    lidar_depth_.clear();
    lidar_label_rgb_.clear();
    const core::Segmentation& seg = ws.doc().annotations.segmentation;
    for (const auto& [name, cloud] : data->clouds) {
      const core::Lidar* l = ws.doc().sequence.lidar(frame, name);
      const core::Transform l2c =
          cam->vehicle_to_camera() * (l ? l->lidar_to_vehicle : core::Transform::identity());
      std::shared_ptr<const core::LabelRaster> labels;
      std::vector<uint32_t> rgb_of;
      if (const core::SegLayer* layer = seg.find(name, frame);
          layer && static_cast<size_t>(layer->width) == cloud.points.size()) {
        try {
          labels = seg.labels({name, frame});
          rgb_of.assign(size_t{1} + (layer->segments.empty() ? 0 : layer->segments.back().id), 0u);
          for (const core::Segment& sg : layer->segments)
            if (const core::ClassDef* c =
                    ws.doc().schema.find_class(core::segment_class(ws.doc().annotations, sg)))
              rgb_of[sg.id] = 0x1000000u | c->color;
        } catch (const std::exception&) {
          labels.reset();
        }
      }
      for (size_t i = 0; i < cloud.points.size(); ++i) {
        const glm::vec4& p = cloud.points[i];
        const core::Vec3 pc = l2c.apply(core::Vec3(p.x, p.y, p.z));
        if (pc.z < 0.5) continue;
        const auto uv = cam->project_camera(pc);
        if (!uv || !cam->in_image(*uv)) continue;
        lidar_px_.push_back(*uv);
        lidar_depth_.push_back(float(pc.z));
        const uint16_t v = labels ? labels->point(i) : uint16_t{0};
        lidar_label_rgb_.push_back(v && v < rgb_of.size() ? rgb_of[v] : 0u);
      }
    }
    lidar_key_ = data;
    lidar_revision_ = ws.editor().revision();
  }
  ImDrawList* dl = vp_.draw_list;
  const float r = std::clamp(float(vp_.zoom) * 1.5f, 1.0f, 3.0f);
  for (size_t i = 0; i < lidar_px_.size(); ++i) {
    const ImVec2 s = vp_.to_screen(lidar_px_[i]);
    if (!vp_.contains_screen(s)) continue;
    // Near red, far blue.
    const float t = std::clamp(lidar_depth_[i] / 60.0f, 0.0f, 1.0f);
    const uint32_t lab = lidar_label_rgb_[i];
    const ImU32 col =
        lab ? IM_COL32(int((lab >> 16) & 0xff), int((lab >> 8) & 0xff), int(lab & 0xff), 230)
            : IM_COL32(int(255 * (1 - t)), int(255 * (1 - std::abs(t - 0.5f) * 2)), int(255 * t),
                       220);
    dl->AddRectFilled({s.x - r * 0.5f, s.y - r * 0.5f}, {s.x + r * 0.5f, s.y + r * 0.5f}, col);
  }
}

// ---------------------------------------------------------------------------
// [SECTION] Masks
// ---------------------------------------------------------------------------

void CameraView::draw_masks(Workspace& ws) {
  const ViewState& v = ws.view();
  const core::Segmentation& seg = ws.doc().annotations.segmentation;
  const core::SegLayer* layer = seg.find(camera_, v.frame);
  if (!layer || layer->kind != core::LayerKind::Image) {
    mask_.clear();
    return;
  }
  std::shared_ptr<const core::LabelRaster> labels;
  try {
    labels = seg.labels({camera_, v.frame});
  } catch (const std::exception& e) {
    vp_.draw_list->AddText({vp_.view_min.x + 8, vp_.view_min.y + 24}, IM_COL32(240, 120, 100, 255),
                           e.what());
    return;
  }
  // Colour per label: the class colour (instances varied so neighbours
  // differ), opacity from the view, hidden classes transparent. The style
  // hash changes whenever a colour does, which recolours the whole texture.
  mask_colors_.assign(size_t{1} + (layer->segments.empty() ? 0 : layer->segments.back().id), 0u);
  const uint32_t alpha = static_cast<uint32_t>(std::clamp(v.mask_opacity, 0.0f, 1.0f) * 255.0f);
  uint64_t style = 1469598103934665603ull ^ (v.mask_outline ? 7u : 3u) ^ (uint64_t(alpha) << 40);
  for (const core::Segment& s : layer->segments) {
    const std::string& cls = core::segment_class(ws.doc().annotations, s);
    if (v.hidden_mask_classes.count(cls)) continue;
    const core::ClassDef* def = ws.doc().schema.find_class(cls);
    uint32_t rgb = def ? def->color : 0x808080u;
    if (s.object >= 0) {
      // A per-object brightness step keeps adjacent instances apart.
      const int k = static_cast<int>((s.object * 2654435761u) % 5) - 2;
      auto ch = [&](int shift) {
        const int c = static_cast<int>((rgb >> shift) & 0xff) + k * 22;
        return static_cast<uint32_t>(std::clamp(c, 0, 255)) << shift;
      };
      rgb = ch(16) | ch(8) | ch(0);
    }
    const uint32_t r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
    mask_colors_[s.id] = (alpha << 24) | (b << 16) | (g << 8) | r;
    style = (style ^ (uint64_t(s.id) << 32 ^ mask_colors_[s.id])) * 1099511628211ull;
  }
  mask_.update(labels, mask_colors_, style, v.mask_outline);
  if (!mask_.valid()) return;
  const ImVec2 max = vp_.to_screen({double(labels->width()), double(labels->height())});
  vp_.draw_list->AddImage(reinterpret_cast<ImTextureID>(intptr_t(mask_.id())), vp_.origin, max);
}

}  // namespace vantage::gui
