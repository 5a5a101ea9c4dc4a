// Rules over an object's track in time and the LiDAR: track-gap and
// min-lidar-points.
#include <algorithm>
#include <cmath>

#include "core/geometry/points_in_cuboids.h"
#include "core/io/frame_points.h"
#include "core/qa/rules_internal.h"
#include "core/tracking/frame_ranges.h"
#include "core/util/error.h"

namespace vantage::core::qa_detail {

void check_track_gaps(RuleRun& run) {
  if (!run.on("track-gap")) return;
  // The rule's own interpolator: anchors further apart than max_gap are not
  // bridged, so a long stretch with nothing but interpolation counts as a gap
  // (an object hidden for seconds is usually out of view, not moving
  // linearly). Within max_gap the in-betweens are interpolated: no gap.
  InterpolationOptions io = run.interp.options();
  io.max_gap = std::max(0, static_cast<int>(run.param("track-gap", "max_gap")));
  const Interpolator interp(run.doc.sequence, io);
  for (const Object& o : run.doc.annotations.objects) {
    std::vector<FrameRange> present;
    for (const Track& t : o.tracks)
      for (const FrameRange& r : interp.spans(o, t))
        add_range(present, r);
    if (present.size() < 2) continue;
    // Holes between the object's present spans, minus its outside spans.
    std::vector<FrameRange> holes;
    for (size_t i = 0; i + 1 < present.size(); ++i)
      holes.push_back({present[i].last + 1, present[i + 1].first - 1});
    for (const FrameRange& out : o.outside)
      subtract_range(holes, out);
    for (const FrameRange& h : holes)
      run.add("track-gap", o.id, h.first, {},
              fmt::format("{} missing at frames {}-{} ({} frames) with no outside span: add a "
                          "keyframe or mark it outside",
                          o.class_name, h.first, h.last, h.last - h.first + 1));
  }
}

void check_lidar_points(RuleRun& run) {
  if (!run.on("min-lidar-points")) return;
  const double min_points = run.param("min-lidar-points", "min_points");
  const double max_dist = run.param("min-lidar-points", "max_distance_m");
  size_t missing = 0;
  PointCloud cloud;
  PointsInCuboidsOptions pio;
  pio.per_point = false;
  PointCuboidMembership members;
  for (const auto& [frame, refs] : run.anchors_by_frame) {
    std::vector<Cuboid> cuboids;
    std::vector<const Object*> owners;
    for (const AnchorRef& a : refs)
      if (const Cuboid* c = a.shape->shape.as<Cuboid>()) {
        cuboids.push_back(*c);
        owners.push_back(a.object);
      }
    if (cuboids.empty()) continue;
    Vec3 sensor{0.0};
    try {
      if (!read_frame_points(run.doc, frame, cloud, &sensor)) {
        ++missing;
        continue;
      }
    } catch (const Error& e) {
      run.add("min-lidar-points", std::nullopt, frame, {},
              fmt::format("LiDAR not readable, points not counted: {}", e.what()));
      continue;
    }
    points_in_cuboids(cloud.points.data(), cloud.points.size(), cuboids, pio, members);
    for (size_t i = 0; i < cuboids.size(); ++i) {
      const double d = glm::length(Vec2(cuboids[i].center) - Vec2(sensor));
      if (max_dist > 0 && d > max_dist) continue;
      if (members.points_per_cuboid[i] < min_points)
        run.add("min-lidar-points", owners[i]->id, frame, {},
                fmt::format("cuboid holds {} LiDAR point{} (minimum {:g}) at {:.1f} m",
                            members.points_per_cuboid[i],
                            members.points_per_cuboid[i] == 1 ? "" : "s", min_points, d));
    }
  }
  if (missing > 0) {
    Finding f;
    f.severity = Severity::Info;
    f.rule = "min-lidar-points";
    f.message = fmt::format(
        "{} frame{} with cuboids have no LiDAR file: their point counts were not checked", missing,
        missing == 1 ? "" : "s");
    run.out.push_back(std::move(f));
  }
}

}  // namespace vantage::core::qa_detail
