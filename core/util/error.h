#pragma once
// Errors that name where a problem is: a file and a position inside it (a JSON
// pointer, "line 12", "byte 4096", a field name). Every reader reports bad input
// through these so the user learns exactly what to fix.

#include <stdexcept>
#include <string>

namespace vantage::core {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// A problem in an input file. what() is "FILE: LOCATION: MESSAGE".
class FileError : public Error {
 public:
  FileError(std::string file, std::string location, std::string message);

  const std::string& file() const { return file_; }
  const std::string& location() const { return location_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  std::string location_;
  std::string message_;
};

}  // namespace vantage::core
