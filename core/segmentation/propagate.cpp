#include "core/segmentation/propagate.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/geometry/camera_model.h"
#include "core/geometry/cuboid_projection.h"
#include "core/segmentation/mask_tools.h"
#include "core/segmentation/segmentation_commands.h"

namespace vantage::core {

std::optional<Box2D> object_anchor(const Document& doc, ObjectId id, const std::string& camera,
                                   int frame) {
  const Object* o = doc.annotations.find(id);
  if (!o) return std::nullopt;
  if (const Shape* s = o->shape(frame, camera, ShapeKind::Box2D)) return *s->as<Box2D>();
  if (const Shape* s = o->shape(frame, kSceneSensor, ShapeKind::Cuboid)) {
    const Camera* cam = doc.sequence.camera(frame, camera);
    if (!cam) return std::nullopt;
    const ProjectedCuboid p = project_cuboid(CameraModel(*cam), *s->as<Cuboid>());
    return p.box;
  }
  return std::nullopt;
}

CommandPtr propagate_masks(const Document& doc, const std::string& camera, int frame,
                           const FrameImageSource& images, const PropagateOptions& options) {
  const Segmentation& seg = doc.annotations.segmentation;
  const SegLayer* src = seg.find(camera, frame);
  if (!src || src->kind != LayerKind::Image) return nullptr;
  const auto labels = seg.labels({camera, frame});
  struct Item {
    Segment segment;
    cv::Mat mask;
  };
  std::vector<Item> items;
  for (const Segment& s : src->segments) {
    if (!options.segments.empty() &&
        std::find(options.segments.begin(), options.segments.end(), s.id) == options.segments.end())
      continue;
    items.push_back({s, label_mask(*labels, s.id)});
  }
  if (items.empty()) return nullptr;
  auto cmd = std::make_unique<CompositeCommand>(
      fmt::format("Propagate {} mask(s) of {} frame {} to {} frame(s)", items.size(), camera,
                  frame, options.frames));
  cv::Mat prev = images(frame);
  if (prev.empty()) return nullptr;
  for (int f = frame + 1; f <= frame + options.frames && f < doc.sequence.frame_count(); ++f) {
    const cv::Mat next = images(f);
    if (next.empty() || next.size() != prev.size()) break;
    const cv::Mat flow = backward_flow(prev, next, options.flow);
    LayerEdit edit = LayerEdit::image(doc, camera, f, src->width, src->height);
    for (Item& it : items) {
      cv::Mat warped = warp_mask(it.mask, flow);
      if (options.reanchor && it.segment.is_instance()) {
        if (const auto box = object_anchor(doc, it.segment.object, camera, f))
          warped = reanchor_mask(warped, *box);
        else if (doc.annotations.find(it.segment.object) &&
                 doc.annotations.find(it.segment.object)->is_outside(f))
          warped.setTo(0);
      }
      it.mask = warped;
      if (cv::countNonZero(warped) == 0) continue;
      const bool had = edit.table().find_segment(it.segment.class_name, it.segment.object,
                                                 it.segment.crowd) != 0;
      const uint16_t v = edit.segment(it.segment.class_name, it.segment.object, it.segment.crowd);
      if (!had)
        for (Segment& s : edit.segments())
          if (s.id == v) s.proposed = true;
      write_mask(edit.writer(), warped, 0, 0, v, ProtectRule{Protect::Labelled, v});
    }
    if (auto c = edit.finish("propagate")) cmd->add(std::move(c));
    prev = next;
  }
  if (cmd->empty()) return nullptr;
  return cmd;
}

CommandPtr accept_proposals(const Document& doc, const LayerKey& key,
                            const std::vector<uint16_t>& segments) {
  const SegLayer* l = doc.annotations.segmentation.find(key);
  if (!l) return nullptr;
  LayerEdit edit = l->kind == LayerKind::Image
                       ? LayerEdit::image(doc, key.sensor, key.frame, l->width, l->height)
                       : LayerEdit::points(doc, key.sensor, key.frame, static_cast<size_t>(l->width));
  for (Segment& s : edit.segments())
    if (segments.empty() || std::find(segments.begin(), segments.end(), s.id) != segments.end())
      s.proposed = false;
  return edit.finish("Accept proposed masks");
}

}  // namespace vantage::core
