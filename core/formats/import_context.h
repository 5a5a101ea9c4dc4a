#pragma once
// What every importer shares: resolving class names against the schema
// (map, add or skip, as the user chose), turning a file's object ids into
// document object ids, staging shapes (sorted and merged into tracks at the
// end, so imports stay linear in the input size), finding the frame and
// camera an image path refers to, building a sequence from the images when
// the document has none, and reporting skipped input with its position.

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/formats/format.h"

namespace vantage::core {

// Where an image of the annotation file lives in the sequence.
struct ImageRef {
  int frame = 0;
  std::string camera;
};

// An image named by an annotation file (COCO image entry, VOC file, YOLO
// label file), used to build a sequence when the document has none.
struct ImageEntry {
  std::string path;                // as written in the file
  std::filesystem::path resolved;  // on disk, when found
  int width = 0, height = 0;
  std::string camera;  // camera name when the file says; else from the folder name
};

class ImportContext {
 public:
  ImportContext(Document& doc, const ImportOptions& options, FormatReport& report);

  Document& doc;
  const ImportOptions& options;
  FormatReport& report;

  // Objects made by the import get outside spans over the frames between
  // their appearances (files of other tools label every frame an object is
  // seen in). Importers clear it for files that say they hold keyframes only
  // or that carry outside spans themselves.
  bool gaps_are_outside = true;

  // True when the document had no frames: importers call build_sequence().
  bool building_sequence() const { return building_; }

  // --- Images -> frames ---------------------------------------------------
  // Building mode: makes one camera per image folder (or ImageEntry::camera)
  // and one frame per image rank within its camera; returns each image's
  // place. Reports images missing on disk.
  std::vector<ImageRef> build_sequence(const std::vector<ImageEntry>& images);
  // Finds the frame and camera of an image path written in a file: by
  // relative path, file name, stem (the longest matching folder suffix wins),
  // then a numeric stem as the frame number. `camera_hint` narrows the
  // search. On failure returns nullopt and sets `why`.
  std::optional<ImageRef> locate(const std::string& path, const std::string& camera_hint,
                                 std::string& why);
  // Image size of a camera at a frame; reads the image when the sequence
  // does not know it. {0,0} when unknown.
  std::pair<int, int> image_size(const ImageRef& ref);

  // --- Classes --------------------------------------------------------------
  // The schema class for a class name of the file, or nullopt when its
  // shapes are to be skipped (reported here at file/location). Throws when
  // the policy is Fail.
  std::optional<std::string> resolve_class(const std::string& name, const std::string& file,
                                           const std::string& location);
  // Offers keypoint names and 0-based edges for a class: a class without a
  // skeleton that was added by this import gets one.
  void offer_skeleton(const std::string& class_name, const std::vector<std::string>& points,
                      const std::vector<std::pair<int, int>>& edges);

  // --- Objects --------------------------------------------------------------
  // The object for a file's object key (a track id, a token). `file_id` is
  // the id the file gives; kept when the options allow and it is free, or
  // when the object with that id has the same class (its shapes merge).
  ObjectId object(const std::string& key, const std::string& class_name,
                  std::optional<ObjectId> file_id);
  // A new object with a fresh id (above every id in the document and every
  // id reserved by reserve_ids).
  ObjectId new_object(const std::string& class_name);
  // Importers that know the file's largest object id up front reserve it, so
  // objects without ids never take an id a later object of the file has.
  void reserve_ids(ObjectId max_file_id);
  Object& get(ObjectId id);

  // --- Shapes ---------------------------------------------------------------
  // A shape with the import defaults (keyframe, source Imported).
  Shape make_shape(Geometry g) const;
  // Stages a shape; pre-label options are applied here. The last shape
  // staged for one (object, sensor, kind, frame) wins (reported).
  void add(ObjectId id, const std::string& sensor, int frame, Shape shape);

  // An ignore region of the file (KITTI DontCare, COCO crowd) at `frame`.
  void add_ignore(int frame, IgnoreRegion region);

  // --- Reporting --------------------------------------------------------------
  // An input item that cannot be imported (a problem: fails the import
  // unless skip_invalid).
  void skip(const std::string& file, const std::string& location, const std::string& what,
            const std::string& why);
  // An input item left out because an option asked for it.
  void skip_by_option(const std::string& file, const std::string& location,
                      const std::string& what, const std::string& why);
  void progress(size_t done, size_t total) const;

  // Moves the staged shapes into their tracks. The loss policy is applied
  // by the caller (import_annotations) on the finished report.
  void finish();

 private:
  struct Staged {
    ObjectId id;
    std::string sensor;
    ShapeKind kind;
    int frame;
    size_t order;
    Shape shape;
  };
  void index_images();
  ObjectId fresh_id();

  bool building_ = false;
  std::set<ObjectId> created_;              // objects made by this import
  std::map<std::string, ObjectId> by_key_;  // file object key -> id
  std::map<std::string, std::optional<std::string>> class_cache_;
  std::set<std::string> classes_added_here_;
  ObjectId next_id_ = 0;
  std::vector<Staged> staged_;
  // Image index: file name / stem -> (relative path components, ref).
  struct Indexed {
    std::vector<std::string> components;  // path components, reversed
    ImageRef ref;
  };
  bool indexed_ = false;
  std::unordered_map<std::string, std::vector<Indexed>> by_name_, by_stem_;
  std::map<std::pair<int, std::string>, std::pair<int, int>> size_cache_;
};

// Lower-case ASCII copy.
std::string lower_ascii(std::string s);
// Cameras whose files give no calibration get the image folder opener's
// nominal pinhole (fx = fy = width, principal point in the centre), so the
// document saves and loads. Returns whether it changed anything.
bool give_nominal_intrinsics(Camera& camera);
// Colour for a class added by an import: stable, from its name.
uint32_t color_for_name(const std::string& name);

}  // namespace vantage::core
