#pragma once
// The objects panel's filter, shared with the timeline so both list the same
// objects. Plain functions over the workspace: tests call them directly.

#include <string>
#include <vector>

#include "app/gui/view_state.h"
#include "core/model/object.h"

namespace vantage::gui {

class Workspace;

// What an object looks like at the current frame, for filtering and the list.
struct ObjectRow {
  core::ObjectId id = 0;
  const core::Object* object = nullptr;
  bool present = false;       // has a shape (stored or interpolated) at the frame
  bool keyframe = false;      // a stored keyframe at the frame
  bool interpolated = false;  // an interpolated shape at the frame
  bool prelabel = false;      // a model pre-label (source Model) anywhere
  bool rejected = false;      // review mark Rejected
  unsigned kinds = 0;         // bit per core::ShapeKind over all tracks
};

ObjectRow describe_object(Workspace& ws, const core::Object& object);
bool matches(const ObjectFilter& filter, Workspace& ws, const ObjectRow& row);
// Objects passing ws.view().filter, in id order.
std::vector<ObjectRow> filtered_objects(Workspace& ws);
// "box2d cuboid" style list of the kinds in `kinds`.
std::string kinds_text(unsigned kinds);

}  // namespace vantage::gui
