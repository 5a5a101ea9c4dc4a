#include "core/util/error.h"

namespace vantage::core {

namespace {
std::string compose(const std::string& file, const std::string& location, const std::string& msg) {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (!location.empty()) out += ": " + location;
  out += ": " + msg;
  return out;
}
}  // namespace

FileError::FileError(std::string file, std::string location, std::string message)
    : Error(compose(file, location, message)),
      file_(std::move(file)),
      location_(std::move(location)),
      message_(std::move(message)) {}

}  // namespace vantage::core
