// [SECTION] index
//   images -> frames (build_sequence, locate, image_size)
//   classes (resolve_class, offer_skeleton)
//   objects and staged shapes (object, new_object, add, finish)
#include "core/formats/import_context.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <opencv2/imgcodecs.hpp>

#include "core/formats/format_util.h"

namespace vantage::core {

namespace fs = std::filesystem;

std::string lower_ascii(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool give_nominal_intrinsics(Camera& c) {
  if (c.intrinsics.fx > 0 && c.intrinsics.fy > 0) return false;
  const double w = c.width > 0 ? c.width : 1000.0, h = c.height > 0 ? c.height : 1000.0;
  c.intrinsics = {w, w, w / 2.0, h / 2.0, 0.0};
  return true;
}

uint32_t color_for_name(const std::string& name) {
  // FNV-1a, then a bright colour from the hash (hue spread by the golden ratio).
  uint32_t h = 2166136261u;
  for (const char c : name)
    h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  const double hue = std::fmod(h * 0.618033988749895, 1.0) * 6.0;
  const int i = static_cast<int>(hue);
  const double f = hue - i;
  const double v = 0.9, s = 0.65;
  const double p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
  double r = v, g = t, b = p;
  switch (i % 6) {
    case 0:
      r = v, g = t, b = p;
      break;
    case 1:
      r = q, g = v, b = p;
      break;
    case 2:
      r = p, g = v, b = t;
      break;
    case 3:
      r = p, g = q, b = v;
      break;
    case 4:
      r = t, g = p, b = v;
      break;
    default:
      r = v, g = p, b = q;
      break;
  }
  auto c8 = [](double x) { return static_cast<uint32_t>(std::lround(x * 255.0)); };
  return (c8(r) << 16) | (c8(g) << 8) | c8(b);
}

ImportContext::ImportContext(Document& d, const ImportOptions& o, FormatReport& r)
    : doc(d), options(o), report(r) {
  building_ = doc.sequence.frames.empty();
  next_id_ = doc.annotations.next_id();
  if (doc.annotations.objects.empty()) next_id_ = 0;
}

// [SECTION] images -> frames ----------------------------------------------

namespace {

std::string normalise_path(std::string p) {
  std::replace(p.begin(), p.end(), '\\', '/');
  while (p.rfind("./", 0) == 0)
    p.erase(0, 2);
  return p;
}

std::vector<std::string> reversed_components(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  const std::string p = normalise_path(path);
  while (start <= p.size()) {
    const size_t slash = p.find('/', start);
    const size_t end = slash == std::string::npos ? p.size() : slash;
    if (end > start) out.push_back(p.substr(start, end - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::string stem_of(const std::string& file_name) {
  const size_t dot = file_name.rfind('.');
  return dot == std::string::npos || dot == 0 ? file_name : file_name.substr(0, dot);
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<ImageRef> ImportContext::build_sequence(const std::vector<ImageEntry>& images) {
  Sequence& seq = doc.sequence;
  // Cameras in first-seen order; images of a camera ranked by path.
  std::vector<std::string> cameras;
  std::vector<std::string> cam_of(images.size());
  for (size_t i = 0; i < images.size(); ++i) {
    std::string cam = images[i].camera;
    if (cam.empty()) {
      const auto comps = reversed_components(images[i].path);
      cam = comps.size() >= 2 ? comps[1] : "camera";
    }
    if (std::find(cameras.begin(), cameras.end(), cam) == cameras.end()) cameras.push_back(cam);
    cam_of[i] = cam;
  }
  std::vector<ImageRef> refs(images.size());
  std::map<std::string, std::vector<size_t>> per_cam;
  for (size_t i = 0; i < images.size(); ++i)
    per_cam[cam_of[i]].push_back(i);
  int frame_count = 0;
  for (auto& [cam, idx] : per_cam) {
    std::stable_sort(idx.begin(), idx.end(),
                     [&](size_t a, size_t b) { return images[a].path < images[b].path; });
    for (size_t r = 0; r < idx.size(); ++r)
      refs[idx[r]] = {static_cast<int>(r), cam};
    frame_count = std::max(frame_count, static_cast<int>(idx.size()));
  }
  // The first rig keeps any calibration the document already has (convert
  // --calib) and gets each camera's first-seen size.
  SensorRig base = seq.rigs.empty() ? SensorRig{} : seq.rigs.front();
  for (const std::string& cam : cameras)
    if (!base.camera(cam)) base.cameras.push_back(Camera{cam, 0, 0, {}, {}, {}});
  std::vector<std::vector<std::pair<std::string, std::pair<int, int>>>> frame_sizes(
      static_cast<size_t>(frame_count));
  seq.frames.assign(static_cast<size_t>(frame_count), Frame{});
  size_t missing = 0;
  for (size_t i = 0; i < images.size(); ++i) {
    const ImageEntry& e = images[i];
    Frame& fr = seq.frames[static_cast<size_t>(refs[i].frame)];
    std::error_code ec;
    const bool exists = !e.resolved.empty() && fs::exists(e.resolved, ec);
    if (!exists) ++missing;
    fr.files[refs[i].camera] = exists ? e.resolved.lexically_normal().string() : e.path;
    frame_sizes[static_cast<size_t>(refs[i].frame)].push_back(
        {refs[i].camera, {e.width, e.height}});
    for (Camera& c : base.cameras)
      if (c.name == refs[i].camera && c.width == 0 && c.height == 0)
        c.width = e.width, c.height = e.height;
  }
  size_t nominal = 0;
  for (Camera& c : base.cameras)
    nominal += give_nominal_intrinsics(c);
  if (nominal)
    report.info(
        "cameras without calibration get a nominal pinhole (fx = fy = image width, centred)");
  seq.rigs = {base};
  // Frames whose image sizes differ from the first rig get their own rig
  // (KITTI object images differ in size from drive to drive).
  for (size_t f = 0; f < frame_sizes.size(); ++f) {
    SensorRig rig = base;
    bool differs = false;
    for (const auto& [cam, wh] : frame_sizes[f])
      for (Camera& c : rig.cameras)
        if (c.name == cam && (c.width != wh.first || c.height != wh.second) && wh.first > 0) {
          const bool nominal_k = c.intrinsics.fx == c.width && c.intrinsics.cx == c.width / 2.0;
          c.width = wh.first, c.height = wh.second;
          if (nominal_k) c.intrinsics = {}, give_nominal_intrinsics(c);
          differs = true;
        }
    if (!differs) continue;
    auto it = std::find(seq.rigs.begin(), seq.rigs.end(), rig);
    if (it == seq.rigs.end()) {
      seq.rigs.push_back(rig);
      it = seq.rigs.end() - 1;
    }
    seq.frames[f].rig = static_cast<uint32_t>(it - seq.rigs.begin());
  }
  if (missing)
    report.note("images missing on disk",
                "their annotations are imported, the frames show no image", missing);
  indexed_ = false;
  return refs;
}

void ImportContext::index_images() {
  by_name_.clear();
  by_stem_.clear();
  const Sequence& seq = doc.sequence;
  const std::vector<std::string> cams = seq.camera_names();
  for (int f = 0; f < seq.frame_count(); ++f) {
    const Frame& fr = seq.frames[static_cast<size_t>(f)];
    for (const std::string& cam : cams) {
      const auto it = fr.files.find(cam);
      if (it == fr.files.end()) continue;
      fs::path p(it->second);
      if (p.is_absolute() && !doc.folder.empty()) {
        const fs::path rel = p.lexically_relative(doc.folder);
        if (!rel.empty() && rel.native().rfind("..", 0) != 0) p = rel;
      }
      Indexed ix{reversed_components(p.generic_string()), {f, cam}};
      if (ix.components.empty()) continue;
      by_stem_[stem_of(ix.components.front())].push_back(ix);
      by_name_[ix.components.front()].push_back(std::move(ix));
    }
  }
  indexed_ = true;
}

std::optional<ImageRef> ImportContext::locate(const std::string& path,
                                              const std::string& camera_hint, std::string& why) {
  if (!indexed_) index_images();
  const std::vector<std::string> cams = doc.sequence.camera_names();
  auto known = [&](const std::string& c) {
    return std::find(cams.begin(), cams.end(), c) != cams.end();
  };
  std::string hint = known(camera_hint) ? camera_hint : "";
  if (hint.empty() && known(options.camera)) hint = options.camera;
  std::vector<std::string> q = reversed_components(path);
  if (q.empty()) {
    why = "no image name";
    return std::nullopt;
  }
  auto best_of = [&](const std::vector<Indexed>& cands, bool by_stem) -> std::optional<ImageRef> {
    int best = -1;
    std::vector<const Indexed*> winners;
    for (const Indexed& c : cands) {
      if (!hint.empty() && c.ref.camera != hint) continue;
      int score = 1;
      for (size_t k = 1; k < q.size() && k < c.components.size() && q[k] == c.components[k]; ++k)
        ++score;
      if (!by_stem && q.size() == c.components.size() && score == static_cast<int>(q.size()))
        score += 1000;
      if (score > best) {
        best = score;
        winners = {&c};
      } else if (score == best) {
        winners.push_back(&c);
      }
    }
    if (winners.size() == 1) return winners.front()->ref;
    if (winners.size() > 1) {
      why = fmt::format("'{}' matches {} images of the sequence (give the camera)", path,
                        winners.size());
      return std::nullopt;
    }
    return std::nullopt;
  };
  why.clear();
  if (auto it = by_name_.find(q.front()); it != by_name_.end())
    if (auto r = best_of(it->second, false)) return r;
  if (!why.empty()) return std::nullopt;
  const std::string stem = stem_of(q.front());
  if (auto it = by_stem_.find(stem); it != by_stem_.end())
    if (auto r = best_of(it->second, true)) return r;
  if (!why.empty()) return std::nullopt;
  if (all_digits(stem) && stem.size() < 10) {
    const int f = std::stoi(stem);
    std::string cam = hint;
    if (cam.empty() && cams.size() == 1) cam = cams.front();
    if (f < doc.sequence.frame_count() && !cam.empty()) return ImageRef{f, cam};
    why = cam.empty() ? fmt::format("'{}': frame {} but no camera (give --camera)", path, f)
                      : fmt::format("'{}': frame {} is beyond the sequence's {} frames", path, f,
                                    doc.sequence.frame_count());
    return std::nullopt;
  }
  why = fmt::format("image '{}' is not in the sequence", path);
  return std::nullopt;
}

std::pair<int, int> ImportContext::image_size(const ImageRef& ref) {
  if (const Camera* c = doc.sequence.camera(ref.frame, ref.camera);
      c && c->width > 0 && c->height > 0)
    return {c->width, c->height};
  const auto key = std::make_pair(ref.frame, ref.camera);
  if (auto it = size_cache_.find(key); it != size_cache_.end()) return it->second;
  std::pair<int, int> wh{0, 0};
  const Frame& fr = doc.sequence.frames.at(static_cast<size_t>(ref.frame));
  if (auto it = fr.files.find(ref.camera); it != fr.files.end()) {
    fs::path p(it->second);
    if (p.is_relative() && !doc.folder.empty()) p = doc.folder / p;
    if (auto sz = probe_image_size(p)) wh = *sz;
  }
  size_cache_[key] = wh;
  return wh;
}

// [SECTION] classes ---------------------------------------------------------

std::optional<std::string> ImportContext::resolve_class(const std::string& name,
                                                        const std::string& file,
                                                        const std::string& location) {
  auto cached = class_cache_.find(name);
  if (cached == class_cache_.end()) {
    std::string target = name;
    if (auto m = options.class_map.find(name); m != options.class_map.end()) target = m->second;
    std::optional<std::string> result;
    Schema& schema = doc.schema;
    if (target.empty()) {
      result = std::nullopt;
    } else if (schema.find_class(target)) {
      result = target;
    } else {
      const std::string low = lower_ascii(target);
      const ClassDef* match = nullptr;
      int matches = 0;
      for (const ClassDef& c : schema.classes)
        if (lower_ascii(c.name) == low) match = &c, ++matches;
      if (matches == 1) {
        report.info(fmt::format("class '{}' taken as schema class '{}'", target, match->name));
        result = match->name;
      } else if (options.unknown_classes == UnknownClassPolicy::Add) {
        ClassDef def;
        def.id = schema.next_class_id();
        def.name = target;
        def.color = color_for_name(target);
        def.guideline = "Added by an import.";
        schema.classes.push_back(def);
        classes_added_here_.insert(target);  // reported in finish(), if it keeps any shape
        result = target;
      } else if (options.unknown_classes == UnknownClassPolicy::Fail) {
        // Not a FileError: importers skip input on FileError, this must fail the import.
        throw Error(fmt::format(
            "{}: {}: unknown class '{}' (not in schema '{}'; map it or let the import add it)",
            file, location, target, schema.name));
      }
    }
    cached = class_cache_.emplace(name, result).first;
  }
  if (!cached->second) {
    if (name.empty())
      skip(file, location, "shapes", "no class name");
    else  // --unknown-classes skip
      skip_by_option(file, location, "shapes", fmt::format("unknown class '{}'", name));
  }
  return cached->second;
}

void ImportContext::offer_skeleton(const std::string& class_name,
                                   const std::vector<std::string>& points,
                                   const std::vector<std::pair<int, int>>& edges) {
  if (points.empty() || !classes_added_here_.count(class_name)) return;
  Schema& schema = doc.schema;
  for (ClassDef& c : schema.classes) {
    if (c.name != class_name || !c.skeleton.empty()) continue;
    std::string name = class_name;
    while (schema.find_skeleton(name))
      name += "_";
    schema.skeletons.push_back(Skeleton{name, points, edges});
    c.skeleton = name;
  }
}

// [SECTION] objects and shapes ----------------------------------------------

ObjectId ImportContext::fresh_id() {
  const ObjectId id = std::max(next_id_, doc.annotations.next_id());
  next_id_ = id + 1;
  return id;
}

void ImportContext::reserve_ids(ObjectId max_file_id) {
  next_id_ = std::max(next_id_, max_file_id + 1);
}

ObjectId ImportContext::new_object(const std::string& class_name) {
  Object o;
  o.id = fresh_id();
  o.class_name = class_name;
  const ObjectId id = o.id;
  created_.insert(id);
  doc.annotations.put(std::move(o));
  return id;
}

ObjectId ImportContext::object(const std::string& key, const std::string& class_name,
                               std::optional<ObjectId> file_id) {
  if (auto it = by_key_.find(key); it != by_key_.end()) {
    const Object& o = get(it->second);
    if (o.class_name != class_name)
      report.note("shapes kept in their object despite another class",
                  "one object id had several classes in the file; the first class is kept");
    return it->second;
  }
  ObjectId id;
  if (file_id && *file_id >= 0 && options.keep_ids && !options.as_prelabels) {
    const Object* existing = doc.annotations.find(*file_id);
    if (!existing) {
      Object o;
      o.id = *file_id;
      o.class_name = class_name;
      created_.insert(o.id);
      doc.annotations.put(std::move(o));
      next_id_ = std::max(next_id_, *file_id + 1);
      id = *file_id;
    } else if (!created_.count(*file_id) && existing->class_name == class_name) {
      report.note("objects merged into existing objects", "same id and class", 1);
      id = *file_id;
    } else {
      id = new_object(class_name);
      report.note("object ids changed", "the id was taken by another object", 1);
    }
  } else {
    id = new_object(class_name);
  }
  by_key_[key] = id;
  return id;
}

Object& ImportContext::get(ObjectId id) {
  Object* o = doc.annotations.find(id);
  if (!o) throw Error(fmt::format("internal: object {} vanished during the import", id));
  return *o;
}

Shape ImportContext::make_shape(Geometry g) const {
  Shape s;
  s.geometry = std::move(g);
  s.keyframe = true;
  s.source = ShapeSource::Imported;
  return s;
}

void ImportContext::add(ObjectId id, const std::string& sensor, int frame, Shape shape) {
  if (options.as_prelabels) {
    shape.source = ShapeSource::Model;
    if (shape.score < 0) shape.score = 1.0;
  }
  const ShapeKind kind = shape.kind();
  staged_.push_back(
      {id, is_3d(kind) ? kSceneSensor : sensor, kind, frame, staged_.size(), std::move(shape)});
}

void ImportContext::skip(const std::string& file, const std::string& location,
                         const std::string& what, const std::string& why) {
  report.skip(file, location, what, why);
}

void ImportContext::skip_by_option(const std::string& file, const std::string& location,
                                   const std::string& what, const std::string& why) {
  report.skip_by_option(file, location, what, why);
}

void ImportContext::add_ignore(int frame, IgnoreRegion region) {
  doc.annotations.ignore_regions[frame].push_back(std::move(region));
  ++report.ignore_regions;
}

void ImportContext::progress(size_t done, size_t total) const {
  if (options.progress && !options.progress(done, total)) throw Cancelled();
}

void ImportContext::finish() {
  std::sort(staged_.begin(), staged_.end(), [](const Staged& a, const Staged& b) {
    if (a.id != b.id) return a.id < b.id;
    if (a.sensor != b.sensor) return a.sensor < b.sensor;
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.frame != b.frame) return a.frame < b.frame;
    return a.order < b.order;
  });
  size_t duplicates = 0, replaced = 0;
  std::set<ObjectId> touched;
  for (size_t i = 0; i < staged_.size();) {
    size_t j = i;
    while (j < staged_.size() && staged_[j].id == staged_[i].id &&
           staged_[j].sensor == staged_[i].sensor && staged_[j].kind == staged_[i].kind)
      ++j;
    std::vector<FrameShape> incoming;
    incoming.reserve(j - i);
    for (size_t k = i; k < j; ++k) {
      if (!incoming.empty() && incoming.back().frame == staged_[k].frame) {
        incoming.back().shape = std::move(staged_[k].shape);
        ++duplicates;
        report.skip("", fmt::format("object {}, {} {}, frame {}", staged_[k].id,
                                    staged_[k].sensor.empty() ? "scene" : staged_[k].sensor,
                                    to_string(staged_[k].kind), staged_[k].frame),
                    "shapes", "the file gives this object a second shape here (the last is kept)");
      } else {
        incoming.push_back({staged_[k].frame, std::move(staged_[k].shape)});
      }
    }
    Object& o = get(staged_[i].id);
    touched.insert(o.id);
    Track& t = o.track_or_create(staged_[i].sensor, staged_[i].kind);
    if (t.shapes.empty()) {
      t.shapes = std::move(incoming);
    } else {
      std::vector<FrameShape> merged;
      merged.reserve(t.shapes.size() + incoming.size());
      size_t a = 0, b = 0;
      while (a < t.shapes.size() || b < incoming.size()) {
        if (b == incoming.size() ||
            (a < t.shapes.size() && t.shapes[a].frame < incoming[b].frame)) {
          merged.push_back(std::move(t.shapes[a++]));
        } else {
          if (a < t.shapes.size() && t.shapes[a].frame == incoming[b].frame) ++a, ++replaced;
          merged.push_back(std::move(incoming[b++]));
        }
      }
      t.shapes = std::move(merged);
    }
    i = j;
  }
  report.shapes += staged_.size() - duplicates;
  report.objects += touched.size();
  if (replaced)
    report.note("existing shapes replaced", "by imported shapes of the same object and frame",
                replaced);
  staged_.clear();
  if (gaps_are_outside) {
    size_t spans = 0;
    for (const ObjectId id : created_)
      if (Object* o = doc.annotations.find(id)) spans += mark_object_gaps_as_outside(*o);
    report.note("outside spans added", "frames between an object's appearances (not interpolated)",
                spans);
  }
  // Objects created but left without shapes (all their input skipped) go.
  for (const ObjectId id : created_)
    if (const Object* o = doc.annotations.find(id);
        o && o->shape_count() == 0 && o->attributes.empty())
      doc.annotations.remove(id);
  // Classes added for objects that kept no shape are taken out again.
  for (const std::string& name : classes_added_here_) {
    const bool used = std::any_of(doc.annotations.objects.begin(), doc.annotations.objects.end(),
                                  [&](const Object& o) { return o.class_name == name; });
    if (used) {
      report.classes_added.push_back(name);
      report.info(fmt::format("class '{}' added to the schema", name));
      continue;
    }
    auto& classes = doc.schema.classes;
    const auto it = std::find_if(classes.begin(), classes.end(),
                                 [&](const ClassDef& c) { return c.name == name; });
    if (it == classes.end()) continue;
    const std::string skeleton = it->skeleton;
    classes.erase(it);
    auto& sks = doc.schema.skeletons;
    if (!skeleton.empty())
      sks.erase(std::remove_if(sks.begin(), sks.end(),
                               [&](const Skeleton& k) { return k.name == skeleton; }),
                sks.end());
  }
}

}  // namespace vantage::core
