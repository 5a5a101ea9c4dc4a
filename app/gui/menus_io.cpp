// [SECTION] Setup dialogs
// [SECTION] Progress and report
#include "app/gui/menus_io.h"

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/gui/app_commands.h"
#include "app/gui/workspace.h"

namespace vantage::gui {

namespace fs = std::filesystem;

namespace {

std::vector<const core::FormatInfo*> formats(bool for_export) {
  std::vector<const core::FormatInfo*> out;
  for (const core::FormatInfo& f : core::format_list())
    if (for_export ? f.can_export : f.can_import) out.push_back(&f);
  return out;
}

void center_next() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
      ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
}

}  // namespace

void apply_import(Workspace& ws, core::Document imported, const std::string& source) {
  ws.editor().execute(std::make_unique<ReplaceAnnotationsCommand>(
      ws.doc(), std::move(imported.schema), std::move(imported.annotations),
      fmt::format("Import {}", source)));
}

//-----------------------------------------------------------------------------
// [SECTION] Dialogs
//-----------------------------------------------------------------------------
IoDialogs::IoDialogs() = default;
IoDialogs::~IoDialogs() {
  job_.cancel();
}

void IoDialogs::open_export(const Workspace& ws) {
  if (busy()) return;
  is_export_ = true;
  mode_ = Mode::ExportSetup;
  format_index_ = 0;
  path_ = (ws.path().parent_path() / (ws.path().filename().string() + "-export")).string();
}

void IoDialogs::open_import(const Workspace&) {
  if (busy()) return;
  is_export_ = false;
  mode_ = Mode::ImportSetup;
  format_index_ = 0;
  path_.clear();
}

void IoDialogs::start_export(const Workspace& ws) {
  mode_ = Mode::Running;
  job_.start_export(ws.doc(), formats(true)[size_t(format_index_)]->id, path_, export_opt_);
}

void IoDialogs::start_import(const Workspace& ws) {
  mode_ = Mode::Running;
  applied_ = false;
  core::ImportOptions opt = import_opt_;
  opt.unknown_classes = unknown_policy_ == 0   ? core::UnknownClassPolicy::Add
                        : unknown_policy_ == 1 ? core::UnknownClassPolicy::Skip
                                               : core::UnknownClassPolicy::Fail;
  job_.start_import(ws.doc(), formats(false)[size_t(format_index_)]->id, path_, opt);
}

//-----------------------------------------------------------------------------
// [SECTION] Setup dialogs, progress and report
//-----------------------------------------------------------------------------
void IoDialogs::draw(Workspace& ws) {
  if (mode_ == Mode::None) return;
  const char* title = is_export_ ? "Export annotations" : "Import annotations";
  if (!popup_open_) {
    ImGui::OpenPopup(title);
    popup_open_ = true;
  }
  center_next();
  ImGui::SetNextWindowSize(ImVec2(640, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    popup_open_ = false;
    return;
  }
  const auto list = formats(is_export_);
  bool close = false;
  if (mode_ == Mode::ExportSetup || mode_ == Mode::ImportSetup) {
    format_index_ = std::min(format_index_, int(list.size()) - 1);
    if (ImGui::BeginCombo("Format", list.empty() ? "" : list[size_t(format_index_)]->title)) {
      for (size_t i = 0; i < list.size(); ++i)
        if (ImGui::Selectable(list[i]->title, int(i) == format_index_)) format_index_ = int(i);
      ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(480);
    ImGui::InputText(is_export_ ? "Output folder" : "File or folder", &path_);
    if (is_export_) {
      ImGui::Checkbox("Keyframes only", &export_opt_.keyframes_only);
      ImGui::Checkbox("Copy images", &export_opt_.copy_images);
      ImGui::Checkbox("Overwrite existing files", &export_opt_.overwrite);
      ImGui::Checkbox("Skip items that cannot be written (listed in the report)",
                      &export_opt_.skip_invalid);
      ImGui::Checkbox("Strict (also fail on what the format cannot hold)", &export_opt_.strict);
      const auto cams = ws.doc().sequence.camera_names();
      if (ImGui::BeginCombo("Camera", export_opt_.camera.empty() ? "(all / format default)"
                                                                 : export_opt_.camera.c_str())) {
        if (ImGui::Selectable("(all / format default)", export_opt_.camera.empty()))
          export_opt_.camera.clear();
        for (const std::string& c : cams)
          if (ImGui::Selectable(c.c_str(), c == export_opt_.camera)) export_opt_.camera = c;
        ImGui::EndCombo();
      }
    } else {
      ImGui::Checkbox("As pre-labels (model source, new ids)", &import_opt_.as_prelabels);
      ImGui::Checkbox("Keep object ids", &import_opt_.keep_ids);
      ImGui::Checkbox("Skip items that cannot be imported (listed in the report)",
                      &import_opt_.skip_invalid);
      ImGui::Checkbox("Strict (also fail on what Vantage cannot hold)", &import_opt_.strict);
      const char* policies[] = {"add to schema", "skip", "fail"};
      ImGui::Combo("Unknown classes", &unknown_policy_, policies, 3);
      ImGui::SetNextItemWidth(120);
      ImGui::InputText("KITTI tracking sequence", &import_opt_.sequence);
      ImGui::TextDisabled("The annotations are replaced as one undoable step.");
    }
    ImGui::BeginDisabled(path_.empty() || list.empty());
    if (ImGui::Button(is_export_ ? "Export" : "Import", ImVec2(120, 0))) {
      if (is_export_)
        start_export(ws);
      else
        start_import(ws);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(120, 0))) close = true;
  } else if (mode_ == Mode::Running) {
    const size_t d = job_.done(), t = job_.total();
    ImGui::Text("%s %s ...", is_export_ ? "Exporting to" : "Importing from", path_.c_str());
    ImGui::ProgressBar(t ? float(d) / float(t) : 0.0f, ImVec2(480, 0),
                       t ? fmt::format("{} / {}", d, t).c_str() : "starting");
    if (ImGui::Button("Cancel", ImVec2(120, 0))) job_.cancel();
    if (!job_.running()) {
      job_.wait();
      mode_ = Mode::Report;
    }
  } else if (mode_ == Mode::Report) {
    if (!is_export_ && !applied_) {
      if (auto doc = job_.take_imported()) apply_import(ws, std::move(*doc), path_);
      applied_ = true;
    }
    const std::string error = job_.error();
    const std::optional<core::FormatReport> report = job_.report();
    if (!error.empty()) {
      ImGui::TextColored(ImVec4(1, 0.45f, 0.35f, 1),
                         "%s failed, nothing was changed:", is_export_ ? "Export" : "Import");
      ImGui::PushTextWrapPos(600);
      ImGui::TextUnformatted(error.c_str());
      ImGui::PopTextWrapPos();
      if (report && report->problem_count) {
        // Each item that would be lost, then the choice to go on without it.
        if (ImGui::BeginChild("##problems", ImVec2(600, 220), true)) {
          for (const core::SkippedInput& s : report->skipped)
            if (!s.by_option)
              ImGui::BulletText("%s%s%s: %s would be %s: %s", s.file.c_str(),
                                s.file.empty() || s.location.empty() ? "" : ":",
                                s.location.c_str(), s.what.c_str(),
                                s.altered ? "altered" : "lost", s.why.c_str());
        }
        ImGui::EndChild();
        if (ImGui::Button(is_export_ ? "Export the rest" : "Import the rest")) {
          if (is_export_) {
            export_opt_.skip_invalid = true;
            export_opt_.strict = false;
            start_export(ws);
          } else {
            import_opt_.skip_invalid = true;
            import_opt_.strict = false;
            start_import(ws);
          }
          ImGui::EndPopup();
          return;
        }
        ImGui::SameLine();
      }
    } else if (report) {
      const core::FormatReport& r = *report;
      ImGui::Text("%s: %zu frames, %zu objects, %zu shapes, %zu files", r.format.c_str(), r.frames,
                  r.objects, r.shapes, r.files_written.size());
      for (const std::string& c : r.classes_added)
        ImGui::BulletText("class added: %s", c.c_str());
      if (ImGui::BeginChild("##report", ImVec2(600, 220), true)) {
        for (const std::string& s : r.summary)
          ImGui::BulletText("%s", s.c_str());
        for (const core::SkippedInput& s : r.skipped)
          ImGui::BulletText("%s: %s: %s", s.file.c_str(), s.location.c_str(), s.message.c_str());
        if (r.summary.empty() && r.skipped.empty())
          ImGui::TextDisabled("Everything was carried over.");
      }
      ImGui::EndChild();
    }
    if (ImGui::Button("Close", ImVec2(120, 0))) close = true;
  }
  if (close) {
    mode_ = Mode::None;
    popup_open_ = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace vantage::gui
