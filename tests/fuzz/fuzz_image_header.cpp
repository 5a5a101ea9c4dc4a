// Image files: read_image_size (PNG IHDR / JPEG start-of-frame walk), then
// read_image (OpenCV's decoders behind our size checks). A decoded image
// has the size the header said.
#include "core/io/image_io.h"
#include "tests/fuzz/fuzz_support.h"

using namespace vantage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > fuzz::kMaxInput) return -1;
  const auto path = fuzz::write_scratch("image", {reinterpret_cast<const char*>(data), size});
  cv::Size header;
  if (!fuzz::accepts([&] { header = core::read_image_size(path); })) return 0;
  if (header.width <= 0 || header.height <= 0) fuzz::fail("image size is not positive");
  cv::Mat image;
  if (!fuzz::accepts([&] { image = core::read_image(path); })) return 0;
  if (image.empty()) fuzz::fail("read_image returned an empty image");
  return 0;
}
