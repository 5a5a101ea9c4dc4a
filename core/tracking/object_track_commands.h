#pragma once
// Track operations that change object identity, as undoable commands:
// split an object at a frame, merge two objects, change an object's id.
// Review marks and comments pinned to the objects follow them.

#include "core/commands/command.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

// Frames >= `frame` move to a new object `new_id` (same class and static
// attributes); earlier frames stay with `id`. Where interpolation crossed the
// cut, the shapes at frame - 1 (head) and at `frame` (tail) are materialised
// as keyframes (source Interpolated, keyframe true), so both parts look
// exactly as before. Outside spans are divided at the cut; comments pinned
// to the object at frames >= `frame` move to the new object. Throws Error
// when the object is missing, `new_id` is taken or negative, or either part
// would be empty. Use doc.annotations.next_id() for a fresh id.
CommandPtr make_split_object(const Document& doc, const Interpolator& interpolator, ObjectId id,
                             int frame, ObjectId new_id);

// Moves every shape of `other` into `keep` and deletes `other`. `keep` keeps
// its id, class and static attributes (attributes only `other` has are
// added). Conflicts (both have a stored shape in the same track at the same
// frame): a keyframe beats a non-keyframe, an anchor beats a cached
// in-between, and on a tie `keep`'s shape wins. When the two objects' frame
// ranges are disjoint, the frames between them become an outside span (an
// object re-identified after leaving the view must not be interpolated
// across the gap; clear the span to bridge it). Outside spans of both are
// kept except on frames where the merged object has an anchor. Comments move
// to `keep`; `keep`'s review mark stays (else `other`'s is taken).
CommandPtr make_merge_objects(const Document& doc, ObjectId keep, ObjectId other);

// Renames an object id (and its review mark and comments). Throws Error when
// `from` is missing or `to` is taken or negative; nullptr when from == to.
CommandPtr make_change_object_id(const Document& doc, ObjectId from, ObjectId to);

}  // namespace vantage::core
