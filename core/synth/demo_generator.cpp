#include "core/synth/demo_generator.h"

#include <fmt/format.h>

#include <atomic>
#include <mutex>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <opencv2/imgcodecs.hpp>

#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/io/point_cloud_io.h"
#include "core/synth/demo_rig.h"
#include "core/synth/ground_truth.h"
#include "core/segmentation/segmentation_io.h"
#include "core/synth/segmentation_truth.h"
#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

std::string lidar_file(int frame) {
  return fmt::format("lidar/{}/{:06d}.bin", kDemoLidarName, frame);
}
std::string image_file(const std::string& camera, int frame) {
  return fmt::format("images/{}/{:06d}.png", camera, frame);
}

void write_quick(const fs::path& path, std::string_view content) {
  AtomicWriteOptions o;
  o.keep_backup = false;
  o.sync = false;  // the whole folder is renamed into place at the end
  write_file_atomic(path, content, o);
}

}  // namespace

void validate_demo_options(const DemoOptions& o) {
  if (o.frames < 1 || o.frames > 100000)
    throw Error(fmt::format("--frames must be 1..100000, not {}", o.frames));
  if (o.cameras != 1 && o.cameras != 3 && o.cameras != 6)
    throw Error(fmt::format("--cameras must be 1, 3 or 6, not {}", o.cameras));
  if (o.beams != 32 && o.beams != 64 && o.beams != 128)
    throw Error(fmt::format("--beams must be 32, 64 or 128, not {}", o.beams));
  if (o.keyframes_only < 0)
    throw Error(fmt::format("--keyframes-only must be positive, not {}", o.keyframes_only));
}

Sequence demo_sequence(const DemoScene& scene) {
  Sequence seq;
  seq.name = fmt::format("Vantage demo (seed {})", scene.options().seed);
  seq.rigs = {scene.rig()};
  for (int f = 0; f < scene.frames(); ++f) {
    Frame fr;
    fr.timestamp_us = static_cast<int64_t>(f) * 100000;
    fr.ego_pose = scene.ego_pose(f);
    fr.files[kDemoLidarName] = lidar_file(f);
    for (const Camera& c : scene.rig().cameras)
      fr.files[c.name] = image_file(c.name, f);
    seq.frames.push_back(std::move(fr));
  }
  return seq;
}

std::vector<CameraRenderer> make_demo_renderers(const DemoScene& scene) {
  std::vector<CameraRenderer> out;
  for (const Camera& c : scene.rig().cameras)
    out.emplace_back(c);
  return out;
}

DemoFrame render_demo_frame(const DemoScene& scene, const std::vector<CameraRenderer>& renderers,
                            int frame) {
  DemoFrame out;
  const std::vector<SceneBox> boxes = scene.frame_boxes(frame);
  const Transform pose = scene.ego_pose(frame);
  const uint64_t seed = hash64(scene.options().seed, static_cast<uint64_t>(frame));
  out.cloud = simulate_lidar(scene.lidar(), pose * scene.rig().lidars[0].lidar_to_vehicle,
                             scene.layout().ground, boxes, hash64(seed, 1), &out.cloud_truth);
  for (size_t c = 0; c < renderers.size(); ++c)
    out.images.push_back(renderers[c].render(pose * scene.rig().cameras[c].camera_to_vehicle,
                                             scene.layout().ground, boxes, hash64(seed, 2, c)));
  return out;
}

DemoReport generate_demo(const DemoOptions& options, const fs::path& out, bool overwrite,
                         const DemoProgress& progress) {
  validate_demo_options(options);
  std::error_code ec;
  if (fs::exists(out, ec)) {
    if (!fs::is_directory(out, ec))
      throw Error(fmt::format("{}: exists and is not a folder", out.string()));
    if (!fs::is_empty(out, ec) && !overwrite)
      throw Error(fmt::format("{}: folder exists and is not empty (use --force to replace it)",
                              out.string()));
  }
  fs::path target = out;
  if (!target.has_filename()) target = target.parent_path();
  const fs::path work = target.string() + ".partial";
  fs::remove_all(work, ec);
  const DemoScene scene(options);
  const SensorRig& rig = scene.rig();
  fs::create_directories(work / "lidar" / kDemoLidarName, ec);
  for (const Camera& c : rig.cameras)
    fs::create_directories(work / "images" / c.name, ec);
  fs::create_directories(work / "ground_truth", ec);
  if (ec) throw Error(fmt::format("{}: cannot create folder: {}", work.string(), ec.message()));

  const std::vector<CameraRenderer> renderers = make_demo_renderers(scene);
  std::vector<FrameObservation> seen(static_cast<size_t>(options.frames));
  std::vector<size_t> points(static_cast<size_t>(options.frames)),
      bytes(static_cast<size_t>(options.frames));
  std::map<ObjectId, std::string> object_classes;
  for (const Agent& a : scene.traffic().agents)
    object_classes[a.id] = a.class_name;
  // Segmentation layers per frame (labels written to ground_truth/seg/ and
  // dropped from memory at once).
  std::vector<std::vector<std::pair<LayerKey, SegLayer>>> seg_layers(
      static_cast<size_t>(options.frames));
  const fs::path gt_dir = work / "ground_truth";
  auto keep_layer = [&](int f, const std::string& sensor, SegLayer layer) {
    const LayerKey key{sensor, f};
    const fs::path file = gt_dir / layer_file_name(key, layer.kind, layer.hash);
    const std::string encoded = encode_labels(*layer.raster, layer.kind);
    write_quick(file, encoded);
    layer.raster.reset();
    layer.file = file;
    seg_layers[static_cast<size_t>(f)].emplace_back(key, std::move(layer));
    return encoded.size();
  };
  if (options.segmentation) {
    fs::create_directories(gt_dir / kSegmentationFolder / kDemoLidarName, ec);
    for (const Camera& c : rig.cameras)
      fs::create_directories(gt_dir / kSegmentationFolder / c.name, ec);
  }
  std::atomic<int> done{0};
  std::mutex progress_mutex;
  const std::vector<int> png_params{cv::IMWRITE_PNG_COMPRESSION, 1, cv::IMWRITE_PNG_STRATEGY,
                                    cv::IMWRITE_PNG_STRATEGY_RLE};
  tbb::parallel_for(
      tbb::blocked_range<int>(0, options.frames, 1), [&](const tbb::blocked_range<int>& range) {
        for (int f = range.begin(); f < range.end(); ++f) {
          DemoFrame frame = render_demo_frame(scene, renderers, f);
          const auto fi = static_cast<size_t>(f);
          write_kitti_bin(work / lidar_file(f), frame.cloud);
          points[fi] = frame.cloud.size();
          bytes[fi] = frame.cloud.size() * 16;
          for (size_t c = 0; c < rig.cameras.size(); ++c) {
            std::vector<uint8_t> png;
            if (!cv::imencode(".png", frame.images[c].image, png, png_params))
              throw Error(fmt::format("frame {}: PNG encoding failed", f));
            write_quick(work / image_file(rig.cameras[c].name, f),
                        std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
            bytes[fi] += png.size();
            if (options.segmentation)
              bytes[fi] += keep_layer(f, rig.cameras[c].name,
                                      demo_image_layer(frame.images[c], object_classes));
            seen[fi].cameras.push_back(std::move(frame.images[c].objects));
          }
          if (options.segmentation)
            bytes[fi] +=
                keep_layer(f, kDemoLidarName, demo_point_layer(frame.cloud_truth, object_classes));
          const int n = ++done;
          if (progress) {
            std::lock_guard<std::mutex> lock(progress_mutex);
            progress(n, options.frames);
          }
        }
      });

  Annotations gt = build_ground_truth(scene, seen);
  for (auto& layers : seg_layers)
    for (auto& [key, layer] : layers)
      gt.segmentation.put(key, std::move(layer));
  write_quick(work / kSequenceFileName, sequence_to_json(demo_sequence(scene)));
  write_quick(work / kSchemaFileName, schema_to_json(default_schema()));
  write_quick(work / "ground_truth" / kAnnotationsFileName,
              annotations_to_json(gt, work / "ground_truth"));
  // The working file: the full ground truth (masks included), or the
  // keyframes of the boxes and cuboids with no masks to start from.
  write_quick(work / kAnnotationsFileName,
              options.keyframes_only > 0
                  ? annotations_to_json(keyframes_only(gt, options.keyframes_only), work)
                  : annotations_to_json(gt, work));

  if (fs::exists(target, ec)) fs::remove_all(target, ec);
  if (ec) throw Error(fmt::format("{}: cannot replace: {}", target.string(), ec.message()));
  fs::rename(work, target, ec);
  if (ec)
    throw Error(fmt::format("{}: cannot move the finished demo into place: {}", target.string(),
                            ec.message()));

  DemoReport report;
  report.frames = options.frames;
  report.objects = gt.objects.size();
  for (const Object& o : gt.objects)
    for (const Track& t : o.tracks)
      (t.kind == ShapeKind::Cuboid ? report.cuboids : report.boxes) += t.shapes.size();
  for (size_t f = 0; f < points.size(); ++f) {
    report.points += points[f];
    report.bytes += bytes[f];
  }
  return report;
}

}  // namespace vantage::core
