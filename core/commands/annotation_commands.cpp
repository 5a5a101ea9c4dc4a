#include "core/commands/annotation_commands.h"

#include <fmt/format.h>

#include "core/util/error.h"

namespace vantage::core {

// --- SetShapeCommand --------------------------------------------------------

SetShapeCommand::SetShapeCommand(ObjectId object, std::string sensor, ShapeKind kind, int frame,
                                 std::optional<Shape> after, std::string description)
    : object_(object),
      sensor_(std::move(sensor)),
      kind_(kind),
      frame_(frame),
      after_(std::move(after)),
      description_(std::move(description)) {}

void SetShapeCommand::put(Document& doc, const std::optional<Shape>& s) const {
  Object* o = doc.annotations.find(object_);
  if (!o) throw Error(fmt::format("object {} does not exist", object_));
  if (s) {
    o->track_or_create(sensor_, kind_).set(frame_, *s);
  } else if (Track* t = o->track(sensor_, kind_)) {
    t->erase(frame_);
    if (t->empty()) o->prune_empty_tracks();
  }
}

void SetShapeCommand::apply(Document& doc) {
  if (!captured_) {
    const Object* o = doc.annotations.find(object_);
    if (!o) throw Error(fmt::format("object {} does not exist", object_));
    if (const Shape* s = o->shape(frame_, sensor_, kind_)) before_ = *s;
    captured_ = true;
  }
  put(doc, after_);
}

void SetShapeCommand::revert(Document& doc) { put(doc, before_); }

std::string SetShapeCommand::describe() const {
  if (!description_.empty()) return description_;
  const char* verb = !before_ ? "Add" : (!after_ ? "Delete" : "Edit");
  std::string where = sensor_.empty() ? "" : fmt::format(" in {}", sensor_);
  return fmt::format("{} {} of #{} at frame {}{}", verb, to_string(kind_), object_, frame_, where);
}

bool SetShapeCommand::merge(const Command& next) {
  const auto* n = dynamic_cast<const SetShapeCommand*>(&next);
  if (!n || n->object_ != object_ || n->sensor_ != sensor_ || n->kind_ != kind_ ||
      n->frame_ != frame_)
    return false;
  after_ = n->after_;
  return true;
}

// --- ObjectsCommand ---------------------------------------------------------

void ObjectsCommand::apply(Document& doc) {
  for (const auto& c : changes_) {
    if (c.after) {
      doc.annotations.put(*c.after);
    } else {
      doc.annotations.remove(c.id);
    }
  }
}

void ObjectsCommand::revert(Document& doc) {
  for (auto it = changes_.rbegin(); it != changes_.rend(); ++it) {
    if (it->before) {
      doc.annotations.put(*it->before);
    } else {
      doc.annotations.remove(it->id);
    }
  }
}

std::unique_ptr<ObjectsCommand> ObjectsCommand::edit(const Document& doc, std::string description,
                                                     const std::vector<ObjectId>& ids,
                                                     const std::function<void(Object&)>& fn) {
  std::vector<Change> changes;
  for (ObjectId id : ids) {
    const Object* o = doc.annotations.find(id);
    if (!o) continue;
    Object copy = *o;
    fn(copy);
    if (copy.id < 0) {
      changes.push_back({id, *o, std::nullopt});
      continue;
    }
    copy.prune_empty_tracks();
    if (copy == *o) continue;
    if (copy.id != id) {
      // An id change is a delete of the old id plus an add of the new one.
      if (doc.annotations.find(copy.id))
        throw Error(fmt::format("object id {} is already taken", copy.id));
      changes.push_back({id, *o, std::nullopt});
      changes.push_back({copy.id, std::nullopt, std::move(copy)});
      continue;
    }
    changes.push_back({id, *o, std::move(copy)});
  }
  if (changes.empty()) return nullptr;
  return std::make_unique<ObjectsCommand>(std::move(description), std::move(changes));
}

CommandPtr make_add_object(Object object, std::string description) {
  if (description.empty())
    description = fmt::format("Add {} #{}", object.class_name, object.id);
  const ObjectId id = object.id;
  std::vector<ObjectsCommand::Change> changes;
  changes.push_back({id, std::nullopt, std::move(object)});
  return std::make_unique<ObjectsCommand>(std::move(description), std::move(changes));
}

CommandPtr make_delete_objects(const Document& doc, const std::vector<ObjectId>& ids) {
  std::vector<ObjectsCommand::Change> changes;
  for (ObjectId id : ids)
    if (const Object* o = doc.annotations.find(id)) changes.push_back({id, *o, std::nullopt});
  if (changes.empty()) return nullptr;
  std::string d = changes.size() == 1
                      ? fmt::format("Delete {} #{}", changes[0].before->class_name, changes[0].id)
                      : fmt::format("Delete {} objects", changes.size());
  return std::make_unique<ObjectsCommand>(std::move(d), std::move(changes));
}

// --- SetFrameTagsCommand ----------------------------------------------------

void SetFrameTagsCommand::apply(Document& doc) {
  auto& tags = doc.annotations.frame_tags;
  if (!captured_) {
    auto it = tags.find(frame_);
    if (it != tags.end()) before_ = it->second;
    captured_ = true;
  }
  if (after_.empty()) {
    tags.erase(frame_);
  } else {
    tags[frame_] = after_;
  }
}

void SetFrameTagsCommand::revert(Document& doc) {
  auto& tags = doc.annotations.frame_tags;
  if (before_.empty()) {
    tags.erase(frame_);
  } else {
    tags[frame_] = before_;
  }
}

std::string SetFrameTagsCommand::describe() const {
  if (after_.empty()) return fmt::format("Clear tags of frame {}", frame_);
  return fmt::format("Tag frame {}: {}", frame_, fmt::join(after_, ", "));
}

// --- IgnoreRegionCommand ---------------------------------------------------

IgnoreRegionCommand::IgnoreRegionCommand(int frame, IgnoreRegion region)
    : frame_(frame), region_(std::move(region)) {}

IgnoreRegionCommand::IgnoreRegionCommand(int frame, size_t index) : frame_(frame), index_(index) {}

void IgnoreRegionCommand::apply(Document& doc) {
  auto& list = doc.annotations.ignore_regions[frame_];
  if (!index_) {
    list.push_back(*region_);
    return;
  }
  if (*index_ >= list.size()) throw Error(fmt::format("frame {} has no ignore region {}", frame_, *index_));
  region_ = list[*index_];
  list.erase(list.begin() + static_cast<std::ptrdiff_t>(*index_));
  if (list.empty()) doc.annotations.ignore_regions.erase(frame_);
}

void IgnoreRegionCommand::revert(Document& doc) {
  auto& list = doc.annotations.ignore_regions[frame_];
  if (!index_) {
    if (!list.empty()) list.pop_back();
  } else {
    list.insert(list.begin() + static_cast<std::ptrdiff_t>(std::min(*index_, list.size())), *region_);
  }
  if (list.empty()) doc.annotations.ignore_regions.erase(frame_);
}

std::string IgnoreRegionCommand::describe() const {
  const std::string what = region_ && !region_->class_name.empty() ? region_->class_name : "ignore";
  return index_ ? fmt::format("Remove {} region at frame {}", what, frame_)
                : fmt::format("Add {} region at frame {}", what, frame_);
}

// --- SchemaCommand ----------------------------------------------------------

SchemaCommand::SchemaCommand(const Document& doc, std::string description,
                             const std::function<void(Schema&, Annotations&)>& change)
    : description_(std::move(description)), before_schema_(doc.schema), after_schema_(doc.schema) {
  Annotations copy = doc.annotations;
  before_schema_version_ = copy.metadata.schema_version;
  change(after_schema_, copy);  // may throw: nothing has been touched yet
  after_schema_version_ = copy.metadata.schema_version;
  for (size_t i = 0; i < copy.objects.size(); ++i) {
    const Object& now = copy.objects[i];
    const Object* was = doc.annotations.find(now.id);
    if (!was || *was != now)
      objects_.push_back({now.id, was ? std::optional<Object>(*was) : std::nullopt, now});
  }
  // Segment tables follow class renames and merges (labels are untouched).
  for (const auto& [key, layer] : copy.segmentation.layers()) {
    const SegLayer* was = doc.annotations.segmentation.find(key);
    if (was && was->segments != layer.segments)
      segment_tables_.push_back({key, was->segments, layer.segments});
  }
}

void SchemaCommand::apply(Document& doc) {
  doc.schema = after_schema_;
  for (const auto& c : objects_) doc.annotations.put(*c.after);
  auto& layers = doc.annotations.segmentation.layers_for_update();
  for (const auto& t : segment_tables_)
    if (auto it = layers.find(t.key); it != layers.end()) it->second.segments = t.after;
  doc.annotations.metadata.schema_version = after_schema_version_;
}

void SchemaCommand::revert(Document& doc) {
  doc.schema = before_schema_;
  for (const auto& c : objects_) {
    if (c.before) {
      doc.annotations.put(*c.before);
    } else {
      doc.annotations.remove(c.id);
    }
  }
  auto& layers = doc.annotations.segmentation.layers_for_update();
  for (const auto& t : segment_tables_)
    if (auto it = layers.find(t.key); it != layers.end()) it->second.segments = t.before;
  doc.annotations.metadata.schema_version = before_schema_version_;
}

// --- ReviewCommand ----------------------------------------------------------

ReviewCommand::ReviewCommand(const Document& doc, std::string description,
                             const std::function<void(Review&)>& change)
    : description_(std::move(description)),
      before_(doc.annotations.review),
      after_(doc.annotations.review) {
  change(after_);
}

}  // namespace vantage::core
