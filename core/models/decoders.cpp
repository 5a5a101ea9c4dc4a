#include "core/models/decoders.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "core/models/nms.h"
#include "core/util/error.h"

namespace vantage::core {

const char* to_string(DecoderKind k) {
  switch (k) {
    case DecoderKind::YoloV8:
      return "yolov8";
    case DecoderKind::YoloV5:
      return "yolov5";
    case DecoderKind::Ssd:
      return "ssd";
  }
  return "?";
}

std::optional<DecoderKind> decoder_from_string(const std::string& s) {
  if (s == "yolov8") return DecoderKind::YoloV8;
  if (s == "yolov5") return DecoderKind::YoloV5;
  if (s == "ssd") return DecoderKind::Ssd;
  return std::nullopt;
}

ResizeMode default_resize(DecoderKind k) {
  return k == DecoderKind::Ssd ? ResizeMode::Stretch : ResizeMode::Letterbox;
}

std::string mat_shape_text(const cv::Mat& m) {
  std::string s = "[";
  for (int i = 0; i < m.dims; ++i)
    s += (i ? "," : "") + std::to_string(m.size[i]);
  return s + "]";
}

namespace {

// A tensor viewed as rows of values: candidate i, value c.
struct RowView {
  const float* data = nullptr;
  int rows = 0, cols = 0;
  bool channels_first = false;  // stored [cols, rows]
  float at(int i, int c) const {
    return channels_first ? data[size_t(c) * size_t(rows) + size_t(i)]
                          : data[size_t(i) * size_t(cols) + size_t(c)];
  }
};

[[noreturn]] void mismatch(DecoderKind k, const NamedOutput& o, const std::string& expected) {
  throw Error(fmt::format("{} decoder: output '{}' has shape {}; expected {}", to_string(k), o.name,
                          mat_shape_text(o.tensor), expected));
}

std::string class_note(const DecodeOptions& o) {
  return o.classes >= 0 ? fmt::format(" (the class map lists {} classes)", o.classes) : "";
}

// Drops a leading batch dimension of 1: the remaining sizes.
std::vector<int> squeeze_batch(const cv::Mat& m) {
  std::vector<int> d(m.size.p, m.size.p + m.dims);
  while (d.size() > 2 && d.front() == 1)
    d.erase(d.begin());
  return d;
}

struct YoloLayout {
  RowView view;
  OutputLayout layout;
  const NamedOutput* protos = nullptr;
};

YoloLayout yolov8_layout(const std::vector<NamedOutput>& outs, const DecodeOptions& o) {
  const DecoderKind k = DecoderKind::YoloV8;
  if (outs.empty() || outs.size() > 2)
    throw Error(fmt::format("yolov8 decoder: the model has {} outputs; expected 1 ([1, 4+C, N]) "
                            "or 2 for YOLOv8-seg ([1, 4+C+M, N] and protos [1, M, H/4, W/4])",
                            outs.size()));
  const NamedOutput* det = &outs[0];
  const NamedOutput* protos = nullptr;
  if (outs.size() == 2) {
    protos = &outs[1];
    if (det->tensor.dims == 4 && protos->tensor.dims != 4) std::swap(det, protos);
    if (protos->tensor.dims != 4 || protos->tensor.size[0] != 1)
      mismatch(k, *protos, "mask prototypes [1, M, H/4, W/4] as the second output of YOLOv8-seg");
  }
  const int m = protos ? protos->tensor.size[1] : 0;
  const std::vector<int> d = squeeze_batch(det->tensor);
  if (d.size() != 2 || det->tensor.size[0] != 1)
    mismatch(k, *det, fmt::format("[1, 4+C{}, N]", m ? "+M" : ""));
  YoloLayout y;
  y.view.data = det->tensor.ptr<float>();
  int channels = 0;
  if (o.classes >= 0) {
    const int want = 4 + o.classes + m;
    if (d[0] == want)
      y.view.channels_first = true;
    else if (d[1] == want)
      y.view.channels_first = false;
    else
      mismatch(k, *det,
               fmt::format("[1, {}, N]: 4 box values + {} class scores{}{}", want, o.classes,
                           m ? fmt::format(" + {} mask coefficients", m) : "", class_note(o)));
    channels = want;
  } else {
    // Ultralytics exports [1, 4+C, N] with N (thousands of anchors) > 4+C.
    y.view.channels_first = d[0] <= d[1];
    channels = std::min(d[0], d[1]);
  }
  y.view.cols = channels;
  y.view.rows = y.view.channels_first ? d[1] : d[0];
  y.layout.classes = channels - 4 - m;
  y.layout.candidates = y.view.rows;
  y.layout.mask_channels = m;
  if (y.layout.classes < 1)
    mismatch(k, *det, fmt::format("[1, 4+C{}, N] with at least one class{}", m ? "+M" : "",
                                  m ? fmt::format(" (M = {} from the protos)", m) : ""));
  y.protos = protos;
  return y;
}

YoloLayout yolov5_layout(const std::vector<NamedOutput>& outs, const DecodeOptions& o) {
  const DecoderKind k = DecoderKind::YoloV5;
  if (outs.size() != 1)
    throw Error(fmt::format("yolov5 decoder: the model has {} outputs; expected 1 ([1, N, 5+C])",
                            outs.size()));
  const NamedOutput& det = outs[0];
  const std::vector<int> d = squeeze_batch(det.tensor);
  if (d.size() != 2 || det.tensor.size[0] != 1) mismatch(k, det, "[1, N, 5+C]");
  YoloLayout y;
  y.view.data = det.tensor.ptr<float>();
  int channels = d[1];
  y.view.channels_first = false;
  if (o.classes >= 0) {
    const int want = 5 + o.classes;
    if (d[1] == want) {
    } else if (d[0] == want) {
      y.view.channels_first = true;
    } else {
      mismatch(k, det,
               fmt::format("[1, N, {}]: 4 box values + objectness + {} class scores{}", want,
                           o.classes, class_note(o)));
    }
    channels = want;
  }
  y.view.cols = channels;
  y.view.rows = y.view.channels_first ? d[1] : d[0];
  y.layout.classes = channels - 5;
  y.layout.candidates = y.view.rows;
  if (y.layout.classes < 1) mismatch(k, det, "[1, N, 5+C] with at least one class");
  return y;
}

struct SsdLayout {
  const NamedOutput* rows7 = nullptr;
  const NamedOutput* boxes = nullptr;
  const NamedOutput* scores = nullptr;
  OutputLayout layout;
};

SsdLayout ssd_layout(const std::vector<NamedOutput>& outs, const DecodeOptions& o) {
  const DecoderKind k = DecoderKind::Ssd;
  SsdLayout s;
  if (outs.size() == 1) {
    const NamedOutput& r = outs[0];
    if (r.tensor.dims < 2 || r.tensor.size[r.tensor.dims - 1] != 7)
      mismatch(k, r, "[1, 1, N, 7] rows of (image, class, score, x1, y1, x2, y2)");
    s.rows7 = &r;
    s.layout.candidates = int(r.tensor.total() / 7);
    s.layout.classes = o.classes;
    return s;
  }
  if (outs.size() != 2)
    throw Error(fmt::format("ssd decoder: the model has {} outputs; expected 1 ([1, 1, N, 7]) or 2 "
                            "(boxes [1, N, 4] and scores [1, N, C])",
                            outs.size()));
  s.boxes = &outs[0];
  s.scores = &outs[1];
  auto last = [](const cv::Mat& m) { return m.size[m.dims - 1]; };
  if (last(s.boxes->tensor) != 4 && last(s.scores->tensor) == 4) std::swap(s.boxes, s.scores);
  const std::vector<int> b = squeeze_batch(s.boxes->tensor);
  const std::vector<int> c = squeeze_batch(s.scores->tensor);
  if (b.size() != 2 || b[1] != 4) mismatch(k, *s.boxes, "boxes [1, N, 4] (x1, y1, x2, y2)");
  if (c.size() != 2 || c[0] != b[0])
    mismatch(k, *s.scores, fmt::format("scores [1, {}, C] (one row per box)", b[0]));
  if (o.classes >= 0 && c[1] != o.classes + 1)
    mismatch(k, *s.scores,
             fmt::format("[1, {}, {}]: the background and {} classes{}", b[0], o.classes + 1,
                         o.classes, class_note(o)));
  s.layout.candidates = b[0];
  s.layout.classes = c[1] - 1;
  if (s.layout.classes < 1) mismatch(k, *s.scores, "[1, N, C] with C >= 2 (background + classes)");
  return s;
}

void check_float(const std::vector<NamedOutput>& outs, DecoderKind k) {
  for (const NamedOutput& o : outs)
    if (o.tensor.depth() != CV_32F || !o.tensor.isContinuous() || o.tensor.dims < 2)
      throw Error(fmt::format("{} decoder: output '{}' is not a float32 tensor of 2 or more dims",
                              to_string(k), o.name));
}

// All four finite and within a million pixels (so later integer
// conversions are defined).
bool finite_box(double a, double b, double c, double d) {
  for (double v : {a, b, c, d})
    if (!std::isfinite(v) || std::abs(v) > 1e6) return false;
  return true;
}

float sigmoid(float x) {
  return 1.0f / (1.0f + std::exp(-x));
}

// YOLOv8-seg: the mask of one detection as a polygon in input pixels.
std::optional<Polygon> mask_outline(const YoloLayout& y, int row, const Box2D& box,
                                    const Letterbox& lb) {
  const cv::Mat& protos = y.protos->tensor;
  const int m = protos.size[1], mh = protos.size[2], mw = protos.size[3];
  const int ch = 4 + y.layout.classes;
  cv::Mat mask(mh, mw, CV_32F, cv::Scalar(0));
  const float* p = protos.ptr<float>();
  for (int j = 0; j < m; ++j) {
    const float c = y.view.at(row, ch + j);
    const cv::Mat plane(mh, mw, CV_32F, const_cast<float*>(p + size_t(j) * size_t(mh * mw)));
    mask += c * plane;
  }
  // Up to the input resolution, then cut to the box (as Ultralytics does).
  cv::Mat up;
  cv::resize(mask, up, lb.input, 0, 0, cv::INTER_LINEAR);
  cv::Mat bin(up.size(), CV_8U, cv::Scalar(0));
  const int x1 = std::clamp(int(std::floor(box.x1)), 0, lb.input.width);
  const int y1 = std::clamp(int(std::floor(box.y1)), 0, lb.input.height);
  const int x2 = std::clamp(int(std::ceil(box.x2)), 0, lb.input.width);
  const int y2 = std::clamp(int(std::ceil(box.y2)), 0, lb.input.height);
  if (x2 <= x1 || y2 <= y1) return std::nullopt;
  for (int yy = y1; yy < y2; ++yy) {
    const float* src = up.ptr<float>(yy);
    uint8_t* dst = bin.ptr<uint8_t>(yy);
    for (int xx = x1; xx < x2; ++xx)
      dst[xx] = sigmoid(src[xx]) > 0.5f ? 255 : 0;
  }
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(bin, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  const std::vector<cv::Point>* best = nullptr;
  double best_area = 0;
  for (const auto& c : contours) {
    const double a = cv::contourArea(c);
    if (a > best_area) best_area = a, best = &c;
  }
  if (!best) return std::nullopt;
  std::vector<cv::Point> simple;
  cv::approxPolyDP(*best, simple, 1.0, true);
  if (simple.size() < 3) return std::nullopt;
  Polygon poly;
  for (const cv::Point& q : simple) {
    Vec2 s = lb.to_source(Vec2{double(q.x), double(q.y)});
    s.x = std::clamp(s.x, 0.0, double(lb.source.width));
    s.y = std::clamp(s.y, 0.0, double(lb.source.height));
    poly.points.push_back(s);
  }
  return poly;
}

}  // namespace

OutputLayout check_outputs(DecoderKind kind, const std::vector<NamedOutput>& outputs,
                           const DecodeOptions& options) {
  check_float(outputs, kind);
  switch (kind) {
    case DecoderKind::YoloV8:
      return yolov8_layout(outputs, options).layout;
    case DecoderKind::YoloV5:
      return yolov5_layout(outputs, options).layout;
    case DecoderKind::Ssd:
      return ssd_layout(outputs, options).layout;
  }
  return {};
}

std::vector<Detection2D> decode_detections(DecoderKind kind, const std::vector<NamedOutput>& outputs,
                                           const Letterbox& lb, const DecodeOptions& o) {
  check_float(outputs, kind);
  std::vector<Detection2D> cand;
  std::vector<int> rows;  // candidate row per detection (masks)
  const float thr = static_cast<float>(o.score_threshold);
  YoloLayout y;
  if (kind == DecoderKind::YoloV8 || kind == DecoderKind::YoloV5) {
    y = kind == DecoderKind::YoloV8 ? yolov8_layout(outputs, o) : yolov5_layout(outputs, o);
    const int first_class = kind == DecoderKind::YoloV8 ? 4 : 5;
    for (int i = 0; i < y.view.rows; ++i) {
      const float obj = kind == DecoderKind::YoloV5 ? y.view.at(i, 4) : 1.0f;
      if (obj < thr) continue;
      int best = 0;
      float best_score = -1;
      for (int c = 0; c < y.layout.classes; ++c) {
        const float v = y.view.at(i, first_class + c);
        if (v > best_score) best_score = v, best = c;
      }
      const float score = obj * best_score;
      if (!(score >= thr)) continue;
      const double cx = y.view.at(i, 0), cy = y.view.at(i, 1);
      const double w = y.view.at(i, 2), h = y.view.at(i, 3);
      // Non-finite or absurd values (a broken export) are no detection.
      if (!(w > 0 && h > 0) || !finite_box(cx, cy, w, h)) continue;
      Detection2D d;
      d.box = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
      d.class_index = best;
      d.score = score;
      cand.push_back(d);
      rows.push_back(i);
    }
  } else {
    const SsdLayout s = ssd_layout(outputs, o);
    const double W = lb.input.width, H = lb.input.height;
    if (s.rows7) {
      const float* p = s.rows7->tensor.ptr<float>();
      for (int i = 0; i < s.layout.candidates; ++i) {
        const float* r = p + size_t(i) * 7;
        const int cls = int(std::lround(r[1]));
        if (cls < 1 || !(r[2] >= thr)) continue;  // class 0: background
        Detection2D d;
        d.box = {r[3] * W, r[4] * H, r[5] * W, r[6] * H};
        if (!(d.box.x2 > d.box.x1 && d.box.y2 > d.box.y1) ||
            !finite_box(d.box.x1, d.box.y1, d.box.x2, d.box.y2))
          continue;
        d.class_index = cls - 1;
        d.score = r[2];
        cand.push_back(d);
        rows.push_back(i);
      }
    } else {
      const float* b = s.boxes->tensor.ptr<float>();
      const float* c = s.scores->tensor.ptr<float>();
      const int C = s.layout.classes + 1;
      for (int i = 0; i < s.layout.candidates; ++i) {
        int best = 0;
        float best_score = -1;
        for (int k = 1; k < C; ++k) {
          const float v = c[size_t(i) * size_t(C) + size_t(k)];
          if (v > best_score) best_score = v, best = k;
        }
        if (!(best_score >= thr)) continue;
        const float* r = b + size_t(i) * 4;
        Detection2D d;
        d.box = {r[0] * W, r[1] * H, r[2] * W, r[3] * H};
        if (!(d.box.x2 > d.box.x1 && d.box.y2 > d.box.y1) ||
            !finite_box(d.box.x1, d.box.y1, d.box.x2, d.box.y2))
          continue;
        d.class_index = best - 1;
        d.score = best_score;
        cand.push_back(d);
        rows.push_back(i);
      }
    }
  }
  std::vector<Detection2D> out;
  for (size_t i : nms_per_class_indices(cand, o.nms_iou, o.max_detections)) {
    Detection2D d = cand[i];
    if (y.protos) d.outline = mask_outline(y, rows[i], d.box, lb);
    d.box = lb.to_source(d.box);
    if (d.box.width() <= 0 || d.box.height() <= 0) continue;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace vantage::core
