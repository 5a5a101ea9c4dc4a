#pragma once
// What an ONNX file declares about itself, read straight from its protobuf
// without a runtime: the graph's inputs and outputs with their shapes, and
// the model's metadata (Ultralytics exports keep the class names there).
//
// Why read it ourselves: OpenCV DNN (the only runtime Vantage uses) does not
// expose declared input shapes or metadata, and a decoder needs both to say
// "this model takes [1,3,640,640] RGB" or "the output has 84 channels, the
// class map lists 3 classes" before a single image is processed. Only the few
// fields needed are decoded; weights are skipped without being copied.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace vantage::core {

struct OnnxTensorInfo {
  std::string name;
  // Dimensions in order; -1 where symbolic ("batch", "height") or absent.
  std::vector<int64_t> dims;
  std::vector<std::string> dim_names;  // symbolic names ("" for fixed dims)
};

struct OnnxInfo {
  int64_t ir_version = 0;
  std::string producer;
  int64_t model_version = 0;
  std::vector<OnnxTensorInfo> inputs;  // graph inputs that are not initializers
  std::vector<OnnxTensorInfo> outputs;
  std::map<std::string, std::string> metadata;  // metadata_props
};

// Throws FileError naming the file and byte offset when it is not an ONNX
// model (truncated, not protobuf, no graph).
OnnxInfo read_onnx_info(const std::filesystem::path& path);
OnnxInfo parse_onnx_info(const std::string& bytes, const std::string& file_label);

// "[1,3,640,640]" with "?" for unknown dims.
std::string shape_text(const std::vector<int64_t>& dims);

// Class names from Ultralytics metadata ("names": "{0: 'person', 1: 'bicycle'}"),
// in index order; empty when absent or unreadable.
std::vector<std::string> ultralytics_class_names(const OnnxInfo& info);

}  // namespace vantage::core
