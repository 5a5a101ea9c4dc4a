#include "core/qa/qa_input.h"

#include <fmt/format.h>

#include "core/formats/format.h"
#include "core/io/kitti_openers.h"
#include "core/io/native_format.h"
#include "core/io/sequence_opener.h"

namespace vantage::core {

Document open_for_qa(const std::filesystem::path& path, const std::string& sequence,
                     bool allow_outside) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw Error(fmt::format("{}: no such file or folder", path.string()));
  if (is_native_folder(path)) return load_native(path, {allow_outside});
  std::optional<FormatId> format;
  if (!is_kitti_object_folder(path) && !is_kitti_tracking_folder(path))
    format = detect_format(path);
  Document doc;
  if (format && *format != FormatId::Native) {
    ImportOptions io;
    io.sequence = sequence;
    io.allow_outside = allow_outside;
    FormatReport report;
    doc = document_from_annotations(*format, path, io, report);
  } else {
    OpenOptions oo;
    oo.sequence = sequence;
    oo.allow_outside = allow_outside;
    doc = open_document(path, oo);
  }
  mark_gaps_as_outside(doc.annotations);
  return doc;
}

}  // namespace vantage::core
