#pragma once
// State the tools, the tool actions and the tool options panel share: the
// class each drawing tool creates, polygon hole mode, the frame range and
// N of batch operations, the clipboard, the running propagation and the
// last message for the user. Owned by the ToolBox.

#include <map>
#include <memory>
#include <string>

#include "app/gui/tools/prelabel_job.h"
#include "app/gui/tools/propagation_job.h"
#include "core/commands/selection_commands.h"
#include "core/model/shape.h"

namespace vantage::gui {

struct ToolSettings {
  // Class a drawing tool gives new objects, per shape kind; empty or not in
  // the schema: the first class allowing the kind.
  std::map<core::ShapeKind, std::string> class_for;
  bool polygon_hole = false;  // next polygon ring is a hole of the selected polygon
  int propagate_frames = 10;
  bool tracker_kcf = false;  // faster, less accurate 2D tracker
  // Inclusive frame range of "paste to range", attribute edits, outside spans.
  int range_first = 0, range_last = 0;
  // Attribute edit of the panel.
  std::string attribute_name, attribute_value;
  bool attribute_range = false;  // false: current frame only
  std::string new_class;         // change class of the selection
  // Ignore regions drawn with the ignore-region tool.
  std::string ignore_class = "DontCare";
  std::string ignore_reason = "marked in Vantage";
  long long new_id = 0;          // change id

  // Mask tool (M).
  enum class MaskMode { Brush, Fill, Polygon, Superpixel };
  MaskMode mask_mode = MaskMode::Brush;
  std::string mask_class = "Road";  // painted when no thing object is selected
  bool mask_paint_object = true;    // a selected object of a thing class gets its own mask
  float brush_radius = 12.0f;       // image pixels
  bool protect_labelled = false;    // never paint over another label

  core::Clipboard clipboard;
  std::unique_ptr<PropagationJob> job;

  // Run model / Train on accepted.
  std::string model = "builtin:lidar-objects";  // FILE.onnx or builtin:NAME
  int model_decoder = 0;                         // yolov8, yolov5, ssd
  std::string model_classes;                     // class map file (optional)
  float model_score = 0.3f;
  std::unique_ptr<PrelabelJob> model_job;

  std::string message;  // last result or error, shown in the panel
  bool message_is_error = false;
  void say(std::string m, bool error = false) {
    message = std::move(m);
    message_is_error = error;
  }
};

}  // namespace vantage::gui
