#pragma once
// Shared by the render and view tests: one GL context per process and a
// small on-disk sequence (one pinhole camera, one LiDAR) whose projections
// the tests predict with core's CameraModel.

#include <filesystem>
#include <memory>
#include <vector>

#include <glm/glm.hpp>
#include <opencv2/core.hpp>

#include "app/gui/views/headless_gl.h"
#include "core/model/document.h"

namespace vantage::test {

// The process-wide hidden GL context (created on first use).
gui::HeadlessGl& gl_context();

inline constexpr const char* kRenderCamera = "CAM_FRONT";
inline constexpr const char* kRenderLidar = "LIDAR_TOP";
inline constexpr int kImageWidth = 640, kImageHeight = 480;
inline const cv::Scalar kImageGrey(90, 90, 90);

// A one-frame document in `folder`: a uniform grey 640x480 image, a LiDAR
// sweep with `points`, camera looking along vehicle +x from (0, 0, 1.5),
// fx = fy = 500. Classes "car" (pure red) and "ped" (pure green).
core::Document make_render_document(const std::filesystem::path& folder,
                                    const std::vector<glm::vec4>& points = {});

// Adds an object with a keyframe cuboid at frame 0.
core::ObjectId add_cuboid_object(core::Document& doc, const std::string& cls,
                                 const core::Cuboid& c);

// Mean position of pixels that differ from `background` by more than `tol`
// (per channel sum); count gets how many. Returns (-1,-1) when none.
cv::Point2d centroid_of_non_background(const cv::Mat& bgr, const cv::Vec3b& background, int tol,
                                       int* count);

}  // namespace vantage::test
