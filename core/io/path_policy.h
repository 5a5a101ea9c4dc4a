#pragma once
// Which data files a sequence may name. Labelling teams open sequence folders
// and datasets they did not write, so a sequence.json (or a nuScenes info
// file) that names files outside its own folder — an absolute path, a path
// through "..", a symbolic link that leads out — is refused unless the user
// opts in (`--allow-outside` on the command line, a prompt in the
// workstation). Otherwise a hostile file could make Vantage read, show and
// copy into exports any file the user can read.
//
// The check resolves each path as the readers will (relative to the folder,
// symbolic links followed) and compares it with the folder's real path; it
// costs one realpath per distinct sub-folder and one lstat per file.

#include <filesystem>
#include <string>
#include <vector>

#include "core/model/sequence.h"
#include "core/util/error.h"

namespace vantage::core {

struct OutsidePath {
  int frame = 0;
  std::string sensor;
  std::string file;                // as written in the sequence
  std::filesystem::path resolved;  // where it leads
};

// Every frame file of `sequence` that resolves outside `folder` (and outside
// the trusted data folders, below).
std::vector<OutsidePath> files_outside(const Sequence& sequence, const std::filesystem::path& folder);

// Data outside the folder, refused: what() names the file, the first offending
// entry (frame, sensor, path and where it leads), how many there are, and the
// opt-in.
class OutsideDataError : public FileError {
 public:
  OutsideDataError(const std::string& file, std::vector<OutsidePath> outside);
  const std::vector<OutsidePath>& outside() const { return outside_; }

 private:
  std::vector<OutsidePath> outside_;
};

// Throws OutsideDataError (naming `file_label`, the sequence file) when any
// frame file of `sequence` resolves outside `folder`.
void check_files_inside(const Sequence& sequence, const std::filesystem::path& folder,
                        const std::string& file_label);

// Data folders this user trusts. Vantage itself writes sequences whose
// data stays elsewhere: a save into another folder (`--out`, Save As, a
// native export, `vantage dataset add`) keeps naming the images and sweeps
// where they are. That is the user's own act, so the folders of that data
// are recorded in the user's state folder ($XDG_STATE_HOME/vantage/
// trusted-data, else ~/.local/state/vantage) and count as inside from then
// on. The list is per user and machine, never inside a sequence or dataset,
// so a folder someone else wrote cannot grant itself access; in a clone of a
// dataset `vantage dataset trust` records its sources.
std::filesystem::path trusted_data_file();
std::vector<std::filesystem::path> trusted_data_roots();
// Adds `data_root` (made absolute and real) to the list; nothing when it is
// there already. Atomic, like every write.
void trust_data_root(const std::filesystem::path& data_root);
// Trusts what a save of `sequence` into `folder` leaves elsewhere: the
// source folder it was read from (`source_folder`, may be empty) when files
// lie in it, and the folder of every other existing file outside; never a
// file system root.
void trust_data_outside(const Sequence& sequence, const std::filesystem::path& folder,
                        const std::filesystem::path& source_folder);

// Whether `path` (absolute, normal) lies inside `root` (absolute, normal):
// component by component, so "/data/seq2" is not inside "/data/seq".
bool path_is_inside(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace vantage::core
