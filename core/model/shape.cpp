#include "core/model/shape.h"

namespace vantage::core {

namespace {
constexpr const char* kKindNames[] = {"box2d", "polygon", "polyline", "keypoints", "cuboid"};
constexpr const char* kSourceNames[] = {"manual", "interpolated", "model", "imported", "tracker"};
}  // namespace

const char* to_string(ShapeKind k) { return kKindNames[static_cast<int>(k)]; }

std::optional<ShapeKind> shape_kind_from_string(const std::string& s) {
  for (int i = 0; i < kShapeKindCount; ++i)
    if (s == kKindNames[i]) return static_cast<ShapeKind>(i);
  return std::nullopt;
}

const char* to_string(ShapeSource s) { return kSourceNames[static_cast<int>(s)]; }

std::optional<ShapeSource> shape_source_from_string(const std::string& s) {
  for (int i = 0; i < 5; ++i)
    if (s == kSourceNames[i]) return static_cast<ShapeSource>(i);
  return std::nullopt;
}

}  // namespace vantage::core
