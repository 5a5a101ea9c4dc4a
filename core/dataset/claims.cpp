#include "core/dataset/claims.h"

#include <fmt/format.h>

#include <cstdlib>

#include "core/io/file_util.h"
#include "core/util/error.h"

namespace vantage::core {

namespace {

int parse_frame(const std::string& text, const std::string& whole) {
  char* end = nullptr;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < 0 || v > INT32_MAX)
    throw Error(fmt::format("'{}': expected SEQUENCE, SEQUENCE:N or SEQUENCE:A-B with frame numbers", whole));
  return static_cast<int>(v);
}

}  // namespace

std::pair<std::string, std::optional<FrameRange>> parse_claim_target(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) return {text, std::nullopt};
  const std::string seq = text.substr(0, colon), frames = text.substr(colon + 1);
  if (seq.empty()) throw Error(fmt::format("'{}': the sequence name is missing", text));
  const size_t dash = frames.find('-');
  FrameRange r;
  if (dash == std::string::npos) {
    r.first = r.last = parse_frame(frames, text);
  } else {
    r.first = parse_frame(frames.substr(0, dash), text);
    r.last = parse_frame(frames.substr(dash + 1), text);
  }
  if (r.last < r.first) throw Error(fmt::format("'{}': the range ends before it starts", text));
  return {seq, r};
}

Claim add_claim(Dataset& d, const std::string& sequence, std::optional<FrameRange> frames, const std::string& by) {
  if (by.empty()) throw Error("a claim needs a name (--as NAME)");
  d.sequence(sequence);  // throws for unknown sequences
  Claim c{sequence, frames, by, now_ms()};
  std::vector<std::string> others;
  for (const Claim& x : d.manifest().claims)
    if (x.by != by && x.overlaps(c)) others.push_back(to_string(x));
  if (!others.empty()) {
    std::string list;
    for (const auto& o : others) list += (list.empty() ? "" : "; ") + o;
    throw Error(fmt::format("{} overlaps {} (release it first, or claim other frames)",
                            to_string(c), list));
  }
  // The same person's overlapping or adjacent claims become one.
  auto& claims = d.manifest().claims;
  for (auto it = claims.begin(); it != claims.end();) {
    const bool adjacent = it->frames && c.frames && it->sequence == c.sequence &&
                          (it->frames->last + 1 == c.frames->first || c.frames->last + 1 == it->frames->first);
    if (it->by == by && (it->overlaps(c) || adjacent)) {
      if (!it->frames || !c.frames)
        c.frames.reset();
      else
        c.frames = FrameRange{std::min(it->frames->first, c.frames->first), std::max(it->frames->last, c.frames->last)};
      it = claims.erase(it);
    } else {
      ++it;
    }
  }
  claims.push_back(c);
  d.manifest().sort();
  d.save();
  return c;
}

size_t release_claims(Dataset& d, const std::string& sequence, std::optional<FrameRange> frames, const std::string& by) {
  auto& claims = d.manifest().claims;
  std::vector<Claim> kept;
  size_t released = 0;
  for (const Claim& c : claims) {
    if (c.by != by || c.sequence != sequence) {
      kept.push_back(c);
      continue;
    }
    if (!frames) {
      ++released;
      continue;
    }
    if (!c.overlaps(Claim{sequence, frames, by, 0})) {
      kept.push_back(c);
      continue;
    }
    ++released;
    if (!c.frames) continue;  // a whole-sequence claim released in part: the whole goes
    if (c.frames->first < frames->first)
      kept.push_back({sequence, FrameRange{c.frames->first, frames->first - 1}, by, c.time_ms});
    if (c.frames->last > frames->last)
      kept.push_back({sequence, FrameRange{frames->last + 1, c.frames->last}, by, c.time_ms});
  }
  if (released) {
    claims = std::move(kept);
    d.manifest().sort();
    d.save();
  }
  return released;
}

std::vector<Claim> claims_on(const Dataset& d, const std::string& sequence) {
  std::vector<Claim> out;
  for (const Claim& c : d.manifest().claims)
    if (sequence.empty() || c.sequence == sequence) out.push_back(c);
  return out;
}

}  // namespace vantage::core
