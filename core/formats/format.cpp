// The format registry and the export/import entry points.
#include "core/formats/format.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/formats/format_handler.h"
#include "core/io/native_format.h"

namespace vantage::core {

namespace fs = std::filesystem;

const char* to_string(YoloTask t) {
  switch (t) {
    case YoloTask::Auto:
      return "auto";
    case YoloTask::Detect:
      return "detect";
    case YoloTask::Segment:
      return "segment";
    case YoloTask::Pose:
      return "pose";
  }
  return "auto";
}

std::optional<YoloTask> yolo_task_from_string(const std::string& s) {
  for (YoloTask t : {YoloTask::Auto, YoloTask::Detect, YoloTask::Segment, YoloTask::Pose})
    if (s == to_string(t)) return t;
  return std::nullopt;
}

const char* to_string(UnknownClassPolicy p) {
  switch (p) {
    case UnknownClassPolicy::Add:
      return "add";
    case UnknownClassPolicy::Skip:
      return "skip";
    case UnknownClassPolicy::Fail:
      return "fail";
  }
  return "add";
}

std::optional<UnknownClassPolicy> unknown_class_policy_from_string(const std::string& s) {
  for (auto p : {UnknownClassPolicy::Add, UnknownClassPolicy::Skip, UnknownClassPolicy::Fail})
    if (s == to_string(p)) return p;
  return std::nullopt;
}

// --- FormatReport --------------------------------------------------------------

void FormatReport::note(const std::string& what, const std::string& why, size_t n) {
  if (n == 0) return;
  for (Tally& t : tally_)
    if (!t.plain && t.what == what && t.why == why) {
      t.count += n;
      return;
    }
  tally_.push_back({what, why, n, false});
}

void FormatReport::info(const std::string& line) {
  for (const Tally& t : tally_)
    if (t.plain && t.what == line) return;
  tally_.push_back({line, "", 0, true});
}

void FormatReport::skip(const std::string& file, const std::string& location,
                        const std::string& what, const std::string& why) {
  ++skipped_count;
  note(what + " skipped", why, 1);
  // List the first few of each kind with their position; the tally line
  // gives the total.
  size_t same = 0;
  for (const Tally& t : tally_)
    if (!t.plain && t.what == what + " skipped" && t.why == why) same = t.count;
  if (same <= kListedPerReason && skipped.size() < kMaxSkippedListed)
    skipped.push_back({file, location, fmt::format("{} skipped: {}", what, why)});
}

void FormatReport::finish() {
  summary.clear();
  for (const Tally& t : tally_)
    summary.push_back(t.plain ? t.what : fmt::format("{} {}: {}", t.count, t.what, t.why));
}

// --- Registry ------------------------------------------------------------------

const FormatHandler& format_handler(FormatId id) {
  switch (id) {
    case FormatId::Coco:
      return coco_format();
    case FormatId::Voc:
      return voc_format();
    case FormatId::Yolo:
      return yolo_format();
    case FormatId::Kitti:
      return kitti_format();
    case FormatId::KittiTracking:
      return kitti_tracking_format();
    case FormatId::OpenLabel:
      return openlabel_format();
    case FormatId::Native:
      return native_annotations_format();
  }
  throw Error("unknown format");
}

const std::vector<FormatInfo>& format_list() {
  static const std::vector<FormatInfo> list = [] {
    std::vector<FormatInfo> v;
    for (FormatId id : {FormatId::Coco, FormatId::Voc, FormatId::Yolo, FormatId::Kitti,
                        FormatId::KittiTracking, FormatId::OpenLabel, FormatId::Native})
      v.push_back(format_handler(id).info());
    return v;
  }();
  return list;
}

std::optional<FormatId> format_from_name(const std::string& name) {
  for (const FormatInfo& f : format_list())
    if (name == f.name) return f.id;
  return std::nullopt;
}

const char* format_name(FormatId id) {
  return format_handler(id).info().name;
}

std::optional<FormatId> detect_format(const fs::path& input) {
  std::error_code ec;
  if (!fs::exists(input, ec)) return std::nullopt;
  int best = 0;
  std::optional<FormatId> result;
  for (const FormatInfo& f : format_list()) {
    const int score = format_handler(f.id).detect(input);
    if (score > best) best = score, result = f.id;
  }
  return result;
}

// --- Export --------------------------------------------------------------------

FormatReport export_document(const Document& doc, FormatId format, const fs::path& out_dir,
                             const ExportOptions& options) {
  FormatReport report;
  report.format = format_name(format);
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec)
    throw Error(
        fmt::format("{}: cannot create the output folder: {}", out_dir.string(), ec.message()));
  if (format == FormatId::Native) {
    // Lossless: the whole document, whatever the selection options say.
    if (options.frames || !options.camera.empty() || options.keyframes_only)
      report.info(
          "native export writes the whole sequence: frame, camera and keyframe options are "
          "ignored");
    // Data paths are rebased onto the new folder, so they keep pointing at
    // the same files.
    save_native_as(doc, out_dir);
    for (const char* f : {kSequenceFileName, kSchemaFileName, kAnnotationsFileName})
      report.files_written.push_back(out_dir / f);
    report.frames = static_cast<size_t>(doc.sequence.frame_count());
    report.objects = doc.annotations.objects.size();
    report.shapes = doc.annotations.shape_count();
  } else {
    const FormatHandler& h = format_handler(format);
    if (!h.info().can_export) throw Error(fmt::format("{} cannot be exported", h.info().title));
    ExportSelection selection(doc, options, report, h.keeps_excluded_frames());
    report.frames = selection.frames().size();
    h.export_to(selection, out_dir, options, report);
  }
  report.finish();
  return report;
}

// --- Import --------------------------------------------------------------------

FormatReport import_annotations(Document& doc, FormatId format, const fs::path& input,
                                const ImportOptions& options) {
  std::error_code ec;
  if (!fs::exists(input, ec)) throw FileError(input.string(), "", "does not exist");
  const FormatHandler& h = format_handler(format);
  if (!h.info().can_import) throw Error(fmt::format("{} cannot be imported", h.info().title));
  FormatReport report;
  report.format = h.info().name;
  // All work happens on a copy: a failure anywhere leaves `doc` as it was.
  Document work = doc;
  ImportContext ctx(work, options, report);
  h.import_from(ctx, input);
  ctx.finish();
  report.frames = static_cast<size_t>(work.sequence.frame_count());
  report.finish();
  doc = std::move(work);
  return report;
}

size_t mark_object_gaps_as_outside(Object& o) {
  std::vector<int> frames;
  for (const Track& t : o.tracks)
    for (const FrameShape& fs : t.shapes)
      frames.push_back(fs.frame);
  std::sort(frames.begin(), frames.end());
  frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
  size_t added = 0;
  for (size_t i = 1; i < frames.size(); ++i) {
    if (frames[i] == frames[i - 1] + 1) continue;
    const FrameRange gap{frames[i - 1] + 1, frames[i] - 1};
    const bool known = std::any_of(o.outside.begin(), o.outside.end(), [&](const FrameRange& r) {
      return r.first <= gap.last && r.last >= gap.first;
    });
    if (known) continue;
    o.outside.push_back(gap);
    ++added;
  }
  if (added)
    std::sort(o.outside.begin(), o.outside.end(),
              [](const FrameRange& a, const FrameRange& b) { return a.first < b.first; });
  return added;
}

size_t mark_gaps_as_outside(Annotations& annotations) {
  size_t n = 0;
  for (Object& o : annotations.objects)
    n += mark_object_gaps_as_outside(o);
  return n;
}

Document document_from_annotations(FormatId format, const fs::path& input,
                                   const ImportOptions& options, FormatReport& report) {
  Document doc;
  doc.schema = default_schema();
  doc.annotations.metadata.schema_version = doc.schema.version;
  if (doc.sequence.name.empty()) doc.sequence.name = input.stem().string();
  report = import_annotations(doc, format, input, options);
  return doc;
}

}  // namespace vantage::core
