#include "core/model/annotations.h"

#include <algorithm>

namespace vantage::core {

namespace {
template <class Vec>
auto find_pos(Vec& objects, ObjectId id) {
  return std::lower_bound(objects.begin(), objects.end(), id,
                          [](const Object& o, ObjectId v) { return o.id < v; });
}
}  // namespace

const Object* Annotations::find(ObjectId id) const {
  auto it = find_pos(objects, id);
  return it != objects.end() && it->id == id ? &*it : nullptr;
}

Object* Annotations::find(ObjectId id) {
  auto it = find_pos(objects, id);
  return it != objects.end() && it->id == id ? &*it : nullptr;
}

Object& Annotations::put(Object object) {
  auto it = find_pos(objects, object.id);
  if (it != objects.end() && it->id == object.id) {
    *it = std::move(object);
    return *it;
  }
  return *objects.insert(it, std::move(object));
}

bool Annotations::remove(ObjectId id) {
  auto it = find_pos(objects, id);
  if (it == objects.end() || it->id != id) return false;
  objects.erase(it);
  return true;
}

size_t Annotations::shape_count() const {
  size_t n = 0;
  for (const auto& o : objects) n += o.shape_count();
  return n;
}

size_t Annotations::ignore_region_count() const {
  size_t n = 0;
  for (const auto& [f, list] : ignore_regions) n += list.size();
  return n;
}

const std::vector<IgnoreRegion>& Annotations::ignore_regions_at(int frame) const {
  static const std::vector<IgnoreRegion> kNone;
  const auto it = ignore_regions.find(frame);
  return it == ignore_regions.end() ? kNone : it->second;
}

}  // namespace vantage::core
