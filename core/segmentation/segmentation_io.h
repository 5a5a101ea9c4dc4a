#pragma once
// Segmentation in the native folder. annotations.json lists every layer
// with its segment table and the sidecar file holding its labels:
//
//   "segmentation": [
//     {"sensor": "CAM_FRONT", "frame": 3, "kind": "image", "size": [1600, 900],
//      "file": "seg/CAM_FRONT/000003-9f0c2b7a1d3e4f56.png", "hash": "9f0c2b7a1d3e4f56",
//      "segments": [{"id": 1, "class": "Road", "area": 51234},
//                   {"id": 2, "class": "Car", "object": 7, "area": 8123},
//                   {"id": 3, "class": "Car", "crowd": true, "area": 640}]},
//     {"sensor": "LIDAR_TOP", "frame": 3, "kind": "points", "points": 118000, ...}]
//
// Sidecar names carry the labels' content hash, so a save writes new files
// next to the old ones and switches to them by replacing annotations.json in
// one rename: a crash at any point leaves a consistent folder. Only layers
// whose labels are not in the folder yet are written. Files referenced
// neither by this save nor by the previous one (seg/.saved lists them) are
// removed afterwards.

#include <filesystem>
#include <string>

#include "core/io/json_reader.h"
#include "core/io/json_writer.h"
#include "core/segmentation/segmentation.h"

namespace vantage::core {

class FastJson;

inline constexpr const char* kSegmentationFolder = "seg";

// Sidecar path of a layer relative to the folder.
std::filesystem::path layer_file_name(const LayerKey& key, LayerKind kind, uint64_t hash);

// The "segmentation" array. Files are written relative to `base` when they
// lie inside it, else absolute. Throws Error for a layer whose labels are in
// no file (save the sidecars first).
void write_segmentation_json(JsonWriter& w, const Segmentation& s, const std::filesystem::path& base);
// Reads the array; relative files are taken relative to `base` and must exist.
void read_segmentation_json(const JsonReader& r, Segmentation& s, const std::filesystem::path& base);
void read_segmentation_json(const FastJson& r, Segmentation& s, const std::filesystem::path& base);

struct SegmentationSaveOptions {
  // Layers whose file lies outside the folder are copied into it (a real
  // save); otherwise they are referenced where they are (autosave).
  bool copy_foreign = true;
  bool sync = true;  // flush the written files to disk
};

// Writes the sidecars a save of `s` into `folder` needs; returns how many
// files were written.
size_t save_segmentation_files(const Segmentation& s, const std::filesystem::path& folder,
                               const SegmentationSaveOptions& options = {});
// After annotations.json is in place: removes sidecars under folder/seg that
// neither this save nor the previous one references. Returns how many.
size_t collect_segmentation_garbage(const Segmentation& s, const std::filesystem::path& folder);

}  // namespace vantage::core
