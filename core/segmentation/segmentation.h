#pragma once
// Pixel and point segmentation of a sequence: per camera and frame a label
// image, per LiDAR sweep a label per point. Both are "panoptic" layers: each
// pixel (point) holds a segment id, and the layer's segment table says what
// the id means: a class (stuff, or a crowd of things) or one object, the same
// object that carries boxes and cuboids. The semantic layer (class per
// pixel) and the instance masks (object per pixel) are two readings of it, so
// they can never disagree.
//
// Layers load lazily and live in a bounded cache: the tables are always in
// memory (they are in annotations.json), the labels are read from the
// layer's sidecar file (a PNG per camera and frame, a .vlabel per sweep) on
// first use and dropped again when the cache is full. A layer changed since
// it was last written is kept encoded in memory when evicted. Copies share
// every immutable piece (tiles, encoded bytes), so copying Annotations (undo
// snapshots, autosave, imports) costs pointers, not pixels.

#include <cstdint>
#include <filesystem>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/object.h"
#include "core/segmentation/label_raster.h"

namespace vantage::core {

enum class LayerKind : uint8_t { Image, Points };
const char* to_string(LayerKind k);

struct LayerKey {
  std::string sensor;  // camera or LiDAR name
  int frame = 0;
  bool operator<(const LayerKey& o) const {
    return frame != o.frame ? frame < o.frame : sensor < o.sensor;
  }
  bool operator==(const LayerKey& o) const { return frame == o.frame && sensor == o.sensor; }
};

// What one label value of a layer means.
struct Segment {
  uint16_t id = 0;          // the label value (1..65535; 0 is unlabelled)
  std::string class_name;   // the class (for objects: the class when painted)
  ObjectId object = -1;     // the object, or -1 for stuff and crowds
  bool crowd = false;       // several things of the class together (COCO iscrowd)
  uint64_t area = 0;        // pixels (points) with this label; kept by every edit
  bool proposed = false;    // made by an assistant (propagation), not yet reviewed
  bool is_instance() const { return object >= 0; }
  bool operator==(const Segment& o) const {
    return id == o.id && class_name == o.class_name && object == o.object && crowd == o.crowd &&
           area == o.area && proposed == o.proposed;
  }
};

// One camera image's or one sweep's labels.
class SegLayer {
 public:
  LayerKind kind = LayerKind::Image;
  int width = 0;   // image width, or the sweep's point count
  int height = 0;  // image height, 1 for points
  std::vector<Segment> segments;  // sorted by id

  const Segment* segment(uint16_t id) const;
  // The id of the segment for (class, object, crowd), 0 when none.
  uint16_t find_segment(const std::string& class_name, ObjectId object, bool crowd = false) const;
  // Finds or adds it; throws Error when all 65535 ids are taken.
  uint16_t add_segment(const std::string& class_name, ObjectId object, bool crowd = false);
  uint64_t labelled() const;  // pixels (points) with a non-zero label
  size_t count() const { return static_cast<size_t>(width) * static_cast<size_t>(height); }

  // Where the labels are. At least one is set for a layer in a store.
  std::shared_ptr<const LabelRaster> raster;  // decoded
  std::shared_ptr<const std::string> blob;    // encoded, not yet in a file
  std::filesystem::path file;                 // a file holding exactly these labels
  uint64_t hash = 0;                          // LabelRaster::hash of the labels (0: unknown)

};

class Segmentation {
 public:
  Segmentation() = default;

  bool empty() const { return layers_.empty(); }
  size_t size() const { return layers_.size(); }
  const std::map<LayerKey, SegLayer>& layers() const { return layers_; }
  const SegLayer* find(const LayerKey& key) const;
  const SegLayer* find(const std::string& sensor, int frame) const { return find({sensor, frame}); }
  // Keys of the layers of one frame.
  std::vector<LayerKey> keys_at(int frame) const;

  // The labels of a layer, loaded on demand (throws FileError when its file
  // is missing or does not match). Null when there is no such layer. The
  // pointer stays valid after the cache drops the layer.
  std::shared_ptr<const LabelRaster> labels(const LayerKey& key) const;
  // Loads several layers at once (in parallel): opening a frame.
  void prefetch(const std::vector<LayerKey>& keys) const;

  // Adds or replaces a layer (its raster, blob or file must be set).
  void put(const LayerKey& key, SegLayer layer);
  bool erase(const LayerKey& key);
  // Replaces the labels and table of an existing layer (an edit).
  void set_labels(const LayerKey& key, std::shared_ptr<const LabelRaster> labels,
                  std::vector<Segment> segments);
  // Mutable access for renames (segment class names).
  std::map<LayerKey, SegLayer>& layers_for_update() { return layers_; }
  // Records that `file` now holds the layer's labels (after a save): the
  // content is unchanged, only where it is kept.
  void set_file(const LayerKey& key, const std::filesystem::path& file, uint64_t hash) const;

  // Decoded labels are kept up to this many bytes (least recently used go
  // first). Default 256 MiB.
  void set_cache_budget(size_t bytes) const;
  size_t cache_budget() const { return budget_; }
  size_t cached_bytes() const { return cached_bytes_; }
  size_t cached_layers() const { return lru_.size(); }

  // The layer's content hash (computed once and kept); 0 when absent.
  uint64_t content_hash(const LayerKey& key) const;

  // Pixels and points with a label, over every layer (from the tables).
  uint64_t labelled_pixels() const;
  uint64_t labelled_points() const;

  bool operator==(const Segmentation& o) const;
  bool operator!=(const Segmentation& o) const { return !(*this == o); }

 private:
  void touch(const LayerKey& key, const SegLayer& layer) const;
  void evict() const;
  void forget(const LayerKey& key) const;

  // Mutable: loading and dropping labels (the cache) and learning a
  // layer's hash never change what a layer holds.
  mutable std::map<LayerKey, SegLayer> layers_;
  // Decoded layers, most recently used first.
  mutable std::list<LayerKey> lru_;
  mutable size_t cached_bytes_ = 0;
  mutable size_t budget_ = size_t{256} << 20;
};

// The sidecar encodings: a PNG (8-bit when every label fits, else 16-bit)
// for images, a .vlabel file (header + zlib-compressed little-endian uint16
// per point) for sweeps.
std::string encode_labels(const LabelRaster& labels, LayerKind kind);
// Throws FileError naming `source` when the bytes are not a label file of
// the layer's size.
LabelRaster decode_labels(std::string_view bytes, LayerKind kind, int width, int height,
                          const std::string& source);
// Decodes a layer's labels from its raster, blob or file (no caching).
std::shared_ptr<const LabelRaster> load_layer_labels(const SegLayer& layer);
// File extension of a layer kind's sidecar (".png", ".vlabel").
const char* layer_file_extension(LayerKind kind);

}  // namespace vantage::core
