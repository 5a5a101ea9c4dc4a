#include "core/dataset/dataset_info.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <set>

#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/qa/rule_set.h"
#include "core/qa/rules.h"
#include "core/tracking/interpolator.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

SequenceInfo sequence_info(const Dataset& d, const SequenceEntry& e, const Schema& schema,
                           const std::string& schema_json, const DatasetInfoOptions& options) {
  SequenceInfo s;
  s.name = e.name;
  s.path = e.path;
  s.split = e.split;
  s.status = e.status;
  s.claims.clear();
  for (const Claim& c : d.manifest().claims)
    if (c.sequence == e.name) s.claims.push_back(c);
  try {
    const fs::path folder = d.sequence_folder(e);
    // Cheaper than load_native: the sequence's schema copy is compared as
    // text with the dataset schema's canonical text, parsed only when older.
    Document doc;
    doc.folder = folder;
    doc.sequence = load_sequence_file(folder / kSequenceFileName);
    std::error_code ec;
    const fs::path sp = folder / kSchemaFileName;
    const std::string schema_text = fs::exists(sp, ec) ? read_file_to_string(sp) : std::string();
    s.schema_current = schema_text == schema_json;
    doc.schema = s.schema_current ? schema : schema_text.empty() ? default_schema() : load_schema_file(sp);
    if (fs::exists(folder / kAnnotationsFileName, ec)) {
      doc.annotations = load_annotations_file(folder / kAnnotationsFileName);
      migrate_annotations(doc.schema, doc.annotations);
    }
    s.frames = doc.sequence.frame_count();
    const Annotations& a = doc.annotations;
    s.objects = a.objects.size();
    std::set<std::string> annotators;
    for (const Object& o : a.objects) {
      ++s.objects_per_class[o.class_name];
      for (const Track& t : o.tracks)
        for (const FrameShape& fs : t.shapes) {
          ++s.shapes;
          if (is_anchor(fs.shape)) {
            ++s.keyframes;
            if (!fs.shape.annotator.empty()) annotators.insert(fs.shape.annotator);
          }
        }
    }
    s.annotators.assign(annotators.begin(), annotators.end());
    size_t finished = 0;
    for (const auto& [f, m] : a.review.frames) {
      if (a.excluded_frames.count(f)) continue;
      ++s.frame_review[to_string(m.status)];
      if (m.status == ReviewStatus::Done || m.status == ReviewStatus::Accepted) ++finished;
    }
    s.excluded_frames = a.excluded_frames.size();
    const int workable = s.frames - static_cast<int>(s.excluded_frames);
    s.progress = workable > 0 ? static_cast<double>(finished) / workable : 0.0;
    s.conflicts = a.conflicts.size();
    if (options.qa) {
      ValidationOptions vo;
      vo.check_files = false;
      vo.rules.read_points = false;
      const auto findings = validate_document(doc, project_rules(folder), vo);
      s.qa_errors = static_cast<int>(count_errors(findings));
      s.qa_warnings = 0;
      for (const auto& f : findings) s.qa_warnings += f.severity == Severity::Warning;
    }
  } catch (const std::exception& ex) {
    s.error = ex.what();
  }
  return s;
}

}  // namespace

DatasetInfo dataset_info(const Dataset& d, const DatasetInfoOptions& options) {
  DatasetInfo info;
  info.name = d.manifest().name;
  const Schema schema = d.load_schema();
  const std::string schema_json = schema_to_json(schema);
  info.schema_name = schema.name;
  info.schema_version = schema.version;
  info.schema_classes = schema.classes.size();
  info.manifest_conflicts = d.manifest().conflicts.size();
  const auto& entries = d.manifest().sequences;
  info.sequences.resize(entries.size());
  tbb::parallel_for(size_t(0), entries.size(),
                    [&](size_t i) { info.sequences[i] = sequence_info(d, entries[i], schema, schema_json, options); });
  double finished = 0, workable = 0;
  for (const SequenceInfo& s : info.sequences) {
    info.frames += s.frames;
    info.objects += s.objects;
    info.shapes += s.shapes;
    info.conflicts += s.conflicts;
    const double w = s.frames - static_cast<double>(s.excluded_frames);
    workable += w;
    finished += s.progress * w;
    ++info.sequences_per_split[s.split.empty() ? "-" : s.split];
  }
  info.progress = workable > 0 ? finished / workable : 0.0;
  return info;
}

}  // namespace vantage::core
