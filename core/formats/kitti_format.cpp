// KITTI object (label_2) and tracking (label_02): built on the KITTI label,
// calibration and conversion code of core/formats/kitti_labels.h and
// core/geometry/kitti_convert.h (pending).
#include "core/formats/format_handler.h"

namespace vantage::core {

namespace fs = std::filesystem;

namespace {

class KittiPending final : public FormatHandler {
 public:
  KittiPending(FormatId id, const char* name, const char* title)
      : id_(id), name_(name), title_(title) {}
  FormatInfo info() const override { return {id_, name_, title_, true, true}; }
  int detect(const fs::path&) const override { return 0; }
  void export_to(const ExportSelection&, const fs::path&, const ExportOptions&,
                 FormatReport&) const override {
    throw Error(std::string(title_) + " export is not available in this build yet");
  }
  void import_from(ImportContext&, const fs::path&) const override {
    throw Error(std::string(title_) + " import is not available in this build yet");
  }

 private:
  FormatId id_;
  const char* name_;
  const char* title_;
};

}  // namespace

const FormatHandler& kitti_format() {
  static const KittiPending f(FormatId::Kitti, "kitti", "KITTI object (label_2)");
  return f;
}

const FormatHandler& kitti_tracking_format() {
  static const KittiPending f(FormatId::KittiTracking, "kitti_tracking",
                              "KITTI tracking (label_02)");
  return f;
}

}  // namespace vantage::core
