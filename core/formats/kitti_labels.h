#pragma once
// KITTI label files, read and written verbatim (no geometry conversion here;
// see core/geometry/kitti_convert.h and core/formats/kitti_annotations.h).
//
//   label_2  (object benchmark): one file per frame, one object per line
//     type truncated occluded alpha x1 y1 x2 y2 h w l x y z rotation_y [score]
//   label_02 (tracking benchmark): one file per sequence, two leading columns
//     frame track_id type truncated occluded alpha x1 y1 x2 y2 h w l x y z rotation_y [score]
//
// Units and frames (devkit readme): box in pixels (0-based, left top right
// bottom); h w l in metres; x y z the centre of the box's BOTTOM face in the
// rectified camera-0 frame (x right, y down, z forward); rotation_y about the
// camera's y axis in [-pi, pi] (0 = facing camera +x); alpha the observation
// angle, rotation_y - atan2(x, z). Truncation is a float in [0, 1] in label_2
// but an integer level 0/1/2 in label_02. DontCare rows mark unlabelled
// regions: track id -1 and fixed "invalid" 3D values (kitti_dont_care_label).
//
// Reading is strict: a wrong field count, a non-numeric or non-finite number,
// or an out-of-range integer throws FileError naming the file, "line N" and
// the column. Blank lines are skipped.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/io/file_util.h"
#include "core/model/math.h"
#include "core/model/shape.h"

namespace vantage::core {

enum class KittiLabelKind : uint8_t {
  Object,    // label_2: 15 columns (+ score)
  Tracking,  // label_02: 17 columns (+ score)
};

// One line of a label file, values exactly as written.
struct KittiLabel {
  int frame = 0;          // tracking only
  int64_t track_id = -1;  // tracking only; -1 for DontCare
  std::string type;  // Car, Van, Truck, Pedestrian, Person_sitting, Cyclist, Tram, Misc, DontCare
  double truncated = 0;  // label_2: 0..1; label_02: level 0, 1 or 2; -1 for DontCare
  int occluded = 0;      // 0 visible, 1 partly, 2 largely, 3 unknown; -1 for DontCare
  double alpha = -10;    // observation angle, [-pi, pi]; -10 when unknown
  Box2D box;             // x1 y1 x2 y2 (left top right bottom), pixels
  double height = -1, width = -1, length = -1;  // h w l, metres
  Vec3 location{-1000.0};  // bottom-face centre, rectified camera-0 frame, metres
  double rotation_y = -10;
  std::optional<double> score;  // detections only

  bool is_dont_care() const { return type == "DontCare"; }
  // True when the line carries a 3D box: positive dimensions and not
  // DontCare (2D-only detections write -1 dimensions and -1000 locations).
  bool has_3d() const;

  bool operator==(const KittiLabel& o) const {
    return frame == o.frame && track_id == o.track_id && type == o.type &&
           truncated == o.truncated && occluded == o.occluded && alpha == o.alpha && box == o.box &&
           height == o.height && width == o.width && length == o.length && location == o.location &&
           rotation_y == o.rotation_y && score == o.score;
  }
  bool operator!=(const KittiLabel& o) const { return !(*this == o); }
};

// How numbers are printed.
enum class KittiNumberStyle : uint8_t {
  // Shortest text that reads back to the same double (fmt "{}"): exact round
  // trips. Integral values print without decimals ("0", "-10").
  Shortest,
  // Rounded to 12 decimal places, trailing zeros dropped ("1.84", "-10"):
  // hides the last-bit noise of converted geometry (1.8400000000000003 prints
  // 1.84) and reads back within 5e-13 (metres, radians, pixels). The choice
  // for exports of vehicle-frame cuboids.
  Decimals12,
  // The datasets' own style: label_2 prints "%.2f" (DontCare's invalid values
  // as integers), label_02 prints "%f". Rewriting a dataset file in this style
  // reproduces it byte for byte; other values are rounded.
  Dataset,
};

struct KittiLabelWriteOptions {
  KittiNumberStyle style = KittiNumberStyle::Shortest;
  // For write_kitti_labels: no .bak beside exported labels by default (it
  // would clutter the label folder); set sync = false for bulk exports.
  AtomicWriteOptions file{/*keep_backup=*/false, /*sync=*/true};
};

// --- Reading ----------------------------------------------------------------
// `file` names the source in error messages.
std::vector<KittiLabel> parse_kitti_labels(std::string_view text, KittiLabelKind kind,
                                           const std::string& file);
std::vector<KittiLabel> read_kitti_labels(const std::filesystem::path& path, KittiLabelKind kind);

// --- Writing ----------------------------------------------------------------
// One line without the trailing newline. Truncation and occlusion are written
// as integers where they are integral in label_02 (KITTI's levels); the
// score is always written shortest (it is not part of the datasets' files).
std::string format_kitti_label(const KittiLabel& label, KittiLabelKind kind,
                               const KittiLabelWriteOptions& options = {});
// Every label on its own line, each ending in '\n'.
std::string format_kitti_labels(const std::vector<KittiLabel>& labels, KittiLabelKind kind,
                                const KittiLabelWriteOptions& options = {});
// Writes atomically (never a half-written file); throws core::Error.
void write_kitti_labels(const std::filesystem::path& path, const std::vector<KittiLabel>& labels,
                        KittiLabelKind kind, const KittiLabelWriteOptions& options = {});

// A DontCare row for `box` with the invalid values the datasets use:
//   label_2:  -1 -1 -10 x1 y1 x2 y2 -1 -1 -1 -1000 -1000 -1000 -10
//   label_02: frame -1 DontCare -1 -1 -10 x1 y1 x2 y2 -1000 -1000 -1000 -10 -1 -1 -1
KittiLabel kitti_dont_care_label(KittiLabelKind kind, const Box2D& box, int frame = 0);

}  // namespace vantage::core
