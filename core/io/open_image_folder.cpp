// A folder of images as a 2D-only sequence.
#include "core/io/open_image_folder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/io/image_io.h"
#include "core/io/native_format.h"
#include "core/util/error.h"

namespace vantage::core {

namespace fs = std::filesystem;

bool is_image_file(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".tif" ||
         ext == ".tiff" || ext == ".webp" || ext == ".pgm" || ext == ".ppm";
}

namespace {

std::vector<fs::path> image_files(const fs::path& folder) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec)) {
    if (e.is_regular_file(ec) && is_image_file(e.path()) && e.path().filename().string()[0] != '.')
      out.push_back(e.path());
  }
  return out;
}

}  // namespace

bool is_image_folder(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return false;
  for (const auto& e : fs::directory_iterator(path, ec))
    if (e.is_regular_file(ec) && is_image_file(e.path())) return true;
  return false;
}

bool natural_less(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    const bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (da && db) {
      size_t ie = i, je = j;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie])))
        ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je])))
        ++je;
      // Compare by value: skip leading zeros, then length, then digits.
      size_t is = i, js = j;
      while (is + 1 < ie && a[is] == '0')
        ++is;
      while (js + 1 < je && b[js] == '0')
        ++js;
      if (ie - is != je - js) return ie - is < je - js;
      const int c = a.compare(is, ie - is, b, js, je - js);
      if (c != 0) return c < 0;
      if (ie - i != je - j) return ie - i > je - j;  // "007" before "7": more zeros first
      i = ie, j = je;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i, ++j;
  }
  return a.size() - i < b.size() - j;
}

Document open_image_folder(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw FileError(folder.string(), "", "is not a folder");
  std::vector<fs::path> files = image_files(folder);
  if (files.empty())
    throw FileError(folder.string(), "",
                    "no image files (png, jpg, bmp, tif, webp, pgm, ppm) here");
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return natural_less(a.filename().string(), b.filename().string());
  });

  Document doc;
  doc.folder = folder;
  doc.schema = default_schema();
  doc.annotations.metadata.schema_version = doc.schema.version;
  doc.sequence.name = fs::absolute(folder).lexically_normal().filename().string();
  if (doc.sequence.name.empty())
    doc.sequence.name = fs::absolute(folder).parent_path().filename().string();
  doc.sequence.rigs.clear();
  auto rig_for = [&](cv::Size size) {
    for (size_t r = 0; r < doc.sequence.rigs.size(); ++r) {
      const Camera& c = doc.sequence.rigs[r].cameras.front();
      if (c.width == size.width && c.height == size.height) return static_cast<uint32_t>(r);
    }
    Camera cam;
    cam.name = kImageFolderCamera;
    cam.width = size.width;
    cam.height = size.height;
    // Nominal pinhole: no calibration exists for a plain image folder.
    cam.intrinsics.fx = cam.intrinsics.fy = size.width;
    cam.intrinsics.cx = size.width / 2.0;
    cam.intrinsics.cy = size.height / 2.0;
    SensorRig rig;
    rig.cameras.push_back(cam);
    doc.sequence.rigs.push_back(rig);
    return static_cast<uint32_t>(doc.sequence.rigs.size() - 1);
  };
  std::vector<size_t> unreadable;
  doc.sequence.frames.reserve(files.size());
  for (const auto& f : files) {
    Frame frame;
    frame.files[kImageFolderCamera] = f.filename().string();
    try {
      frame.rig = rig_for(read_image_size(f));
    } catch (const Error&) {
      unreadable.push_back(doc.sequence.frames.size());  // rig decided below
    }
    doc.sequence.frames.push_back(std::move(frame));
  }
  if (doc.sequence.rigs.empty()) rig_for(cv::Size(0, 0));
  for (const size_t i : unreadable)
    doc.sequence.frames[i].rig = 0;
  return doc;
}

}  // namespace vantage::core
