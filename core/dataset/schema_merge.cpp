#include "core/dataset/schema_merge.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/model/annotations.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

bool same_change(const SchemaChange& a, const SchemaChange& b) {
  SchemaChange x = a;
  x.version = b.version;
  return x == b;
}

void replay(Schema& s, const SchemaChange& c) {
  Annotations none;
  switch (c.kind) {
    case SchemaChange::Kind::RenameClass:
      rename_class(s, none, c.from, c.to);
      break;
    case SchemaChange::Kind::MergeClass:
      merge_class(s, none, c.from, c.to);
      break;
    case SchemaChange::Kind::AddAttribute:
      if (!c.attribute) throw Error("add_attribute without its attribute");
      add_attribute(s, none, *c.attribute);
      break;
    case SchemaChange::Kind::SplitClass:
      split_class(s, none, c.from, c.split_attribute, c.split_map, c.to);
      break;
    case SchemaChange::Kind::RemoveClass: {
      auto it = std::find_if(s.classes.begin(), s.classes.end(), [&](const ClassDef& d) { return d.name == c.from; });
      if (it == s.classes.end()) throw Error(fmt::format("no class named '{}'", c.from));
      s.classes.erase(it);
      SchemaChange r = c;
      r.version = ++s.version;
      s.history.push_back(r);
      break;
    }
  }
}

template <class T, class Name>
void merge_named(const std::vector<T>* base, const std::vector<T>& theirs, std::vector<T>& out, Name name,
                 const char* what, const std::vector<std::string>& renamed_away, SchemaMergeResult& r) {
  auto find = [&](const std::vector<T>& v, const std::string& n) -> const T* {
    for (const T& x : v)
      if (name(x) == n) return &x;
    return nullptr;
  };
  for (const T& t : theirs) {
    const std::string n = name(t);
    const T* b = base ? find(*base, n) : nullptr;
    T* o = nullptr;
    for (T& x : out)
      if (name(x) == n) o = &x;
    if (!o) {
      // New on theirs (not something ours renamed or removed).
      if (!b && std::find(renamed_away.begin(), renamed_away.end(), n) == renamed_away.end()) out.push_back(t);
      continue;
    }
    if (*o == t || (b && *b == t)) continue;
    if (b && *b == *o) {
      *o = t;
      continue;
    }
    r.conflicts.push_back(fmt::format("{} '{}' was edited differently on both sides: ours kept", what, n));
  }
}

}  // namespace

std::string describe(const SchemaChange& c) {
  switch (c.kind) {
    case SchemaChange::Kind::RenameClass:
      return fmt::format("rename class {} -> {} (version {})", c.from, c.to, c.version);
    case SchemaChange::Kind::MergeClass:
      return fmt::format("merge class {} into {} (version {})", c.from, c.to, c.version);
    case SchemaChange::Kind::AddAttribute:
      return fmt::format("add attribute {} (version {})", c.attribute ? c.attribute->name : "?", c.version);
    case SchemaChange::Kind::RemoveClass:
      return fmt::format("remove class {} (version {})", c.from, c.version);
    case SchemaChange::Kind::SplitClass: {
      std::string m;
      for (const auto& [v, cls] : c.split_map) m += fmt::format("{}{}={}", m.empty() ? "" : ", ", v, cls);
      return fmt::format("split class {} by {} ({}; default {}) (version {})", c.from, c.split_attribute, m, c.to,
                         c.version);
    }
  }
  return "?";
}

SchemaMergeResult merge_schemas(const Schema* base, const Schema& ours, const Schema& theirs) {
  SchemaMergeResult r;
  if (ours == theirs || (base && *base == theirs)) {
    r.merged = ours;
    return r;
  }
  if (base && *base == ours) {
    r.merged = theirs;
    return r;
  }
  Schema s = ours;
  const int base_version = base ? base->version : 0;
  std::vector<std::string> renamed_away;
  for (const SchemaChange& c : ours.history)
    if (c.version > base_version && c.kind != SchemaChange::Kind::AddAttribute) renamed_away.push_back(c.from);
  for (const SchemaChange& c : theirs.history) {
    if (c.version <= base_version) continue;
    const bool already = std::any_of(ours.history.begin(), ours.history.end(),
                                     [&](const SchemaChange& x) { return x.version > base_version && same_change(c, x); });
    if (already) continue;
    try {
      replay(s, c);
      r.notes.push_back(fmt::format("schema: theirs' change replayed: {}", describe(s.history.back())));
    } catch (const Error& e) {
      r.conflicts.push_back(fmt::format("schema: theirs' change \"{}\" cannot follow ours: {}; ours kept",
                                        describe(c), e.what()));
      // Its target classes are not new classes of theirs either.
      renamed_away.push_back(c.to);
      for (const auto& kv : c.split_map) renamed_away.push_back(kv.second);
    }
    if (c.kind != SchemaChange::Kind::AddAttribute) renamed_away.push_back(c.from);
  }
  if (s.name != theirs.name && (!base || base->name == s.name)) s.name = theirs.name;
  merge_named(base ? &base->classes : nullptr, theirs.classes, s.classes,
              [](const ClassDef& c) { return c.name; }, "class", renamed_away, r);
  // Classes new on theirs may carry an id ours already uses.
  for (size_t i = 0; i < s.classes.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (s.classes[j].id == s.classes[i].id) {
        s.classes[i].id = s.next_class_id();
        r.notes.push_back(fmt::format("schema: class '{}' (new on both sides' ids) renumbered to {}", s.classes[i].name, s.classes[i].id));
      }
  merge_named(base ? &base->attributes : nullptr, theirs.attributes, s.attributes,
              [](const AttributeDef& a) { return a.name; }, "attribute", {}, r);
  merge_named(base ? &base->skeletons : nullptr, theirs.skeletons, s.skeletons,
              [](const Skeleton& k) { return k.name; }, "skeleton", {}, r);
  merge_named(base ? &base->tags : nullptr, theirs.tags, s.tags, [](const TagDef& t) { return t.name; },
              "tag", {}, r);
  r.merged = std::move(s);
  return r;
}

}  // namespace vantage::core
