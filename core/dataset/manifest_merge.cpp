#include "core/dataset/manifest_merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace vantage::core {

namespace {

template <class T>
const T* pick(const T* b, const T* o, const T* t, bool& conflict) {
  auto same = [](const T* x, const T* y) { return (!x || !y) ? x == y : *x == *y; };
  conflict = false;
  if (same(o, t)) return o;
  if (same(b, o)) return t;
  if (same(b, t)) return o;
  conflict = true;
  return o ? o : t;
}

std::string entry_text(const SequenceEntry* e) {
  if (!e) return "(deleted)";
  return fmt::format("path {}, status {}{}", e->path, to_string(e->status), e->split.empty() ? "" : ", split " + e->split);
}

}  // namespace

ManifestMergeResult merge_manifests(const DatasetManifest* base, const DatasetManifest& ours,
                                    const DatasetManifest& theirs) {
  static const DatasetManifest kEmpty;
  const DatasetManifest& b = base ? *base : kEmpty;
  ManifestMergeResult r;
  DatasetManifest& m = r.merged;
  auto conflict = [&](const std::string& what, const std::string& o, const std::string& t) {
    m.conflicts.push_back({what, o, t});
    r.conflicts.push_back(fmt::format("{}: ours \"{}\" kept, theirs \"{}\" recorded", what, o, t));
  };
  bool c = false;
  m.name = *pick(&b.name, &ours.name, &theirs.name, c);
  if (c) conflict("dataset name", ours.name, theirs.name);
  m.schema_file = *pick(&b.schema_file, &ours.schema_file, &theirs.schema_file, c);
  if (c) conflict("schema file", ours.schema_file, theirs.schema_file);
  const SplitSettings* sb = b.split ? &*b.split : nullptr;
  const SplitSettings* so = ours.split ? &*ours.split : nullptr;
  const SplitSettings* st = theirs.split ? &*theirs.split : nullptr;
  const SplitSettings* sp = pick(sb, so, st, c);
  if (sp) m.split = *sp;
  if (c) conflict("split settings", so ? fmt::format("seed {}", so->seed) : "none", st ? fmt::format("seed {}", st->seed) : "none");

  std::set<std::string> names;
  for (const auto* side : {&b, &ours, &theirs})
    for (const auto& e : side->sequences) names.insert(e.name);
  for (const std::string& n : names) {
    const SequenceEntry* eb = b.find(n);
    const SequenceEntry* eo = ours.find(n);
    const SequenceEntry* et = theirs.find(n);
    if (!eo && !et) continue;
    if (!eo || !et) {
      const SequenceEntry* e = pick(eb, eo, et, c);
      if (c) conflict("sequence " + n + ": deleted on one side, edited on the other", entry_text(eo), entry_text(et));
      if (e) m.sequences.push_back(*e);
      continue;
    }
    SequenceEntry e = *eo;
    const SequenceEntry none;
    const SequenceEntry& base_e = eb ? *eb : none;
    auto field = [&](auto member, const char* label, auto text) {
      const auto* v = pick(eb ? &(base_e.*member) : nullptr, &(eo->*member), &(et->*member), c);
      e.*member = *v;
      if (c) conflict(fmt::format("sequence {}: {}", n, label), text(eo->*member), text(et->*member));
    };
    auto str = [](const std::string& s) { return s; };
    field(&SequenceEntry::path, "path", str);
    field(&SequenceEntry::status, "status", [](ReviewStatus s) { return std::string(to_string(s)); });
    field(&SequenceEntry::split, "split", str);
    field(&SequenceEntry::source, "source", str);
    m.sequences.push_back(std::move(e));
  }

  // Claims: a set. New overlapping claims of different people from the two
  // sides are both kept and reported.
  auto has = [](const std::vector<Claim>& v, const Claim& x) { return std::find(v.begin(), v.end(), x) != v.end(); };
  for (const auto* side : {&ours.claims, &theirs.claims})
    for (const Claim& x : *side) {
      if (has(m.claims, x)) continue;
      const bool in_b = has(b.claims, x), in_o = has(ours.claims, x), in_t = has(theirs.claims, x);
      if (in_o != in_b ? in_o : in_t) m.claims.push_back(x);
    }
  for (const Claim& x : ours.claims) {
    if (has(b.claims, x) || !has(m.claims, x)) continue;
    for (const Claim& y : theirs.claims) {
      if (has(b.claims, y) || has(ours.claims, y) || !has(m.claims, y)) continue;
      if (x.by != y.by && x.overlaps(y)) conflict("claims on " + x.sequence, to_string(x), to_string(y));
    }
  }
  // Earlier conflict records: a set, like the claims.
  std::vector<ManifestConflict> fresh = std::move(m.conflicts);
  m.conflicts.clear();
  auto has_c = [](const std::vector<ManifestConflict>& v, const ManifestConflict& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  for (const auto* side : {&ours.conflicts, &theirs.conflicts})
    for (const auto& x : *side) {
      if (has_c(m.conflicts, x)) continue;
      const bool in_b = has_c(b.conflicts, x), in_o = has_c(ours.conflicts, x), in_t = has_c(theirs.conflicts, x);
      if (in_o != in_b ? in_o : in_t) m.conflicts.push_back(x);
    }
  for (auto& x : fresh)
    if (!has_c(m.conflicts, x)) m.conflicts.push_back(std::move(x));
  m.sort();
  return r;
}

}  // namespace vantage::core
