// Crash tests of the save and autosave paths (docs/reliability.md).
//
//   vantage_crash_editor edit --doc DIR --journal FILE --seed S [--save-ms N]
//       An annotator that never stops: opens the native folder DIR (making it
//       when absent) the way the workstation does, offers and takes the
//       autosave recovery, then edits through core::Editor every few
//       milliseconds, ticks the workstation's Autosave (app/gui/autosave.cpp)
//       and saves with save_native every N ms, as App::save does. Every edit
//       is journalled with its revision, a monotonic time stamp and a hash of
//       the annotations, and so is every completed autosave and save.
//   vantage_crash_editor campaign --work DIR --kills N [--seed S] [--min-ms A] [--max-ms B]
//       Starts `edit` again and again and kills it with SIGKILL at a random
//       moment (seeds logged). After each kill: annotations.json and the
//       autosave sidecar parse, what the next start recovers matches a state
//       that was saved or autosaved exactly, never older than the last
//       completed save or autosave, and the edits lost are at most the last
//       second's. Prints one line per kill and a summary; exits 1 on any
//       violation.
//   vantage_crash_editor disk --work DIR
//       A full disk (a 256 KiB tmpfs) and a read-only folder (the same tmpfs
//       remounted read-only): saves fail with a clear message, the previous
//       files stay intact, the edits stay in memory and in the autosave
//       sidecar (on another file system), and a save succeeds once space is
//       back. Needs mount(2) (root or CAP_SYS_ADMIN): exits 77 (skipped)
//       without it.
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/gui/autosave.h"
#include "core/commands/annotation_commands.h"
#include "core/commands/editor.h"
#include "core/io/file_util.h"
#include "core/io/native_format.h"
#include "core/util/error.h"
#include "tests/support/fixtures.h"

using namespace vantage;
namespace fs = std::filesystem;

namespace {

constexpr double kMaxLostMs = 1000.0;  // the promise: at most the last second of edits

int64_t mono_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

uint64_t hash_of(const core::Annotations& a) {
  return fnv1a(core::annotations_to_json(a));
}

std::map<std::string, std::string> parse_args(int argc, char** argv, int from) {
  std::map<std::string, std::string> out;
  for (int i = from; i < argc; ++i) {
    std::string k = argv[i];
    if (k.rfind("--", 0) != 0 || i + 1 >= argc) {
      fmt::print(stderr, "bad argument '{}'\n", k);
      std::exit(2);
    }
    out[k.substr(2)] = argv[++i];
  }
  return out;
}

std::string need(const std::map<std::string, std::string>& a, const char* key) {
  auto it = a.find(key);
  if (it == a.end()) {
    fmt::print(stderr, "missing --{}\n", key);
    std::exit(2);
  }
  return it->second;
}

// Appends whole lines with one write(2) each (O_APPEND): a SIGKILL leaves
// every line complete or absent.
class Journal {
 public:
  explicit Journal(const fs::path& p) {
    fd_ = ::open(p.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) throw core::Error(fmt::format("{}: {}", p.string(), std::strerror(errno)));
  }
  ~Journal() { ::close(fd_); }
  void line(const std::string& s) {
    const std::string l = s + "\n";
    if (::write(fd_, l.data(), l.size()) != static_cast<ssize_t>(l.size())) std::abort();
  }

 private:
  int fd_ = -1;
};

core::Document initial_document() {
  test::SyntheticOptions o;
  o.frames = 20;
  o.objects = 8;
  o.extras = true;
  return test::make_synthetic_document(o);
}

// One random edit through the editor, as a tool would make it: move a shape
// (its truncation and time stamp), delete an object, or add one back.
void random_edit(core::Editor& editor, std::mt19937_64& rng, int64_t stamp) {
  const core::Document& doc = editor.document();
  const auto& objects = doc.annotations.objects;
  const int what = static_cast<int>(rng() % 100);
  if ((what < 3 && objects.size() > 4) || objects.empty()) {
    if (!objects.empty()) {
      const core::ObjectId id = objects[rng() % objects.size()].id;
      editor.execute(core::make_delete_objects(doc, {id}));
      editor.seal();
      return;
    }
  }
  if (what < 6 || objects.empty()) {
    core::Object o = objects.empty() ? core::Object{} : objects[rng() % objects.size()];
    core::ObjectId max_id = 0;
    for (const auto& x : objects)
      max_id = std::max(max_id, x.id);
    o.id = max_id + 1;
    if (o.class_name.empty()) o.class_name = "car";
    editor.execute(core::make_add_object(std::move(o)));
    editor.seal();
    return;
  }
  const core::Object& o = objects[rng() % objects.size()];
  if (o.tracks.empty()) return;
  const core::Track& t = o.tracks[rng() % o.tracks.size()];
  if (t.shapes.empty()) return;
  const core::FrameShape& fsh = t.shapes[rng() % t.shapes.size()];
  core::Shape s = fsh.shape;
  s.truncation = static_cast<double>(rng() % 1000) / 1000.0;
  s.modified_ms = stamp;
  editor.execute(std::make_unique<core::SetShapeCommand>(o.id, t.sensor, t.kind, fsh.frame, s,
                                                         "crash test edit"));
  editor.seal();
}

// What the workstation shows after a restart: the saved document, with the
// autosave sidecar taken when find_recovery offers it.
core::Document reopen(const fs::path& doc_dir, bool* recovered = nullptr) {
  core::Document doc = core::load_native(doc_dir);
  if (recovered) *recovered = false;
  if (const auto sidecar = gui::find_recovery(doc_dir, doc)) {
    doc.annotations = gui::load_recovery(*sidecar);
    if (recovered) *recovered = true;
  }
  return doc;
}

//-----------------------------------------------------------------------------
// edit
//-----------------------------------------------------------------------------
int run_edit(const std::map<std::string, std::string>& args) {
  const fs::path doc_dir = need(args, "doc");
  const uint64_t seed = std::stoull(need(args, "seed"));
  const int save_ms = args.count("save-ms") ? std::stoi(args.at("save-ms")) : 2000;
  Journal journal(need(args, "journal"));
  std::mt19937_64 rng(seed);

  if (!core::is_native_folder(doc_dir)) core::save_native(initial_document(), doc_dir);
  bool recovered = false;
  core::Document doc = reopen(doc_dir, &recovered);
  core::Editor editor(std::move(doc));
  // A recovered autosave is unsaved work: the editor is dirty from here on,
  // so the autosave keeps it (App applies it as an undoable command).
  journal.line(fmt::format("start {} {} {:016x} {}", editor.revision(), mono_us(),
                           hash_of(editor.document().annotations), recovered ? 1 : 0));
  gui::Autosave autosave(gui::Autosave::sidecar_for(doc_dir));
  const int64_t t0 = mono_us();
  int64_t last_save = t0;
  uint64_t autosaved = 0;
  int64_t stamp = 1;
  for (;;) {
    random_edit(editor, rng, stamp++);
    journal.line(fmt::format("edit {} {} {:016x}", editor.revision(), mono_us(),
                             hash_of(editor.document().annotations)));
    const int64_t now = mono_us();
    autosave.tick(editor, static_cast<double>(now - t0) * 1e-6, false);
    if (const uint64_t w = autosave.written_revision(); w != autosaved) {
      autosaved = w;
      journal.line(fmt::format("autosaved {} {}", w, mono_us()));
    }
    if (now - last_save >= int64_t{save_ms} * 1000) {
      core::save_native(editor.document(), doc_dir);
      editor.mark_saved();
      autosave.discard();
      journal.line(fmt::format("saved {} {}", editor.revision(), mono_us()));
      last_save = now;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2 + static_cast<int>(rng() % 6)));
  }
}

//-----------------------------------------------------------------------------
// campaign
//-----------------------------------------------------------------------------
struct JournalEntry {
  std::string kind;  // start, edit, autosaved, saved
  uint64_t revision = 0;
  int64_t t_us = 0;
  uint64_t hash = 0;
};

std::vector<JournalEntry> read_journal(const fs::path& p) {
  std::vector<JournalEntry> out;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    JournalEntry e;
    ls >> e.kind >> e.revision >> e.t_us;
    if (e.kind == "start" || e.kind == "edit") {
      std::string h;
      ls >> h;
      e.hash = std::stoull(h, nullptr, 16);
    }
    out.push_back(e);
  }
  return out;
}

int temporaries(const fs::path& dir) {
  int n = 0;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) ++n;
  return n;
}

int run_campaign(const char* self, const std::map<std::string, std::string>& args) {
  const fs::path work = need(args, "work");
  const int kills = std::stoi(need(args, "kills"));
  const uint64_t seed = args.count("seed") ? std::stoull(args.at("seed")) : std::random_device{}();
  const int min_ms = args.count("min-ms") ? std::stoi(args.at("min-ms")) : 150;
  const int max_ms = args.count("max-ms") ? std::stoi(args.at("max-ms")) : 2500;
  std::error_code ec;
  fs::remove_all(work, ec);
  fs::create_directories(work / "state");
  const fs::path doc_dir = work / "doc";
  // The autosave sidecars go to $XDG_STATE_HOME, as in the workstation.
  setenv("XDG_STATE_HOME", (work / "state").c_str(), 1);
  fmt::print("kill campaign: {} kills, seed {}, kill after {}..{} ms\n", kills, seed, min_ms, max_ms);
  std::mt19937_64 rng(seed);
  int violations = 0, recoveries = 0, stale_tmp = 0;
  double max_lost_ms = 0, sum_lost_ms = 0;
  uint64_t total_edits = 0;
  for (int k = 0; k < kills; ++k) {
    const uint64_t child_seed = rng();
    const int after_ms = min_ms + static_cast<int>(rng() % static_cast<uint64_t>(max_ms - min_ms + 1));
    const fs::path journal = work / fmt::format("journal-{:04}.log", k);
    const std::string seed_text = std::to_string(child_seed);
    const pid_t pid = ::fork();
    if (pid < 0) {
      fmt::print(stderr, "fork failed\n");
      return 1;
    }
    if (pid == 0) {
      ::execl(self, self, "edit", "--doc", doc_dir.c_str(), "--journal", journal.c_str(), "--seed",
              seed_text.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(after_ms));
    const int64_t t_kill = mono_us();
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::string problem;
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
      problem = fmt::format("editor ended on its own (status {})", status);

    const std::vector<JournalEntry> j = read_journal(journal);
    double lost_ms = 0;
    bool recovered = false;
    try {
      // The files parse (load_native reads all three; the sidecar too).
      const fs::path sidecar = gui::Autosave::sidecar_for(doc_dir);
      if (fs::exists(sidecar, ec)) (void)gui::load_recovery(sidecar);
      const core::Document doc = reopen(doc_dir, &recovered);
      const uint64_t h = hash_of(doc.annotations);
      // The state that comes back is one the editor had, saved or autosaved
      // (or the one it started from, when it was killed before any write).
      uint64_t last_durable = 0;
      bool any_durable = false;
      for (const auto& e : j)
        if (e.kind == "autosaved" || e.kind == "saved") {
          last_durable = std::max(last_durable, e.revision);
          any_durable = true;
        }
      std::optional<size_t> match;
      for (size_t i = j.size(); i-- > 0;)
        if ((j[i].kind == "edit" || j[i].kind == "start") && j[i].hash == h) {
          match = i;
          break;
        }
      if (j.empty()) {
        // Killed while starting (before its first journal line): nothing
        // was edited, and the files loaded above.
      } else if (!match) {
        problem = "recovered annotations match no state the editor had";
      } else {
        const uint64_t rev = j[*match].revision;
        if (any_durable && rev < last_durable)
          problem = fmt::format("recovered revision {} is older than the last completed write {}",
                                rev, last_durable);
        // The first edit after the recovered state was lost: how long before the kill.
        for (size_t i = *match + 1; i < j.size(); ++i)
          if (j[i].kind == "edit") {
            lost_ms = static_cast<double>(t_kill - j[i].t_us) / 1000.0;
            break;
          }
        for (const auto& e : j)
          if (e.kind == "edit") ++total_edits;
        if (lost_ms > kMaxLostMs && problem.empty())
          problem = fmt::format("{:.0f} ms of edits lost (more than {:.0f} ms)", lost_ms, kMaxLostMs);
      }
    } catch (const std::exception& e) {
      problem = fmt::format("after the kill the files do not load: {}", e.what());
    }
    const int tmp = temporaries(work);
    stale_tmp += tmp;
    recoveries += recovered ? 1 : 0;
    max_lost_ms = std::max(max_lost_ms, lost_ms);
    sum_lost_ms += lost_ms;
    fmt::print("kill {:4} seed {:20} after {:4} ms: {} edits journalled, {} , lost {:6.1f} ms{}{}\n", k,
               child_seed, after_ms, j.size(), recovered ? "autosave recovered" : "saved file      ",
               lost_ms, tmp ? fmt::format(", {} stale temporary file(s)", tmp) : "",
               problem.empty() ? "" : "  VIOLATION: " + problem);
    if (!problem.empty()) ++violations;
    // Stale temporaries of a killed save are litter, not damage: clear them
    // so the next count is this kill's alone.
    for (const auto& e : fs::recursive_directory_iterator(work, ec))
      if (e.path().filename().string().find(".tmp-") != std::string::npos) fs::remove(e.path(), ec);
  }
  fmt::print(
      "summary: {} kills, {} violations, {} autosave recoveries, max lost {:.1f} ms, mean lost {:.1f} "
      "ms, {} edits, {} stale temporary files, seed {}\n",
      kills, violations, recoveries, max_lost_ms, kills ? sum_lost_ms / kills : 0.0, total_edits,
      stale_tmp, seed);
  if (const char* rec = std::getenv("VANTAGE_KILL_RECORD"); rec && *rec) {
    std::ofstream out(rec, std::ios::app);
    out << fmt::format("{}\t{}\t{}\t{}\t{:.1f}\t{:.1f}\t{}\t{}\n", kills, violations, recoveries,
                       total_edits, max_lost_ms, kills ? sum_lost_ms / kills : 0.0, stale_tmp, seed);
  }
  return violations ? 1 : 0;
}

//-----------------------------------------------------------------------------
// disk
//-----------------------------------------------------------------------------
int run_disk(const std::map<std::string, std::string>& args) {
  const fs::path work = need(args, "work");
  std::error_code ec;
  fs::remove_all(work, ec);
  fs::create_directories(work / "mnt");
  fs::create_directories(work / "state");
  setenv("XDG_STATE_HOME", (work / "state").c_str(), 1);
  const fs::path mnt = work / "mnt";
  if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=256k") != 0) {
    fmt::print("SKIP: cannot mount a small tmpfs ({}): the full-disk test needs root or CAP_SYS_ADMIN\n",
               std::strerror(errno));
    return 77;
  }
  struct Unmount {
    fs::path p;
    ~Unmount() { ::umount2(p.c_str(), MNT_DETACH); }
  } unmount{mnt};
  int failures = 0;
  auto check = [&](bool ok, const std::string& what) {
    fmt::print("{} {}\n", ok ? "ok:  " : "FAIL:", what);
    if (!ok) ++failures;
  };
  const fs::path doc_dir = mnt / "seq";
  test::SyntheticOptions o;
  o.frames = 10;
  o.objects = 4;
  core::save_native(test::make_synthetic_document(o), doc_dir);
  const std::string saved_before = core::read_file_to_string(doc_dir / core::kAnnotationsFileName);
  core::Editor editor(core::load_native(doc_dir));
  gui::Autosave autosave(gui::Autosave::sidecar_for(doc_dir));

  // Fill the file system: leave less room than one more annotations.json.
  {
    std::string filler(4096, 'x');
    std::ofstream f(mnt / "filler", std::ios::binary);
    for (int i = 0; i < 1000 && f; ++i)
      f.write(filler.data(), static_cast<std::streamsize>(filler.size()));
  }
  std::mt19937_64 rng(7);
  for (int i = 0; i < 50; ++i)
    random_edit(editor, rng, i + 1);
  std::string error;
  try {
    core::save_native(editor.document(), doc_dir);
  } catch (const core::Error& e) {
    error = e.what();
  }
  fmt::print("save on a full disk: {}\n", error.empty() ? "(no error)" : error);
  check(!error.empty(), "the save fails");
  check(error.find("No space left on device") != std::string::npos, "the message says the disk is full");
  check(error.find(doc_dir.string()) != std::string::npos, "the message names the file");
  check(core::read_file_to_string(doc_dir / core::kAnnotationsFileName) == saved_before,
        "annotations.json is the previous file, intact");
  check(temporaries(mnt) == 0, "no temporary file is left on the full disk");
  check(editor.dirty(), "the edits are still unsaved in memory");
  autosave.tick(editor, 0.0, true);
  autosave.wait_idle();
  check(autosave.last_error().empty(), "the autosave (another file system) still works");
  check(fs::exists(autosave.sidecar()) &&
            gui::load_recovery(autosave.sidecar()) == editor.document().annotations,
        "the autosave sidecar holds the unsaved edits");

  // Read-only: remount the same tmpfs read-only.
  fs::remove(mnt / "filler", ec);
  if (::mount("tmpfs", mnt.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, "size=256k") == 0) {
    error.clear();
    try {
      core::save_native(editor.document(), doc_dir);
    } catch (const core::Error& e) {
      error = e.what();
    }
    fmt::print("save into a read-only folder: {}\n", error.empty() ? "(no error)" : error);
    check(error.find("Read-only file system") != std::string::npos,
          "a read-only folder fails the save with a clear message");
    check(core::read_file_to_string(doc_dir / core::kAnnotationsFileName) == saved_before,
          "annotations.json is the previous file, intact");
    check(::mount("tmpfs", mnt.c_str(), "tmpfs", MS_REMOUNT, "size=256k") == 0, "remount read-write");
  } else {
    fmt::print("note: cannot remount read-only ({}); read-only part skipped\n", std::strerror(errno));
  }
  // Space again: the save succeeds and the sidecar goes.
  core::save_native(editor.document(), doc_dir);
  editor.mark_saved();
  autosave.discard();
  check(core::load_native(doc_dir).annotations == editor.document().annotations,
        "with space again the save succeeds and holds every edit");
  check(!fs::exists(autosave.sidecar()), "the sidecar is gone after the real save");
  fmt::print("{}\n", failures ? "full-disk test FAILED" : "full-disk test passed");
  return failures ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: {} edit|campaign|disk --OPTION VALUE ...\n", argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  const auto args = parse_args(argc, argv, 2);
  try {
    if (mode == "edit") return run_edit(args);
    if (mode == "campaign") {
      // /proc/self/exe: the child is this very program.
      const std::string self = fs::read_symlink("/proc/self/exe").string();
      return run_campaign(self.c_str(), args);
    }
    if (mode == "disk") return run_disk(args);
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}: {}\n", mode, e.what());
    return 1;
  }
  fmt::print(stderr, "unknown mode '{}'\n", mode);
  return 2;
}
