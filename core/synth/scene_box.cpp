#include "core/synth/scene_box.h"

#include <algorithm>

namespace vantage::core {

Vec3 SceneBox::face_normal(int face) const {
  const double c = std::cos(yaw), s = std::sin(yaw);
  switch (face) {
    case kFaceFront:
      return {c, s, 0};
    case kFaceRear:
      return {-c, -s, 0};
    case kFaceLeft:
      return {-s, c, 0};
    case kFaceRight:
      return {s, -c, 0};
    case kFaceTop:
      return {0, 0, 1};
    default:
      return {0, 0, -1};
  }
}

bool intersect_box(const SceneBox& box, double cy, double sy, const Vec3& o, const Vec3& d,
                   double t_min, double t_max, BoxHit& entry, BoxHit& exit) {
  const Vec3 rel = o - box.center;
  const Vec3 lo{cy * rel.x + sy * rel.y, -sy * rel.x + cy * rel.y, rel.z};
  const Vec3 ld{cy * d.x + sy * d.y, -sy * d.x + cy * d.y, d.z};
  const Vec3 h = box.size * 0.5;
  double t0 = -INFINITY, t1 = INFINITY;
  int entry_face = -1, exit_face = -1;
  // Slab test; the slab entered last gives the entry face, the one left first
  // the exit face. Index axis*2 = positive face, axis*2+1 = negative face.
  for (int axis = 0; axis < 3; ++axis) {
    const double od = lo[axis], dd = ld[axis];
    if (std::abs(dd) < 1e-15) {
      if (od < -h[axis] || od > h[axis]) return false;
      continue;
    }
    const double t_neg = (-h[axis] - od) / dd, t_pos = (h[axis] - od) / dd;
    const double ta = std::min(t_neg, t_pos), tb = std::max(t_neg, t_pos);
    if (ta > t0) {
      t0 = ta;
      entry_face = dd > 0 ? axis * 2 + 1 : axis * 2;
    }
    if (tb < t1) {
      t1 = tb;
      exit_face = dd > 0 ? axis * 2 : axis * 2 + 1;
    }
    if (t0 > t1) return false;
  }
  if (entry_face < 0 || t0 <= t_min || t0 >= t_max) return false;
  static constexpr int kFaceOf[6] = {kFaceFront, kFaceRear, kFaceLeft,
                                     kFaceRight, kFaceTop,  kFaceBottom};
  entry.t = t0;
  entry.face = kFaceOf[entry_face];
  entry.local = lo + ld * t0;
  entry.local.z += h.z;
  exit.t = t1;
  exit.face = kFaceOf[exit_face];
  exit.local = lo + ld * t1;
  exit.local.z += h.z;
  return true;
}

bool intersect_box(const SceneBox& box, const Vec3& o, const Vec3& d, double t_min, double t_max,
                   BoxHit& hit) {
  BoxHit exit;
  return intersect_box(box, std::cos(box.yaw), std::sin(box.yaw), o, d, t_min, t_max, hit, exit);
}

}  // namespace vantage::core
