#include "core/models/image_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "core/io/file_util.h"
#include "core/models/class_map.h"
#include "core/models/nms.h"
#include "core/models/onnx_info.h"
#include "core/util/error.h"

namespace vantage::core {

std::string content_digest(const std::string& bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return fmt::format("{:08x}", static_cast<uint32_t>(h ^ (h >> 32)));
}

namespace {

const std::vector<std::string> kBuiltins = {"hog-people", "hog-people-small", "haar-fullbody"};

// --- ONNX through cv::dnn -----------------------------------------------------

struct OnnxShared {
  std::shared_ptr<const std::string> bytes;
  DecoderKind decoder;
  DecodeOptions decode;
  cv::Size input;
  ResizeMode resize;
  double scale;
  bool swap_rb;
};

cv::dnn::Net read_net(const OnnxShared& s, const std::string& label) {
  try {
    cv::dnn::Net net = cv::dnn::readNetFromONNX(s.bytes->data(), s.bytes->size());
    if (net.empty()) throw Error(fmt::format("{}: OpenCV DNN could not load the model", label));
    net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    return net;
  } catch (const cv::Exception& e) {
    throw Error(fmt::format("{}: OpenCV DNN could not load the model: {}", label, e.what()));
  }
}

std::vector<NamedOutput> forward(cv::dnn::Net& net, const cv::Mat& blob) {
  net.setInput(blob);
  std::vector<cv::String> names = net.getUnconnectedOutLayersNames();
  std::vector<cv::Mat> outs;
  net.forward(outs, names);
  std::vector<NamedOutput> r;
  for (size_t i = 0; i < outs.size(); ++i) {
    cv::Mat m = outs[i];
    if (m.depth() != CV_32F) m.convertTo(m, CV_32F);
    if (!m.isContinuous()) m = m.clone();
    r.push_back({i < names.size() ? std::string(names[i]) : std::to_string(i), m});
  }
  return r;
}

class OnnxDetector : public ImageDetector {
 public:
  OnnxDetector(std::shared_ptr<const OnnxShared> s, const std::string& label)
      : s_(std::move(s)), net_(read_net(*s_, label)) {}

  std::vector<Detection2D> detect(const cv::Mat& bgr) override {
    const Letterbox lb = make_letterbox(bgr.size(), s_->input, s_->resize);
    const cv::Mat in = apply_letterbox(bgr, lb);
    const cv::Mat blob = cv::dnn::blobFromImage(in, s_->scale, s_->input, cv::Scalar(), s_->swap_rb,
                                                false, CV_32F);
    return decode_detections(s_->decoder, forward(net_, blob), lb, s_->decode);
  }

 private:
  std::shared_ptr<const OnnxShared> s_;
  cv::dnn::Net net_;
};

ImageModel load_onnx(const ImageModelOptions& o) {
  const std::filesystem::path path = o.spec;
  const std::string label = path.string();
  if (!o.decoder)
    throw Error(fmt::format("{}: say how to read the model's outputs with --decoder "
                            "yolov8|yolov5|ssd",
                            label));
  auto bytes = std::make_shared<const std::string>(read_file_to_string(path));
  const OnnxInfo info = parse_onnx_info(*bytes, label);
  if (info.inputs.size() != 1)
    throw Error(fmt::format("{}: the model has {} inputs; a detector takes one image [1, 3, H, W]",
                            label, info.inputs.size()));
  const OnnxTensorInfo& in = info.inputs[0];
  const auto& d = in.dims;
  if (d.size() != 4 || (d[0] > 1) || (d[1] >= 0 && d[1] != 3))
    throw Error(fmt::format("{}: input '{}' has shape {}; expected one RGB image [1, 3, H, W] (NCHW)",
                            label, in.name, shape_text(d)));
  auto s = std::make_shared<OnnxShared>();
  s->bytes = bytes;
  s->decoder = *o.decoder;
  s->decode = o.decode;
  s->resize = o.resize ? *o.resize : default_resize(*o.decoder);
  s->scale = o.pixel_scale;
  s->swap_rb = o.swap_rb;
  cv::Size size = o.input ? *o.input : cv::Size(640, 640);
  if (d[2] > 0 && d[3] > 0) {
    const cv::Size fixed{int(d[3]), int(d[2])};
    if (o.input && *o.input != fixed)
      throw Error(fmt::format("{}: input '{}' is fixed at {}x{} (W x H); --input asked for {}x{}",
                              label, in.name, fixed.width, fixed.height, o.input->width,
                              o.input->height));
    size = fixed;
  }
  s->input = size;

  ImageModel m;
  m.id = fmt::format("{}@{}", path.filename().string(), content_digest(*bytes));
  m.class_names = o.class_names.empty() ? ultralytics_class_names(info) : o.class_names;
  if (!m.class_names.empty()) s->decode.classes = int(m.class_names.size());
  // Dry run: the outputs are checked before any image is processed.
  cv::dnn::Net net = read_net(*s, label);
  std::vector<NamedOutput> outs;
  try {
    outs = forward(net, cv::Mat(std::vector<int>{1, 3, size.height, size.width}, CV_32F,
                                cv::Scalar(0)));
  } catch (const cv::Exception& e) {
    throw Error(fmt::format("{}: OpenCV DNN could not run the model on a {}x{} input: {}", label,
                            size.width, size.height, e.what()));
  }
  try {
    m.layout = check_outputs(s->decoder, outs, s->decode);
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", label, e.what()));
  }
  if (m.class_names.empty()) {
    if (m.layout.classes == 80) {
      m.class_names = coco_class_names();
    } else {
      for (int i = 0; i < m.layout.classes; ++i)
        m.class_names.push_back(fmt::format("class{}", i));
    }
  }
  s->decode.classes = m.layout.classes;
  m.input_text = fmt::format("1x3x{}x{} {} {}", size.height, size.width, s->swap_rb ? "RGB" : "BGR",
                             s->resize == ResizeMode::Letterbox ? "letterbox" : "stretch");
  std::shared_ptr<const OnnxShared> shared = s;
  m.make = [shared, label] { return std::make_unique<OnnxDetector>(shared, label); };
  return m;
}

// --- Built-in detectors --------------------------------------------------------

// HOG SVM margins are ~0 at the decision boundary and 1-3 for clear people;
// a logistic squashes them into a [0, 1] score (0.5 at the boundary).
double margin_score(double margin, double slope) {
  return 1.0 / (1.0 + std::exp(-slope * margin));
}

class HogDetector : public ImageDetector {
 public:
  explicit HogDetector(bool small) : small_(small) {
    if (small) {
      hog_ = cv::HOGDescriptor(cv::Size(48, 96), cv::Size(16, 16), cv::Size(8, 8), cv::Size(8, 8),
                               9);
      hog_.setSVMDetector(cv::HOGDescriptor::getDaimlerPeopleDetector());
    } else {
      hog_.setSVMDetector(cv::HOGDescriptor::getDefaultPeopleDetector());
    }
  }
  std::vector<Detection2D> detect(const cv::Mat& bgr) override {
    std::vector<cv::Rect> found;
    std::vector<double> weights;
    // Raw windows (no grouping), then per-class NMS: every box keeps its
    // own margin as score.
    hog_.detectMultiScale(bgr, found, weights, small_ ? 0.3 : 0.0, cv::Size(8, 8), cv::Size(8, 8),
                          1.05, 0.0, false);
    std::vector<Detection2D> dets;
    for (size_t i = 0; i < found.size(); ++i) {
      Detection2D d;
      const cv::Rect& r = found[i];
      // The windows have a margin around the person (INRIA: about 8 % of
      // the height above and below; the width includes swinging arms and
      // legs, as KITTI boxes do): trimmed to the body.
      const double mx = r.width * 0.05, my = r.height * 0.06;
      d.box = {r.x + mx, r.y + my, r.x + r.width - mx, r.y + r.height - my};
      d.box.x1 = std::max(0.0, d.box.x1), d.box.y1 = std::max(0.0, d.box.y1);
      d.box.x2 = std::min(double(bgr.cols), d.box.x2), d.box.y2 = std::min(double(bgr.rows), d.box.y2);
      d.score = margin_score(i < weights.size() ? weights[i] : 0.0, 2.0);
      dets.push_back(d);
    }
    return nms_per_class(dets, 0.3);
  }

 private:
  bool small_;
  cv::HOGDescriptor hog_;
};

std::filesystem::path haar_dir() {
  if (const char* e = std::getenv("VANTAGE_HAAR_DIR")) return e;
  return "/usr/share/opencv4/haarcascades";
}

class HaarDetector : public ImageDetector {
 public:
  explicit HaarDetector(const std::filesystem::path& file) {
    if (!cascade_.load(file.string()))
      throw Error(fmt::format("{}: cannot load the Haar cascade (install Debian's opencv-data)",
                              file.string()));
  }
  std::vector<Detection2D> detect(const cv::Mat& bgr) override {
    cv::Mat grey;
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    cv::equalizeHist(grey, grey);
    std::vector<cv::Rect> found;
    std::vector<int> levels;
    std::vector<double> weights;
    cascade_.detectMultiScale(grey, found, levels, weights, 1.05, 2, 0, cv::Size(20, 40),
                              cv::Size(), true);
    std::vector<Detection2D> dets;
    for (size_t i = 0; i < found.size(); ++i) {
      const cv::Rect& r = found[i];
      Detection2D d;
      d.box = {double(r.x), double(r.y), double(r.x + r.width), double(r.y + r.height)};
      d.score = margin_score(i < weights.size() ? weights[i] : 0.0, 1.0);
      dets.push_back(d);
    }
    return nms_per_class(dets, 0.3);
  }

 private:
  cv::CascadeClassifier cascade_;
};

ImageModel load_builtin(const ImageModelOptions& o) {
  const std::string name = o.spec.substr(std::string("builtin:").size());
  ImageModel m;
  m.class_names = {"person"};
  m.layout.classes = 1;
  m.id = fmt::format("{}@opencv-{}", o.spec, CV_VERSION);
  if (name == "hog-people" || name == "hog-people-small") {
    const bool small = name == "hog-people-small";
    m.input_text = small ? "HOG 48x96 window (Daimler)" : "HOG 64x128 window (INRIA)";
    m.make = [small] { return std::make_unique<HogDetector>(small); };
    return m;
  }
  if (name == "haar-fullbody") {
    const auto file = haar_dir() / "haarcascade_fullbody.xml";
    HaarDetector check(file);  // fail now, not in a worker
    m.input_text = "Haar cascade " + file.string();
    m.make = [file] { return std::make_unique<HaarDetector>(file); };
    return m;
  }
  std::vector<std::string> all;
  for (const auto& b : kBuiltins)
    all.push_back("builtin:" + b);
  throw Error(fmt::format("unknown image model '{}' (built-in image models: {}; builtin:lidar-objects "
                          "runs on LiDAR sweeps)",
                          o.spec, fmt::join(all, ", ")));
}

}  // namespace

bool is_builtin_image_model(const std::string& spec) {
  return spec.rfind("builtin:", 0) == 0 && spec != "builtin:lidar-objects";
}

std::vector<std::string> builtin_image_models() {
  std::vector<std::string> all;
  for (const auto& b : kBuiltins)
    all.push_back("builtin:" + b);
  return all;
}

ImageModel load_image_model(const ImageModelOptions& o) {
  if (o.spec.rfind("builtin:", 0) == 0) return load_builtin(o);
  return load_onnx(o);
}

}  // namespace vantage::core
