#pragma once
// Image detectors behind one interface: ONNX models through OpenCV DNN
// (decoders.h) and the detectors that ship with Debian's OpenCV:
//
//   builtin:hog-people        cv::HOGDescriptor, the default 64x128 people
//                             SVM (INRIA): walking and standing people
//   builtin:hog-people-small  the Daimler 48x96 people SVM: finds the
//                             smaller, farther pedestrians of road scenes
//   builtin:haar-fullbody     opencv-data's haarcascade_fullbody.xml
//
// All three give the model class "person" (-> Pedestrian). The other
// cascades in opencv-data do not fit a driving class: faces, eyes, smiles
// and cat faces are not schema classes, upper/lower bodies are parts (a box
// on them is not a Pedestrian box), and the licence-plate cascades find
// Russian plates only.
//
// A model is loaded once (and checked: input and output shapes against the
// decoder, with a dry run); each worker thread then makes its own detector
// (cv::dnn::Net and CascadeClassifier are not thread-safe).

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/models/decoders.h"
#include "core/models/detection.h"

namespace vantage::core {

class ImageDetector {
 public:
  virtual ~ImageDetector() = default;
  // `bgr`: 8-bit, 3 channels. Boxes in its pixels, classes as the model's.
  virtual std::vector<Detection2D> detect(const cv::Mat& bgr) = 0;
};

struct ImageModelOptions {
  std::string spec;  // path to .onnx, or builtin:NAME
  std::optional<DecoderKind> decoder;  // required for ONNX
  DecodeOptions decode;
  // Network input (W x H) when the model does not fix it; 640 x 640 default.
  std::optional<cv::Size> input;
  std::optional<ResizeMode> resize;  // default: the decoder's
  double pixel_scale = 1.0 / 255.0;
  bool swap_rb = true;  // feed RGB (Ultralytics, most PyTorch exports)
  // Class names when the model does not carry them (class map "names").
  std::vector<std::string> class_names;
};

struct ImageModel {
  // Provenance stored with every pre-label: "yolov8n.onnx@9f2c41d7" (file
  // name and a digest of its bytes) or "builtin:hog-people@opencv-4.6.0".
  std::string id;
  std::vector<std::string> class_names;  // model class index -> name
  std::string input_text;                // "1x3x640x640 RGB letterbox", for summaries
  OutputLayout layout;
  std::function<std::unique_ptr<ImageDetector>()> make;  // one per worker thread
};

bool is_builtin_image_model(const std::string& spec);
std::vector<std::string> builtin_image_models();
// Throws FileError/Error: unreadable model, wrong shapes, unknown builtin.
ImageModel load_image_model(const ImageModelOptions& options);

// FNV-1a 64 of a file's bytes, 8 hex digits shown (model versions).
std::string content_digest(const std::string& bytes);

}  // namespace vantage::core
