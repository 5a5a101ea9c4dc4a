#include "app/gui/panels/object_filter.h"

#include <algorithm>
#include <cctype>

#include "app/gui/workspace.h"

namespace vantage::gui {

namespace {

std::string lower(std::string s) {
  for (char& c : s)
    c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool attribute_matches(const core::AttributeMap& attrs, const ObjectFilter& f) {
  auto it = attrs.find(f.attribute);
  if (it == attrs.end()) return false;
  return f.attribute_value.empty() ||
         lower(core::to_string(it->second)) == lower(f.attribute_value);
}

}  // namespace

ObjectRow describe_object(Workspace& ws, const core::Object& object) {
  ObjectRow row;
  row.id = object.id;
  row.object = &object;
  const int frame = ws.view().frame;
  for (const core::Track& t : object.tracks) {
    row.kinds |= 1u << unsigned(t.kind);
    for (const core::FrameShape& fs : t.shapes)
      if (fs.shape.source == core::ShapeSource::Model) row.prelabel = true;
    if (const core::Shape* s = t.at(frame); s && core::is_anchor(*s)) {
      row.present = true;
      if (s->keyframe) row.keyframe = true;
    }
  }
  if (!row.present) {
    for (const core::Track& t : object.tracks) {
      if (ws.interpolator().evaluate(object, t, frame)) {
        row.present = row.interpolated = true;
        break;
      }
    }
  }
  const auto& marks = ws.doc().annotations.review.objects;
  if (auto it = marks.find(object.id); it != marks.end())
    row.rejected = it->second.status == core::ReviewStatus::Rejected;
  return row;
}

bool matches(const ObjectFilter& f, Workspace& ws, const ObjectRow& row) {
  const core::Object& o = *row.object;
  if (!f.class_name.empty()) {
    const std::vector<std::string> chain = ws.doc().schema.ancestry(o.class_name);
    if (o.class_name != f.class_name &&
        std::find(chain.begin(), chain.end(), f.class_name) == chain.end())
      return false;
  }
  if (f.visible_only && !row.present) return false;
  switch (f.state) {
    case ObjectFilter::State::Any:
      break;
    case ObjectFilter::State::Keyframe:
      if (!row.keyframe) return false;
      break;
    case ObjectFilter::State::Interpolated:
      if (!row.interpolated) return false;
      break;
    case ObjectFilter::State::Prelabel:
      if (!row.prelabel) return false;
      break;
    case ObjectFilter::State::Rejected:
      if (!row.rejected) return false;
      break;
  }
  if (!f.attribute.empty()) {
    bool found = attribute_matches(o.attributes, f);
    for (size_t i = 0; !found && i < o.tracks.size(); ++i)
      if (const core::Shape* s = o.tracks[i].at(ws.view().frame))
        found = attribute_matches(s->attributes, f);
    if (!found) return false;
  }
  if (!f.search.empty()) {
    const std::string q = lower(f.search);
    const std::string id = std::to_string(o.id);
    if (id.find(q) == std::string::npos && lower(o.class_name).find(q) == std::string::npos)
      return false;
  }
  return true;
}

std::vector<ObjectRow> filtered_objects(Workspace& ws) {
  std::vector<ObjectRow> out;
  const ObjectFilter& f = ws.view().filter;
  for (const core::Object& o : ws.doc().annotations.objects) {
    ObjectRow row = describe_object(ws, o);
    if (matches(f, ws, row)) out.push_back(row);
  }
  return out;
}

std::string kinds_text(unsigned kinds) {
  std::string s;
  for (int k = 0; k < core::kShapeKindCount; ++k) {
    if (!(kinds & (1u << k))) continue;
    if (!s.empty()) s += ' ';
    s += core::to_string(core::ShapeKind(k));
  }
  return s;
}

}  // namespace vantage::gui
