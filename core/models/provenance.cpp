#include "core/models/provenance.h"

#include <algorithm>

namespace vantage::core {

size_t drop_pending_prelabels(Annotations& a) {
  size_t dropped = 0;
  for (Object& o : a.objects) {
    const size_t had = o.shape_count();
    for (Track& t : o.tracks) {
      const size_t before = t.shapes.size();
      t.shapes.erase(std::remove_if(t.shapes.begin(), t.shapes.end(),
                                    [](const FrameShape& fs) { return is_pending_prelabel(fs.shape); }),
                     t.shapes.end());
      dropped += before - t.shapes.size();
    }
    o.prune_empty_tracks();
    if (had > 0 && o.tracks.empty()) o.id = -1;  // only pending pre-labels: drop it
  }
  a.objects.erase(std::remove_if(a.objects.begin(), a.objects.end(),
                                 [](const Object& o) { return o.id < 0; }),
                  a.objects.end());
  return dropped;
}

}  // namespace vantage::core
