#include "core/qa/review_queries.h"

#include <algorithm>
#include <set>

namespace vantage::core {

namespace {

std::set<int> rejected_frames(const Annotations& a) {
  std::set<int> out;
  for (const auto& [f, m] : a.review.frames)
    if (m.status == ReviewStatus::Rejected) out.insert(f);
  for (const auto& [id, m] : a.review.objects) {
    if (m.status != ReviewStatus::Rejected) continue;
    if (const Object* o = a.find(id); o && o->first_frame() >= 0) out.insert(o->first_frame());
  }
  return out;
}

bool unreviewed(const Annotations& a, int f) {
  const ReviewStatus s = frame_status(a, f);
  return s != ReviewStatus::Accepted && s != ReviewStatus::Rejected;
}

template <class Pred>
std::optional<int> step(const Annotations& a, int from, int frame_count, int dir, Pred pred) {
  if (frame_count <= 0) return std::nullopt;
  for (int i = 1; i <= frame_count; ++i) {
    const int f = ((from + dir * i) % frame_count + frame_count) % frame_count;
    if (a.excluded_frames.count(f)) continue;
    if (pred(f)) return f;
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> next_rejected_frame(const Annotations& a, int from, int frame_count) {
  const auto r = rejected_frames(a);
  return step(a, from, frame_count, +1, [&](int f) { return r.count(f) > 0; });
}

std::optional<int> previous_rejected_frame(const Annotations& a, int from, int frame_count) {
  const auto r = rejected_frames(a);
  return step(a, from, frame_count, -1, [&](int f) { return r.count(f) > 0; });
}

std::optional<int> next_unreviewed_frame(const Annotations& a, int from, int frame_count) {
  return step(a, from, frame_count, +1, [&](int f) { return unreviewed(a, f); });
}

std::optional<int> previous_unreviewed_frame(const Annotations& a, int from, int frame_count) {
  return step(a, from, frame_count, -1, [&](int f) { return unreviewed(a, f); });
}

ReviewStatus frame_status(const Annotations& a, int frame) {
  const auto it = a.review.frames.find(frame);
  return it == a.review.frames.end() ? ReviewStatus::Todo : it->second.status;
}

ReviewStatus object_status(const Annotations& a, ObjectId object) {
  const auto it = a.review.objects.find(object);
  return it == a.review.objects.end() ? ReviewStatus::Todo : it->second.status;
}

const char* to_string(RejectionItem::Kind k) {
  switch (k) {
    case RejectionItem::Kind::Frame:
      return "frame";
    case RejectionItem::Kind::Object:
      return "object";
    case RejectionItem::Kind::Comment:
      return "comment";
  }
  return "frame";
}

std::vector<RejectionItem> rejection_list(const Annotations& a) {
  std::vector<RejectionItem> out;
  for (const auto& [f, m] : a.review.frames) {
    if (m.status != ReviewStatus::Rejected) continue;
    RejectionItem it;
    it.kind = RejectionItem::Kind::Frame;
    it.frame = f;
    it.reviewer = m.reviewer;
    it.reason = m.reason;
    it.time_ms = m.time_ms;
    out.push_back(it);
  }
  for (const auto& [id, m] : a.review.objects) {
    if (m.status != ReviewStatus::Rejected) continue;
    RejectionItem it;
    it.kind = RejectionItem::Kind::Object;
    it.object = id;
    const Object* o = a.find(id);
    it.frame = o ? std::max(0, o->first_frame()) : 0;
    it.class_name = o ? o->class_name : std::string();
    it.reviewer = m.reviewer;
    it.reason = m.reason;
    it.time_ms = m.time_ms;
    out.push_back(it);
  }
  for (const Comment& c : a.review.comments) {
    if (c.resolved) continue;
    RejectionItem it;
    it.kind = RejectionItem::Kind::Comment;
    it.frame = c.frame;
    it.object = c.object;
    if (c.object)
      if (const Object* o = a.find(*c.object)) it.class_name = o->class_name;
    it.reviewer = c.author;
    it.reason = c.text;
    it.time_ms = c.time_ms;
    it.comment_id = c.id;
    out.push_back(it);
  }
  std::stable_sort(out.begin(), out.end(), [](const RejectionItem& x, const RejectionItem& y) {
    return x.frame < y.frame;
  });
  return out;
}

}  // namespace vantage::core
