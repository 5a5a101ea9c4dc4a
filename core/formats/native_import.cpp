// The native format as an import source: merging another native folder's (or
// annotations.json's) objects into a document, e.g. a second annotator's
// work. Export to native is save_native (format.cpp): lossless.
#include <fmt/format.h>

#include "core/formats/format_handler.h"
#include "core/formats/format_util.h"
#include "core/io/file_util.h"
#include "core/io/native_format.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

class NativeFormat final : public FormatHandler {
 public:
  FormatInfo info() const override {
    return {FormatId::Native, "native", "Vantage native folder", true, true};
  }

  int detect(const fs::path& input) const override {
    std::error_code ec;
    if (is_native_folder(input)) return 100;
    if (fs::is_regular_file(input, ec) && input.extension() == ".json") {
      std::string head(256, '\0');
      std::FILE* f = std::fopen(input.c_str(), "rb");
      if (!f) return 0;
      head.resize(std::fread(head.data(), 1, head.size(), f));
      std::fclose(f);
      if (head.find("\"vantage.annotations\"") != std::string::npos) return 90;
    }
    return 0;
  }

  void export_to(const ExportSelection&, const fs::path&, const ExportOptions&,
                 FormatReport&) const override {
    throw Error("internal: native export goes through save_native");
  }

  void import_from(ImportContext& ctx, const fs::path& input) const override {
    std::error_code ec;
    ctx.gaps_are_outside = false;  // native files carry their outside spans
    Annotations src;
    std::optional<Schema> src_schema;
    std::string fname;
    if (fs::is_directory(input, ec)) {
      // Only a sequence taken whole brings its data paths along.
      Document d = load_native(input, {ctx.options.allow_outside || !ctx.building_sequence()});
      if (ctx.building_sequence()) {
        // Converting a native folder: take it whole, schema included.
        ctx.doc.sequence = d.sequence;
        ctx.doc.folder = input;
        ctx.doc.schema = d.schema;
      }
      src = std::move(d.annotations);
      src_schema = std::move(d.schema);
      fname = (input / kAnnotationsFileName).string();
    } else {
      src = load_annotations_file(input);
      if (fs::exists(input.parent_path() / kSchemaFileName, ec))
        src_schema = load_schema_file(input.parent_path() / kSchemaFileName);
      fname = input.string();
    }
    if (ctx.building_sequence() && ctx.doc.sequence.frames.empty()) {
      int last = -1;
      for (const Object& o : src.objects)
        last = std::max(last, o.last_frame());
      ctx.doc.sequence.frames.resize(static_cast<size_t>(last + 1));
      ctx.report.info("no sequence.json: frames without sensor data were made for the annotations");
    }
    ObjectId max_id = -1;
    for (const Object& o : src.objects)
      max_id = std::max(max_id, o.id);
    ctx.reserve_ids(max_id);
    const int frames = ctx.doc.sequence.frame_count();
    const auto cameras = ctx.doc.sequence.camera_names();
    size_t i = 0;
    for (const Object& o : src.objects) {
      ctx.progress(i++, src.objects.size());
      const std::string loc = fmt::format("/objects/{}", i - 1);
      const auto cls = ctx.resolve_class(o.class_name, fname, loc);
      if (!cls) continue;
      if (src_schema)
        if (const ClassDef* def = src_schema->find_class(o.class_name))
          for (ClassDef& mine : ctx.doc.schema.classes)
            if (mine.name == *cls && mine.guideline == "Added by an import.") {
              const int id = mine.id;
              mine = *def;
              mine.id = id;
            }
      const ObjectId id = ctx.object(fmt::format("n{}", o.id), *cls, o.id);
      Object& obj = ctx.get(id);
      for (const auto& [k, v] : o.attributes)
        obj.attributes[k] = v;
      for (const FrameRange& r : o.outside)
        obj.outside.push_back(r);
      for (const Track& t : o.tracks) {
        if (!is_3d(t.kind) &&
            std::find(cameras.begin(), cameras.end(), t.sensor) == cameras.end()) {
          ctx.skip(fname, loc, "tracks",
                   fmt::format("camera '{}' is not in the sequence", t.sensor));
          continue;
        }
        for (const FrameShape& fs_ : t.shapes) {
          if (fs_.frame >= frames) {
            ctx.skip(fname, loc, "shapes",
                     fmt::format("frame {} is beyond the sequence's {} frames", fs_.frame, frames));
            continue;
          }
          ctx.add(id, t.sensor, fs_.frame, fs_.shape);
        }
      }
    }
    for (const auto& [f, tags] : src.frame_tags) {
      auto& mine = ctx.doc.annotations.frame_tags[f];
      for (const std::string& t : tags)
        if (std::find(mine.begin(), mine.end(), t) == mine.end()) mine.push_back(t);
    }
    for (const int f : src.excluded_frames)
      ctx.doc.annotations.excluded_frames.insert(f);
    for (const auto& [f, list] : src.ignore_regions)
      for (const IgnoreRegion& r : list) {
        if (f >= frames) {
          ctx.skip(fname, fmt::format("ignore region at frame {}", f), "ignore regions",
                   fmt::format("frame {} is beyond the sequence's {} frames", f, frames));
          continue;
        }
        if (std::find(cameras.begin(), cameras.end(), r.sensor) == cameras.end()) {
          ctx.skip(fname, fmt::format("ignore region at frame {}", f), "ignore regions",
                   fmt::format("camera '{}' is not in the sequence", r.sensor));
          continue;
        }
        ctx.add_ignore(f, r);
      }
    if (ctx.building_sequence()) {
      ctx.doc.annotations.review = src.review;
      ctx.doc.annotations.metadata = src.metadata;
    } else if (src.review.frames.size() + src.review.objects.size() + src.review.comments.size()) {
      ctx.report.limitation(
          "review entries not imported", "review state is not merged between documents",
          src.review.frames.size() + src.review.objects.size() + src.review.comments.size());
    }
  }
};

}  // namespace

const FormatHandler& native_annotations_format() {
  static const NativeFormat f;
  return f;
}

}  // namespace vantage::core
