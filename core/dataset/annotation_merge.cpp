// Semantic three-way merge of annotations (see annotation_merge.h).
// [SECTION] helpers: values as JSON, conflict records
// [SECTION] shapes and tracks
// [SECTION] objects
// [SECTION] frame tags, review, metadata
// [SECTION] merge_annotations
// [SECTION] describe / resolve
#include "core/dataset/annotation_merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/io/json_reader.h"
#include "core/io/json_writer.h"
#include "core/io/native_format.h"
#include "core/io/native_json_common.h"
#include "core/tracking/interpolator.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

// [SECTION] helpers: values as JSON, conflict records

// Compact JSON with sorted keys: conflict records stay byte-stable through
// load and save.
std::string canonical(const std::string& json_text) { return Json::parse(json_text).dump(); }

std::string shape_value(int frame, const Shape* s) {
  return s ? canonical(shape_to_json(frame, *s)) : "null";
}

std::string attribute_json(const AttributeValue* v) {
  if (!v) return "null";
  JsonWriter w(false);
  write_attribute_value(w, *v);
  return canonical(w.take());
}

std::string ranges_json(const std::vector<FrameRange>& r) {
  Json j = Json::array();
  for (const auto& x : r) j.push_back({x.first, x.last});
  return j.dump();
}

std::string mark_json(const ReviewMark* m) {
  if (!m) return "null";
  Json j{{"status", to_string(m->status)}, {"reviewer", m->reviewer}, {"time", m->time_ms}, {"reason", m->reason}};
  return j.dump();
}

std::string comment_json(const Comment* c) {
  if (!c) return "null";
  Json j{{"id", c->id}, {"frame", c->frame}, {"author", c->author}, {"text", c->text}, {"resolved", c->resolved}};
  if (c->object) j["object"] = *c->object;
  return j.dump();
}

std::string batch_json(const Batch* b) {
  if (!b) return "null";
  Json j{{"name", b->name}, {"frames", {b->frames.first, b->frames.last}}, {"annotator", b->annotator}, {"reviewer", b->reviewer}};
  return j.dump();
}

std::string tags_json(const std::vector<std::string>* t) { return t ? Json(*t).dump() : "null"; }

std::string object_summary(const Object* o) {
  if (!o) return "null";
  Json j{{"class", o->class_name}, {"shapes", o->shape_count()}, {"first_frame", o->first_frame()},
         {"last_frame", o->last_frame()}};
  return j.dump();
}

// The standard three-way pick over optional values. `conflict` when both
// sides changed the value differently; the pick is then ours (or theirs when
// ours deleted it: an edit is never dropped for a deletion).
template <class T, class Eq>
const T* pick3(const T* b, const T* o, const T* t, Eq eq, bool& conflict) {
  auto same = [&](const T* x, const T* y) { return (!x || !y) ? x == y : eq(*x, *y); };
  conflict = false;
  if (same(o, t)) return o;
  if (same(b, o)) return t;
  if (same(b, t)) return o;
  conflict = true;
  return o ? o : t;
}

template <class T>
const T* pick3(const T* b, const T* o, const T* t, bool& conflict) {
  return pick3(b, o, t, [](const T& x, const T& y) { return x == y; }, conflict);
}

template <class Map>
auto* find_ptr(const Map& m, const typename Map::key_type& k) {
  auto it = m.find(k);
  return it == m.end() ? nullptr : &it->second;
}

struct Ctx {
  const AnnotationMergeOptions& opt;
  std::vector<MergeConflict> conflicts;
  std::vector<std::string> notes;

  MergeConflict& add(const char* kind, bool kept_ours) {
    MergeConflict c;
    c.kind = kind;
    c.kept = kept_ours ? "ours" : "theirs";
    c.ours_label = opt.ours_label;
    c.theirs_label = opt.theirs_label;
    conflicts.push_back(std::move(c));
    return conflicts.back();
  }
  // Message for a value changed on both sides / deleted on one side.
  std::string what(bool base_had, bool ours_has, bool theirs_has) const {
    if (!base_had) return "added on both sides with different values";
    if (!ours_has) return fmt::format("deleted by {}, edited by {}", opt.ours_label, opt.theirs_label);
    if (!theirs_has) return fmt::format("deleted by {}, edited by {}", opt.theirs_label, opt.ours_label);
    return "edited on both sides";
  }
};

// [SECTION] shapes and tracks

const Shape* anchor_of(const Shape* s) { return s && is_anchor(*s) ? s : nullptr; }

// Anchors of two tracks equal (cached in-betweens ignored).
bool same_anchors(const Track* a, const Track* b) {
  static const Track kEmpty;
  const Track& x = a ? *a : kEmpty;
  const Track& y = b ? *b : kEmpty;
  size_t i = 0, j = 0;
  while (true) {
    while (i < x.shapes.size() && !is_anchor(x.shapes[i].shape)) ++i;
    while (j < y.shapes.size() && !is_anchor(y.shapes[j].shape)) ++j;
    if (i == x.shapes.size() || j == y.shapes.size()) return i == x.shapes.size() && j == y.shapes.size();
    if (!(x.shapes[i] == y.shapes[j])) return false;
    ++i;
    ++j;
  }
}

// The same object as far as annotators are concerned.
bool same_object(const Object& a, const Object& b) {
  if (a.class_name != b.class_name || a.attributes != b.attributes || !(a.outside == b.outside)) return false;
  for (const Track& t : a.tracks)
    if (!same_anchors(&t, b.track(t.sensor, t.kind))) return false;
  for (const Track& t : b.tracks)
    if (!a.track(t.sensor, t.kind) && !same_anchors(nullptr, &t)) return false;
  return true;
}

struct Cursor {
  const Track* t;
  size_t i = 0;
  int frame() const { return t && i < t->shapes.size() ? t->shapes[i].frame : INT32_MAX; }
  const Shape* take(int f) {
    if (frame() != f) return nullptr;
    return &t->shapes[i++].shape;
  }
};

Track merge_track(const Track* b, const Track* o, const Track* t, const Object& where, Ctx& ctx) {
  const Track* any = o ? o : t ? t : b;
  Track r;
  r.sensor = any->sensor;
  r.kind = any->kind;
  r.shapes.reserve(std::max(o ? o->shapes.size() : 0, t ? t->shapes.size() : 0));
  Cursor cb{b}, co{o}, ct{t};
  while (true) {
    const int f = std::min({cb.frame(), co.frame(), ct.frame()});
    if (f == INT32_MAX) break;
    const Shape* sb = cb.take(f);
    const Shape* so = co.take(f);
    const Shape* st = ct.take(f);
    bool conflict = false;
    const Shape* pick = pick3(anchor_of(sb), anchor_of(so), anchor_of(st), conflict);
    if (conflict) {
      MergeConflict& c = ctx.add(sb && anchor_of(sb) && (!so || !anchor_of(so) || !st || !anchor_of(st)) ? "delete_edit" : "shape",
                                 pick == anchor_of(so));
      c.object = where.id;
      c.frame = f;
      c.sensor = r.sensor;
      c.shape_kind = r.kind;
      c.base = shape_value(f, anchor_of(sb));
      c.ours = shape_value(f, anchor_of(so));
      c.theirs = shape_value(f, anchor_of(st));
      c.message = ctx.what(anchor_of(sb) != nullptr, anchor_of(so) != nullptr, anchor_of(st) != nullptr);
    }
    if (!pick) {
      // No keyframe here: keep the cached in-between by the same rule, never
      // as a conflict (it is recomputed from the keyframes anyway).
      bool ignored = false;
      pick = pick3(sb, so, st, ignored);
      if (pick && is_anchor(*pick)) pick = nullptr;
    }
    if (pick) r.shapes.push_back({f, *pick});
  }
  return r;
}

// [SECTION] objects

Object merge_object(const Object& b, const Object& o, const Object& t, Ctx& ctx) {
  if (o == t || b == t) return o;
  if (b == o) return t;
  Object r;
  r.id = o.id;
  bool conflict = false;
  r.class_name = *pick3(&b.class_name, &o.class_name, &t.class_name, conflict);
  if (conflict) {
    MergeConflict& c = ctx.add("object", true);
    c.object = o.id;
    c.field = "class";
    c.base = Json(b.class_name).dump();
    c.ours = Json(o.class_name).dump();
    c.theirs = Json(t.class_name).dump();
    c.message = fmt::format("class changed on both sides ({} / {})", o.class_name, t.class_name);
  }
  std::set<std::string> keys;
  for (const AttributeMap* m : {&b.attributes, &o.attributes, &t.attributes})
    for (const auto& kv : *m) keys.insert(kv.first);
  for (const std::string& k : keys) {
    const AttributeValue* vb = find_ptr(b.attributes, k);
    const AttributeValue* vo = find_ptr(o.attributes, k);
    const AttributeValue* vt = find_ptr(t.attributes, k);
    const AttributeValue* v = pick3(vb, vo, vt, conflict);
    if (conflict) {
      MergeConflict& c = ctx.add("object", v == vo);
      c.object = o.id;
      c.field = "attributes." + k;
      c.base = attribute_json(vb);
      c.ours = attribute_json(vo);
      c.theirs = attribute_json(vt);
      c.message = fmt::format("attribute '{}' {}", k, ctx.what(vb, vo, vt));
    }
    if (v) r.attributes.emplace(k, *v);
  }
  r.outside = *pick3(&b.outside, &o.outside, &t.outside, conflict);
  if (conflict) {
    MergeConflict& c = ctx.add("object", true);
    c.object = o.id;
    c.field = "outside";
    c.base = ranges_json(b.outside);
    c.ours = ranges_json(o.outside);
    c.theirs = ranges_json(t.outside);
    c.message = "out-of-view spans changed on both sides";
  }
  // Tracks: ours' order, then theirs' new ones.
  std::vector<std::pair<std::string, ShapeKind>> order;
  auto note_key = [&](const Track& tr) {
    const auto key = std::make_pair(tr.sensor, tr.kind);
    if (std::find(order.begin(), order.end(), key) == order.end()) order.push_back(key);
  };
  for (const Track& tr : o.tracks) note_key(tr);
  for (const Track& tr : t.tracks) note_key(tr);
  for (const Track& tr : b.tracks) note_key(tr);
  for (const auto& [sensor, kind] : order) {
    Track merged = merge_track(b.track(sensor, kind), o.track(sensor, kind), t.track(sensor, kind), r, ctx);
    if (!merged.empty()) r.tracks.push_back(std::move(merged));
  }
  return r;
}

// Gives theirs' new objects whose id ours used for a different new object a
// fresh id (ids are allocated per clone, so both sides' next id collides).
Annotations renumber_clashes(const Annotations& b, const Annotations& o, const Annotations& t, Ctx& ctx) {
  ObjectId next = ctx.opt.first_new_id;
  for (const Annotations* a : {&b, &o, &t})
    if (!a->objects.empty()) next = std::max(next, a->objects.back().id + 1);
  std::map<ObjectId, ObjectId> remap;
  for (const Object& ot : t.objects) {
    if (b.find(ot.id)) continue;
    const Object* oo = o.find(ot.id);
    if (!oo || *oo == ot) continue;
    remap[ot.id] = next++;
  }
  if (remap.empty()) return t;
  Annotations r = t;
  std::vector<Object> objects;
  objects.reserve(r.objects.size());
  for (Object& obj : r.objects) {
    if (auto m = remap.find(obj.id); m != remap.end()) {
      ctx.notes.push_back(fmt::format("object {} ({}) was added on both sides as different objects: {}'s is now object {}",
                                      obj.id, obj.class_name, ctx.opt.theirs_label, m->second));
      obj.id = m->second;
    }
    objects.push_back(std::move(obj));
  }
  r.objects.clear();
  for (Object& obj : objects) r.put(std::move(obj));
  std::map<ObjectId, ReviewMark> marks;
  for (auto& [id, m] : r.review.objects) {
    auto it = remap.find(id);
    marks[it == remap.end() ? id : it->second] = m;
  }
  r.review.objects = std::move(marks);
  for (Comment& c : r.review.comments)
    if (c.object)
      if (auto it = remap.find(*c.object); it != remap.end()) c.object = it->second;
  // Instance segments name their objects too (the labels stay: only the
  // tables change).
  for (auto& [key, layer] : r.segmentation.layers_for_update())
    for (Segment& seg : layer.segments)
      if (auto it = remap.find(seg.object); it != remap.end()) seg.object = it->second;
  return r;
}

// Segmentation merges per layer (one camera image or sweep): a layer only
// one side changed comes from that side; a layer both changed differently
// keeps ours and is recorded as a conflict (labels are not merged pixel by
// pixel). Layers compare by segment table and content hash.
void merge_segmentation(const Annotations& b, const Annotations& o, const Annotations& t,
                        Annotations& out, Ctx& ctx) {
  out.segmentation = o.segmentation;  // copies share tiles and encoded bytes
  auto same = [](const Segmentation& x, const Segmentation& y, const LayerKey& k) {
    const SegLayer* lx = x.find(k);
    const SegLayer* ly = y.find(k);
    if (!lx || !ly) return !lx && !ly;
    return lx->kind == ly->kind && lx->width == ly->width && lx->height == ly->height &&
           lx->segments == ly->segments && x.content_hash(k) == y.content_hash(k);
  };
  std::set<LayerKey> keys;
  for (const Annotations* a : {&b, &o, &t})
    for (const auto& kv : a->segmentation.layers()) keys.insert(kv.first);
  for (const LayerKey& k : keys) {
    if (same(b.segmentation, t.segmentation, k) || same(o.segmentation, t.segmentation, k)) continue;
    if (same(b.segmentation, o.segmentation, k)) {  // only theirs changed it
      if (const SegLayer* lt = t.segmentation.find(k)) out.segmentation.put(k, *lt);
      else out.segmentation.erase(k);
      continue;
    }
    MergeConflict& c = ctx.add("segmentation", true);
    c.frame = k.frame;
    c.sensor = k.sensor;
    c.message = "segmentation layer " + ctx.what(b.segmentation.find(k) != nullptr,
                                                 o.segmentation.find(k) != nullptr,
                                                 t.segmentation.find(k) != nullptr);
  }
}

void merge_objects(const Annotations& b, const Annotations& o, const Annotations& t, Annotations& out, Ctx& ctx) {
  size_t ib = 0, io = 0, it = 0;
  auto id_at = [](const Annotations& a, size_t i) {
    return i < a.objects.size() ? a.objects[i].id : INT64_MAX;
  };
  out.objects.reserve(std::max(o.objects.size(), t.objects.size()));
  while (true) {
    const ObjectId id = std::min({id_at(b, ib), id_at(o, io), id_at(t, it)});
    if (id == INT64_MAX) break;
    const Object* ob = id_at(b, ib) == id ? &b.objects[ib++] : nullptr;
    const Object* oo = id_at(o, io) == id ? &o.objects[io++] : nullptr;
    const Object* ot = id_at(t, it) == id ? &t.objects[it++] : nullptr;
    if (!ob) {
      // Added (clashing ids were renumbered, so both present means equal).
      out.objects.push_back(oo ? *oo : *ot);
      continue;
    }
    if (oo && ot) {
      out.objects.push_back(merge_object(*ob, *oo, *ot, ctx));
      continue;
    }
    if (!oo && !ot) continue;  // deleted on both sides
    const Object* kept = oo ? oo : ot;
    if (same_object(*ob, *kept)) continue;  // deleted on one side, untouched on the other
    // Deleted on one side, edited on the other: keep the edit.
    MergeConflict& c = ctx.add("delete_edit", oo != nullptr);
    c.object = id;
    c.base = object_summary(ob);
    c.ours = object_summary(oo);
    c.theirs = object_summary(ot);
    c.message = fmt::format("object ({}) {}; the edited object is kept, the deletion is a proposal",
                            kept->class_name, ctx.what(true, oo, ot));
    out.objects.push_back(*kept);
  }
}

// [SECTION] frame tags, review, metadata

template <class Map, class ToJson, class OnConflict>
Map merge_map(const Map& b, const Map& o, const Map& t, ToJson to_json, OnConflict on_conflict) {
  std::set<typename Map::key_type> keys;
  for (const Map* m : {&b, &o, &t})
    for (const auto& kv : *m) keys.insert(kv.first);
  Map out;
  for (const auto& k : keys) {
    const auto* vb = find_ptr(b, k);
    const auto* vo = find_ptr(o, k);
    const auto* vt = find_ptr(t, k);
    bool conflict = false;
    const auto* v = pick3(vb, vo, vt, conflict);
    if (conflict) on_conflict(k, to_json(vb), to_json(vo), to_json(vt), v == vo, vb, vo, vt);
    if (v) out.emplace(k, *v);
  }
  return out;
}

template <class T>
void merge_set(const std::set<T>& b, const std::set<T>& o, const std::set<T>& t, std::set<T>& out) {
  std::set<T> all = o;
  all.insert(t.begin(), t.end());
  all.insert(b.begin(), b.end());
  for (const T& x : all) {
    const bool in_b = b.count(x), in_o = o.count(x), in_t = t.count(x);
    if (in_o != in_b ? in_o : in_t) out.insert(x);
  }
}

void merge_review(const Review& b, const Review& o, const Review& t, Review& out, Ctx& ctx) {
  out.frames = merge_map(b.frames, o.frames, t.frames, mark_json,
                         [&](int f, std::string vb, std::string vo, std::string vt, bool kept_ours, auto pb, auto po, auto pt) {
                           MergeConflict& c = ctx.add("review", kept_ours);
                           c.frame = f;
                           c.field = "frame_status";
                           c.base = std::move(vb);
                           c.ours = std::move(vo);
                           c.theirs = std::move(vt);
                           c.message = "frame review " + ctx.what(pb, po, pt);
                         });
  out.objects = merge_map(b.objects, o.objects, t.objects, mark_json,
                          [&](ObjectId id, std::string vb, std::string vo, std::string vt, bool kept_ours, auto pb, auto po, auto pt) {
                            MergeConflict& c = ctx.add("review", kept_ours);
                            c.object = id;
                            c.field = "object_status";
                            c.base = std::move(vb);
                            c.ours = std::move(vo);
                            c.theirs = std::move(vt);
                            c.message = "object review " + ctx.what(pb, po, pt);
                          });
  // Comments by id; new comments with the same id on both sides are both kept.
  auto by_id = [](const std::vector<Comment>& v) {
    std::map<int64_t, Comment> m;
    for (const Comment& c : v) m[c.id] = c;
    return m;
  };
  std::map<int64_t, Comment> cb = by_id(b.comments), co = by_id(o.comments), ct = by_id(t.comments);
  int64_t next = 1;
  for (const auto* m : {&cb, &co, &ct})
    if (!m->empty()) next = std::max(next, m->rbegin()->first + 1);
  std::vector<Comment> moved;
  for (auto it = ct.begin(); it != ct.end();) {
    const Comment* mine = find_ptr(co, it->first);
    if (!cb.count(it->first) && mine && !(*mine == it->second)) {
      moved.push_back(it->second);
      moved.back().id = next++;
      it = ct.erase(it);
    } else {
      ++it;
    }
  }
  for (Comment& c : moved) ct[c.id] = c;
  const auto comments = merge_map(cb, co, ct, comment_json,
                                  [&](int64_t id, std::string vb, std::string vo, std::string vt, bool kept_ours, auto pb, auto po, auto pt) {
                                    MergeConflict& c = ctx.add("review", kept_ours);
                                    c.field = fmt::format("comment {}", id);
                                    c.base = std::move(vb);
                                    c.ours = std::move(vo);
                                    c.theirs = std::move(vt);
                                    c.message = "comment " + ctx.what(pb, po, pt);
                                  });
  for (const auto& kv : comments) out.comments.push_back(kv.second);
  auto by_name = [](const std::vector<Batch>& v) {
    std::map<std::string, Batch> m;
    for (const Batch& x : v) m[x.name] = x;
    return m;
  };
  const auto batches = merge_map(by_name(b.batches), by_name(o.batches), by_name(t.batches), batch_json,
                                 [&](const std::string& name, std::string vb, std::string vo, std::string vt, bool kept_ours, auto pb, auto po, auto pt) {
                                   MergeConflict& c = ctx.add("review", kept_ours);
                                   c.field = "batch " + name;
                                   c.base = std::move(vb);
                                   c.ours = std::move(vo);
                                   c.theirs = std::move(vt);
                                   c.message = "batch " + ctx.what(pb, po, pt);
                                 });
  for (const auto& kv : batches) out.batches.push_back(kv.second);
}

void merge_metadata(const Annotations* base, const AnnotationMetadata& b, const AnnotationMetadata& o,
                    const AnnotationMetadata& t, AnnotationMetadata& out, Ctx& ctx) {
  bool conflict = false;
  out.tool = *pick3(&b.tool, &o.tool, &t.tool, conflict);  // ours when both changed: bookkeeping
  if (o.schema_version == t.schema_version && (!base || b.schema_version == o.schema_version)) {
    out.schema_version = o.schema_version;
  } else {
    // A schema change on some side: replay every migration since the base
    // on load (they are idempotent), so objects the other side added follow.
    out.schema_version = base ? std::min({b.schema_version, o.schema_version, t.schema_version})
                              : std::min(o.schema_version, t.schema_version);
  }
  out.created_ms = o.created_ms && t.created_ms ? std::min(o.created_ms, t.created_ms)
                                                : std::max(o.created_ms, t.created_ms);
  out.modified_ms = std::max(o.modified_ms, t.modified_ms);
  out.annotators = o.annotators;
  for (const auto& a : t.annotators)
    if (std::find(out.annotators.begin(), out.annotators.end(), a) == out.annotators.end())
      out.annotators.push_back(a);
  auto str_json = [](const std::string* s) { return s ? Json(*s).dump() : std::string("null"); };
  out.extra = merge_map(b.extra, o.extra, t.extra, str_json,
                        [&](const std::string& k, std::string vb, std::string vo, std::string vt, bool kept_ours, auto pb, auto po, auto pt) {
                          MergeConflict& c = ctx.add("metadata", kept_ours);
                          c.field = "extra." + k;
                          c.base = std::move(vb);
                          c.ours = std::move(vo);
                          c.theirs = std::move(vt);
                          c.message = "metadata " + ctx.what(pb, po, pt);
                        });
}

}  // namespace

// [SECTION] merge_annotations

AnnotationMergeResult merge_annotations(const Annotations* base_in, const Annotations& ours_in,
                                        const Annotations& theirs_in, const AnnotationMergeOptions& options) {
  static const Annotations kEmpty;
  const Annotations* pb = base_in ? base_in : &kEmpty;
  const Annotations* po = &ours_in;
  const Annotations* pt = &theirs_in;
  // Bring every side to the newest schema first.
  Annotations mb, mo, mt;
  if (options.schema) {
    auto migrate = [&](const Annotations*& p, Annotations& copy) {
      if (p->metadata.schema_version >= options.schema->version) return;
      copy = *p;
      migrate_annotations(*options.schema, copy);
      p = &copy;
    };
    if (base_in) migrate(pb, mb);
    migrate(po, mo);
    migrate(pt, mt);
  }
  Ctx ctx{options, {}, {}};
  const Annotations theirs = renumber_clashes(*pb, *po, *pt, ctx);
  const Annotations& b = *pb;
  const Annotations& o = *po;
  const Annotations& t = theirs;

  AnnotationMergeResult result;
  Annotations& out = result.merged;
  merge_objects(b, o, t, out, ctx);
  out.frame_tags = merge_map(b.frame_tags, o.frame_tags, t.frame_tags, tags_json,
                             [&](int f, std::string vb, std::string vo, std::string vt, bool kept_ours, auto xb, auto xo, auto xt) {
                               MergeConflict& c = ctx.add("frame_tags", kept_ours);
                               c.frame = f;
                               c.base = std::move(vb);
                               c.ours = std::move(vo);
                               c.theirs = std::move(vt);
                               c.message = "frame tags " + ctx.what(xb, xo, xt);
                             });
  merge_set(b.excluded_frames, o.excluded_frames, t.excluded_frames, out.excluded_frames);
  merge_segmentation(b, o, t, out, ctx);
  merge_review(b.review, o.review, t.review, out.review, ctx);
  merge_metadata(base_in, b.metadata, o.metadata, t.metadata, out.metadata, ctx);
  // Earlier conflict records merge as a set: one resolved on a side stays resolved.
  auto has = [](const std::vector<MergeConflict>& v, const MergeConflict& c) {
    return std::find(v.begin(), v.end(), c) != v.end();
  };
  for (const auto* side : {&o.conflicts, &t.conflicts})
    for (const MergeConflict& c : *side) {
      if (has(out.conflicts, c)) continue;
      const bool in_b = has(b.conflicts, c), in_o = has(o.conflicts, c), in_t = has(t.conflicts, c);
      if (in_o != in_b ? in_o : in_t) out.conflicts.push_back(c);
    }
  result.new_conflicts = ctx.conflicts.size();
  for (MergeConflict& c : ctx.conflicts)
    if (!has(out.conflicts, c)) out.conflicts.push_back(std::move(c));
  result.notes = std::move(ctx.notes);
  return result;
}

// [SECTION] describe / resolve

std::string describe(const MergeConflict& c) {
  std::string where;
  if (c.object) where += fmt::format("object {}", *c.object);
  if (!c.sensor.empty()) where += (where.empty() ? "" : " ") + c.sensor;
  if (c.shape_kind) where += (where.empty() ? "" : " ") + std::string(to_string(*c.shape_kind));
  if (c.frame >= 0) where += (where.empty() ? "" : " ") + fmt::format("frame {}", c.frame);
  if (!c.field.empty()) where += (where.empty() ? "" : " ") + c.field;
  if (where.empty()) where = c.kind;
  const std::string& kept_label = c.kept == "ours" ? c.ours_label : c.theirs_label;
  const std::string& other_label = c.kept == "ours" ? c.theirs_label : c.ours_label;
  return fmt::format("{}: {} [{}]; kept {}, {}'s version is a proposal", where, c.message, c.kind,
                     kept_label.empty() ? c.kept : kept_label, other_label.empty() ? "the other side" : other_label);
}

void resolve_conflict(Annotations& a, size_t index, bool take_proposal) {
  if (index >= a.conflicts.size())
    throw Error(fmt::format("no conflict #{} (there are {})", index + 1, a.conflicts.size()));
  const MergeConflict c = a.conflicts[index];
  if (take_proposal) {
    const std::string& text = c.kept == "ours" ? c.theirs : c.ours;
    const Json proposal = parse_json_text(text.empty() ? "null" : text, "<conflict proposal>");
    JsonReader::Context rc{&proposal, "<conflict proposal>"};
    JsonReader r(proposal, rc);
    auto object = [&]() -> Object& {
      Object* o = c.object ? a.find(*c.object) : nullptr;
      if (!o) throw Error(fmt::format("object {} is no longer in the annotations", c.object ? *c.object : -1));
      return *o;
    };
    if ((c.kind == "shape" || c.kind == "delete_edit") && c.shape_kind && c.frame >= 0) {
      Object& o = object();
      if (proposal.is_null()) {
        if (Track* t = o.track(c.sensor, *c.shape_kind)) t->erase(c.frame);
        o.prune_empty_tracks();
      } else {
        o.track_or_create(c.sensor, *c.shape_kind).set(c.frame, shape_from_json(r, *c.shape_kind));
      }
    } else if (c.kind == "delete_edit" && c.object && proposal.is_null()) {
      a.remove(*c.object);
      a.review.objects.erase(*c.object);
    } else if (c.kind == "object" && c.field == "class" && proposal.is_string()) {
      object().class_name = proposal.get<std::string>();
    } else if (c.kind == "object" && c.field.rfind("attributes.", 0) == 0) {
      const std::string key = c.field.substr(11);
      if (proposal.is_null())
        object().attributes.erase(key);
      else
        object().attributes[key] = read_attribute_value(r);
    } else if (c.kind == "object" && c.field == "outside") {
      std::vector<FrameRange> ranges;
      for (const auto& x : proposal) ranges.push_back({x.at(0).get<int>(), x.at(1).get<int>()});
      object().outside = ranges;
    } else if (c.kind == "frame_tags") {
      if (proposal.is_null())
        a.frame_tags.erase(c.frame);
      else
        a.frame_tags[c.frame] = proposal.get<std::vector<std::string>>();
    } else {
      throw Error(fmt::format("conflict #{} ({}): its proposal cannot be applied automatically; "
                              "edit the annotations by hand, then resolve it with --keep",
                              index + 1, c.kind));
    }
  }
  a.conflicts.erase(a.conflicts.begin() + static_cast<std::ptrdiff_t>(index));
}

}  // namespace vantage::core
