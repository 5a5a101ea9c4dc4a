// ASAM OpenLABEL 1.0.0: the format handler (writer in openlabel_export.cpp,
// reader in openlabel_import.cpp, conventions in openlabel_common.h).
#include "core/formats/format_handler.h"
#include "core/formats/openlabel_common.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

class OpenLabelFormat final : public FormatHandler {
 public:
  FormatInfo info() const override {
    return {FormatId::OpenLabel, "openlabel", "ASAM OpenLABEL 1.0.0 JSON", true, true};
  }

  int detect(const fs::path& input) const override {
    std::error_code ec;
    fs::path file = input;
    if (fs::is_directory(input, ec)) {
      file = input / openlabel::kOpenLabelFileName;
      if (!fs::exists(file, ec)) return 0;
    }
    if (file.extension() != ".json") return 0;
    std::string head(512, '\0');
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) return 0;
    head.resize(std::fread(head.data(), 1, head.size(), f));
    std::fclose(f);
    return head.find("\"openlabel\"") != std::string::npos ? 95 : 0;
  }

  void export_to(const ExportSelection& selection, const fs::path& out_dir,
                 const ExportOptions& options, FormatReport& report) const override {
    // OpenLABEL 1.0 has no mask primitive and no per-point label type
    // (poly2d outlines are the closest; see docs/formats.md).
    selection.report_masks_unsupported(
        LayerKind::Image, "OpenLABEL 1.0 has no mask primitive (export coco or cityscapes)");
    selection.report_masks_unsupported(
        LayerKind::Points, "OpenLABEL 1.0 has no per-point labels (export semantic_kitti)");
    openlabel::write_openlabel(selection, out_dir, options, report);
  }

  bool keeps_excluded_frames() const override { return true; }

  void import_from(ImportContext& ctx, const fs::path& input) const override {
    openlabel::read_openlabel(ctx, input);
  }
};

}  // namespace

const FormatHandler& openlabel_format() {
  static const OpenLabelFormat f;
  return f;
}

}  // namespace vantage::core
