// KITTI object (label_2, one file per frame) and tracking (label_02, one file
// per sequence), built on the KITTI label reader/writer (kitti_labels.h), the
// label <-> shape conversion (kitti_annotations.h), the calibration files
// (core/io/kitti_calibration.h) and the exact camera <-> Velodyne box
// conversion with KITTI's own alpha (core/geometry/kitti_convert.h).
//
// [SECTION] index
//   calibration of an export (KITTI's own, or made from a camera)
//   export: label_2 + calib per frame / label_02 + calib per sequence
//   import: a label file, a label folder or a training folder
//
// Export layout:
//   kitti:          OUT/label_2/NNNNNN.txt, OUT/calib/NNNNNN.txt (NNNNNN: the
//                   frame's image number when it has one, else the frame)
//   kitti_tracking: OUT/label_02/SEQ.txt, OUT/calib/SEQ.txt (SEQ: the
//                   sequence name when numeric, else 0000)
// Labels are in the rectified camera-0 frame of the calibration written
// beside them. A document without a KITTI calibration gets one made from the
// exported camera (P2 = K [I|t], R0_rect = I, Tr_velo_to_cam = vehicle ->
// the camera's reference frame; kitti_calibration_for_camera), so its
// vehicle frame plays the Velodyne's and a stereo camera's baseline stays in
// P2 instead of shifting the labels. Numbers are written rounded to 12 decimals (KITTI's own data
// comes back as it was; nothing of other data is lost at any useful
// precision).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

#include "core/formats/format_handler.h"
#include "core/formats/format_util.h"
#include "core/formats/kitti_annotations.h"
#include "core/formats/kitti_labels.h"
#include "core/geometry/camera_model.h"
#include "core/geometry/cuboid_geometry.h"
#include "core/geometry/kitti_convert.h"
#include "core/geometry/kitti_rig.h"
#include "core/io/file_util.h"
#include "core/io/kitti_calibration.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

// [SECTION] calibration ----------------------------------------------------------

// Stands in when a file has no calibration (2D-only labels never use it).
const KittiCalibration& identity_calibration() {
  static const KittiCalibration k = [] {
    KittiCalibration c;
    for (auto& p : c.P)
      p = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
    c.R0_rect = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    c.Tr_velo_to_cam = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
    c.Tr_imu_to_velo = c.Tr_velo_to_cam;
    return c;
  }();
  return k;
}

// The tilt of a cuboid relative to the camera's y axis (what a KITTI box
// cannot hold), in radians.
double tilt_in_camera(const Cuboid& c, const KittiBoxConverter& conv) {
  const Mat3 r = conv.rotation_velo_to_rect() * Mat3(cuboid_pose(c).m);
  const Vec3 up = glm::normalize(r[2]);  // the box's height axis in the camera frame
  return std::acos(std::clamp(-up.y, -1.0, 1.0));
}

void report_kitti_limitations(const ExportSelection& sel, FormatReport& report) {
  sel.report_attributes("KITTI labels have no attributes");
  sel.report_keyframe_flags("KITTI labels have no keyframe flag");
  report.info("KITTI keeps no annotation metadata (annotators, times, sources)");
}

struct RigCalibration {
  KittiCalibration calib;
  bool made = false;  // not the document's own
};

class KittiFormat final : public FormatHandler {
 public:
  explicit KittiFormat(KittiLabelKind kind) : kind_(kind) {}

  FormatInfo info() const override {
    return kind_ == KittiLabelKind::Object
               ? FormatInfo{FormatId::Kitti, "kitti", "KITTI object (label_2)", true, true}
               : FormatInfo{FormatId::KittiTracking, "kitti_tracking", "KITTI tracking (label_02)",
                            true, true};
  }

  int detect(const fs::path& input) const override {
    std::error_code ec;
    const char* dir = kind_ == KittiLabelKind::Object ? "label_2" : "label_02";
    if (fs::is_directory(input, ec)) {
      if (input.filename() == dir) return 60;
      return fs::is_directory(input / dir, ec) ? 55 : 0;
    }
    if (input.extension() != ".txt") return 0;
    const std::string text = read_file_to_string(input);
    std::vector<std::string_view> toks;
    for (std::string_view line : split_lines(text)) {
      split_ws(line, toks);
      if (toks.empty()) continue;
      int64_t n = 0;
      const bool tracking = (toks.size() == 17 || toks.size() == 18) && parse_int(toks[0], n) &&
                            parse_int(toks[1], n);
      const bool object = (toks.size() == 15 || toks.size() == 16) && !parse_int(toks[0], n);
      return (kind_ == KittiLabelKind::Tracking ? tracking : object) ? 50 : 0;
    }
    return 0;
  }

  // [SECTION] export -------------------------------------------------------------
  void export_to(const ExportSelection& sel, const fs::path& out_dir, const ExportOptions& options,
                 FormatReport& report) const override {
    const Document& doc = sel.doc();
    const Sequence& seq = doc.sequence;
    const std::string title = info().title;
    sel.report_unsupported(ShapeKind::Polygon, "KITTI labels hold boxes and 3D boxes only");
    sel.report_unsupported(ShapeKind::Polyline, "KITTI labels hold boxes and 3D boxes only");
    sel.report_unsupported(ShapeKind::Keypoints, "KITTI labels hold boxes and 3D boxes only");
    sel.report_document_extras("KITTI", false);
    sel.report_masks_unsupported(LayerKind::Image, "KITTI has no masks");
    sel.report_masks_unsupported(LayerKind::Points, "KITTI object labels have no per-point labels (use semantic_kitti)");
    report_kitti_limitations(sel, report);
    if (kind_ == KittiLabelKind::Object && sel.object_count())
      report.limitation("object ids not exported", "KITTI object labels have no ids",
                        sel.object_count());

    // The camera the labels describe.
    std::string cam = options.camera;
    if (cam.empty()) {
      const auto names = seq.camera_names();
      cam = std::find(names.begin(), names.end(), kKittiLeftCamera) != names.end()
                ? kKittiLeftCamera
            : names.empty() ? std::string()
                            : names.front();
    }
    if (cam.empty()) throw Error("KITTI export needs a camera: the sequence has none");

    // Per rig: calibration, converter and camera model.
    std::vector<RigCalibration> calibs(seq.rigs.size());
    std::vector<std::optional<KittiBoxConverter>> convs(seq.rigs.size());
    std::vector<std::optional<CameraModel>> models(seq.rigs.size());
    size_t made = 0;
    for (size_t r = 0; r < seq.rigs.size(); ++r) {
      const Camera* c = seq.rigs[r].camera(cam);
      if (seq.rigs[r].kitti) {
        calibs[r].calib = *seq.rigs[r].kitti;
      } else if (c) {
        calibs[r].calib = kitti_calibration_for_camera(*c);
        calibs[r].made = true;
        ++made;
        if (!c->distortion.is_zero())
          report.limitation("camera distortions not exported",
                            "KITTI assumes rectified images (boxes stay as annotated)");
      } else {
        continue;
      }
      convs[r].emplace(calibs[r].calib);
      if (c) models[r].emplace(*c);
    }
    if (made)
      report.info(fmt::format(
          "calibration made from camera '{}': KITTI's Velodyne frame is the vehicle frame", cam));

    size_t spaces = 0, tilted = 0, skipped = 0, done = 0;
    std::set<ObjectId> objects;
    std::vector<KittiLabel> sequence_labels;
    const std::string seq_name = export_sequence_name(seq.name, options.name, true);
    KittiLabelWriteOptions wo;
    wo.style = KittiNumberStyle::Decimals12;
    bool calib_written = false;
    const uint32_t first_rig =
        sel.frames().empty() ? 0u : seq.frames[static_cast<size_t>(sel.frames().front())].rig;
    for (const int f : sel.frames()) {
      sel.progress(done++, sel.frames().size());
      const uint32_t rig = seq.frames[static_cast<size_t>(f)].rig;
      if (!convs[rig]) {
        if (!sel.at(f).empty() || !doc.annotations.ignore_regions_at(f).empty())
          report.skip("", fmt::format("frame {}", f), "frames",
                      fmt::format("its rig has no camera '{}'", cam));
        continue;
      }
      const KittiBoxConverter& conv = *convs[rig];
      std::vector<KittiLabel> labels;
      // DontCare rows: the tracking ground truth lists them first in a
      // frame, the object benchmark last.
      std::vector<KittiLabel> dont_care;
      for (const IgnoreRegion& r : doc.annotations.ignore_regions_at(f)) {
        if (r.sensor != cam) continue;
        if (!std::holds_alternative<Box2D>(r.geometry))
          report.alter("", fmt::format("frame {}, ignore region ({})", f, r.kind_name()),
                       "ignore regions", "written as its bounding box (KITTI DontCare is a box)");
        dont_care.push_back(kitti_dont_care_label(kind_, r.bounds(), f));
        ++report.ignore_regions;
      }
      if (kind_ == KittiLabelKind::Tracking) labels = dont_care;
      const auto& items = sel.at(f);
      for (size_t i = 0; i < items.size();) {
        size_t j = i;
        const Shape* box = nullptr;
        const Shape* cuboid = nullptr;
        while (j < items.size() && items[j].object == items[i].object) {
          const ExportItem& it = items[j++];
          if (it.shape->kind() == ShapeKind::Box2D && it.track->sensor == cam) box = it.shape;
          if (it.shape->kind() == ShapeKind::Cuboid) cuboid = it.shape;
        }
        const Object& o = *items[i].object;
        i = j;
        if (!box && !cuboid) continue;
        KittiLabelSource src;
        src.type = o.class_name;
        if (src.type.find_first_of(" \t") != std::string::npos) {
          std::replace_if(
              src.type.begin(), src.type.end(), [](char c) { return c == ' ' || c == '\t'; }, '_');
          ++spaces;
        }
        src.box = box;
        src.cuboid = cuboid;
        src.frame = f;
        src.track_id = o.id;
        if (cuboid && tilt_in_camera(*cuboid->as<Cuboid>(), conv) > 1e-6) {
          ++tilted;
          report.alter("", fmt::format("frame {}, object {}", f, o.id), "cuboids",
                       "pitch and roll dropped (KITTI boxes turn about the camera's y axis only)");
        }
        auto label =
            kitti_label_from_shapes(src, kind_, conv, models[rig] ? &*models[rig] : nullptr);
        if (!label) {
          ++skipped;
          continue;
        }
        labels.push_back(std::move(*label));
        report.shapes += (box != nullptr) + (cuboid != nullptr);
        objects.insert(o.id);
      }
      if (kind_ == KittiLabelKind::Object) {
        for (KittiLabel& l : dont_care)
          labels.push_back(std::move(l));
        const std::string name = frame_file_name(doc, f, cam);
        write_export_file(out_dir / "label_2" / (name + ".txt"),
                          format_kitti_labels(labels, kind_, wo), report);
        write_export_file(out_dir / "calib" / (name + ".txt"),
                          format_kitti_calibration(calibs[rig].calib), report);
        if (options.copy_images) {
          const fs::path src = image_path(doc, f, cam);
          if (!src.empty())
            copy_export_image(src, out_dir / "image_2" / (name + src.extension().string()), report);
        }
      } else {
        if (!calib_written) {
          write_export_file(out_dir / "calib" / (seq_name + ".txt"),
                            format_kitti_calibration(calibs[rig].calib), report);
          calib_written = true;
        } else if (rig != first_rig &&
                   !(calibs[rig].calib == calibs[first_rig].calib)) {
          // Its labels would be read with the first frame's calibration.
          report.skip("", fmt::format("frame {}", f), "frames",
                      "its calibration differs from the first frame's, and a KITTI tracking "
                      "sequence has one calib file");
          continue;
        }
        for (KittiLabel& l : labels)
          sequence_labels.push_back(std::move(l));
        if (options.copy_images) {
          const fs::path src = image_path(doc, f, cam);
          if (!src.empty())
            copy_export_image(src,
                              out_dir / "image_02" / seq_name /
                                  (fmt::format("{:06d}", f) + src.extension().string()),
                              report);
        }
      }
      ++report.images;
    }
    if (kind_ == KittiLabelKind::Tracking)
      write_export_file(out_dir / "label_02" / (seq_name + ".txt"),
                        format_kitti_labels(sequence_labels, kind_, wo), report);
    if (spaces)
      report.limitation("class names with spaces written with underscores",
                        "KITTI fields are space-separated", spaces);
    if (skipped)
      report.limitation("object frames not exported",
                        fmt::format("KITTI labels describe what camera '{}' sees: a cuboid with "
                                    "no box in it and no part in its view",
                                    cam),
                        skipped);
    report.objects = objects.size();
  }

  void import_from(ImportContext& ctx, const fs::path& input) const override;

 private:
  static std::string frame_file_name(const Document& doc, int f, const std::string& cam) {
    const auto& files = doc.sequence.frames[static_cast<size_t>(f)].files;
    if (auto it = files.find(cam); it != files.end()) {
      const std::string stem = fs::path(it->second).stem().string();
      if (!stem.empty() && std::all_of(stem.begin(), stem.end(), ::isdigit)) return stem;
    }
    return fmt::format("{:06d}", f);
  }

  void import_object(ImportContext& ctx, const fs::path& input) const;
  void import_tracking(ImportContext& ctx, const fs::path& input) const;

  KittiLabelKind kind_;
};

// [SECTION] import ----------------------------------------------------------------

// Labels of one file, line by line: a bad line is skipped (reported with its
// line number), the rest are read.
std::vector<std::pair<size_t, KittiLabel>> read_lines(ImportContext& ctx, const fs::path& file,
                                                      KittiLabelKind kind) {
  const std::string text = read_file_to_string(file);
  std::vector<std::pair<size_t, KittiLabel>> out;
  const auto lines = split_lines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find_first_not_of(" \t") == std::string_view::npos) continue;
    try {
      auto parsed = parse_kitti_labels(lines[i], kind, file.string());
      for (KittiLabel& l : parsed)
        out.push_back({i + 1, std::move(l)});
    } catch (const FileError& e) {
      ctx.skip(file.string(), line_location(i + 1), "label lines", e.message());
    }
  }
  return out;
}

std::optional<KittiCalibration> find_calibration(ImportContext& ctx, const fs::path& calib_file) {
  std::error_code ec;
  if (!ctx.options.calibration.empty()) return read_kitti_calibration(ctx.options.calibration);
  if (!calib_file.empty() && fs::is_regular_file(calib_file, ec))
    return read_kitti_calibration(calib_file);
  return std::nullopt;
}

// The frame's converter: its rig's KITTI calibration, else the file's.
// Converters by calibration (compared by value: cheap next to building one).
using ConverterCache = std::vector<std::pair<KittiCalibration, std::unique_ptr<KittiBoxConverter>>>;

const KittiBoxConverter* converter_for(ImportContext& ctx, int frame,
                                       const std::optional<KittiCalibration>& file_calib,
                                       ConverterCache& cache) {
  const SensorRig& rig = ctx.doc.sequence.rig(frame);
  const KittiCalibration* c = rig.kitti ? &*rig.kitti : file_calib ? &*file_calib : nullptr;
  if (!c) return nullptr;
  for (const auto& [k, conv] : cache)
    if (k == *c) return conv.get();
  cache.emplace_back(*c, std::make_unique<KittiBoxConverter>(*c));
  return cache.back().second.get();
}

bool far_outside(const Box2D& b, std::pair<int, int> wh) {
  return far_outside_image(b, wh.first, wh.second);
}

void KittiFormat::import_from(ImportContext& ctx, const fs::path& input) const {
  if (kind_ == KittiLabelKind::Object)
    import_object(ctx, input);
  else
    import_tracking(ctx, input);
}

void KittiFormat::import_object(ImportContext& ctx, const fs::path& input) const {
  std::error_code ec;
  fs::path label_dir;
  std::vector<fs::path> files;
  if (fs::is_directory(input, ec)) {
    label_dir = fs::is_directory(input / "label_2", ec) ? input / "label_2" : input;
    for (const auto& e : fs::directory_iterator(label_dir, ec))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
  } else {
    files = {input};
    label_dir = input.parent_path();
  }
  if (files.empty()) throw FileError(input.string(), "", "no KITTI label files (.txt) here");
  const fs::path root = label_dir.parent_path();
  const std::string cam_hint = ctx.options.camera.empty() ? kKittiLeftCamera : ctx.options.camera;

  std::vector<std::optional<ImageRef>> refs(files.size());
  std::vector<std::optional<KittiCalibration>> calibs(files.size());
  for (size_t i = 0; i < files.size(); ++i)
    calibs[i] = find_calibration(ctx, root / "calib" / files[i].filename());
  if (ctx.building_sequence()) {
    // One frame per label file; a rig per calibration and image size.
    Sequence& seq = ctx.doc.sequence;
    seq.rigs.clear();
    for (size_t i = 0; i < files.size(); ++i) {
      const fs::path img = root / "image_2" / (files[i].stem().string() + ".png");
      const auto size = probe_image_size(img).value_or(std::make_pair(1242, 375));
      SensorRig rig;
      if (calibs[i]) {
        rig = make_kitti_rig(*calibs[i], size.first, size.second);
      } else {
        rig.cameras.push_back(Camera{kKittiLeftCamera, size.first, size.second, {}, {}, {}});
        give_nominal_intrinsics(rig.cameras.back());
      }
      auto it = std::find(seq.rigs.begin(), seq.rigs.end(), rig);
      if (it == seq.rigs.end()) seq.rigs.push_back(rig), it = seq.rigs.end() - 1;
      Frame fr;
      fr.rig = static_cast<uint32_t>(it - seq.rigs.begin());
      if (fs::exists(img, ec))
        fr.files[kKittiLeftCamera] = fs::absolute(img).lexically_normal().string();
      seq.frames.push_back(std::move(fr));
      refs[i] = ImageRef{static_cast<int>(i), kKittiLeftCamera};
    }
  } else {
    for (size_t i = 0; i < files.size(); ++i) {
      std::string why;
      refs[i] = ctx.locate(files[i].stem().string(), cam_hint, why);
      if (!refs[i]) ctx.skip(files[i].string(), "", "label files", why);
    }
  }
  ConverterCache cache;
  for (size_t i = 0; i < files.size(); ++i) {
    ctx.progress(i, files.size());
    if (!refs[i]) continue;
    ++ctx.report.images;
    const std::string fname = files[i].string();
    const KittiBoxConverter* conv = converter_for(ctx, refs[i]->frame, calibs[i], cache);
    const auto wh = ctx.image_size(*refs[i]);
    for (auto& [line, label] : read_lines(ctx, files[i], KittiLabelKind::Object)) {
      const std::string loc = line_location(line);
      if (label.is_dont_care()) {
        ctx.add_ignore(refs[i]->frame,
                       {refs[i]->camera, label.box, label.type, kKittiDontCareReason});
        continue;
      }
      const auto cls = ctx.resolve_class(label.type, fname, loc);
      if (!cls) continue;
      if (far_outside(label.box, wh)) {
        ctx.skip(fname, loc, "label lines",
                 fmt::format("box far outside the {}x{} image", wh.first, wh.second));
        continue;
      }
      const ObjectId id = ctx.new_object(*cls);
      if (conv) {
        KittiLabelShapes s = kitti_label_to_shapes(label, KittiLabelKind::Object, *conv);
        ctx.add(id, refs[i]->camera, refs[i]->frame, std::move(s.box));
        if (s.cuboid) ctx.add(id, kSceneSensor, refs[i]->frame, std::move(*s.cuboid));
      } else {
        KittiLabel flat = label;
        flat.height = -1;  // 2D only without a calibration
        const KittiBoxConverter none(identity_calibration());
        KittiLabelShapes s = kitti_label_to_shapes(flat, KittiLabelKind::Object, none);
        ctx.add(id, refs[i]->camera, refs[i]->frame, std::move(s.box));
        if (label.has_3d())
          ctx.skip(fname, loc, "3D boxes", "no calibration (give the calib file with --calib)");
      }
    }
  }
}

void KittiFormat::import_tracking(ImportContext& ctx, const fs::path& input) const {
  std::error_code ec;
  fs::path file = input;
  if (fs::is_directory(input, ec)) {
    const fs::path dir = fs::is_directory(input / "label_02", ec) ? input / "label_02" : input;
    std::vector<fs::path> seqs;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.path().extension() == ".txt") seqs.push_back(e.path());
    std::sort(seqs.begin(), seqs.end());
    if (!ctx.options.sequence.empty()) {
      file = dir / (ctx.options.sequence + ".txt");
      if (!fs::is_regular_file(file, ec))
        throw FileError(file.string(), "", "no such KITTI tracking sequence");
    } else if (seqs.size() == 1) {
      file = seqs.front();
    } else {
      std::string names;
      for (const fs::path& p : seqs)
        names += (names.empty() ? "" : ", ") + p.stem().string();
      throw FileError(dir.string(), "",
                      fmt::format("choose a sequence (here: {})", names.empty() ? "none" : names));
    }
  }
  const std::string seq_name = file.stem().string();
  const fs::path root = file.parent_path().parent_path();
  const std::optional<KittiCalibration> calib =
      find_calibration(ctx, root / "calib" / (seq_name + ".txt"));
  const auto lines = read_lines(ctx, file, KittiLabelKind::Tracking);
  const std::string fname = file.string();

  std::string cam = ctx.options.camera;
  if (ctx.building_sequence()) {
    int frames = 0;
    for (const auto& [ln, l] : lines)
      frames = std::max(frames, l.frame + 1);
    const fs::path img_dir = root / "image_02" / seq_name;
    std::pair<int, int> size{1242, 375};
    for (int f = 0; f < frames; ++f)
      if (auto s = probe_image_size(img_dir / fmt::format("{:06d}.png", f))) {
        size = *s;
        break;
      }
    Sequence& seq = ctx.doc.sequence;
    seq.name = seq_name;
    if (calib) {
      seq.rigs = {make_kitti_rig(*calib, size.first, size.second)};
    } else {
      seq.rigs = {SensorRig{}};
      seq.rigs[0].cameras.push_back(Camera{kKittiLeftCamera, size.first, size.second, {}, {}, {}});
      give_nominal_intrinsics(seq.rigs[0].cameras.back());
    }
    seq.frames.assign(static_cast<size_t>(frames), Frame{});
    for (int f = 0; f < frames; ++f) {
      Frame& fr = seq.frames[static_cast<size_t>(f)];
      fr.timestamp_us = int64_t{f} * 100000;
      const fs::path img = img_dir / fmt::format("{:06d}.png", f);
      if (fs::exists(img, ec))
        fr.files[kKittiLeftCamera] = fs::absolute(img).lexically_normal().string();
    }
    cam = kKittiLeftCamera;
  }
  if (cam.empty()) {
    const auto names = ctx.doc.sequence.camera_names();
    if (std::find(names.begin(), names.end(), kKittiLeftCamera) != names.end())
      cam = kKittiLeftCamera;
    else if (names.size() == 1)
      cam = names.front();
    else
      throw Error("KITTI tracking import: give the camera the labels are in (--camera)");
  }
  ObjectId max_id = -1;
  for (const auto& [ln, l] : lines)
    max_id = std::max<ObjectId>(max_id, l.track_id);
  if (max_id >= 0) ctx.reserve_ids(max_id);
  ConverterCache cache;
  const int frame_count = ctx.doc.sequence.frame_count();
  size_t done = 0;
  std::set<int> frames_seen;
  for (auto& [line, label] : lines) {
    if (done++ % 1024 == 0) ctx.progress(done, lines.size());
    const std::string loc = line_location(line);
    if (label.frame >= frame_count) {
      ctx.skip(
          fname, loc, "label lines",
          fmt::format("frame {} is beyond the sequence's {} frames", label.frame, frame_count));
      continue;
    }
    if (label.is_dont_care()) {
      frames_seen.insert(label.frame);
      ctx.add_ignore(label.frame, {cam, label.box, label.type, kKittiDontCareReason});
      continue;
    }
    const auto cls = ctx.resolve_class(label.type, fname, loc);
    if (!cls) continue;
    const auto wh = ctx.image_size({label.frame, cam});
    if (far_outside(label.box, wh)) {
      ctx.skip(fname, loc, "label lines",
               fmt::format("box far outside the {}x{} image", wh.first, wh.second));
      continue;
    }
    frames_seen.insert(label.frame);
    const ObjectId id = label.track_id >= 0
                            ? ctx.object(fmt::format("t{}", label.track_id), *cls, label.track_id)
                            : ctx.new_object(*cls);
    const KittiBoxConverter* conv = converter_for(ctx, label.frame, calib, cache);
    KittiLabel l = label;
    if (!conv) {
      if (l.has_3d())
        ctx.skip(fname, loc, "3D boxes", "no calibration (give the calib file with --calib)");
      l.height = -1;
    }
    const KittiBoxConverter none(identity_calibration());
    KittiLabelShapes s = kitti_label_to_shapes(l, KittiLabelKind::Tracking, conv ? *conv : none);
    ctx.add(id, cam, label.frame, std::move(s.box));
    if (s.cuboid) ctx.add(id, kSceneSensor, label.frame, std::move(*s.cuboid));
  }
  ctx.report.images += frames_seen.size();
}

}  // namespace

const FormatHandler& kitti_format() {
  static const KittiFormat f(KittiLabelKind::Object);
  return f;
}

const FormatHandler& kitti_tracking_format() {
  static const KittiFormat f(KittiLabelKind::Tracking);
  return f;
}

}  // namespace vantage::core
