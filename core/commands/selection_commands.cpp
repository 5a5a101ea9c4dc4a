#include "core/commands/selection_commands.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/commands/annotation_commands.h"
#include "core/geometry/cuboid_projection.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

// A stored shape interpolation uses as it is (see interpolator.h).
const Shape* stored_anchor(const Track& t, int frame) {
  const Shape* s = t.at(frame);
  return s && is_anchor(*s) ? s : nullptr;
}

void shift_geometry(Geometry& g, double d) {
  const Vec2 off(d, d);
  if (auto* b = std::get_if<Box2D>(&g)) {
    b->x1 += d, b->x2 += d, b->y1 += d, b->y2 += d;
  } else if (auto* p = std::get_if<Polygon>(&g)) {
    for (Vec2& v : p->points)
      v += off;
    for (auto& h : p->holes)
      for (Vec2& v : h)
        v += off;
  } else if (auto* l = std::get_if<Polyline>(&g)) {
    for (Vec2& v : l->points)
      v += off;
  } else if (auto* k = std::get_if<Keypoints>(&g)) {
    for (Keypoint& kp : k->points)
      kp.position += off;
  }
}

CommandPtr to_command(std::string description, std::vector<ObjectsCommand::Change> changes) {
  if (changes.empty()) return nullptr;
  return std::make_unique<ObjectsCommand>(std::move(description), std::move(changes));
}

}  // namespace

Shape make_manual_shape(Geometry geometry, const EditStamp& stamp) {
  Shape s;
  s.geometry = std::move(geometry);
  s.keyframe = true;
  s.source = ShapeSource::Manual;
  s.annotator = stamp.annotator;
  s.created_ms = s.modified_ms = stamp.now_ms;
  return s;
}

CommandPtr make_change_class(const Document& doc, const std::vector<ObjectId>& ids,
                             const std::string& class_name) {
  if (!doc.schema.find_class(class_name))
    throw Error(fmt::format("class '{}' is not in the schema", class_name));
  const std::string d = ids.size() == 1
                            ? fmt::format("Class of #{} -> {}", ids[0], class_name)
                            : fmt::format("Class of {} objects -> {}", ids.size(), class_name);
  return ObjectsCommand::edit(doc, d, ids, [&](Object& o) { o.class_name = class_name; });
}

CommandPtr make_set_attribute(const Document& doc, const Interpolator& interpolator,
                              const std::vector<ObjectId>& ids, const std::string& name,
                              const AttributeValue& value, std::optional<FrameRange> range,
                              const EditStamp& stamp) {
  if (name.empty()) throw Error("no attribute name given");
  const AttributeDef* def = doc.schema.find_attribute(name);
  if (def) {
    if (std::string why = def->check(value); !why.empty())
      throw Error(fmt::format("attribute '{}': {}", name, why));
  }
  const bool per_frame = def ? def->per_frame : range.has_value();
  if (per_frame && !range)
    throw Error(fmt::format("attribute '{}' is per frame: give frames", name));
  if (range && range->last < range->first) std::swap(range->first, range->last);
  const int frames = doc.sequence.frame_count();

  std::string d = per_frame ? fmt::format("Set {} = {} on frames {}-{}", name, to_string(value),
                                          range->first, range->last)
                            : fmt::format("Set {} = {}", name, to_string(value));
  return ObjectsCommand::edit(doc, std::move(d), ids, [&](Object& o) {
    if (!per_frame) {
      o.attributes[name] = value;
      return;
    }
    const Object original = o;
    for (size_t ti = 0; ti < o.tracks.size(); ++ti) {
      Track& t = o.tracks[ti];
      const Track& orig = original.tracks[ti];
      // Pin the ends so the edit stays inside the range.
      for (int f : {range->first, range->last + 1}) {
        if (f < 0 || f >= frames || stored_anchor(orig, f)) continue;
        if (auto s = interpolator.evaluate(original, orig, f)) {
          Shape k = *s;
          k.keyframe = true;
          k.source = ShapeSource::Manual;
          k.annotator = stamp.annotator;
          k.modified_ms = stamp.now_ms;
          t.set(f, std::move(k));
        }
      }
      for (FrameShape& fs : t.shapes) {
        if (!range->contains(fs.frame) || !is_anchor(fs.shape)) continue;
        fs.shape.attributes[name] = value;
        fs.shape.modified_ms = stamp.now_ms;
      }
    }
  });
}

Clipboard copy_objects(const Document& doc, const Interpolator& interpolator,
                       const std::vector<ObjectId>& ids, int frame) {
  Clipboard c;
  c.frame = frame;
  for (ObjectId id : ids) {
    const Object* o = doc.annotations.find(id);
    if (!o) continue;
    ClipboardObject co;
    co.id = id;
    co.class_name = o->class_name;
    co.attributes = o->attributes;
    for (const Track& t : o->tracks)
      if (auto s = interpolator.evaluate(*o, t, frame)) co.shapes.push_back({t.sensor, *s});
    if (!co.shapes.empty()) c.objects.push_back(std::move(co));
  }
  return c;
}

CommandPtr make_paste_clipboard(const Document& doc, const Interpolator& interpolator,
                                const Clipboard& clipboard, FrameRange range, bool as_new,
                                const EditStamp& stamp, double offset_px,
                                std::vector<ObjectId>* pasted_ids) {
  if (clipboard.empty()) throw Error("nothing copied");
  if (range.last < range.first) std::swap(range.first, range.last);
  range.first = std::max(range.first, 0);
  range.last = std::min(range.last, doc.sequence.frame_count() - 1);
  if (range.last < range.first) throw Error("the frame range is outside the sequence");
  ObjectId next = doc.annotations.next_id();
  std::vector<ObjectsCommand::Change> changes;
  for (const ClipboardObject& co : clipboard.objects) {
    const Object* existing = as_new ? nullptr : doc.annotations.find(co.id);
    Object target;
    if (existing) {
      target = *existing;
    } else {
      target.id = as_new ? next++ : co.id;
      target.class_name = co.class_name;
      target.attributes = co.attributes;
    }
    for (int f = range.first; f <= range.last; ++f) {
      if (target.is_outside(f)) continue;
      for (const auto& e : co.shapes) {
        Shape s = e.shape;
        s.keyframe = true;
        s.source = ShapeSource::Manual;
        s.score = -1.0;
        s.annotator = stamp.annotator;
        s.created_ms = s.modified_ms = stamp.now_ms;
        if (auto* c = s.as<Cuboid>()) {
          if (!as_new) *c = interpolator.transfer(*c, clipboard.frame, f);
        } else if (as_new && offset_px != 0.0) {
          shift_geometry(s.geometry, offset_px);
        }
        target.track_or_create(e.sensor, s.kind()).set(f, std::move(s));
      }
    }
    if (existing && *existing == target) continue;
    if (pasted_ids) pasted_ids->push_back(target.id);
    changes.push_back(
        {target.id, existing ? std::optional<Object>(*existing) : std::nullopt, std::move(target)});
  }
  std::string d = range.first == range.last
                      ? fmt::format("Paste {} object(s) at frame {}", changes.size(), range.first)
                      : fmt::format("Paste {} object(s) to frames {}-{}", changes.size(),
                                    range.first, range.last);
  return to_command(std::move(d), std::move(changes));
}

CommandPtr make_derive_boxes(const Document& doc, const Interpolator& interpolator, ObjectId id,
                             int frame, const EditStamp& stamp) {
  const Object* o = doc.annotations.find(id);
  if (!o) throw Error(fmt::format("object {} does not exist", id));
  const std::optional<Cuboid> cuboid = interpolator.cuboid_at(*o, frame);
  if (!cuboid) throw Error(fmt::format("#{} has no cuboid at frame {}", id, frame));
  std::vector<std::pair<std::string, Shape>> boxes;
  for (const Camera& cam : doc.sequence.rig(frame).cameras) {
    const CameraModel* model = interpolator.camera(frame, cam.name);
    if (!model) continue;
    const ProjectedCuboid p = project_cuboid(*model, *cuboid);
    if (!p.box || p.box->area() <= 0) continue;
    Shape s = make_manual_shape(*p.box, stamp);
    s.truncation = p.truncation;
    if (auto prev = interpolator.evaluate(*o, cam.name, ShapeKind::Box2D, frame)) {
      s.occlusion = prev->occlusion;
      s.attributes = prev->attributes;
    }
    boxes.emplace_back(cam.name, std::move(s));
  }
  if (boxes.empty()) throw Error(fmt::format("no camera sees #{} at frame {}", id, frame));
  return ObjectsCommand::edit(doc, fmt::format("Derive 2D boxes of #{} at frame {}", id, frame),
                              {id}, [&](Object& obj) {
                                for (auto& [cam, s] : boxes)
                                  obj.track_or_create(cam, ShapeKind::Box2D).set(frame, s);
                              });
}

CommandPtr make_toggle_frame_tag(const Document& doc, int frame, const std::string& tag) {
  std::vector<std::string> tags;
  if (auto it = doc.annotations.frame_tags.find(frame); it != doc.annotations.frame_tags.end())
    tags = it->second;
  auto pos = std::find(tags.begin(), tags.end(), tag);
  if (pos != tags.end()) {
    tags.erase(pos);
  } else {
    const TagDef* def = doc.schema.find_tag(tag);
    if (def && !def->group.empty()) {
      tags.erase(std::remove_if(tags.begin(), tags.end(),
                                [&](const std::string& t) {
                                  const TagDef* o = doc.schema.find_tag(t);
                                  return o && o->group == def->group;
                                }),
                 tags.end());
    }
    tags.push_back(tag);
  }
  return std::make_unique<SetFrameTagsCommand>(frame, std::move(tags));
}

}  // namespace vantage::core
