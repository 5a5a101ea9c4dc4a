// [SECTION] Setup dialogs
// [SECTION] Worker
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
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
}

}  // namespace

IoDialogs::IoDialogs() = default;
IoDialogs::~IoDialogs() {
  cancel_ = true;
  join();
}

void IoDialogs::join() {
  if (worker_.joinable()) worker_.join();
}

void IoDialogs::open_export(const Workspace& ws) {
  if (busy()) return;
  is_export_ = true;
  mode_ = Mode::ExportSetup;
  format_index_ = 0;
  path_ = (ws.path().parent_path() / (ws.path().filename().string() + "-export")).string();
}

void IoDialogs::open_import(const Workspace& ws) {
  if (busy()) return;
  is_export_ = false;
  mode_ = Mode::ImportSetup;
  format_index_ = 0;
  path_.clear();
  (void)ws;
}

//-----------------------------------------------------------------------------
// [SECTION] Worker
//-----------------------------------------------------------------------------
void IoDialogs::start_export(const Workspace& ws) {
  join();
  const auto list = formats(true);
  const core::FormatId id = list[size_t(format_index_)]->id;
  report_.reset();
  error_.clear();
  done_ = total_ = 0;
  cancel_ = false;
  running_ = true;
  mode_ = Mode::Running;
  core::ExportOptions opt = export_opt_;
  opt.progress = [this](size_t d, size_t t) {
    done_ = d;
    total_ = t;
    return !cancel_.load();
  };
  worker_ = std::thread([this, doc = ws.doc(), id, opt, out = fs::path(path_)] {
    try {
      core::FormatReport r = core::export_document(doc, id, out, opt);
      std::lock_guard<std::mutex> lock(mutex_);
      report_ = std::move(r);
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mutex_);
      error_ = e.what();
    }
    running_ = false;
  });
}

void IoDialogs::start_import(const Workspace& ws) {
  join();
  const auto list = formats(false);
  const core::FormatId id = list[size_t(format_index_)]->id;
  report_.reset();
  imported_.reset();
  applied_ = false;
  error_.clear();
  done_ = total_ = 0;
  cancel_ = false;
  running_ = true;
  mode_ = Mode::Running;
  core::ImportOptions opt = import_opt_;
  opt.unknown_classes = unknown_policy_ == 0   ? core::UnknownClassPolicy::Add
                        : unknown_policy_ == 1 ? core::UnknownClassPolicy::Skip
                                               : core::UnknownClassPolicy::Fail;
  opt.progress = [this](size_t d, size_t t) {
    done_ = d;
    total_ = t;
    return !cancel_.load();
  };
  worker_ = std::thread([this, doc = ws.doc(), id, opt, in = fs::path(path_)]() mutable {
    try {
      core::FormatReport r = core::import_annotations(doc, id, in, opt);
      std::lock_guard<std::mutex> lock(mutex_);
      report_ = std::move(r);
      imported_ = std::move(doc);
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mutex_);
      error_ = e.what();
    }
    running_ = false;
  });
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
      const auto cams = ws.doc().sequence.camera_names();
      if (ImGui::BeginCombo("Camera", export_opt_.camera.empty() ? "(all / format default)" : export_opt_.camera.c_str())) {
        if (ImGui::Selectable("(all / format default)", export_opt_.camera.empty())) export_opt_.camera.clear();
        for (const std::string& c : cams)
          if (ImGui::Selectable(c.c_str(), c == export_opt_.camera)) export_opt_.camera = c;
        ImGui::EndCombo();
      }
    } else {
      ImGui::Checkbox("As pre-labels (model source, new ids)", &import_opt_.as_prelabels);
      ImGui::Checkbox("Keep object ids", &import_opt_.keep_ids);
      ImGui::Checkbox("Strict (any skipped input fails)", &import_opt_.strict);
      const char* policies[] = {"add to schema", "skip", "fail"};
      ImGui::Combo("Unknown classes", &unknown_policy_, policies, 3);
      ImGui::SetNextItemWidth(120);
      ImGui::InputText("KITTI tracking sequence", &import_opt_.sequence);
      ImGui::TextDisabled("The annotations are replaced as one undoable step.");
    }
    ImGui::BeginDisabled(path_.empty() || list.empty());
    if (ImGui::Button(is_export_ ? "Export" : "Import", ImVec2(120, 0))) {
      if (is_export_) start_export(ws);
      else start_import(ws);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(120, 0))) close = true;
  } else if (mode_ == Mode::Running) {
    const size_t d = done_, t = total_;
    ImGui::Text("%s %s ...", is_export_ ? "Exporting to" : "Importing from", path_.c_str());
    ImGui::ProgressBar(t ? float(d) / float(t) : 0.0f, ImVec2(480, 0),
                       t ? fmt::format("{} / {}", d, t).c_str() : "starting");
    if (ImGui::Button("Cancel", ImVec2(120, 0))) cancel_ = true;
    if (!running_) {
      join();
      mode_ = Mode::Report;
    }
  } else if (mode_ == Mode::Report) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!is_export_ && imported_ && !applied_) {
      ws.editor().execute(std::make_unique<ReplaceAnnotationsCommand>(
          ws.doc(), imported_->schema, imported_->annotations, fmt::format("Import {}", path_)));
      applied_ = true;
      imported_.reset();
    }
    if (!error_.empty()) {
      ImGui::TextColored(ImVec4(1, 0.45f, 0.35f, 1), "%s failed, nothing was changed:", is_export_ ? "Export" : "Import");
      ImGui::PushTextWrapPos(600);
      ImGui::TextUnformatted(error_.c_str());
      ImGui::PopTextWrapPos();
    } else if (report_) {
      const core::FormatReport& r = *report_;
      ImGui::Text("%s: %zu frames, %zu objects, %zu shapes, %zu files", r.format.c_str(), r.frames, r.objects,
                  r.shapes, r.files_written.size());
      for (const std::string& c : r.classes_added) ImGui::BulletText("class added: %s", c.c_str());
      if (ImGui::BeginChild("##report", ImVec2(600, 220), true)) {
        for (const std::string& s : r.summary) ImGui::BulletText("%s", s.c_str());
        for (const core::SkippedInput& s : r.skipped)
          ImGui::BulletText("%s: %s: %s", s.file.c_str(), s.location.c_str(), s.message.c_str());
        if (r.summary.empty() && r.skipped.empty()) ImGui::TextDisabled("Everything was carried over.");
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
