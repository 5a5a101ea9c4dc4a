#pragma once
// Import and export of annotations in other tools' formats: COCO, Pascal VOC,
// YOLO, KITTI object and tracking, ASAM OpenLABEL, and the native folder.
//
// The CLI (`vantage export|import|convert`) and the workstation's menu both
// call the functions at the bottom of this header. Every run returns a
// FormatReport: the files written, one summary line per kind of data the
// format could not hold ("12 cuboids not exported: COCO has no 3D"), and for
// imports every skipped piece of input with its file and line (or JSON
// pointer). Imports are all-or-nothing on the document: it is changed only
// when the import succeeds.
//
// Conventions shared by the formats are documented in docs/formats.md.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/document.h"
#include "core/model/object.h"
#include "core/util/error.h"

namespace vantage::core {

enum class FormatId : uint8_t {
  Coco,
  Voc,
  Yolo,
  Kitti,
  KittiTracking,
  OpenLabel,
  Native,
  Cityscapes,     // labelIds / instanceIds / colour PNGs (masks only)
  SemanticKitti,  // .label per sweep (point labels only)
};

// Progress: called with (done, total) work units, from the calling thread.
// Return false to cancel (the run then throws Cancelled).
using ProgressFn = std::function<bool(size_t done, size_t total)>;

class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled") {}
};

enum class YoloTask : uint8_t { Auto, Detect, Segment, Pose };
const char* to_string(YoloTask t);
std::optional<YoloTask> yolo_task_from_string(const std::string& s);

struct ExportOptions {
  // Inclusive frame range; nullopt = every frame.
  std::optional<FrameRange> frames;
  // Only this camera's 2D shapes (and, for KITTI, the camera whose rectified
  // frame the labels use). Empty = every camera (KITTI: its own camera 2).
  std::string camera;
  // Export only keyframes; otherwise interpolated frames are exported too.
  bool keyframes_only = false;
  // YOLO: which label flavour to write. Auto picks pose when the selection
  // has keypoints, else segment when it has polygons, else detect.
  YoloTask yolo_task = YoloTask::Auto;
  // Copy (hard-link when possible) each exported frame's image next to the
  // labels (YOLO images/, VOC JPEGImages/, COCO images/, KITTI image_2/).
  bool copy_images = false;
  // What an item that cannot be carried does (docs/formats.md, "No silent
  // loss"): by default any dropped or altered item fails the export and
  // nothing is written; skip_invalid writes the rest and lists each item in
  // the report. strict also fails on what the format cannot hold by design
  // (attributes in YOLO, tracks in COCO), otherwise a summary line.
  bool skip_invalid = false;
  bool strict = false;
  // Files that already exist in the output folder are an error unless set.
  bool overwrite = false;
  // COCO and YOLO: write masks as polygons (outer rings with holes in
  // COCO) instead of COCO's compressed RLE. Polygons trace pixel centres, so
  // the masks they rasterise back to differ at the edges (reported).
  bool mask_polygons = false;
  // Name of per-sequence outputs (KITTI tracking label_02/NAME.txt); empty:
  // from the sequence's name (see export_sequence_name).
  std::string name;
  ProgressFn progress;
};

// What to do with a class name the schema does not know.
enum class UnknownClassPolicy : uint8_t {
  Add,   // add it to the schema (reported)
  Skip,  // skip its shapes (reported with file and position)
  Fail,  // fail the import (nothing changes)
};
const char* to_string(UnknownClassPolicy p);
std::optional<UnknownClassPolicy> unknown_class_policy_from_string(const std::string& s);

struct ImportOptions {
  // Imported shapes become model pre-labels: source Model, the file's score
  // (1 when it has none), and fresh object ids (never merged into existing
  // objects).
  bool as_prelabels = false;
  // File class name -> schema class name, applied first.
  std::map<std::string, std::string> class_map;
  UnknownClassPolicy unknown_classes = UnknownClassPolicy::Add;
  // Object ids found in the file (track ids) are kept when free; an object of
  // the same class with that id receives the shapes. false: always new ids.
  bool keep_ids = true;
  // By default any input item that cannot be imported (dangling reference,
  // degenerate geometry, unreadable line) fails the import and nothing
  // changes. skip_invalid imports the rest and lists each skipped item.
  bool skip_invalid = false;
  // Also fail on what Vantage cannot hold by design (kind-level
  // limitations, reported once per kind otherwise).
  bool strict = false;
  // 2D formats whose files do not name a camera: the camera to import into
  // (default: the sequence's only camera, else the one the path names).
  std::string camera;
  // KITTI tracking: which sequence of a label_02 folder.
  std::string sequence;
  // KITTI: the calibration file for label files given without their
  // training folder (needed for the 3D boxes).
  std::filesystem::path calibration;
  // A native folder converted whole may name data outside itself
  // (core/io/path_policy.h); otherwise it is refused.
  bool allow_outside = false;
  ProgressFn progress;
};

// An item that was not carried over, or was changed on the way, and where
// it is.
struct SkippedInput {
  std::string file;
  std::string location;  // "line 12", a JSON pointer, an XML element path, "frame 3, object 7"
  std::string message;   // "<what> skipped: <why>" / "<what> altered: <why>"
  std::string what;      // "annotations", "label lines", "cuboids"
  std::string why;
  bool altered = false;    // kept, but changed (else dropped)
  bool by_option = false;  // dropped because an option asked (not a problem)
};

struct FormatReport {
  std::string format;
  std::vector<std::filesystem::path> files_written;
  // One line per kind: "12 cuboids not exported: COCO has no 3D".
  std::vector<std::string> summary;
  // Items dropped or altered, with their positions, in file order (at most
  // kMaxSkippedListed listed; the counts are exact).
  std::vector<SkippedInput> skipped;
  size_t skipped_count = 0;     // every entry, listed or not
  size_t problem_count = 0;     // dropped or altered items not asked for by an option
  size_t limitation_count = 0;  // items behind limitation() lines
  static constexpr size_t kMaxSkippedListed = 100000;
  // What was written or read.
  size_t ignore_regions = 0;
  // What was written or read.
  size_t images = 0;  // image entries / label files (one per camera frame)
  size_t frames = 0;
  size_t objects = 0;
  size_t shapes = 0;
  // Import: schema changes made (classes added).
  std::vector<std::string> classes_added;

  // Tally of things not carried over, keyed by (what, why): the summary
  // line is "<n> <what>: <why>" ("12 cuboids not exported: COCO has no 3D").
  void note(const std::string& what, const std::string& why, size_t n = 1);
  // A plain summary line, kept once ("class 'car' taken as 'Car'").
  void info(const std::string& line);
  // An item dropped: listed with its position and tallied as
  // "<n> <what> skipped: <why>". A problem (fails without skip_invalid).
  void skip(const std::string& file, const std::string& location, const std::string& what,
            const std::string& why);
  // An item dropped because an option asked for it (--unknown-classes
  // skip): listed and tallied, not a problem.
  void skip_by_option(const std::string& file, const std::string& location,
                      const std::string& what, const std::string& why);
  // An item carried over with a change ("<n> <what> altered: <why>"). A
  // problem.
  void alter(const std::string& file, const std::string& location, const std::string& what,
             const std::string& why);
  // What the format cannot hold by design, once per kind:
  // "<n> <what>: <why>". Fails only in strict mode.
  void limitation(const std::string& what, const std::string& why, size_t n = 1);
  // Whether the run must fail under these options.
  bool fails(bool skip_invalid, bool strict) const {
    return (problem_count > 0 && (!skip_invalid || strict)) || (strict && limitation_count > 0);
  }
  // Builds `summary` from the tally (the framework calls it at the end).
  void finish();

 private:
  struct Tally {
    std::string what, why;
    size_t count;
    bool plain;
  };
  std::vector<Tally> tally_;
};

// An import or export that would have dropped or altered items (or, in
// strict mode, hit a limitation of the format): nothing was changed or
// written. report() lists every item with its file and position.
class ConversionError : public Error {
 public:
  ConversionError(const std::string& message, FormatReport report);
  const FormatReport& report() const { return report_; }

 private:
  FormatReport report_;
};

struct FormatInfo {
  FormatId id;
  const char* name;   // command-line name: "coco"
  const char* title;  // "COCO JSON"
  bool can_import;
  bool can_export;
};

// Every format, in command-line order.
const std::vector<FormatInfo>& format_list();
std::optional<FormatId> format_from_name(const std::string& name);
const char* format_name(FormatId id);

// Guesses the format of an annotation file or folder (for `convert`). nullopt
// when nothing matches. A native sequence folder gives Native.
std::optional<FormatId> detect_format(const std::filesystem::path& input);

// Writes the document's annotations in `format` into `out_dir` (created).
// Files are written into a staging folder inside `out_dir` and moved into
// place only when the whole export succeeds: a failure leaves `out_dir` as
// it was. Throws ConversionError when items would be lost (see
// ExportOptions::skip_invalid / strict) or files exist (overwrite), Error on
// unusable options (unknown camera, empty frame range) and write failures.
FormatReport export_document(const Document& doc, FormatId format,
                             const std::filesystem::path& out_dir,
                             const ExportOptions& options = {});

// Reads annotations from `input` (a file or a folder, depending on the
// format) into `doc`. Strong guarantee: when this throws (malformed file,
// strict mode with skipped input, unknown class with policy Fail,
// cancellation) `doc` is unchanged. When `doc` has no frames the sequence is
// built from the file (images become frames and cameras).
FormatReport import_annotations(Document& doc, FormatId format, const std::filesystem::path& input,
                                const ImportOptions& options = {});

// Frames between two appearances of an object (no shape in any track)
// become outside spans, so interpolation never fills them. For documents
// read from per-frame datasets, whose gaps mean "not seen". Returns the
// number of spans added.
size_t mark_gaps_as_outside(Annotations& annotations);
size_t mark_object_gaps_as_outside(Object& object);

// The name a per-sequence export file takes: `options_name` when given,
// else the sequence's name; for KITTI tracking (`numeric`) a name ending in
// digits gives those digits (`openlabel100_kitti_tracking_0042` -> 0042,
// at least 4 wide) and an empty name 0000. Characters that cannot be part
// of a file name ('/', '\\', NUL, a leading '.') are replaced, so the name never
// leaves the output folder.
std::string export_sequence_name(const std::string& sequence_name,
                                 const std::string& options_name, bool numeric);

// A document built from annotation files alone (for `convert`): the default
// schema, a sequence made from the images the file names, the annotations.
Document document_from_annotations(FormatId format, const std::filesystem::path& input,
                                   const ImportOptions& options, FormatReport& report);

}  // namespace vantage::core
