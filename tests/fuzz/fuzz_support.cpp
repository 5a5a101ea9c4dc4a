#include "tests/fuzz/fuzz_support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "core/io/native_format.h"
#include "core/util/error.h"
#include "tests/support/fixtures.h"

namespace vantage::fuzz {

namespace fs = std::filesystem;

namespace {

struct Scratch {
  fs::path dir;
  Scratch() {
    const char* tmp = std::getenv("TMPDIR");
    dir = fs::path(tmp && *tmp ? tmp : "/tmp") / ("vantage-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

Scratch& scratch() {
  static Scratch s;
  return s;
}

}  // namespace

const fs::path& scratch_dir() {
  return scratch().dir;
}

fs::path write_scratch(const std::string& name, std::string_view data) {
  const fs::path p = scratch_dir() / name;
  fs::create_directories(p.parent_path());
  std::FILE* f = std::fopen(p.c_str(), "wb");
  if (!f) fail("cannot create a scratch file");
  if (!data.empty() && std::fwrite(data.data(), 1, data.size(), f) != data.size())
    fail("cannot write a scratch file");
  std::fclose(f);
  return p;
}

void clear_scratch() {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(scratch_dir(), ec))
    fs::remove_all(e.path(), ec);
}

std::vector<std::string_view> split_parts(std::string_view data, size_t parts) {
  constexpr std::string_view kSep = "\n----\n";
  std::vector<std::string_view> out;
  while (out.size() + 1 < parts) {
    const size_t at = data.find(kSep);
    if (at == std::string_view::npos) break;
    out.push_back(data.substr(0, at));
    data.remove_prefix(at + kSep.size());
  }
  out.push_back(data);
  out.resize(parts);
  return out;
}

const core::Document& fixture_document() {
  static const core::Document doc = [] {
    test::SyntheticOptions o;
    o.frames = 3;
    o.objects = 2;
    o.extras = true;
    return test::make_synthetic_document(o);
  }();
  return doc;
}

uint32_t flags_of(const uint8_t* data, size_t size) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < size && i < 64; ++i)
    h = (h ^ data[i]) * 16777619u;
  return h ^ static_cast<uint32_t>(size);
}

void import_and_export(core::FormatId format, const fs::path& input, uint32_t flags) {
  core::Document doc;
  if (flags & 1) {
    doc = fixture_document();
  } else {
    static const core::Schema kDefault = core::default_schema();  // parsed once
    doc.schema = kDefault;
    doc.annotations.metadata.schema_version = doc.schema.version;
  }
  core::ImportOptions opt;
  opt.skip_invalid = (flags & 2) != 0;
  opt.strict = (flags & 6) == 4;
  opt.as_prelabels = (flags & 8) != 0;
  opt.unknown_classes = (flags & 16) ? core::UnknownClassPolicy::Skip : core::UnknownClassPolicy::Add;
  opt.keep_ids = (flags & 32) == 0;
  if (!accepts([&] { core::import_annotations(doc, format, input, opt); })) return;
  // Export what was read: names and values from the input reach file names
  // and numbers of the writer here.
  const fs::path out = scratch_dir() / "out";
  core::ExportOptions eo;
  eo.skip_invalid = true;
  eo.overwrite = true;
  accepts([&] { core::export_document(doc, format, out, eo); });
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(scratch_dir(), ec)) {
    const std::string name = e.path().filename().string();
    if (name != "in" && name != "out") fail("export wrote outside its output folder");
  }
}

void fail(const char* what) {
  std::fprintf(stderr, "fuzz property violated: %s\n", what);
  std::abort();
}

}  // namespace vantage::fuzz
