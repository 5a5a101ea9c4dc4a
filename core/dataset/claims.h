#pragma once
// Claims: "I am labelling frames 0-99 of sequence 0001", stored in
// dataset.json (committed and pushed like everything else) so two people do
// not label the same frames.

#include <optional>
#include <string>
#include <vector>

#include "core/dataset/dataset.h"

namespace vantage::core {

// "SEQ", "SEQ:N" or "SEQ:A-B" -> (sequence, frames).
std::pair<std::string, std::optional<FrameRange>> parse_claim_target(const std::string& text);

// Adds a claim. Throws Error naming the other person's overlapping claims
// (claims of the same person may overlap: they are merged into one).
Claim add_claim(Dataset& dataset, const std::string& sequence, std::optional<FrameRange> frames,
                const std::string& by);

// Releases `by`'s claims on `frames` of `sequence` (all of them when frames
// is nullopt); a claim partly released keeps its other frames. Returns the
// claims removed or shortened.
size_t release_claims(Dataset& dataset, const std::string& sequence, std::optional<FrameRange> frames,
                      const std::string& by);

// Claims on a sequence (all sequences when empty).
std::vector<Claim> claims_on(const Dataset& dataset, const std::string& sequence = "");

}  // namespace vantage::core
