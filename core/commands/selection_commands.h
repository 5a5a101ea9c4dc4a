#pragma once
// Edits over a selection of objects or a range of frames, as undoable
// commands for the workstation's batch operations: change the class of many
// objects, set an attribute for one frame or a frame range, copy and paste
// objects' shapes within and across frames, derive per-camera 2D boxes from
// a cuboid's projection and toggle frame tags.
//
// Functions return nullptr when the edit would change nothing and throw
// Error (with a message for the status bar) when it cannot be done.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/commands/command.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

// Who made an edit and when: stamped on every shape a batch edit creates.
struct EditStamp {
  std::string annotator;
  int64_t now_ms = 0;
};

// A Manual keyframe holding `geometry`, stamped.
Shape make_manual_shape(Geometry geometry, const EditStamp& stamp);

// Every listed object gets class `class_name` (which must be in the schema).
CommandPtr make_change_class(const Document& doc, const std::vector<ObjectId>& ids,
                             const std::string& class_name);

// Sets attribute `name` to `value` on the listed objects. Static attributes
// (schema says per_frame = false, or the attribute is unknown and `range` is
// empty) go to the object. Per-frame attributes go to the shapes of every
// track over `range`: interpolated frames at the range's ends are stored as
// keyframes first, so the frames after the range keep their old value
// (attributes step from the previous anchor, see interpolator.h).
CommandPtr make_set_attribute(const Document& doc, const Interpolator& interpolator,
                              const std::vector<ObjectId>& ids, const std::string& name,
                              const AttributeValue& value, std::optional<FrameRange> range,
                              const EditStamp& stamp);

// Shapes copied from one frame (Ctrl+C): each object's shapes there (stored
// or interpolated), with its class and static attributes.
struct ClipboardObject {
  ObjectId id = 0;
  std::string class_name;
  AttributeMap attributes;
  struct Entry {
    std::string sensor;
    Shape shape;
  };
  std::vector<Entry> shapes;
};
struct Clipboard {
  int frame = -1;
  std::vector<ClipboardObject> objects;
  bool empty() const { return objects.empty(); }
};

Clipboard copy_objects(const Document& doc, const Interpolator& interpolator,
                       const std::vector<ObjectId>& ids, int frame);

// Pastes the clipboard to every frame of `range`. as_new = false: onto the
// copied objects (those that still exist; the others are re-created with
// their id when it is free), as Manual keyframes; cuboids move with the
// world when there are ego poses (a parked car stays put). as_new = true:
// as new objects (fresh ids, same class and attributes) with 2D shapes
// shifted by `offset_px` so the copies do not hide the originals. Returns
// the ids pasted onto (for the selection).
CommandPtr make_paste_clipboard(const Document& doc, const Interpolator& interpolator,
                                const Clipboard& clipboard, FrameRange range, bool as_new,
                                const EditStamp& stamp, double offset_px = 0.0,
                                std::vector<ObjectId>* pasted_ids = nullptr);

// The 2D box the object's cuboid at `frame` projects to in each camera of
// that frame's rig (project_cuboid's box, clipped to the image), stored as
// Manual keyframes in the object's Box2D track of that camera (created or
// replaced; truncation from the projection). Cameras that do not see the
// cuboid are left alone. Throws when the object has no cuboid at `frame`.
CommandPtr make_derive_boxes(const Document& doc, const Interpolator& interpolator, ObjectId id,
                             int frame, const EditStamp& stamp);

// Adds or removes one frame tag. Adding a tag of a group (schema TagDef
// group) removes the other tags of that group from the frame.
CommandPtr make_toggle_frame_tag(const Document& doc, int frame, const std::string& tag);

}  // namespace vantage::core
