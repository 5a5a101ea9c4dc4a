// The format registry and the export/import entry points.
#include "core/formats/format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/formats/format_handler.h"
#include "core/formats/format_util.h"
#include "core/io/file_util.h"
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

namespace {
void list_item(FormatReport& r, SkippedInput item) {
  ++r.skipped_count;
  if (r.skipped.size() < FormatReport::kMaxSkippedListed) r.skipped.push_back(std::move(item));
}
}  // namespace

void FormatReport::skip(const std::string& file, const std::string& location,
                        const std::string& what, const std::string& why) {
  ++problem_count;
  note(what + " skipped", why, 1);
  list_item(*this, {file, location, fmt::format("{} skipped: {}", what, why), what, why, false,
                    false});
}

void FormatReport::skip_by_option(const std::string& file, const std::string& location,
                                  const std::string& what, const std::string& why) {
  note(what + " skipped", why, 1);
  list_item(*this, {file, location, fmt::format("{} skipped: {}", what, why), what, why, false,
                    true});
}

void FormatReport::alter(const std::string& file, const std::string& location,
                         const std::string& what, const std::string& why) {
  ++problem_count;
  note(what + " altered", why, 1);
  list_item(*this, {file, location, fmt::format("{} altered: {}", what, why), what, why, true,
                    false});
}

void FormatReport::limitation(const std::string& what, const std::string& why, size_t n) {
  if (n == 0) return;
  limitation_count += n;
  note(what, why, n);
}

ConversionError::ConversionError(const std::string& message, FormatReport report)
    : Error(message), report_(std::move(report)) {}

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
    case FormatId::Cityscapes:
      return cityscapes_format();
    case FormatId::SemanticKitti:
      return semantic_kitti_format();
  }
  throw Error("unknown format");
}

const std::vector<FormatInfo>& format_list() {
  static const std::vector<FormatInfo> list = [] {
    std::vector<FormatInfo> v;
    for (FormatId id : {FormatId::Coco, FormatId::Voc, FormatId::Yolo, FormatId::Kitti,
                        FormatId::KittiTracking, FormatId::OpenLabel, FormatId::Native,
                        FormatId::Cityscapes, FormatId::SemanticKitti})
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

namespace {

// Writes nothing outside `out_dir` and nothing at all unless the export
// succeeds: the format writes into a fresh staging folder inside `out_dir`
// (same file system, so moving is a rename), which is flushed with one
// syncfs and moved into place file by file only when the report passes the
// loss policy and no file would be overwritten unasked.
class ExportStaging {
 public:
  explicit ExportStaging(const fs::path& out_dir)
      : out_(out_dir), dir_(out_dir / (".vantage-export-" + random_suffix())) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec)
      throw Error(fmt::format("{}: cannot create the output folder: {}", out_dir.string(),
                              ec.message()));
  }
  ~ExportStaging() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const fs::path& dir() const { return dir_; }

  // Files written, relative to the staging folder.
  std::vector<fs::path> files() const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file(ec)) out.push_back(it->path().lexically_relative(dir_));
    std::sort(out.begin(), out.end());
    return out;
  }

  void commit(const std::vector<fs::path>& files) {
    sync_filesystem(dir_);
    std::set<fs::path> folders;
    for (const fs::path& rel : files) {
      const fs::path target = out_ / rel;
      std::error_code ec;
      fs::create_directories(target.parent_path(), ec);
      if (ec)
        throw Error(fmt::format("{}: cannot create folder: {}", target.parent_path().string(),
                                ec.message()));
      fs::rename(dir_ / rel, target, ec);
      if (ec) throw Error(fmt::format("{}: cannot move into place: {}", target.string(), ec.message()));
      folders.insert(target.parent_path());
    }
    for (const fs::path& f : folders)
      sync_folder(f);
    sync_folder(out_);
  }

 private:
  fs::path out_, dir_;
};

}  // namespace

std::string export_sequence_name(const std::string& sequence_name, const std::string& options_name,
                                 bool numeric) {
  std::string name = options_name.empty() ? sequence_name : options_name;
  if (numeric && options_name.empty()) {
    size_t digits = 0;
    while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[name.size() - 1 - digits])))
      ++digits;
    if (digits > 0) {
      name = name.substr(name.size() - digits);
      if (name.size() < 4) name.insert(0, 4 - name.size(), '0');
    } else if (name.empty()) {
      name = "0000";
    }
  }
  if (name.empty()) name = "sequence";
  return safe_file_name(std::move(name));
}

FormatReport export_document(const Document& doc, FormatId format, const fs::path& out_dir_in,
                             const ExportOptions& options) {
  FormatReport report;
  report.format = format_name(format);
  // Absolute and normal: nothing a format writes may contain "..".
  std::error_code ec;
  const fs::path out_dir = fs::weakly_canonical(fs::absolute(out_dir_in, ec), ec);
  if (format == FormatId::Native) {
    // Lossless: the whole document, whatever the selection options say.
    if (options.frames || !options.camera.empty() || options.keyframes_only)
      report.info(
          "native export writes the whole sequence: frame, camera and keyframe options are "
          "ignored");
    if (!options.overwrite)
      for (const char* f : {kSequenceFileName, kSchemaFileName, kAnnotationsFileName})
        if (fs::exists(out_dir / f, ec))
          throw Error(fmt::format("{}: exists (give --overwrite to replace it)",
                                  (out_dir / f).string()));
    fs::create_directories(out_dir, ec);
    if (ec)
      throw Error(
          fmt::format("{}: cannot create the output folder: {}", out_dir.string(), ec.message()));
    // Data paths are rebased onto the new folder, so they keep pointing at
    // the same files.
    save_native_as(doc, out_dir);
    for (const char* f : {kSequenceFileName, kSchemaFileName, kAnnotationsFileName})
      report.files_written.push_back(out_dir / f);
    report.frames = static_cast<size_t>(doc.sequence.frame_count());
    report.objects = doc.annotations.objects.size();
    report.shapes = doc.annotations.shape_count();
    report.ignore_regions = doc.annotations.ignore_region_count();
    report.finish();
    return report;
  }
  const FormatHandler& h = format_handler(format);
  if (!h.info().can_export) throw Error(fmt::format("{} cannot be exported", h.info().title));
  ExportSelection selection(doc, options, report, h.keeps_excluded_frames());
  report.frames = selection.frames().size();
  ExportStaging staging(out_dir);
  h.export_to(selection, staging.dir(), options, report);
  report.finish();
  if (report.fails(options.skip_invalid, options.strict))
    throw ConversionError(
        fmt::format("{} export: {} item(s) would be dropped or altered{}; nothing written "
                    "(--skip-invalid writes the rest and lists them)",
                    h.info().title, report.problem_count,
                    options.strict && report.limitation_count
                        ? fmt::format(", {} not held by the format (strict)",
                                      report.limitation_count)
                        : std::string()),
        report);
  const std::vector<fs::path> files = staging.files();
  if (!options.overwrite) {
    std::vector<std::string> existing;
    for (const fs::path& rel : files)
      if (fs::exists(out_dir / rel, ec)) existing.push_back((out_dir / rel).string());
    if (!existing.empty())
      throw Error(fmt::format("{}{}: exists (give --overwrite to replace {}); nothing written",
                              existing.front(),
                              existing.size() > 1
                                  ? fmt::format(" and {} more file(s)", existing.size() - 1)
                                  : std::string(),
                              existing.size() > 1 ? "them" : "it"));
  }
  staging.commit(files);
  for (fs::path& f : report.files_written)
    f = out_dir / f.lexically_relative(staging.dir());
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
  if (report.fails(options.skip_invalid, options.strict))
    throw ConversionError(
        fmt::format("{}: {} item(s) could not be imported{}; nothing imported "
                    "(--skip-invalid imports the rest and lists them)",
                    input.string(), report.problem_count,
                    options.strict && report.limitation_count
                        ? fmt::format(", {} not held by Vantage (strict)", report.limitation_count)
                        : std::string()),
        report);
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
