#pragma once
// Undoable edits of segmentation layers. A command keeps only the tiles it
// replaced (before and after) and the layer's segment table, so a brush
// stroke over a 1600x900 mask costs a few 8 KiB tiles in the history. The
// strokes of one drag merge into one undo step (same merge key).

#include <optional>
#include <string>
#include <vector>

#include "core/commands/command.h"
#include "core/segmentation/segmentation.h"

namespace vantage::core {

class LayerEditCommand : public Command {
 public:
  // `created`: the layer did not exist (its size and kind); undo removes it.
  LayerEditCommand(LayerKey key, std::optional<SegLayer> created, std::vector<TileChange> tiles,
                   std::vector<Segment> before, std::vector<Segment> after,
                   std::string description);
  void apply(Document& doc) override;
  void revert(Document& doc) override;
  std::string describe() const override { return description_; }
  bool merge(const Command& next) override;

  const LayerKey& key() const { return key_; }
  const std::vector<TileChange>& tiles() const { return tiles_; }
  // Memory the command holds on its own (tiles it alone keeps alive are
  // counted in full).
  size_t bytes() const;
  // Union of the changed tiles' rectangles (for texture updates).
  PixelRect changed_rect(const LabelRaster& like) const;

 private:
  LayerKey key_;
  std::optional<SegLayer> created_;
  std::vector<TileChange> tiles_;
  std::vector<Segment> before_, after_;
  std::string description_;
};

// Builds a LayerEditCommand: write labels through writer(), ask segment()
// for the label of a class or object, then finish(). Reading the document
// happens here; nothing changes until the command is executed.
class LayerEdit {
 public:
  // The layer of an image (created width x height when missing; an existing
  // layer must have that size).
  static LayerEdit image(const Document& doc, const std::string& camera, int frame, int width,
                         int height);
  // The layer of a sweep of `count` points.
  static LayerEdit points(const Document& doc, const std::string& lidar, int frame, size_t count);

  const LayerKey& key() const { return key_; }
  RasterWriter& writer() { return *writer_; }
  const SegLayer& table() const { return table_; }
  // The label for a class (stuff or crowd) or an object, added to the table
  // when missing.
  uint16_t segment(const std::string& class_name, ObjectId object = -1, bool crowd = false);
  bool exists() const { return !created_; }
  // The table being edited (flags such as `proposed`; ids and areas are
  // kept by the edit).
  std::vector<Segment>& segments() { return table_.segments; }

  // The command, or nullptr when neither labels nor the table changed.
  // Segments left without pixels are dropped from the table.
  std::unique_ptr<LayerEditCommand> finish(std::string description, uint64_t merge_key = 0);

 private:
  LayerEdit(const Document& doc, LayerKey key, LayerKind kind, int width, int height);
  LayerKey key_;
  bool created_ = false;
  SegLayer table_;
  std::vector<Segment> before_;
  std::unique_ptr<RasterWriter> writer_;
};

// Which labels an edit leaves alone.
enum class Protect : uint8_t {
  None,      // paint over anything
  Labelled,  // only unlabelled pixels (and the painted label itself)
};
// keep() predicate of RasterWriter::span for a protect mode and the label
// being painted.
struct ProtectRule {
  Protect mode = Protect::None;
  uint16_t value = 0;
  bool operator()(uint16_t old) const {
    return mode == Protect::Labelled && old != 0 && old != value;
  }
};

}  // namespace vantage::core
