#include "core/qa/rule_set.h"

#include <fmt/format.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "core/io/file_util.h"
#include "core/io/json_reader.h"
#include "core/util/embedded_assets.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

// --- A minimal position-tracking scan of JSON text ---------------------------
// nlohmann::json keeps no source positions; content errors (unknown rule,
// wrong type) are found on the parsed value, so their JSON pointer is mapped
// back to line:column by walking the (already validated) text.
struct Scanner {
  const std::string& t;
  size_t i = 0;

  void ws() {
    while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i])))
      ++i;
  }
  std::string string() {  // at '"'
    std::string out;
    ++i;
    while (i < t.size() && t[i] != '"') {
      if (t[i] == '\\' && i + 1 < t.size()) ++i;  // escapes only need skipping here
      out += t[i++];
    }
    ++i;
    return out;
  }
  void value() {
    ws();
    if (i >= t.size()) return;
    const char c = t[i];
    if (c == '"') {
      string();
    } else if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++i;
      ws();
      while (i < t.size() && t[i] != close) {
        if (c == '{') {
          string();
          ws();
          ++i;  // ':'
        }
        value();
        ws();
        if (i < t.size() && t[i] == ',') ++i;
        ws();
      }
      ++i;
    } else {
      while (i < t.size() && !std::isspace(static_cast<unsigned char>(t[i])) && t[i] != ',' &&
             t[i] != '}' && t[i] != ']')
        ++i;
    }
  }
  // Moves to the value of member `key` (object) or element `key` (array).
  bool descend(const std::string& key) {
    ws();
    if (i >= t.size()) return false;
    if (t[i] == '{') {
      ++i;
      ws();
      while (i < t.size() && t[i] != '}') {
        const size_t key_pos = i;
        const std::string k = string();
        ws();
        ++i;  // ':'
        ws();
        if (k == key) {
          (void)key_pos;
          return true;
        }
        value();
        ws();
        if (i < t.size() && t[i] == ',') ++i;
        ws();
      }
      return false;
    }
    if (t[i] == '[') {
      size_t index = 0;
      try {
        index = std::stoul(key);
      } catch (...) {
        return false;
      }
      ++i;
      for (size_t n = 0; n < index; ++n) {
        value();
        ws();
        if (i < t.size() && t[i] == ',') ++i;
      }
      ws();
      return i < t.size() && t[i] != ']';
    }
    return false;
  }
};

std::string unescape_pointer_token(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '~' && i + 1 < s.size()) {
      out += s[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

const std::vector<RuleInfo> kCatalogue = {
    {"out-of-bounds", "2D shape reaches outside its camera image (beyond margin_px)"},
    {"degenerate", "box, polygon or cuboid too small to be a real annotation"},
    {"duplicate", "two objects of the same class overlap (IoU >= iou) in one frame and sensor"},
    {"required-attribute", "an attribute the schema marks required is missing"},
    {"unknown-class", "object class is not in the schema"},
    {"track-gap",
     "object missing for more than max_gap frames between its first and last anchor, with no "
     "outside span"},
    {"min-lidar-points", "cuboid holds fewer than min_points LiDAR returns"},
    {"implausible-size", "cuboid size outside its class's range in the schema (+- tolerance)"},
    {"keypoints-outside-box", "visible keypoint outside the object's 2D box in the same camera"},
    {"box-cuboid-mismatch",
     "2D box and the projection of the object's cuboid disagree (IoU < min_iou)"},
    {"inside-ignore-region",
     "a labelled 2D shape lies mostly (> coverage) inside an ignore region of its frame; model "
     "pre-labels there are ignored by every rule instead (KITTI devkit rule)"},
    {"point-labels-vs-cuboids",
     "LiDAR points of a thing class outside every cuboid of that class, or a cuboid holding "
     "points labelled with another class or object (at least min_points)"},
};

[[noreturn]] void fail_at(const std::string& text, const std::string& file,
                          const std::string& pointer, const std::string& message) {
  const auto [line, col] = json_text_position(text, pointer);
  throw FileError(file, line > 0 ? fmt::format("line {}, column {}", line, col) : pointer,
                  fmt::format("{}: {}", pointer, message));
}

}  // namespace

std::pair<int, int> json_text_position(const std::string& text, const std::string& pointer) {
  Scanner s{text};
  size_t p = 0;
  while (p < pointer.size()) {
    if (pointer[p] != '/') return {0, 0};
    const size_t next = pointer.find('/', p + 1);
    const std::string token = unescape_pointer_token(
        pointer.substr(p + 1, next == std::string::npos ? std::string::npos : next - p - 1));
    if (!s.descend(token)) return {0, 0};
    p = next == std::string::npos ? pointer.size() : next;
  }
  s.ws();
  int line = 1, col = 1;
  for (size_t i = 0; i < s.i && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

std::optional<Severity> severity_from_string(const std::string& s) {
  if (s == "info") return Severity::Info;
  if (s == "warning") return Severity::Warning;
  if (s == "error") return Severity::Error;
  return std::nullopt;
}

const std::vector<RuleInfo>& rule_catalogue() {
  return kCatalogue;
}

const RuleConfig* RuleSet::find(const std::string& id) const {
  for (const auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

RuleConfig* RuleSet::find(const std::string& id) {
  for (auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

bool RuleSet::enabled(const std::string& id) const {
  const RuleConfig* r = find(id);
  return r && r->enabled;
}

double RuleSet::param(const std::string& id, const std::string& name) const {
  const RuleConfig* r = find(id);
  if (!r) throw Error(fmt::format("QA rule '{}' is not configured", id));
  const auto it = r->params.find(name);
  if (it == r->params.end())
    throw Error(fmt::format("QA rule '{}' has no parameter '{}'", id, name));
  return it->second;
}

RuleSet parse_rules(const std::string& text, const std::string& file_label, const RuleSet& base) {
  const Json j = parse_json_text(text, file_label);
  RuleSet out = base;
  if (!j.is_object()) fail_at(text, file_label, "", "expected an object with \"rules\"");
  if (j.contains("format") && j["format"] != "vantage.qa_rules")
    fail_at(text, file_label, "/format", "expected \"vantage.qa_rules\"");
  if (j.contains("format_version") &&
      (!j["format_version"].is_number_integer() || j["format_version"] != 1))
    fail_at(text, file_label, "/format_version", "unsupported version (expected 1)");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "format" && it.key() != "format_version" && it.key() != "rules")
      fail_at(
          text, file_label, "/" + json_pointer_escape(it.key()),
          fmt::format("unknown member '{}' (expected format, format_version, rules)", it.key()));
  if (!j.contains("rules")) return out;
  const Json& rules = j["rules"];
  if (!rules.is_object())
    fail_at(text, file_label, "/rules", "expected an object of rule id -> settings");
  for (auto it = rules.begin(); it != rules.end(); ++it) {
    const std::string ptr = "/rules/" + json_pointer_escape(it.key());
    RuleConfig* rc = out.find(it.key());
    if (!rc) {
      std::string known;
      for (const auto& r : kCatalogue)
        known += std::string(known.empty() ? "" : ", ") + r.id;
      fail_at(text, file_label, ptr, fmt::format("unknown rule '{}' (known: {})", it.key(), known));
    }
    const Json& cfg = it.value();
    if (cfg.is_boolean()) {  // "duplicate": false
      rc->enabled = cfg.get<bool>();
      continue;
    }
    if (!cfg.is_object()) fail_at(text, file_label, ptr, "expected an object or true/false");
    for (auto m = cfg.begin(); m != cfg.end(); ++m) {
      const std::string mp = ptr + "/" + json_pointer_escape(m.key());
      if (m.key() == "enabled") {
        if (!m->is_boolean()) fail_at(text, file_label, mp, "expected true or false");
        rc->enabled = m->get<bool>();
      } else if (m.key() == "severity") {
        const auto sev =
            m->is_string() ? severity_from_string(m->get<std::string>()) : std::nullopt;
        if (!sev) fail_at(text, file_label, mp, "expected \"info\", \"warning\" or \"error\"");
        rc->severity = *sev;
      } else {
        auto p = rc->params.find(m.key());
        if (p == rc->params.end()) {
          std::string known;
          for (const auto& [k, v] : rc->params)
            known += (known.empty() ? "" : ", ") + k;
          fail_at(text, file_label, mp,
                  fmt::format("rule '{}' has no parameter '{}' (parameters: {})", rc->id, m.key(),
                              known.empty() ? "none" : known));
        }
        if (!m->is_number()) fail_at(text, file_label, mp, "expected a number");
        p->second = m->get<double>();
      }
    }
  }
  return out;
}

const RuleSet& default_rules() {
  static const RuleSet rules = [] {
    RuleSet base;
    for (const auto& info : kCatalogue) {
      RuleConfig rc;
      rc.id = info.id;
      base.rules.push_back(rc);
    }
    // The asset defines the parameters: read it permissively (params are
    // added, not checked) by building from its parsed JSON directly.
    const std::string_view text = assets::embedded_file("qa_rules.json");
    const Json j = parse_json_text(std::string(text), "qa_rules.json (built in)");
    for (auto it = j["rules"].begin(); it != j["rules"].end(); ++it) {
      RuleConfig* rc = base.find(it.key());
      if (!rc) throw Error(fmt::format("built-in qa_rules.json: unknown rule '{}'", it.key()));
      for (auto m = it->begin(); m != it->end(); ++m) {
        if (m.key() == "enabled")
          rc->enabled = m->get<bool>();
        else if (m.key() == "severity")
          rc->severity = severity_from_string(m->get<std::string>()).value_or(Severity::Warning);
        else
          rc->params[m.key()] = m->get<double>();
      }
    }
    return base;
  }();
  return rules;
}

RuleSet load_rules_file(const std::filesystem::path& path, const RuleSet& base) {
  return parse_rules(read_file_to_string(path), path.string(), base);
}

RuleSet project_rules(const std::filesystem::path& folder) {
  if (!folder.empty()) {
    const auto p = folder / kRulesFileName;
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) return load_rules_file(p);
  }
  return default_rules();
}

std::string rules_to_json(const RuleSet& rules) {
  Json j;
  j["format"] = "vantage.qa_rules";
  j["format_version"] = 1;
  Json& r = j["rules"];
  r = Json::object();
  for (const auto& rc : rules.rules) {
    Json c;
    c["enabled"] = rc.enabled;
    c["severity"] = to_string(rc.severity);
    for (const auto& [k, v] : rc.params)
      c[k] = v;
    r[rc.id] = c;
  }
  return j.dump(2) + "\n";
}

}  // namespace vantage::core
