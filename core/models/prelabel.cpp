#include "core/models/prelabel.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/commands/annotation_commands.h"
#include "core/formats/format.h"  // Cancelled
#include "core/geometry/cuboid_iou.h"
#include "core/geometry/cuboid_projection.h"
#include "core/io/file_util.h"
#include "core/io/frame_points.h"
#include "core/io/image_io.h"
#include "core/models/class_map.h"
#include "core/models/label_classifier.h"
#include "core/tracking/interpolator.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

constexpr double kAccepted2dIou = 0.5;
constexpr double kAcceptedBevIou = 0.3;
constexpr double kLinkIou = 0.5;

std::string model_name(const std::string& id) {
  return id.substr(0, id.rfind('@'));
}

bool overlaps(const Shape& a, const Shape& b) {
  if (a.kind() != b.kind()) return false;
  if (const Cuboid* x = a.as<Cuboid>()) return bev_iou(*x, *b.as<Cuboid>()) >= kAcceptedBevIou;
  if (const Box2D* x = a.as<Box2D>()) return box_iou(*x, *b.as<Box2D>()) >= kAccepted2dIou;
  return false;
}

// Accepted shapes (source not Model) per frame, as Box2D / Cuboid, for the
// overlap rule.
class AcceptedIndex {
 public:
  AcceptedIndex(const Document& doc, const std::vector<int>& frames) {
    const Interpolator interp(doc.sequence);
    std::vector<EvaluatedShape> ev;
    for (int f : frames) {
      interp.evaluate_frame(doc.annotations, f, ev);
      auto& list = by_frame_[f];
      for (const EvaluatedShape& e : ev) {
        if (e.shape.source == ShapeSource::Model) continue;
        const ShapeKind k = e.shape.kind();
        if (k == ShapeKind::Box2D || k == ShapeKind::Cuboid)
          list.push_back({e.track->sensor, e.shape});
        else if (const Polygon* p = e.shape.as<Polygon>()) {
          // A polygon covers the box of its points.
          Box2D b{INFINITY, INFINITY, -INFINITY, -INFINITY};
          for (const Vec2& v : p->points)
            b = {std::min(b.x1, v.x), std::min(b.y1, v.y), std::max(b.x2, v.x), std::max(b.y2, v.y)};
          Shape s = e.shape;
          s.geometry = b;
          list.push_back({e.track->sensor, s});
        }
      }
    }
  }
  bool hit(int frame, const std::string& sensor, const Shape& s) const {
    const auto it = by_frame_.find(frame);
    if (it == by_frame_.end()) return false;
    for (const auto& [sen, a] : it->second)
      if (sen == sensor && overlaps(a, s)) return true;
    return false;
  }

 private:
  std::map<int, std::vector<std::pair<std::string, Shape>>> by_frame_;
};

std::vector<int> frames_to_run(const Document& doc, const std::optional<FrameRange>& range) {
  const int n = doc.sequence.frame_count();
  int first = 0, last = n - 1;
  if (range) {
    first = std::max(0, range->first);
    last = std::min(n - 1, range->last);
    if (first > last)
      throw Error(fmt::format("frames {}-{} select nothing: the sequence has frames 0-{}",
                              range->first, range->last, n - 1));
  }
  std::vector<int> out;
  for (int f = first; f <= last; ++f)
    if (!doc.annotations.excluded_frames.count(f)) out.push_back(f);
  return out;
}

std::filesystem::path data_path(const Document& doc, const std::string& file) {
  std::filesystem::path p = file;
  return p.is_relative() ? doc.folder / p : p;
}

const ClassDef* schema_class(const Schema& schema, const std::string& name) {
  if (const ClassDef* c = schema.find_class(name)) return c;
  for (const ClassDef& c : schema.classes)
    if (c.name.size() == name.size() &&
        std::equal(c.name.begin(), c.name.end(), name.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      return &c;
  return nullptr;
}

Shape model_shape(Geometry g, double score, const std::string& model, const std::string& cls,
                  int64_t now) {
  Shape s;
  s.geometry = std::move(g);
  s.source = ShapeSource::Model;
  s.keyframe = true;
  s.score = score;
  s.model = model;
  s.model_class = cls;
  s.created_ms = s.modified_ms = now;
  return s;
}

// Pending pre-labels of the same model in the frames and sensors this run
// covers: replaced by the new run.
void collect_replaced(const Document& doc, const std::string& model_id, const std::vector<int>& frames,
                      const std::vector<std::string>& sensors, const std::vector<ShapeKind>& kinds,
                      PrelabelResult& r) {
  const std::string name = model_name(model_id);
  for (const Object& o : doc.annotations.objects) {
    std::vector<std::pair<int, std::string>> refs;
    for (const Track& t : o.tracks) {
      if (std::find(kinds.begin(), kinds.end(), t.kind) == kinds.end()) continue;
      if (std::find(sensors.begin(), sensors.end(), t.sensor) == sensors.end()) continue;
      for (const FrameShape& fs : t.shapes) {
        if (fs.shape.source != ShapeSource::Model || model_name(fs.shape.model) != name) continue;
        if (!std::binary_search(frames.begin(), frames.end(), fs.frame)) continue;
        refs.emplace_back(fs.frame, t.sensor);
      }
    }
    if (!refs.empty()) {
      r.summary.replaced += refs.size();
      r.replace.emplace_back(o.id, std::move(refs));
    }
  }
}

// --- Image models ----------------------------------------------------------

struct ImageJob {
  int frame;
  std::string camera;
  std::filesystem::path path;
  std::vector<Detection2D> detections;
  bool read = false;
};

void run_image_model(const Document& doc, const PrelabelOptions& o, const std::vector<int>& frames,
                     const PrelabelProgress& progress, PrelabelResult& r) {
  ImageModelOptions io = o.image;
  io.spec = o.model;
  ClassMapFile map_file;
  if (!o.classes.empty()) map_file = read_class_map(o.classes);
  if (!map_file.names.empty()) io.class_names = map_file.names;
  ImageModel model = load_image_model(io);
  // Default COCO names come with the default COCO -> driving map.
  std::map<std::string, std::optional<std::string>> map = map_file.map;
  if (map.empty() && model.class_names == coco_class_names())
    for (const auto& [from, to] : coco_to_driving_classes())
      if (doc.schema.find_class(to)) map[from] = to;
  if (map.empty() && model.class_names == std::vector<std::string>{"person"})
    if (schema_class(doc.schema, "Pedestrian")) map["person"] = "Pedestrian";
  const ClassMapping mapping(model.class_names, map, doc.schema,
                             o.classes.empty() ? std::string("class map") : o.classes.string());
  r.summary.model_id = model.id;
  r.summary.model_text = fmt::format("{}; {} classes: {}", model.input_text, model.class_names.size(),
                                     mapping.describe());

  std::vector<std::string> cameras = doc.sequence.camera_names();
  if (!o.camera.empty()) {
    if (std::find(cameras.begin(), cameras.end(), o.camera) == cameras.end())
      throw Error(fmt::format("no camera '{}' in the sequence (cameras: {})", o.camera,
                              cameras.empty() ? "none" : fmt::format("{}", fmt::join(cameras, ", "))));
    cameras = {o.camera};
  }
  if (cameras.empty()) throw Error(fmt::format("{}: the sequence has no cameras", o.model));

  std::vector<ImageJob> jobs;
  for (int f : frames)
    for (const std::string& c : cameras) {
      const auto& files = doc.sequence.frames[size_t(f)].files;
      const auto it = files.find(c);
      if (it == files.end()) {
        ++r.summary.missing;
        continue;
      }
      jobs.push_back({f, c, data_path(doc, it->second), {}, false});
    }

  // One detector per worker thread.
  std::mutex mu;
  std::map<std::thread::id, std::unique_ptr<ImageDetector>> detectors;
  std::string first_error;
  const bool finished = run_in_pool(jobs.size(), o.workers, [&](size_t i) {
    ImageDetector* det = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!first_error.empty()) return;
      auto& slot = detectors[std::this_thread::get_id()];
      if (!slot) {
        try {
          slot = model.make();
        } catch (const std::exception& e) {
          first_error = e.what();
          return;
        }
      }
      det = slot.get();
    }
    ImageJob& j = jobs[i];
    if (!std::filesystem::exists(j.path)) return;  // counted as missing below
    try {
      const cv::Mat bgr = to_display_bgr8(read_image(j.path));
      j.detections = det->detect(bgr);
      j.read = true;
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mu);
      if (first_error.empty()) first_error = e.what();
    }
  }, progress);
  if (!first_error.empty()) throw Error(first_error);
  if (!finished) {
    r.cancelled = true;
    return;
  }

  const AcceptedIndex accepted(doc, frames);
  const int64_t now = now_ms();
  ObjectId next = doc.annotations.next_id();
  // Linking: the previous frame's objects per camera (object index, box, class).
  struct Live {
    size_t object;
    Box2D box;
    std::string cls;
    int frame;
  };
  std::map<std::string, std::vector<Live>> live;
  for (const ImageJob& j : jobs) {
    if (!j.read) {
      ++r.summary.missing;
      continue;
    }
    ++r.summary.images;
    std::vector<Live> now_live;
    std::vector<Live>& prev = live[j.camera];
    for (const Detection2D& d : j.detections) {
      ++r.summary.detections;
      if (d.score < o.score) {
        ++r.summary.below_score;
        continue;
      }
      const auto& target = mapping.schema_class(d.class_index);
      if (!target) {
        ++r.summary.unmapped;
        continue;
      }
      const ClassDef* cls = schema_class(doc.schema, *target);
      if (cls && !cls->allows(ShapeKind::Box2D)) {
        ++r.summary.kind_not_allowed;
        continue;
      }
      Shape s = model_shape(d.box, d.score, model.id, mapping.model_name(d.class_index), now);
      if (accepted.hit(j.frame, j.camera, s)) {
        ++r.summary.over_accepted;
        continue;
      }
      // Link to the best-overlapping box of the same class in the previous frame.
      size_t obj = SIZE_MAX;
      double best = kLinkIou;
      if (o.link_boxes)
        for (Live& l : prev) {
          if (l.cls != *target || l.frame != j.frame - 1 || l.object == SIZE_MAX) continue;
          const double iou = box_iou(l.box, d.box);
          if (iou >= best) best = iou, obj = l.object;
        }
      if (obj != SIZE_MAX) {
        for (Live& l : prev)
          if (l.object == obj) l.object = SIZE_MAX;  // used
      } else {
        Object no;
        no.id = next++;
        no.class_name = *target;
        r.objects.push_back(std::move(no));
        obj = r.objects.size() - 1;
      }
      Object& object = r.objects[obj];
      object.track_or_create(j.camera, ShapeKind::Box2D).set(j.frame, s);
      if (d.outline && (!cls || cls->allows(ShapeKind::Polygon))) {
        Shape p = s;
        p.geometry = *d.outline;
        object.track_or_create(j.camera, ShapeKind::Polygon).set(j.frame, p);
        ++r.summary.shapes;
      }
      ++r.summary.shapes;
      ++r.summary.shapes_per_class[*target];
      now_live.push_back({obj, d.box, *target, j.frame});
    }
    // Jobs come frame by frame: this frame's boxes are the next one's to link to.
    prev = std::move(now_live);
  }
  r.summary.objects = r.objects.size();
  collect_replaced(doc, model.id, frames, cameras, {ShapeKind::Box2D, ShapeKind::Polygon}, r);
}

// --- LiDAR -------------------------------------------------------------------

void run_lidar_model(const Document& doc, const PrelabelOptions& o, const std::vector<int>& frames,
                     const PrelabelProgress& progress, PrelabelResult& r) {
  r.summary.model_id = o.classifier ? o.classifier->model_id() : std::string(kLidarModelSpec) + "@1";
  r.summary.model_text = o.classifier ? o.classifier->describe()
                                      : "ground removal, clustering, size/shape classes, L-shape "
                                        "cuboid fit, constant-velocity tracking";
  bool cancelled = false;
  std::vector<LidarFrameDetections> per_frame =
      detect_lidar_frames(doc, frames, o.lidar, o.workers, progress, &cancelled,
                          o.classifier && o.classifier->uses_image_features());
  if (cancelled) {
    r.cancelled = true;
    return;
  }
  std::vector<TrackerFrame> tf;
  for (LidarFrameDetections& pf : per_frame) {
    if (!pf.has_data) {
      ++r.summary.missing;
      continue;
    }
    ++r.summary.sweeps;
    r.summary.detections += pf.detections.size();
    for (Detection3D& d : pf.detections) {
      if (o.classifier) {
        const std::string before = d.class_name;
        o.classifier->rescore(d);
        // Relabelled: the box is refitted with the new class's size prior.
        if (!d.class_name.empty() && d.class_name != before) refit_detection(d, d.class_name);
      }
      d.cluster.clear();
      d.cluster.shrink_to_fit();
    }
    pf.detections.erase(std::remove_if(pf.detections.begin(), pf.detections.end(),
                                       [](const Detection3D& d) { return d.class_name.empty(); }),
                        pf.detections.end());
    TrackerFrame t;
    t.frame = pf.frame;
    const Frame& fr = doc.sequence.frames[size_t(pf.frame)];
    t.time_s = fr.timestamp_us ? double(fr.timestamp_us) * 1e-6 : 0.1 * pf.frame;
    t.ego_pose = fr.ego_pose;
    t.detections = std::move(pf.detections);
    tf.push_back(std::move(t));
  }
  const std::vector<TrackedObject> tracks = track_objects(tf, o.tracker);
  const AcceptedIndex accepted(doc, frames);
  const int64_t now = now_ms();
  ObjectId next = doc.annotations.next_id();
  for (const TrackedObject& t : tracks) {
    const ClassDef* cls = schema_class(doc.schema, t.class_name);
    if (!cls) {
      r.summary.unmapped += t.shapes.size();
      continue;
    }
    if (!cls->allows(ShapeKind::Cuboid)) {
      r.summary.kind_not_allowed += t.shapes.size();
      continue;
    }
    Object obj;
    obj.id = next;
    obj.class_name = cls->name;
    Track& track = obj.track_or_create(kSceneSensor, ShapeKind::Cuboid);
    for (const TrackedShape& ts : t.shapes) {
      if (ts.detection.score < o.score) {
        ++r.summary.below_score;
        continue;
      }
      Shape s = model_shape(ts.detection.cuboid, ts.detection.score, r.summary.model_id,
                            t.class_name, now);
      if (accepted.hit(ts.frame, kSceneSensor, s)) {
        ++r.summary.over_accepted;
        continue;
      }
      track.set(ts.frame, std::move(s));
    }
    if (track.empty()) continue;
    r.summary.shapes += track.shapes.size();
    r.summary.shapes_per_class[obj.class_name] += track.shapes.size();
    r.objects.push_back(std::move(obj));
    ++next;
  }
  r.summary.objects = r.objects.size();
  collect_replaced(doc, r.summary.model_id, frames, {kSceneSensor}, {ShapeKind::Cuboid}, r);
}

}  // namespace

bool run_in_pool(size_t n, int workers, const std::function<void(size_t)>& f,
                 const PrelabelProgress& progress) {
  if (n == 0) return !progress || progress(0, 0);
  size_t w = workers > 0 ? size_t(workers) : std::max(1u, std::thread::hardware_concurrency());
  w = std::min(w, n);
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::condition_variable cv;
  size_t done = 0;
  std::vector<std::thread> threads;
  for (size_t t = 0; t < w; ++t)
    threads.emplace_back([&] {
      while (!stop) {
        const size_t i = next++;
        if (i >= n) break;
        f(i);
        {
          std::lock_guard<std::mutex> lock(mu);
          ++done;
        }
        cv.notify_one();
      }
    });
  bool ok = true;
  size_t reported = SIZE_MAX;
  {
    std::unique_lock<std::mutex> lock(mu);
    while (true) {
      cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return done != reported; });
      const size_t d = done;
      if (d != reported && progress) {
        reported = d;
        lock.unlock();
        ok = progress(d, n);
        lock.lock();
        if (!ok) {
          stop = true;
          break;
        }
      }
      reported = d;
      if (d == n) break;
    }
  }
  for (auto& t : threads)
    t.join();
  return ok;
}

std::vector<LidarFrameDetections> detect_lidar_frames(const Document& doc,
                                                      const std::vector<int>& frames,
                                                      const LidarDetectorOptions& options,
                                                      int workers, const PrelabelProgress& progress,
                                                      bool* cancelled, bool image_features) {
  std::vector<LidarFrameDetections> out(frames.size());
  std::mutex mu;
  std::string first_error;
  const bool ok = run_in_pool(frames.size(), workers, [&](size_t i) {
    out[i].frame = frames[i];
    try {
      PointCloud cloud;
      Vec3 sensor(0.0);
      if (!read_frame_points(doc, frames[i], cloud, &sensor)) return;
      out[i].has_data = true;
      out[i].detections = detect_lidar_objects(cloud, sensor, options).detections;
      if (image_features) add_image_features(doc, frames[i], out[i].detections);
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mu);
      if (first_error.empty()) first_error = e.what();
    }
  }, progress);
  if (!first_error.empty()) throw Error(first_error);
  if (cancelled) *cancelled = !ok;
  return out;
}

bool overlaps_accepted(const Document& doc, int frame, const std::string& sensor,
                       const Shape& shape) {
  return AcceptedIndex(doc, {frame}).hit(frame, sensor, shape);
}

std::shared_ptr<const LidarClassifier> train_on_accepted(const Document& doc,
                                                         const PrelabelOptions& o,
                                                         TrainSummary* summary,
                                                         const PrelabelProgress& progress) {
  if (o.model != kLidarModelSpec)
    throw Error(fmt::format("--train learns from LiDAR clusters: use --model {}", kLidarModelSpec));
  const std::vector<int> range = frames_to_run(doc, o.frames);
  std::vector<int> frames;
  for (int f : labelled_frames(doc))
    if (std::binary_search(range.begin(), range.end(), f)) frames.push_back(f);
  if (frames.empty())
    throw Error("--train: no labelled frames yet (mark frames done or accepted in review, or "
                "decide every pre-label of a frame)");
  bool cancelled = false;
  auto dets = detect_lidar_frames(doc, frames, o.lidar, o.workers, progress, &cancelled, true);
  if (cancelled) throw Cancelled();
  std::vector<int> used;
  std::vector<std::vector<Detection3D>> cands;
  for (auto& d : dets)
    if (d.has_data) used.push_back(d.frame), cands.push_back(std::move(d.detections));
  const TrainingSet set = make_training_set(doc, used, cands);
  auto c = LidarClassifier::train(set);
  if (summary) {
    summary->frames = set.frames;
    summary->positives = set.positives;
    summary->negatives = set.negatives;
    summary->text = c->describe();
  }
  return c;
}

PrelabelResult compute_prelabels(const Document& doc, const PrelabelOptions& o,
                                 const PrelabelProgress& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (o.model.empty()) throw Error("no model: give --model FILE.onnx or builtin:NAME");
  if (!(o.score >= 0 && o.score <= 1))
    throw Error(fmt::format("--score {} is not in [0, 1]", o.score));
  std::vector<int> frames = frames_to_run(doc, o.frames);
  if (o.classifier) {
    const std::vector<int> learnt = labelled_frames(doc);
    frames.erase(std::remove_if(frames.begin(), frames.end(),
                                [&](int f) {
                                  return std::binary_search(learnt.begin(), learnt.end(), f);
                                }),
                 frames.end());
  }
  PrelabelResult r;
  r.summary.frames = int(frames.size());
  if (o.model == kLidarModelSpec) {
    if (doc.sequence.lidar_names().empty())
      throw Error(fmt::format("{} needs LiDAR sweeps; the sequence has no LiDAR", o.model));
    run_lidar_model(doc, o, frames, progress, r);
  } else {
    run_image_model(doc, o, frames, progress, r);
  }
  r.summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

void apply_prelabels(Annotations& a, const PrelabelResult& r) {
  for (const auto& [id, refs] : r.replace) {
    Object* o = a.find(id);
    if (!o) continue;
    for (const auto& [frame, sensor] : refs)
      for (Track& t : o->tracks)
        if (t.sensor == sensor)
          if (const Shape* s = t.at(frame); s && s->source == ShapeSource::Model) t.erase(frame);
    o->prune_empty_tracks();
    if (o->tracks.empty()) a.remove(id);
  }
  ObjectId next = a.next_id();
  for (Object o : r.objects) {
    // The document may have grown since compute_prelabels: keep ids fresh.
    if (a.find(o.id) || o.id < next) o.id = next;
    next = o.id + 1;
    a.put(std::move(o));
  }
}

CommandPtr make_apply_prelabels_command(const Document& doc, const PrelabelResult& r) {
  Annotations after = doc.annotations;
  apply_prelabels(after, r);
  std::vector<ObjectsCommand::Change> changes;
  std::set<ObjectId> ids;
  for (const Object& o : doc.annotations.objects)
    ids.insert(o.id);
  for (const Object& o : after.objects)
    ids.insert(o.id);
  for (ObjectId id : ids) {
    const Object* b = doc.annotations.find(id);
    const Object* a = after.find(id);
    if (b && a && *a == *b) continue;
    ObjectsCommand::Change c;
    c.id = id;
    if (b) c.before = *b;
    if (a) c.after = *a;
    changes.push_back(std::move(c));
  }
  if (changes.empty()) return nullptr;
  return std::make_unique<ObjectsCommand>(
      fmt::format("Pre-label with {} ({} shapes)", r.summary.model_id, r.summary.shapes),
      std::move(changes));
}

}  // namespace vantage::core
