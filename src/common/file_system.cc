#include "common/file_system.h"

namespace boyodb {

Result<std::string> ReadWholeFile(FileSystem& fs, const std::string& path) {
  BOYO_ASSIGN_OR_RETURN(auto file, fs.OpenReadable(path));
  std::string contents(file->size(), '\0');
  BOYO_ASSIGN_OR_RETURN(const size_t n, file->ReadAt(0, contents.size(), contents.data()));
  contents.resize(n);
  return contents;
}

Status WriteFileAtomically(FileSystem& fs, const std::string& path, std::string_view contents) {
  const std::string temp_path = path + ".tmp";
  {
    BOYO_ASSIGN_OR_RETURN(auto file, fs.OpenWritable(temp_path, OpenMode::kTruncate));
    BOYO_RETURN_IF_ERROR(file->Append(contents));
    BOYO_RETURN_IF_ERROR(file->Sync());
    BOYO_RETURN_IF_ERROR(file->Close());
  }
  BOYO_RETURN_IF_ERROR(fs.Rename(temp_path, path));
  return fs.SyncDir(ParentDir(path));
}

Status ReadExactly(const RandomAccessFile& file, uint64_t offset, size_t n, char* out) {
  BOYO_ASSIGN_OR_RETURN(const size_t got, file.ReadAt(offset, n, out));
  if (got != n) {
    return Status::Corruption("file \"" + file.path() + "\" is truncated: wanted " +
                              std::to_string(n) + " bytes at offset " + std::to_string(offset) +
                              ", found " + std::to_string(got));
  }
  return Status::OK();
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  std::string out(dir);
  if (!out.empty() && out.back() != '/') out += '/';
  out += name;
  return out;
}

std::string ParentDir(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

}  // namespace boyodb
