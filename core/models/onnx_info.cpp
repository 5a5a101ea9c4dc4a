#include "core/models/onnx_info.h"

#include <fmt/format.h>

#include <cctype>
#include <set>

#include "core/io/file_util.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

// Minimal protobuf wire-format reader over one message's bytes.
class Wire {
 public:
  Wire(const std::string& bytes, size_t begin, size_t end, const std::string& file)
      : b_(bytes), pos_(begin), end_(end), file_(file) {}

  bool done() const { return pos_ >= end_; }

  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= end_) fail("truncated varint");
      const auto c = static_cast<uint8_t>(b_[pos_++]);
      v |= static_cast<uint64_t>(c & 0x7f) << shift;
      if (!(c & 0x80)) return v;
    }
    fail("varint longer than 10 bytes");
    return 0;
  }

  // Next field: number and wire type.
  std::pair<uint32_t, int> tag() {
    const uint64_t t = varint();
    return {static_cast<uint32_t>(t >> 3), static_cast<int>(t & 7)};
  }

  // Length-delimited payload: [begin, end) in the whole buffer.
  std::pair<size_t, size_t> bytes() {
    const uint64_t n = varint();
    if (n > end_ - pos_) fail(fmt::format("field of {} bytes runs past the end", n));
    const size_t begin = pos_;
    pos_ += static_cast<size_t>(n);
    return {begin, pos_};
  }

  void skip(int wire_type) {
    switch (wire_type) {
      case 0:
        varint();
        return;
      case 1:
        advance(8);
        return;
      case 2:
        bytes();
        return;
      case 5:
        advance(4);
        return;
      default:
        fail(fmt::format("unsupported protobuf wire type {}", wire_type));
    }
  }

  Wire sub(std::pair<size_t, size_t> r) const { return Wire(b_, r.first, r.second, file_); }
  std::string str(std::pair<size_t, size_t> r) const {
    return b_.substr(r.first, r.second - r.first);
  }
  [[noreturn]] void fail(const std::string& why) const {
    throw FileError(file_, fmt::format("byte {}", pos_), why + " (not an ONNX model?)");
  }

 private:
  void advance(size_t n) {
    if (n > end_ - pos_) fail("truncated fixed-size field");
    pos_ += n;
  }

  const std::string& b_;
  size_t pos_, end_;
  const std::string& file_;
};

// ValueInfoProto: name = 1, type = 2 -> TypeProto.tensor_type = 1 ->
// shape = 2 -> dim = 1 -> dim_value = 1 | dim_param = 2.
OnnxTensorInfo read_value_info(Wire w) {
  OnnxTensorInfo t;
  while (!w.done()) {
    const auto [field, type] = w.tag();
    if (field == 1 && type == 2) {
      t.name = w.str(w.bytes());
    } else if (field == 2 && type == 2) {
      Wire tp = w.sub(w.bytes());
      while (!tp.done()) {
        const auto [f2, t2] = tp.tag();
        if (f2 != 1 || t2 != 2) {
          tp.skip(t2);
          continue;
        }
        Wire tensor = tp.sub(tp.bytes());
        while (!tensor.done()) {
          const auto [f3, t3] = tensor.tag();
          if (f3 != 2 || t3 != 2) {
            tensor.skip(t3);
            continue;
          }
          Wire shape = tensor.sub(tensor.bytes());
          while (!shape.done()) {
            const auto [f4, t4] = shape.tag();
            if (f4 != 1 || t4 != 2) {
              shape.skip(t4);
              continue;
            }
            Wire dim = shape.sub(shape.bytes());
            int64_t value = -1;
            std::string param;
            while (!dim.done()) {
              const auto [f5, t5] = dim.tag();
              if (f5 == 1 && t5 == 0)
                value = static_cast<int64_t>(dim.varint());
              else if (f5 == 2 && t5 == 2)
                param = dim.str(dim.bytes());
              else
                dim.skip(t5);
            }
            t.dims.push_back(param.empty() ? value : -1);
            t.dim_names.push_back(param);
          }
        }
      }
    } else {
      w.skip(type);
    }
  }
  return t;
}

// TensorProto.name = 8.
std::string tensor_name(Wire w) {
  while (!w.done()) {
    const auto [field, type] = w.tag();
    if (field == 8 && type == 2) return w.str(w.bytes());
    w.skip(type);
  }
  return {};
}

}  // namespace

OnnxInfo parse_onnx_info(const std::string& bytes, const std::string& file_label) {
  OnnxInfo info;
  Wire model(bytes, 0, bytes.size(), file_label);
  bool has_graph = false;
  std::vector<OnnxTensorInfo> inputs;
  std::set<std::string> initializers;
  while (!model.done()) {
    const auto [field, type] = model.tag();
    if (field == 1 && type == 0) {
      info.ir_version = static_cast<int64_t>(model.varint());
    } else if (field == 2 && type == 2) {
      info.producer = model.str(model.bytes());
    } else if (field == 5 && type == 0) {
      info.model_version = static_cast<int64_t>(model.varint());
    } else if (field == 7 && type == 2) {
      has_graph = true;
      Wire g = model.sub(model.bytes());
      while (!g.done()) {
        const auto [gf, gt] = g.tag();
        if (gf == 11 && gt == 2)
          inputs.push_back(read_value_info(g.sub(g.bytes())));
        else if (gf == 12 && gt == 2)
          info.outputs.push_back(read_value_info(g.sub(g.bytes())));
        else if (gf == 5 && gt == 2)
          initializers.insert(tensor_name(g.sub(g.bytes())));
        else
          g.skip(gt);
      }
    } else if (field == 14 && type == 2) {
      Wire kv = model.sub(model.bytes());
      std::string key, value;
      while (!kv.done()) {
        const auto [kf, kt] = kv.tag();
        if (kf == 1 && kt == 2)
          key = kv.str(kv.bytes());
        else if (kf == 2 && kt == 2)
          value = kv.str(kv.bytes());
        else
          kv.skip(kt);
      }
      info.metadata[key] = value;
    } else {
      model.skip(type);
    }
  }
  if (!has_graph || info.ir_version == 0)
    throw FileError(file_label, "byte 0", "no ONNX graph found (not an ONNX model?)");
  for (auto& in : inputs)
    if (!initializers.count(in.name)) info.inputs.push_back(std::move(in));
  return info;
}

OnnxInfo read_onnx_info(const std::filesystem::path& path) {
  return parse_onnx_info(read_file_to_string(path), path.string());
}

std::string shape_text(const std::vector<int64_t>& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) s += ",";
    s += dims[i] < 0 ? std::string("?") : std::to_string(dims[i]);
  }
  return s + "]";
}

std::vector<std::string> ultralytics_class_names(const OnnxInfo& info) {
  const auto it = info.metadata.find("names");
  if (it == info.metadata.end()) return {};
  // A Python dict literal: {0: 'person', 1: "traffic light", ...}.
  const std::string& s = it->second;
  std::map<int, std::string> by_index;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  skip_space();
  if (i >= s.size() || s[i] != '{') return {};
  ++i;
  while (true) {
    skip_space();
    if (i < s.size() && s[i] == '}') break;
    size_t digits = i;
    while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits]))) ++digits;
    if (digits == i) return {};
    const int index = std::stoi(s.substr(i, digits - i));
    i = digits;
    skip_space();
    if (i >= s.size() || s[i] != ':') return {};
    ++i;
    skip_space();
    if (i >= s.size() || (s[i] != '\'' && s[i] != '"')) return {};
    const char quote = s[i++];
    const size_t close = s.find(quote, i);
    if (close == std::string::npos) return {};
    by_index[index] = s.substr(i, close - i);
    i = close + 1;
    skip_space();
    if (i < s.size() && s[i] == ',') ++i;
  }
  std::vector<std::string> names;
  for (const auto& [index, name] : by_index) {
    if (index != static_cast<int>(names.size())) return {};  // gaps: not a plain list
    names.push_back(name);
  }
  return names;
}

}  // namespace vantage::core
