#pragma once
// The standard interactive-segmentation protocol (RITM's robot user,
// isegm/inference/clicker.py and utils.py): after each step the robot
// clicks at the point deepest inside the larger error region (false
// negatives: positive click, false positives: negative click); NoC@t is the
// mean number of clicks to reach IoU >= t, counted as max_clicks when never
// reached. Each object starts from its 2D box (0 clicks).
//
// Methods, all CPU and all in Vantage:
//   Brush              the box filled, then each click paints (erases) the
//                      largest disc that fits in the error region there
//   GrabCut            GrabCut in the box; clicks become fg/bg seeds
//   SuperpixelGrabCut  GrabCut seeded by the projected cuboid (box) and the
//                      object's LiDAR returns (sure foreground, their hull
//                      probable foreground), snapped to SLIC superpixels;
//                      clicks take whole superpixels as seeds

#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/model/annotations.h"
#include "core/model/document.h"
#include "core/segmentation/image_assist.h"

namespace vantage::core {

struct ClickTarget {
  int frame = 0;
  ObjectId object = -1;
  cv::Mat image;  // BGR
  cv::Mat truth;  // CV_8U 0/1, full image
  Box2D box;      // the object's 2D box
  std::optional<Box2D> cuboid_box;          // its cuboid projected
  std::vector<cv::Point> lidar_pixels;      // its cuboid's LiDAR returns, projected
  std::shared_ptr<const Superpixels> superpixels;
};

enum class ClickMethod { Brush, GrabCut, SuperpixelGrabCut };
const char* to_string(ClickMethod m);

struct RobotClick {
  cv::Point at;
  bool positive = true;
  double depth = 0;  // distance to the error region's border (pixels)
};
// The next click for a prediction, nullopt when it equals the truth.
std::optional<RobotClick> robot_click(const cv::Mat& prediction, const cv::Mat& truth);

// IoU after 0, 1, ... clicks (stops once IoU >= stop_iou or at max_clicks).
std::vector<double> run_clicks(const ClickTarget& target, ClickMethod method, int max_clicks = 20,
                               double stop_iou = 0.9);

// Mean clicks to reach `threshold` (max_clicks when never reached).
double number_of_clicks(const std::vector<std::vector<double>>& runs, double threshold,
                        int max_clicks = 20);

// The demo's things seen at `frames` of `camera` with at least `min_area`
// visible pixels and a 2D box: image, exact mask, box, projected cuboid and
// LiDAR returns (from the sequence's sweep, the points inside the cuboid).
std::vector<ClickTarget> click_targets(const Document& doc, const Annotations& ground_truth,
                                       const std::string& camera, const std::vector<int>& frames,
                                       int min_area = 1500);

}  // namespace vantage::core
