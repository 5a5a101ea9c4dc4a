// schema.json: classes, attributes, skeletons, tags and change history.
#include <fmt/format.h>

#include <cstdio>

#include "core/io/json_writer.h"
#include "core/io/native_format.h"
#include "core/io/native_json_common.h"

namespace vantage::core {

namespace {

std::string color_text(uint32_t c) { return fmt::format("#{:06x}", c & 0xffffff); }

uint32_t read_color(const JsonReader& r) {
  const std::string& s = r.string();
  unsigned v = 0;
  int used = 0;
  if (s.size() != 7 || s[0] != '#' || std::sscanf(s.c_str() + 1, "%6x%n", &v, &used) != 1 || used != 6)
    r.fail(fmt::format("expected a colour \"#rrggbb\", found \"{}\"", s));
  return v;
}

void write_attribute_def(JsonWriter& w, const AttributeDef& a) {
  w.begin_object();
  w.member("name", a.name).member("type", to_string(a.type));
  w.member("per_frame", a.per_frame).member("required", a.required);
  if (!a.options.empty()) {
    w.key("options").begin_array();
    for (const auto& o : a.options) w.value(o);
    w.end_array();
  }
  if (a.min != a.max) w.member("min", a.min).member("max", a.max);
  if (a.default_value) {
    w.key("default");
    write_attribute_value(w, *a.default_value);
  }
  if (!a.classes.empty()) {
    w.key("classes").begin_array();
    for (const auto& c : a.classes) w.value(c);
    w.end_array();
  }
  w.end_object();
}

std::vector<std::string> read_strings(const JsonReader& r) {
  std::vector<std::string> out;
  r.for_each([&](const JsonReader& s) { out.push_back(s.string()); });
  return out;
}

AttributeDef read_attribute_def(const JsonReader& r) {
  AttributeDef a;
  a.name = r.at("name").string();
  if (a.name.empty()) r.at("name").fail("attribute name cannot be empty");
  const JsonReader type = r.at("type");
  auto t = attribute_type_from_string(type.string());
  if (!t) type.fail(fmt::format("expected one of bool, enum, number, text; found \"{}\"", type.string()));
  a.type = *t;
  a.per_frame = r.boolean_or("per_frame", false);
  a.required = r.boolean_or("required", false);
  if (auto o = r.find("options")) a.options = read_strings(*o);
  if (a.type == AttributeType::Enum && a.options.empty())
    r.fail_member("options", "an enum attribute needs at least one option");
  a.min = r.number_or("min", 0.0);
  a.max = r.number_or("max", 0.0);
  if (a.min > a.max) r.at("min").fail(fmt::format("min {} is greater than max {}", a.min, a.max));
  if (auto d = r.find("default")) {
    a.default_value = read_attribute_value(*d);
    const std::string why = a.check(*a.default_value);
    if (!why.empty()) d->fail(why);
  }
  if (auto c = r.find("classes")) a.classes = read_strings(*c);
  return a;
}

}  // namespace

std::string schema_to_json(const Schema& s) {
  JsonWriter w;
  w.begin_object();
  w.member("format", "vantage.schema").member("format_version", kNativeFormatVersion);
  w.member("name", s.name).member("version", s.version);
  w.key("classes").begin_array();
  for (const ClassDef& c : s.classes) {
    w.begin_object();
    w.member("id", c.id).member("name", c.name).member("color", color_text(c.color));
    if (!c.parent.empty()) w.member("parent", c.parent);
    if (!c.guideline.empty()) w.member("guideline", c.guideline);
    if (!c.shapes.empty()) {
      w.key("shapes").begin_array();
      for (ShapeKind k : c.shapes) w.value(to_string(k));
      w.end_array();
    }
    if (c.size_range) {
      w.key("size_range").begin_object();
      w.key("min").numbers(&c.size_range->min.x, 3);
      w.key("max").numbers(&c.size_range->max.x, 3);
      w.end_object();
    }
    if (!c.skeleton.empty()) w.member("skeleton", c.skeleton);
    if (c.mask != MaskKind::None) w.member("mask", to_string(c.mask));
    if (!c.label_ids.empty()) {
      w.key("label_ids").begin_object();
      for (const auto& [set, id] : c.label_ids) w.member(set, id);
      w.end_object();
    }
    w.end_object();
  }
  w.end_array();
  w.key("attributes").begin_array();
  for (const auto& a : s.attributes) write_attribute_def(w, a);
  w.end_array();
  w.key("skeletons").begin_array();
  for (const Skeleton& sk : s.skeletons) {
    w.begin_object();
    w.member("name", sk.name);
    w.key("points").begin_array();
    for (const auto& p : sk.points) w.value(p);
    w.end_array();
    w.key("edges").begin_inline_array();
    for (const auto& [a, b] : sk.edges) w.begin_array().value(a).value(b).end_array();
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("tags").begin_array();
  for (const TagDef& t : s.tags) {
    w.begin_object();
    w.member("name", t.name);
    if (!t.group.empty()) w.member("group", t.group);
    if (!t.description.empty()) w.member("description", t.description);
    w.end_object();
  }
  w.end_array();
  w.key("history").begin_array();
  for (const SchemaChange& c : s.history) {
    w.begin_object();
    w.member("version", c.version).member("kind", to_string(c.kind));
    if (!c.from.empty()) w.member("from", c.from);
    if (!c.to.empty()) w.member("to", c.to);
    if (c.attribute) {
      w.key("attribute");
      write_attribute_def(w, *c.attribute);
    }
    if (!c.split_attribute.empty()) w.member("split_attribute", c.split_attribute);
    if (!c.split_map.empty()) {
      w.key("split_map").begin_object();
      for (const auto& [value, cls] : c.split_map) w.member(value, cls);
      w.end_object();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  std::string out = w.take();
  out += '\n';
  return out;
}

Schema schema_from_json(const Json& json, const std::string& file_label) {
  JsonReader::Context ctx{&json, file_label};
  JsonReader root(json, ctx);
  check_format_header(root, "vantage.schema");
  Schema s;
  s.name = root.string_or("name", "");
  s.version = root.at("version").int32(1);
  if (auto classes = root.find("classes")) {
    classes->for_each([&](const JsonReader& r) {
      ClassDef c;
      c.id = r.at("id").int32(0);
      c.name = r.at("name").string();
      if (c.name.empty()) r.at("name").fail("class name cannot be empty");
      if (s.find_class(c.name)) r.at("name").fail(fmt::format("duplicate class name '{}'", c.name));
      if (s.find_class(c.id)) r.at("id").fail(fmt::format("duplicate class id {}", c.id));
      if (auto col = r.find("color")) c.color = read_color(*col);
      c.parent = r.string_or("parent", "");
      c.guideline = r.string_or("guideline", "");
      if (auto shapes = r.find("shapes")) {
        shapes->for_each([&](const JsonReader& k) {
          auto kind = shape_kind_from_string(k.string());
          if (!kind) k.fail(fmt::format("unknown shape kind \"{}\" (expected box2d, polygon, polyline, keypoints or cuboid)", k.string()));
          c.shapes.push_back(*kind);
        });
      }
      if (auto sr = r.find("size_range")) {
        SizeRange range;
        const JsonReader mn = sr->at("min"), mx = sr->at("max");
        mn.expect_array(3, 3);
        mx.expect_array(3, 3);
        for (int i = 0; i < 3; ++i) {
          range.min[i] = mn.at(static_cast<size_t>(i)).number();
          range.max[i] = mx.at(static_cast<size_t>(i)).number();
          if (range.min[i] > range.max[i]) sr->fail("size_range min is greater than max");
        }
        c.size_range = range;
      }
      c.skeleton = r.string_or("skeleton", "");
      if (auto m = r.find("mask")) {
        const auto k = mask_kind_from_string(m->string());
        if (!k) m->fail(fmt::format("expected \"stuff\", \"thing\" or \"none\", found \"{}\"", m->string()));
        c.mask = *k;
      }
      if (auto ids = r.find("label_ids"))
        ids->for_each_member([&](const std::string& set, const JsonReader& v) {
          c.label_ids[set] = v.int32(-1, 65535);
        });
      s.classes.push_back(std::move(c));
    });
  }
  if (auto attrs = root.find("attributes")) {
    attrs->for_each([&](const JsonReader& r) {
      AttributeDef a = read_attribute_def(r);
      if (s.find_attribute(a.name)) r.at("name").fail(fmt::format("duplicate attribute '{}'", a.name));
      s.attributes.push_back(std::move(a));
    });
  }
  if (auto sks = root.find("skeletons")) {
    sks->for_each([&](const JsonReader& r) {
      Skeleton sk;
      sk.name = r.at("name").string();
      sk.points = read_strings(r.at("points"));
      if (auto edges = r.find("edges")) {
        edges->for_each([&](const JsonReader& e) {
          e.expect_array(2, 2);
          const int n = static_cast<int>(sk.points.size()) - 1;
          sk.edges.emplace_back(e.at(0).int32(0, n), e.at(1).int32(0, n));
        });
      }
      s.skeletons.push_back(std::move(sk));
    });
  }
  if (auto tags = root.find("tags")) {
    tags->for_each([&](const JsonReader& r) {
      TagDef t;
      t.name = r.at("name").string();
      t.group = r.string_or("group", "");
      t.description = r.string_or("description", "");
      s.tags.push_back(std::move(t));
    });
  }
  if (auto hist = root.find("history")) {
    hist->for_each([&](const JsonReader& r) {
      SchemaChange c;
      c.version = r.at("version").int32(1, s.version);
      const JsonReader kind = r.at("kind");
      auto k = schema_change_kind_from_string(kind.string());
      if (!k) kind.fail(fmt::format("unknown schema change \"{}\"", kind.string()));
      c.kind = *k;
      c.from = r.string_or("from", "");
      c.to = r.string_or("to", "");
      if (auto a = r.find("attribute")) c.attribute = read_attribute_def(*a);
      c.split_attribute = r.string_or("split_attribute", "");
      if (auto m = r.find("split_map"))
        m->for_each_member([&](const std::string& value, const JsonReader& v) { c.split_map[value] = v.string(); });
      if (c.kind == SchemaChange::Kind::SplitClass && (c.split_attribute.empty() || c.to.empty()))
        r.fail("a split_class change needs \"split_attribute\" and \"to\" (the default class)");
      s.history.push_back(std::move(c));
    });
  }
  for (const auto& c : s.classes) {
    if (!c.skeleton.empty() && !s.find_skeleton(c.skeleton))
      root.at("classes").fail(fmt::format("class '{}' names skeleton '{}', which is not defined", c.name, c.skeleton));
  }
  return s;
}

}  // namespace vantage::core
