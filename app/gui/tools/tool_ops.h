#pragma once
// The operations behind the tool actions and the tool options panel's
// buttons (one implementation for keys, menus and buttons). Each works on
// the workspace's selection / active object at the current frame, goes
// through undoable core commands and reports its result or error through
// ToolSettings::say.

#include <string>

#include "app/gui/tools/tool_settings.h"
#include "core/model/shape.h"

namespace vantage::gui {

class Workspace;

namespace tool_ops {

// Frame tags: toggles the schema's tag number `index` (0-based).
void toggle_tag(Workspace& ws, ToolSettings& s, int index);

// Selection
void copy(Workspace& ws, ToolSettings& s);
// To the current frame: onto the same objects, or as new objects (shifted
// by 10 px) when pasting into the frame they were copied from.
void paste(Workspace& ws, ToolSettings& s);
void paste_to_range(Workspace& ws, ToolSettings& s);  // settings' range, same objects
void change_class(Workspace& ws, ToolSettings& s, const std::string& class_name);
// settings.attribute_name = attribute_value (parsed by the schema's type) on
// the current frame or the settings' range.
void set_attribute(Workspace& ws, ToolSettings& s);

// Tracks of the active object
void toggle_keyframe(Workspace& ws, ToolSettings& s);
void mark_outside(Workspace& ws, ToolSettings& s, bool outside);  // settings' range
void split(Workspace& ws, ToolSettings& s);
void merge(Workspace& ws, ToolSettings& s);      // the active object keeps the other selected one
void change_id(Workspace& ws, ToolSettings& s);  // to settings.new_id
// Copies the previous frame's shapes of the active object (every track, or
// only its cuboid).
void copy_previous(Workspace& ws, ToolSettings& s, bool cuboid_only);
// The active object's shapes at this frame to every frame of the range.
void paste_shape_to_range(Workspace& ws, ToolSettings& s);

// The track propagate and GrabCut work on: the active object's box in the
// active camera, else its cuboid, else its first track with a shape here.
bool active_track(Workspace& ws, core::ShapeKind* kind, std::string* sensor);
void propagate(Workspace& ws, ToolSettings& s);
void cancel_propagation(ToolSettings& s);
// Stores a finished propagation's proposals (call every UI frame).
void poll_jobs(Workspace& ws, ToolSettings& s);

// Pre-labels
void accept_prelabels(Workspace& ws, ToolSettings& s);
void reject_prelabels(Workspace& ws, ToolSettings& s);
// The next frame in the review queue (core/models/review_queue.h, by
// uncertainty), across frames; selects its most uncertain pre-label.
void next_uncertain(Workspace& ws, ToolSettings& s);
// Runs settings.model over the sequence on a worker (train: fit on the
// labelled frames first); poll_jobs stores the result as one undo step.
void run_model(Workspace& ws, ToolSettings& s, bool train);
void cancel_model(ToolSettings& s);
void grabcut(Workspace& ws, ToolSettings& s);

// Cuboids
void flip_heading(Workspace& ws, ToolSettings& s);
void snap_to_ground(Workspace& ws, ToolSettings& s);
void derive_boxes(Workspace& ws, ToolSettings& s);

// Masks (mask_ops.cpp): GrabCut of the active object's mask in `camera`,
// propagation of the camera's masks over settings.propagate_frames, and
// accepting the proposals of the current image.
void grabcut_object_mask(Workspace& ws, ToolSettings& s, const std::string& camera);
void propagate_object_masks(Workspace& ws, ToolSettings& s, const std::string& camera);
void accept_mask_proposals(Workspace& ws, ToolSettings& s, const std::string& camera);

}  // namespace tool_ops
}  // namespace vantage::gui
