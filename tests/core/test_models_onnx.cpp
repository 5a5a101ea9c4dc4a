// ONNX detectors through OpenCV DNN, on tiny models built at test time by
// tests/tools/make_test_onnx.py (python3-onnx) whose outputs are known:
// decoding, NMS, letterbox inverse, class mapping and shape errors are
// checked exactly through the same loading path a user's model takes.
// Registered only when python3 with onnx is present (tests/CMakeLists.txt).
#include <catch2/catch.hpp>

#include <cstdlib>

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/io/native_format.h"
#include "core/models/image_model.h"
#include "core/models/onnx_info.h"
#include "core/models/prelabel.h"
#include "core/tracking/prelabels.h"
#include "tests/support/test_support.h"

using namespace vantage;
using namespace vantage::core;

namespace {

std::filesystem::path onnx_dir() {
  const char* d = std::getenv("VANTAGE_TEST_ONNX_DIR");
  if (!d) FAIL("VANTAGE_TEST_ONNX_DIR is not set (tests/tools/make_test_onnx.py output)");
  return d;
}

// The letterbox as the spec says, written out again: gain r = min(W/w,
// H/h), the image resized to (round(w r), round(h r)), padded left/top by
// round(pad / 2 - 0.1). A network pixel maps back through the resize that
// was applied: x_src = (x - left) * w / round(w r).
struct SpecLetterbox {
  double left, top, sx, sy;
  SpecLetterbox(int w, int h, int W, int H) {
    const double r = std::min(double(W) / w, double(H) / h);
    const double nw = std::round(w * r), nh = std::round(h * r);
    left = std::round((W - nw) / 2 - 0.1);
    top = std::round((H - nh) / 2 - 0.1);
    sx = w / nw;
    sy = h / nh;
  }
  Box2D box(double cx, double cy, double bw, double bh, int w, int h) const {
    auto cl = [](double v, double hi) { return std::min(std::max(v, 0.0), hi); };
    return {cl((cx - bw / 2 - left) * sx, w), cl((cy - bh / 2 - top) * sy, h),
            cl((cx + bw / 2 - left) * sx, w), cl((cy + bh / 2 - top) * sy, h)};
  }
};

void check_box(const Box2D& got, const Box2D& want) {
  CHECK(got.x1 == Approx(want.x1).margin(1e-3));
  CHECK(got.y1 == Approx(want.y1).margin(1e-3));
  CHECK(got.x2 == Approx(want.x2).margin(1e-3));
  CHECK(got.y2 == Approx(want.y2).margin(1e-3));
}

std::vector<Detection2D> run(const ImageModelOptions& o, const cv::Mat& img) {
  const ImageModel m = load_image_model(o);
  return m.make()->detect(img);
}

}  // namespace

TEST_CASE("ONNX info: inputs, outputs and Ultralytics class names from the protobuf", "[onnx]") {
  const OnnxInfo info = read_onnx_info(onnx_dir() / "yolov8.onnx");
  REQUIRE(info.inputs.size() == 1);  // initializers are not inputs
  CHECK(info.inputs[0].name == "images");
  CHECK(info.inputs[0].dims == std::vector<int64_t>{1, 3, 640, 640});
  REQUIRE(info.outputs.size() == 1);
  CHECK(info.outputs[0].dims == std::vector<int64_t>{1, 7, 5});
  CHECK(info.producer == "vantage-tests");
  CHECK(ultralytics_class_names(info) == std::vector<std::string>{"person", "car", "truck"});
}

TEST_CASE("yolov8: decode, per-class NMS and the letterbox inverse, exactly", "[onnx]") {
  const cv::Mat img(375, 1242, CV_8UC3, cv::Scalar(40, 80, 120));
  ImageModelOptions o;
  o.spec = (onnx_dir() / "yolov8.onnx").string();
  o.decoder = DecoderKind::YoloV8;
  o.decode.score_threshold = 0.25;
  o.decode.nms_iou = 0.45;
  const ImageModel m = load_image_model(o);
  CHECK(m.class_names == std::vector<std::string>{"person", "car", "truck"});  // from metadata
  CHECK(m.layout.classes == 3);
  CHECK(m.layout.candidates == 5);
  const auto dets = m.make()->detect(img);
  const SpecLetterbox lb(1242, 375, 640, 640);
  CHECK(lb.top == 223);
  // Candidate 1 (car 0.8) overlaps candidate 0 (car 0.9): suppressed;
  // candidate 2 overlaps too but is a truck: kept; candidate 3 is below the
  // score; candidate 4 reaches into the padding and is clipped.
  REQUIRE(dets.size() == 3);
  CHECK(dets[0].class_index == 1);
  CHECK(dets[0].score == Approx(0.9));
  check_box(dets[0].box, lb.box(320, 320, 100, 50, 1242, 375));
  CHECK(dets[1].class_index == 2);
  CHECK(dets[1].score == Approx(0.7));
  check_box(dets[1].box, lb.box(322, 320, 100, 50, 1242, 375));
  CHECK(dets[2].class_index == 0);
  CHECK(dets[2].score == Approx(0.6));
  check_box(dets[2].box, lb.box(200, 410, 60, 40, 1242, 375));
  CHECK(dets[2].box.y2 == 375);

  // Without NMS suppression (IoU threshold 0.9) the second car comes back.
  o.decode.nms_iou = 0.9;
  CHECK(run(o, img).size() == 4);

  // The transposed layout [1, N, 4+C] decodes the same once the class
  // count is known.
  ImageModelOptions t = o;
  t.spec = (onnx_dir() / "yolov8_t.onnx").string();
  t.decode.nms_iou = 0.45;
  t.class_names = {"person", "car", "truck"};
  const auto dt = run(t, img);
  REQUIRE(dt.size() == 3);
  check_box(dt[0].box, dets[0].box);
  check_box(dt[2].box, dets[2].box);
}

TEST_CASE("yolov8 preprocessing: letterbox pad 114, RGB order, 1/255 scale", "[onnx]") {
  // Pure red image; the probe's box width is 10 x mean of input channel 0,
  // its height 10 x mean of channel 2, as the network (64x64) received them.
  const cv::Mat img(375, 1242, CV_8UC3, cv::Scalar(0, 0, 255));
  ImageModelOptions o;
  o.spec = (onnx_dir() / "probe.onnx").string();
  o.decoder = DecoderKind::YoloV8;
  o.class_names = {"thing"};  // one candidate: [1, 5, 1] is ambiguous without the class count
  const double image_share = 64.0 * 19.0 / (64.0 * 64.0);  // resized to 64x19
  const double red = image_share * 1.0 + (1 - image_share) * 114.0 / 255.0;
  const double blue = (1 - image_share) * 114.0 / 255.0;
  const SpecLetterbox lb(1242, 375, 64, 64);
  CHECK(lb.top == 22);
  auto d = run(o, img);
  REQUIRE(d.size() == 1);
  const Box2D want = lb.box(32, 32, 10 * red, 10 * blue, 1242, 375);
  CHECK(d[0].box.x1 == Approx(want.x1).margin(0.05));
  CHECK(d[0].box.x2 == Approx(want.x2).margin(0.05));
  CHECK(d[0].box.y1 == Approx(want.y1).margin(0.05));
  CHECK(d[0].box.y2 == Approx(want.y2).margin(0.05));
  // --bgr: channel 0 is blue now.
  o.swap_rb = false;
  d = run(o, img);
  REQUIRE(d.size() == 1);
  const Box2D want_bgr = lb.box(32, 32, 10 * blue, 10 * red, 1242, 375);
  CHECK(d[0].box.x2 - d[0].box.x1 == Approx(want_bgr.x2 - want_bgr.x1).margin(0.05));
}

TEST_CASE("yolov5 and ssd decoders", "[onnx]") {
  const cv::Mat img(480, 640, CV_8UC3, cv::Scalar(0));
  ImageModelOptions o;
  o.spec = (onnx_dir() / "yolov5.onnx").string();
  o.decoder = DecoderKind::YoloV5;
  auto d = run(o, img);
  // score = objectness x class score; same box, other class: both kept.
  REQUIRE(d.size() == 2);
  CHECK(d[0].class_index == 1);
  CHECK(d[0].score == Approx(0.72));
  CHECK(d[1].class_index == 0);
  CHECK(d[1].score == Approx(0.45));
  const SpecLetterbox lb(640, 480, 320, 320);
  check_box(d[0].box, lb.box(160, 160, 80, 40, 640, 480));

  // SSD rows: normalised to the input, stretched (no letterbox) by default:
  // corners scale straight to the image. Class ids count from 1.
  o.spec = (onnx_dir() / "ssd7.onnx").string();
  o.decoder = DecoderKind::Ssd;
  d = run(o, img);
  REQUIRE(d.size() == 2);
  CHECK(d[0].class_index == 0);
  CHECK(d[0].score == Approx(0.95));
  check_box(d[0].box, {0.1 * 640, 0.2 * 480, 0.3 * 640, 0.6 * 480});
  CHECK(d[1].class_index == 1);
  check_box(d[1].box, {0.5 * 640, 0.5 * 480, 0.9 * 640, 0.9 * 480});

  // SSD boxes + scores (background column 0): the second box overlaps the
  // first of the same class and is suppressed.
  o.spec = (onnx_dir() / "ssd2.onnx").string();
  d = run(o, img);
  REQUIRE(d.size() == 2);
  CHECK(d[0].class_index == 0);
  CHECK(d[0].score == Approx(0.85));
  check_box(d[0].box, {0.1 * 640, 0.1 * 480, 0.5 * 640, 0.5 * 480});
  CHECK(d[1].class_index == 1);
  CHECK(d[1].score == Approx(0.6));
}

TEST_CASE("yolov8-seg: the mask prototype becomes the outline polygon", "[onnx]") {
  // Input 64x64 and a 64x64 image: no letterbox. The prototype is positive
  // on proto cells x 4..9, y 6..9 (4 px each): pixels x 16..40, y 24..40.
  const cv::Mat img(64, 64, CV_8UC3, cv::Scalar(0));
  ImageModelOptions o;
  o.spec = (onnx_dir() / "yolov8_seg.onnx").string();
  o.decoder = DecoderKind::YoloV8;
  o.class_names = {"thing"};
  const ImageModel m = load_image_model(o);
  CHECK(m.layout.mask_channels == 1);
  CHECK(m.layout.classes == 1);
  const auto d = m.make()->detect(img);
  REQUIRE(d.size() == 1);
  check_box(d[0].box, {8, 10, 56, 50});
  REQUIRE(d[0].outline);
  double x1 = 1e9, y1 = 1e9, x2 = -1e9, y2 = -1e9;
  for (const Vec2& p : d[0].outline->points)
    x1 = std::min(x1, p.x), y1 = std::min(y1, p.y), x2 = std::max(x2, p.x), y2 = std::max(y2, p.y);
  // Bilinear upsampling moves the 0.5 level by up to 2 px around the block.
  CHECK(x1 == Approx(16).margin(2.5));
  CHECK(x2 == Approx(40).margin(2.5));
  CHECK(y1 == Approx(24).margin(2.5));
  CHECK(y2 == Approx(40).margin(2.5));
}

TEST_CASE("ONNX shape errors say which tensor and what was expected", "[onnx]") {
  ImageModelOptions o;
  o.spec = (onnx_dir() / "grey_input.onnx").string();
  o.decoder = DecoderKind::YoloV8;
  CHECK_THROWS_WITH(load_image_model(o), Catch::Contains("input 'images' has shape [1,1,64,64]") &&
                                             Catch::Contains("expected one RGB image [1, 3, H, W]"));
  // The class map says 5 classes, the model has 3.
  o.spec = (onnx_dir() / "yolov8.onnx").string();
  o.class_names = {"a", "b", "c", "d", "e"};
  CHECK_THROWS_WITH(load_image_model(o), Catch::Contains("output 'output0' has shape [1,7,5]") &&
                                             Catch::Contains("expected [1, 9, N]") &&
                                             Catch::Contains("the class map lists 5 classes"));
  // A yolov8 model read as yolov5: [1,7,5] is [1, N, 5+C] with C = 0.
  o.class_names.clear();
  o.decoder = DecoderKind::Ssd;
  CHECK_THROWS_WITH(load_image_model(o), Catch::Contains("ssd decoder") &&
                                             Catch::Contains("[1, 1, N, 7]"));
  o.decoder.reset();
  CHECK_THROWS_WITH(load_image_model(o), Catch::Contains("--decoder"));
  // Not an ONNX file at all.
  test::TempDir dir;
  test::write_text(dir / "x.onnx", "this is not protobuf");
  o.spec = (dir / "x.onnx").string();
  o.decoder = DecoderKind::YoloV8;
  CHECK_THROWS_WITH(load_image_model(o), Catch::Contains("x.onnx") && Catch::Contains("byte"));
}

TEST_CASE("vantage prelabel with an ONNX model: class map, provenance, accepted labels kept",
          "[onnx][cli]") {
  test::TempDir dir;
  // A one-camera, two-frame native sequence with 1242x375 images.
  Document doc;
  doc.schema = default_schema();
  Camera cam;
  cam.name = "CAM_FRONT";
  cam.width = 1242;
  cam.height = 375;
  cam.intrinsics = {700, 700, 621, 187};
  doc.sequence.rigs[0].cameras.push_back(cam);
  std::filesystem::create_directories(dir / "seq" / "images");
  for (int f = 0; f < 2; ++f) {
    const std::string name = fmt::format("images/{:06d}.png", f);
    cv::imwrite((dir / "seq" / name).string(), cv::Mat(375, 1242, CV_8UC3, cv::Scalar(90, 90, 90)));
    Frame fr;
    fr.timestamp_us = f * 100000;
    fr.files["CAM_FRONT"] = name;
    doc.sequence.frames.push_back(fr);
  }
  // A person already boxed the car at frame 1.
  const SpecLetterbox lb(1242, 375, 640, 640);
  Object manual;
  manual.id = 1;
  manual.class_name = "Car";
  Shape s;
  s.geometry = lb.box(320, 320, 100, 50, 1242, 375);
  manual.track_or_create("CAM_FRONT", ShapeKind::Box2D).set(1, s);
  doc.annotations.put(manual);
  save_native(doc, dir / "seq");
  test::write_text(dir / "map.json",
                   R"({"names": ["person", "car", "truck"],
                       "map": {"person": "Pedestrian", "car": "Car", "truck": null}})");
  const std::string model = (onnx_dir() / "yolov8.onnx").string();
  const auto r = test::run_vantage("prelabel '" + (dir / "seq").string() + "' --model '" + model +
                                   "' --decoder yolov8 --classes '" + (dir / "map.json").string() +
                                   "' --score 0.5 --frames 0-1 --json");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out.substr(r.out.find('{')));
  CHECK(j["images"] == 2);
  CHECK(j["unmapped"] == 2);       // the truck, twice
  CHECK(j["over_accepted"] == 1);  // the car at frame 1
  CHECK(j["shapes"] == 3);         // car at 0, person at 0 and 1
  const Document out = load_native(dir / "seq");
  size_t prelabels = 0;
  for (const Object& o : out.annotations.objects)
    for (const Track& t : o.tracks)
      for (const FrameShape& fs : t.shapes) {
        if (fs.shape.source != ShapeSource::Model) continue;
        ++prelabels;
        CHECK(fs.shape.model.rfind("yolov8.onnx@", 0) == 0);
        if (o.class_name == "Car") {
          CHECK(fs.frame == 0);
          CHECK(fs.shape.model_class == "car");
          CHECK(fs.shape.score == Approx(0.9));
          check_box(*fs.shape.as<Box2D>(), lb.box(320, 320, 100, 50, 1242, 375));
        } else {
          CHECK(o.class_name == "Pedestrian");
          CHECK(fs.shape.score == Approx(0.6));
        }
      }
  CHECK(prelabels == 3);
  // The person's box is linked across the two frames: one object.
  size_t pedestrians = 0;
  for (const Object& o : out.annotations.objects)
    pedestrians += o.class_name == "Pedestrian";
  CHECK(pedestrians == 1);
  // The manual label is untouched.
  CHECK(*out.annotations.find(1) == manual);

  // A class map naming a class the schema lacks fails before any work.
  test::write_text(dir / "bad.json", R"({"map": {"car": "Automobile"}})");
  const auto bad = test::run_vantage("prelabel '" + (dir / "seq").string() + "' --model '" + model +
                                     "' --decoder yolov8 --classes '" +
                                     (dir / "bad.json").string() + "'");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.out, Catch::Contains("/map/car") && Catch::Contains("\"Automobile\" is not a class"));
}
