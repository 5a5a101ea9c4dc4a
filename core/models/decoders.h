#pragma once
// Decoders: a detector's raw output tensors -> boxes in source pixels.
//
//   yolov8  output [1, 4+C, N] (or [1, N, 4+C]): cx, cy, w, h in input pixels,
//           then C class scores (no objectness). With a second output
//           [1, M, mh, mw] (YOLOv8-seg) the first holds 4+C+M rows, the last
//           M mask coefficients; the mask is sigmoid(coefficients . protos),
//           cut to the box, and its outline becomes a polygon.
//   yolov5  output [1, N, 5+C]: cx, cy, w, h, objectness, C class scores;
//           score = objectness * class score.
//   ssd     one output [.., N, 7] of rows (image, class, score, x1, y1, x2,
//           y2) with corners normalised to the input (OpenCV/Caffe/TF
//           DetectionOutput), or two outputs boxes [1, N, 4] (normalised x1,
//           y1, x2, y2) and scores [1, N, C] with class 0 the background.
//
// Shapes are checked first: a mismatch throws Error saying which output,
// what it has and what the decoder expected.

#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/models/detection.h"
#include "core/models/letterbox.h"

namespace vantage::core {

enum class DecoderKind : uint8_t { YoloV8, YoloV5, Ssd };
const char* to_string(DecoderKind k);
std::optional<DecoderKind> decoder_from_string(const std::string& s);
// What the decoder takes by default: letterbox for YOLO, stretch for SSD.
ResizeMode default_resize(DecoderKind k);

struct DecodeOptions {
  double score_threshold = 0.25;
  double nms_iou = 0.45;
  int max_detections = 300;
  // Number of classes the model should have (from the class map); -1 =
  // infer from the output shape.
  int classes = -1;
};

struct NamedOutput {
  std::string name;
  cv::Mat tensor;  // float32, any number of dims
};

// What a decoder found out about the outputs (for messages and summaries).
struct OutputLayout {
  int classes = 0;
  int candidates = 0;     // N
  int mask_channels = 0;  // YOLOv8-seg: M (0: no masks)
};

// Checks the output shapes against the decoder; throws Error on mismatch.
OutputLayout check_outputs(DecoderKind kind, const std::vector<NamedOutput>& outputs,
                           const DecodeOptions& options);

// Decodes, thresholds, NMS per class, maps to source pixels.
std::vector<Detection2D> decode_detections(DecoderKind kind, const std::vector<NamedOutput>& outputs,
                                           const Letterbox& letterbox, const DecodeOptions& options);

// "[1,84,8400]".
std::string mat_shape_text(const cv::Mat& m);

}  // namespace vantage::core
