#include "app/gui/panels/timeline_nav.h"

#include <climits>
#include <set>

#include "app/gui/workspace.h"

namespace vantage::gui {

int find_keyframe(const Workspace& ws, core::ObjectId id, int frame, int dir) {
  const core::Object* o = ws.doc().annotations.find(id);
  if (!o) return -1;
  int best = -1;
  for (const core::Track& t : o->tracks) {
    for (const core::FrameShape& fs : t.shapes) {
      if (!core::is_anchor(fs.shape)) continue;
      if (dir > 0 && fs.frame > frame && (best < 0 || fs.frame < best)) best = fs.frame;
      if (dir < 0 && fs.frame < frame && (best < 0 || fs.frame > best)) best = fs.frame;
    }
  }
  return best;
}

int find_unlabelled(const Workspace& ws, int frame) {
  const int n = ws.frame_count();
  if (n == 0) return -1;
  const core::Annotations& ann = ws.doc().annotations;
  // Frames covered by some object's span: cheap per track, no evaluation.
  std::vector<char> covered(size_t(n), 0);
  for (const core::Object& o : ann.objects)
    for (const core::Track& t : o.tracks)
      for (const core::FrameRange& r : ws.interpolator().spans(o, t))
        for (int f = std::max(0, r.first); f <= std::min(n - 1, r.last); ++f)
          covered[size_t(f)] = 1;
  for (int i = 1; i <= n; ++i) {
    const int f = (frame + i) % n;
    if (!covered[size_t(f)] && !ann.excluded_frames.count(f)) return f;
  }
  return -1;
}

int find_finding(Workspace& ws, int frame) {
  std::set<int> frames;
  for (const core::Finding& f : ws.findings())
    if (f.frame >= 0) frames.insert(f.frame);
  if (frames.empty()) return -1;
  auto it = frames.upper_bound(frame);
  return it == frames.end() ? *frames.begin() : *it;
}

}  // namespace vantage::gui
