// Semantic diff (see annotation_diff.h).
#include "core/dataset/annotation_diff.h"

#include <fmt/format.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <map>

#include "core/dataset/git_util.h"
#include "core/dataset/object_chunks.h"
#include "core/dataset/schema_merge.h"
#include "core/io/file_util.h"
#include "core/io/json_reader.h"
#include "core/io/native_format.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

namespace fs = std::filesystem;

const char* to_string(ObjectDiff::Change c) {
  switch (c) {
    case ObjectDiff::Change::Added:
      return "added";
    case ObjectDiff::Change::Removed:
      return "removed";
    case ObjectDiff::Change::Changed:
      return "changed";
  }
  return "?";
}

std::vector<FrameRange> to_ranges(const std::vector<int>& frames) {
  std::vector<FrameRange> out;
  for (int f : frames) {
    if (!out.empty() && out.back().last + 1 == f)
      out.back().last = f;
    else if (out.empty() || out.back().last < f)
      out.push_back({f, f});
  }
  return out;
}

std::string ranges_text(const std::vector<FrameRange>& ranges) {
  std::string s;
  for (const auto& r : ranges) {
    if (!s.empty()) s += ", ";
    s += r.first == r.last ? fmt::format("{}", r.first) : fmt::format("{}-{}", r.first, r.last);
  }
  return s;
}

namespace {

void shape_fields(const Shape& a, const Shape& b, std::set<std::string>& out) {
  if (!(a.geometry == b.geometry)) out.insert("geometry");
  if (a.keyframe != b.keyframe) out.insert("keyframe");
  if (a.occlusion != b.occlusion) out.insert("occlusion");
  if (a.truncation != b.truncation) out.insert("truncation");
  if (a.source != b.source) out.insert("source");
  if (a.score != b.score) out.insert("score");
  if (a.annotator != b.annotator) out.insert("annotator");
  if (a.created_ms != b.created_ms || a.modified_ms != b.modified_ms) out.insert("time");
  if (a.attributes != b.attributes) {
    for (const auto& [k, v] : a.attributes) {
      auto it = b.attributes.find(k);
      if (it == b.attributes.end() || !(it->second == v)) out.insert("attributes." + k);
    }
    for (const auto& kv : b.attributes)
      if (!a.attributes.count(kv.first)) out.insert("attributes." + kv.first);
  }
}

TrackDiff diff_track(const Track* a, const Track* b) {
  static const Track kEmpty;
  const Track& x = a ? *a : kEmpty;
  const Track& y = b ? *b : kEmpty;
  TrackDiff d;
  d.sensor = a ? a->sensor : b->sensor;
  d.kind = a ? a->kind : b->kind;
  std::vector<int> added, removed, changed;
  size_t i = 0, j = 0;
  while (i < x.shapes.size() || j < y.shapes.size()) {
    const int fx = i < x.shapes.size() ? x.shapes[i].frame : INT32_MAX;
    const int fy = j < y.shapes.size() ? y.shapes[j].frame : INT32_MAX;
    const int f = std::min(fx, fy);
    const Shape* sx = fx == f ? &x.shapes[i++].shape : nullptr;
    const Shape* sy = fy == f ? &y.shapes[j++].shape : nullptr;
    const bool ax = sx && is_anchor(*sx), ay = sy && is_anchor(*sy);
    if (!ax && !ay) {
      if ((sx == nullptr) != (sy == nullptr) || (sx && !(*sx == *sy))) ++d.interpolated;
      continue;
    }
    if (ax && !ay) {
      removed.push_back(f);
    } else if (!ax && ay) {
      added.push_back(f);
    } else if (!(*sx == *sy)) {
      changed.push_back(f);
      shape_fields(*sx, *sy, d.fields);
    }
  }
  d.added = to_ranges(added);
  d.removed = to_ranges(removed);
  d.changed = to_ranges(changed);
  return d;
}

bool track_diff_empty(const TrackDiff& t) {
  return t.added.empty() && t.removed.empty() && t.changed.empty() && t.interpolated == 0;
}

ObjectDiff diff_object(const Object* a, const Object* b) {
  ObjectDiff d;
  const Object& any = b ? *b : *a;
  d.id = any.id;
  d.class_name = any.class_name;
  d.first_frame = any.first_frame();
  d.last_frame = any.last_frame();
  d.shapes = any.shape_count();
  d.change = !a ? ObjectDiff::Change::Added : !b ? ObjectDiff::Change::Removed : ObjectDiff::Change::Changed;
  if (a && b) {
    if (a->class_name != b->class_name) {
      d.fields.push_back("class");
      d.old_class_name = a->class_name;
    }
    for (const auto& [k, v] : a->attributes) {
      auto it = b->attributes.find(k);
      if (it == b->attributes.end() || !(it->second == v)) d.fields.push_back("attributes." + k);
    }
    for (const auto& kv : b->attributes)
      if (!a->attributes.count(kv.first)) d.fields.push_back("attributes." + kv.first);
    if (!(a->outside == b->outside)) d.fields.push_back("outside");
  }
  std::vector<std::pair<std::string, ShapeKind>> keys;
  auto note = [&](const Object* o) {
    if (!o) return;
    for (const Track& t : o->tracks) {
      const auto k = std::make_pair(t.sensor, t.kind);
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
  };
  note(a);
  note(b);
  for (const auto& [sensor, kind] : keys) {
    TrackDiff t = diff_track(a ? a->track(sensor, kind) : nullptr, b ? b->track(sensor, kind) : nullptr);
    if (!track_diff_empty(t)) d.tracks.push_back(std::move(t));
  }
  return d;
}

template <class Map>
size_t map_changes(const Map& a, const Map& b) {
  size_t n = 0;
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end() || !(it->second == v)) ++n;
  }
  for (const auto& kv : b)
    if (!a.count(kv.first)) ++n;
  return n;
}

}  // namespace

AnnotationDiff diff_annotations(const Annotations& a, const Annotations& b) {
  AnnotationDiff d;
  size_t i = 0, j = 0;
  while (i < a.objects.size() || j < b.objects.size()) {
    const ObjectId ia = i < a.objects.size() ? a.objects[i].id : INT64_MAX;
    const ObjectId ib = j < b.objects.size() ? b.objects[j].id : INT64_MAX;
    const ObjectId id = std::min(ia, ib);
    const Object* oa = ia == id ? &a.objects[i++] : nullptr;
    const Object* ob = ib == id ? &b.objects[j++] : nullptr;
    if (oa && ob && *oa == *ob) continue;
    ObjectDiff od = diff_object(oa, ob);
    if (od.change == ObjectDiff::Change::Changed && od.fields.empty() && od.tracks.empty()) continue;
    d.objects.push_back(std::move(od));
  }
  std::set<int> tag_frames;
  for (const auto& [f, t] : a.frame_tags) {
    auto it = b.frame_tags.find(f);
    if (it == b.frame_tags.end() || it->second != t) tag_frames.insert(f);
  }
  for (const auto& kv : b.frame_tags)
    if (!a.frame_tags.count(kv.first)) tag_frames.insert(kv.first);
  d.frame_tags_changed.assign(tag_frames.begin(), tag_frames.end());
  std::set_difference(b.excluded_frames.begin(), b.excluded_frames.end(), a.excluded_frames.begin(),
                      a.excluded_frames.end(), std::back_inserter(d.excluded_added));
  std::set_difference(a.excluded_frames.begin(), a.excluded_frames.end(), b.excluded_frames.begin(),
                      b.excluded_frames.end(), std::back_inserter(d.excluded_removed));
  d.review_changes = map_changes(a.review.frames, b.review.frames) + map_changes(a.review.objects, b.review.objects);
  std::map<int64_t, Comment> ca, cb;
  for (const auto& c : a.review.comments) ca[c.id] = c;
  for (const auto& c : b.review.comments) cb[c.id] = c;
  d.review_changes += map_changes(ca, cb);
  std::map<std::string, Batch> ba, bb;
  for (const auto& x : a.review.batches) ba[x.name] = x;
  for (const auto& x : b.review.batches) bb[x.name] = x;
  d.review_changes += map_changes(ba, bb);
  for (const auto& c : b.conflicts)
    if (std::find(a.conflicts.begin(), a.conflicts.end(), c) == a.conflicts.end()) ++d.conflicts_added;
  for (const auto& c : a.conflicts)
    if (std::find(b.conflicts.begin(), b.conflicts.end(), c) == b.conflicts.end()) ++d.conflicts_removed;
  return d;
}

namespace {

Annotations parse_full(const std::string& text, const std::string& label) {
  return annotations_from_json(parse_json_text(text, label), label);
}

}  // namespace

AnnotationDiff diff_annotation_texts(const std::string& ta, const std::string& tb, const std::string& la,
                                     const std::string& lb) {
  std::optional<ObjectChunks> ca, cb;
  tbb::parallel_invoke([&] { ca = split_objects(ta); }, [&] { cb = split_objects(tb); });
  if (ca && cb) {
    try {
      std::vector<std::string_view> xa, xb;
      size_t i = 0, j = 0;
      while (i < ca->objects.size() || j < cb->objects.size()) {
        const ObjectId ia = i < ca->objects.size() ? ca->objects[i].id : INT64_MAX;
        const ObjectId ib = j < cb->objects.size() ? cb->objects[j].id : INT64_MAX;
        const ObjectId id = std::min(ia, ib);
        const std::string_view* sa = ia == id ? &ca->objects[i++].text : nullptr;
        const std::string_view* sb = ib == id ? &cb->objects[j++].text : nullptr;
        if (sa && sb && *sa == *sb) continue;
        if (sa) xa.push_back(*sa);
        if (sb) xb.push_back(*sb);
      }
      Annotations a, b, oa, ob;
      tbb::parallel_invoke([&] { a = parse_full(ca->rest, la); }, [&] { b = parse_full(cb->rest, lb); },
                           [&] { oa = parse_objects(xa, la); }, [&] { ob = parse_objects(xb, lb); });
      a.objects = std::move(oa.objects);
      b.objects = std::move(ob.objects);
      return diff_annotations(a, b);
    } catch (const Error&) {
      // Parsed whole below: its errors name the right place in the file.
    }
  }
  Annotations a, b;
  tbb::parallel_invoke([&] { a = parse_full(ta, la); }, [&] { b = parse_full(tb, lb); });
  return diff_annotations(a, b);
}

namespace {

// Reads dataset files at one revision (or the work tree) with the
// repository and tree opened once.
class RevisionFiles {
 public:
  RevisionFiles(const Dataset& d, const std::string& revision) : root_(d.root()), revision_(revision) {
    if (revision.empty()) return;
    repo_ = git::open(d.root());
    commit_ = git::resolve_commit(repo_.get(), revision);
    tree_ = git::commit_tree(commit_.get());
  }
  std::optional<std::string> read(const std::string& path) const {
    if (!repo_) {
      std::error_code ec;
      if (!fs::is_regular_file(root_ / path, ec)) return std::nullopt;
      return read_file_to_string(root_ / path);
    }
    return git::read_blob(repo_.get(), tree_.get(), path);
  }
  std::string label(const std::string& path) const {
    return revision_.empty() ? (root_ / path).string() : revision_ + ":" + path;
  }

 private:
  fs::path root_;
  std::string revision_;
  git::Repository repo_;
  git::Commit commit_;
  git::Tree tree_;
};

}  // namespace

DatasetDiff diff_dataset(const Dataset& d, const std::string& from, const std::string& to) {
  DatasetDiff out;
  out.from = from;
  out.to = to;
  const RevisionFiles fa(d, from), fb(d, to);
  auto manifest = [&](const RevisionFiles& f) {
    auto text = f.read(kDatasetFileName);
    if (!text) return DatasetManifest{};
    return manifest_from_json(*text, f.label(kDatasetFileName));
  };
  const DatasetManifest ma = manifest(fa), mb = manifest(fb);
  if (ma.name != mb.name) out.manifest_changes.push_back(fmt::format("name {} -> {}", ma.name, mb.name));
  if (!(ma.split == mb.split)) out.manifest_changes.push_back("split settings changed");
  for (const Claim& c : mb.claims)
    if (std::find(ma.claims.begin(), ma.claims.end(), c) == ma.claims.end())
      out.manifest_changes.push_back("claim added: " + to_string(c));
  for (const Claim& c : ma.claims)
    if (std::find(mb.claims.begin(), mb.claims.end(), c) == mb.claims.end())
      out.manifest_changes.push_back("claim released: " + to_string(c));

  auto schema = [&](const RevisionFiles& f, const DatasetManifest& m) -> std::optional<Schema> {
    auto text = f.read(m.schema_file);
    if (!text) return std::nullopt;
    return schema_from_json(parse_json_text(*text, f.label(m.schema_file)), f.label(m.schema_file));
  };
  const auto sa = schema(fa, ma), sb = schema(fb, mb);
  if (sa && sb && !(*sa == *sb)) {
    for (const SchemaChange& c : sb->history)
      if (c.version > sa->version) out.schema_changes.push_back(describe(c));
    Schema x = *sa, y = *sb;
    x.history.clear();
    y.history.clear();
    x.version = y.version = 0;
    out.schema_edited = out.schema_changes.empty() && !(x == y);
  }

  std::set<std::string> names;
  for (const auto* m : {&ma, &mb})
    for (const auto& e : m->sequences) names.insert(e.name);
  for (const std::string& n : names) {
    const SequenceEntry* ea = ma.find(n);
    const SequenceEntry* eb = mb.find(n);
    SequenceDiff sd;
    sd.name = n;
    sd.change = !ea ? SequenceDiff::Change::Added : !eb ? SequenceDiff::Change::Removed : SequenceDiff::Change::Changed;
    if (ea && eb) {
      if (ea->status != eb->status)
        sd.entry_changes.push_back(fmt::format("status {} -> {}", to_string(ea->status), to_string(eb->status)));
      if (ea->split != eb->split)
        sd.entry_changes.push_back(fmt::format("split {} -> {}", ea->split.empty() ? "-" : ea->split, eb->split.empty() ? "-" : eb->split));
      if (ea->path != eb->path) sd.entry_changes.push_back(fmt::format("path {} -> {}", ea->path, eb->path));
    }
    const std::string pa = ea ? ea->path + "/" + kAnnotationsFileName : std::string();
    const std::string pb = eb ? eb->path + "/" + kAnnotationsFileName : std::string();
    // Each side has its own repository handle: read (inflate) both at once.
    std::optional<std::string> ta, tb;
    tbb::parallel_invoke([&] { if (ea) ta = fa.read(pa); }, [&] { if (eb) tb = fb.read(pb); });
    if (ta != tb) {
      static const std::string kNone = annotations_to_json(Annotations{});
      sd.annotations = diff_annotation_texts(ta ? *ta : kNone, tb ? *tb : kNone, fa.label(pa), fb.label(pb));
    }
    if (ea && eb) sd.sequence_changed = fa.read(ea->path + "/" + kSequenceFileName) != fb.read(eb->path + "/" + kSequenceFileName);
    if (sd.change != SequenceDiff::Change::Changed || !sd.entry_changes.empty() || !sd.annotations.empty() || sd.sequence_changed)
      out.sequences.push_back(std::move(sd));
  }
  return out;
}

}  // namespace vantage::core
