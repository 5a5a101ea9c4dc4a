#include "core/tracking/frame_image.h"

#include <filesystem>

#include "core/io/image_io.h"

namespace vantage::core {

cv::Mat read_frame_image(const Document& doc, int frame, const std::string& camera) {
  const auto& frames = doc.sequence.frames;
  if (frame < 0 || static_cast<size_t>(frame) >= frames.size()) return {};
  const auto& files = frames[static_cast<size_t>(frame)].files;
  auto it = files.find(camera);
  if (it == files.end()) return {};
  std::filesystem::path p = it->second;
  if (p.is_relative()) p = doc.folder / p;
  return to_display_bgr8(read_image(p));
}

FrameImageSource frame_images(const Document& doc, const std::string& camera) {
  return [&doc, camera](int frame) { return read_frame_image(doc, frame, camera); };
}

}  // namespace vantage::core
