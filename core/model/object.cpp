#include "core/model/object.h"

#include <algorithm>

namespace vantage::core {

size_t Track::lower_bound(int frame) const {
  auto it = std::lower_bound(shapes.begin(), shapes.end(), frame,
                             [](const FrameShape& fs, int f) { return fs.frame < f; });
  return static_cast<size_t>(it - shapes.begin());
}

const Shape* Track::at(int frame) const {
  const size_t i = lower_bound(frame);
  return i < shapes.size() && shapes[i].frame == frame ? &shapes[i].shape : nullptr;
}

Shape* Track::at(int frame) {
  const size_t i = lower_bound(frame);
  return i < shapes.size() && shapes[i].frame == frame ? &shapes[i].shape : nullptr;
}

void Track::set(int frame, Shape shape) {
  const size_t i = lower_bound(frame);
  if (i < shapes.size() && shapes[i].frame == frame) {
    shapes[i].shape = std::move(shape);
  } else {
    shapes.insert(shapes.begin() + static_cast<std::ptrdiff_t>(i), FrameShape{frame, std::move(shape)});
  }
}

bool Track::erase(int frame) {
  const size_t i = lower_bound(frame);
  if (i < shapes.size() && shapes[i].frame == frame) {
    shapes.erase(shapes.begin() + static_cast<std::ptrdiff_t>(i));
    return true;
  }
  return false;
}

const Track* Object::track(const std::string& sensor, ShapeKind kind) const {
  for (const auto& t : tracks)
    if (t.kind == kind && t.sensor == sensor) return &t;
  return nullptr;
}

Track* Object::track(const std::string& sensor, ShapeKind kind) {
  for (auto& t : tracks)
    if (t.kind == kind && t.sensor == sensor) return &t;
  return nullptr;
}

Track& Object::track_or_create(const std::string& sensor, ShapeKind kind) {
  if (Track* t = track(sensor, kind)) return *t;
  tracks.push_back(Track{sensor, kind, {}});
  return tracks.back();
}

const Shape* Object::shape(int frame, const std::string& sensor, ShapeKind kind) const {
  const Track* t = track(sensor, kind);
  return t ? t->at(frame) : nullptr;
}

int Object::first_frame() const {
  int f = -1;
  for (const auto& t : tracks)
    if (!t.empty() && (f < 0 || t.first_frame() < f)) f = t.first_frame();
  return f;
}

int Object::last_frame() const {
  int f = -1;
  for (const auto& t : tracks)
    if (!t.empty()) f = std::max(f, t.last_frame());
  return f;
}

size_t Object::shape_count() const {
  size_t n = 0;
  for (const auto& t : tracks) n += t.shapes.size();
  return n;
}

bool Object::is_outside(int frame) const {
  return std::any_of(outside.begin(), outside.end(),
                     [frame](const FrameRange& r) { return r.contains(frame); });
}

void Object::prune_empty_tracks() {
  tracks.erase(std::remove_if(tracks.begin(), tracks.end(), [](const Track& t) { return t.empty(); }),
               tracks.end());
}

}  // namespace vantage::core
