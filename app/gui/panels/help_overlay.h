#pragma once
// F1 / ?: every action with its key chords and label, filterable.

namespace vantage::gui {
class ActionList;
class HotkeyMap;
// Draws the overlay while `open`; clears it when closed.
void draw_help_overlay(bool& open, const ActionList& actions, const HotkeyMap& keys);
}  // namespace vantage::gui
