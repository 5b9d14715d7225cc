// TimeZone (time_zone.h): setting parsing, TZif (RFC 8536) reading and offset lookup.
// Thread safety: the zone cache is guarded by a mutex; everything else is pure.
#include "functions/datetime/time_zone.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

#include "common/sqlstate.h"
#include "functions/function_errors.h"
#include "types/datetime.h"

namespace boyodb::functions {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;
constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr const char* kZoneDirectory = "/usr/share/zoneinfo/";

Status NotRecognized(std::string_view setting) {
  return InvalidValue(sqlstate::kInvalidParameterValue,
                      "time zone \"" + std::string(setting) + "\" not recognized");
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A whole-string number of hours east of UTC ("5", "-3.5"), PostgreSQL's legacy form.
bool ParseHourNumber(std::string_view setting, int64_t* offset) {
  const std::string text(setting);
  char* end = nullptr;
  const double hours = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !(hours > -24 && hours < 24)) {
    return false;
  }
  *offset = static_cast<int64_t>(hours * 3600);
  return true;
}

// POSIX "[name]offset": a name of letters (or <...>) followed by [+-]hh[:mm[:ss]], west of
// UTC positive. Only zones without a daylight-saving part.
bool ParsePosixOffset(std::string_view setting, int64_t* offset, std::string* name) {
  size_t pos = 0;
  if (pos < setting.size() && setting[pos] == '<') {
    pos = setting.find('>');
    if (pos == std::string_view::npos) return false;
    *name = std::string(setting.substr(1, pos - 1));
    ++pos;
  } else {
    while (pos < setting.size() && std::isalpha(static_cast<unsigned char>(setting[pos]))) ++pos;
    if (pos != 0 && pos < 3) return false;
    *name = std::string(setting.substr(0, pos));
  }
  int sign = 1;
  if (pos < setting.size() && (setting[pos] == '+' || setting[pos] == '-')) {
    sign = setting[pos] == '-' ? -1 : 1;
    ++pos;
  }
  int64_t parts[3] = {0, 0, 0};
  for (int part = 0; part < 3; ++part) {
    if (part > 0) {
      if (pos == setting.size()) break;
      if (setting[pos] != ':') return false;
      ++pos;
    }
    const size_t start = pos;
    while (pos < setting.size() && std::isdigit(static_cast<unsigned char>(setting[pos])) &&
           pos - start < 3) {
      parts[part] = parts[part] * 10 + (setting[pos] - '0');
      ++pos;
    }
    if (pos == start) return false;
  }
  if (pos != setting.size() || parts[0] > 167 || parts[1] > 59 || parts[2] > 59) return false;
  // POSIX counts west positive; our offsets count east positive.
  *offset = -sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
  return true;
}

int64_t ReadBigEndian(const std::string& bytes, size_t pos, int width) {
  uint64_t value = 0;
  for (int i = 0; i < width; ++i) value = (value << 8) | static_cast<uint8_t>(bytes[pos + i]);
  if (width == 4) return static_cast<int32_t>(static_cast<uint32_t>(value));
  return static_cast<int64_t>(value);
}

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace

Result<std::shared_ptr<const TimeZone::Rules>> TimeZone::LoadRules(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Rules>> cache;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    const auto it = cache.find(name);
    if (it != cache.end()) return it->second;
  }
  if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) {
    return NotRecognized(name);
  }
  std::ifstream file(kZoneDirectory + name, std::ios::binary);
  if (!file) return NotRecognized(name);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  // RFC 8536: a 44-byte header, the version 1 data block (4-byte times), and for version 2+
  // a second header and data block with 8-byte times, which we read.
  auto header_ok = [&bytes](size_t pos) {
    return bytes.size() >= pos + 44 && bytes.compare(pos, 4, "TZif") == 0;
  };
  if (!header_ok(0)) return NotRecognized(name);
  auto block_size = [&bytes](size_t header, int time_width) {
    const int64_t isut = ReadBigEndian(bytes, header + 20, 4);
    const int64_t isstd = ReadBigEndian(bytes, header + 24, 4);
    const int64_t leap = ReadBigEndian(bytes, header + 28, 4);
    const int64_t times = ReadBigEndian(bytes, header + 32, 4);
    const int64_t types = ReadBigEndian(bytes, header + 36, 4);
    const int64_t chars = ReadBigEndian(bytes, header + 40, 4);
    return static_cast<size_t>(times * time_width + times + types * 6 + chars +
                               leap * (time_width + 4) + isstd + isut);
  };
  size_t header = 0;
  int time_width = 4;
  if (bytes[4] >= '2') {
    header = 44 + block_size(0, 4);
    time_width = 8;
    if (!header_ok(header)) return NotRecognized(name);
  }
  if (bytes.size() < header + 44 + block_size(header, time_width)) return NotRecognized(name);
  const int64_t num_times = ReadBigEndian(bytes, header + 32, 4);
  const int64_t num_types = ReadBigEndian(bytes, header + 36, 4);
  if (num_types < 1) return NotRecognized(name);
  const size_t times_at = header + 44;
  const size_t indices_at = times_at + static_cast<size_t>(num_times * time_width);
  const size_t types_at = indices_at + static_cast<size_t>(num_times);
  auto type_offset = [&](int64_t type) {
    return ReadBigEndian(bytes, types_at + static_cast<size_t>(type) * 6, 4);
  };
  // Each local time type names its abbreviation by an index into a block of NUL-terminated
  // strings after the types.
  const size_t chars_at = types_at + static_cast<size_t>(num_types) * 6;
  const size_t num_chars = static_cast<size_t>(ReadBigEndian(bytes, header + 40, 4));
  auto type_abbreviation = [&](int64_t type) {
    const size_t index = static_cast<uint8_t>(bytes[types_at + static_cast<size_t>(type) * 6 + 5]);
    if (index >= num_chars) return std::string();
    const std::string_view block(bytes.data() + chars_at, num_chars);
    const size_t end = block.find('\0', index);
    return std::string(block.substr(index, end == std::string_view::npos ? end : end - index));
  };
  auto rules = std::make_shared<Rules>();
  rules->initial_offset = type_offset(0);
  rules->initial_abbreviation = type_abbreviation(0);
  for (int64_t i = 0; i < num_times; ++i) {
    const int64_t type = static_cast<uint8_t>(bytes[indices_at + static_cast<size_t>(i)]);
    if (type >= num_types) return NotRecognized(name);
    rules->transitions.push_back(
        ReadBigEndian(bytes, times_at + static_cast<size_t>(i * time_width), time_width));
    rules->offsets.push_back(type_offset(type));
    rules->abbreviations.push_back(type_abbreviation(type));
  }
  const std::lock_guard<std::mutex> lock(mutex);
  cache.emplace(name, rules);
  return std::shared_ptr<const Rules>(rules);
}

Result<TimeZone> TimeZone::Find(std::string_view setting) {
  TimeZone zone;
  const std::string lower = Lower(setting);
  if (lower == "utc" || lower == "gmt" || lower == "z" || lower == "zulu" || lower == "uct" ||
      lower == "etc/utc" || lower == "etc/gmt" || lower == "universal") {
    if (lower.find("gmt") != std::string::npos) zone.fixed_abbreviation_ = "GMT";
    return zone;
  }
  if (ParseHourNumber(setting, &zone.fixed_offset_)) {
    zone.fixed_abbreviation_ = FormatUtcOffset(zone.fixed_offset_);
    return zone;
  }
  if (ParsePosixOffset(setting, &zone.fixed_offset_, &zone.fixed_abbreviation_)) return zone;
  BOYO_ASSIGN_OR_RETURN(zone.rules_, LoadRules(std::string(setting)));
  return zone;
}

int64_t TimeZone::OffsetAt(int64_t utc_seconds) const {
  if (!rules_) return fixed_offset_;
  const auto& transitions = rules_->transitions;
  const auto next = std::upper_bound(transitions.begin(), transitions.end(), utc_seconds);
  if (next == transitions.begin()) return rules_->initial_offset;
  return rules_->offsets[static_cast<size_t>(next - transitions.begin() - 1)];
}

std::string TimeZone::AbbreviationAt(int64_t utc_seconds) const {
  if (!rules_) return fixed_abbreviation_;
  const auto& transitions = rules_->transitions;
  const auto next = std::upper_bound(transitions.begin(), transitions.end(), utc_seconds);
  if (next == transitions.begin()) return rules_->initial_abbreviation;
  return rules_->abbreviations[static_cast<size_t>(next - transitions.begin() - 1)];
}

int64_t TimeZone::OffsetForLocal(int64_t local_seconds) const {
  if (!rules_) return fixed_offset_;
  // PostgreSQL's DetermineTimeZoneOffset: the first transition after a day before the local
  // time (offsets stay below a day and transitions are further apart than two days).
  const auto& transitions = rules_->transitions;
  const auto next =
      std::upper_bound(transitions.begin(), transitions.end(), local_seconds - kSecondsPerDay);
  if (next == transitions.end()) return OffsetAt(local_seconds - kSecondsPerDay);
  const size_t index = static_cast<size_t>(next - transitions.begin());
  const int64_t boundary = *next;
  const int64_t before_offset = index == 0 ? rules_->initial_offset : rules_->offsets[index - 1];
  const int64_t after_offset = rules_->offsets[index];
  const int64_t before_time = local_seconds - before_offset;
  const int64_t after_time = local_seconds - after_offset;
  if (before_time < boundary && after_time < boundary) return before_offset;
  if (before_time >= boundary && after_time >= boundary) return after_offset;
  // Skipped or repeated: prefer "before" for a spring-forward gap, "after" for a fall-back.
  return before_time > after_time ? before_offset : after_offset;
}

int64_t TimeZone::ToLocalMicros(int64_t utc_micros) const {
  if (!types::IsFiniteTimestamp(utc_micros)) return utc_micros;  // infinity in every zone
  return utc_micros + OffsetAt(FloorDiv(utc_micros, kMicrosPerSecond)) * kMicrosPerSecond;
}

int64_t TimeZone::ToUtcMicros(int64_t local_micros) const {
  if (!types::IsFiniteTimestamp(local_micros)) return local_micros;
  return local_micros - OffsetForLocal(FloorDiv(local_micros, kMicrosPerSecond)) * kMicrosPerSecond;
}

std::string FormatUtcOffset(int64_t offset_seconds) {
  const char sign = offset_seconds < 0 ? '-' : '+';
  const int64_t magnitude = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  char buffer[32];
  const int64_t hours = magnitude / 3600, minutes = magnitude / 60 % 60, seconds = magnitude % 60;
  if (seconds != 0) {
    std::snprintf(buffer, sizeof(buffer), "%c%02lld:%02lld:%02lld", sign,
                  static_cast<long long>(hours), static_cast<long long>(minutes),
                  static_cast<long long>(seconds));
  } else if (minutes != 0) {
    std::snprintf(buffer, sizeof(buffer), "%c%02lld:%02lld", sign, static_cast<long long>(hours),
                  static_cast<long long>(minutes));
  } else {
    std::snprintf(buffer, sizeof(buffer), "%c%02lld", sign, static_cast<long long>(hours));
  }
  return buffer;
}

std::string FormatTimestampTz(int64_t utc_micros, const TimeZone& zone) {
  if (!types::IsFiniteTimestamp(utc_micros)) return types::FormatTimestamp(utc_micros);
  // Floor division: the second an instant before 1970 falls in.
  const int64_t utc_seconds = utc_micros >= 0 ? utc_micros / types::kMicrosPerSecond
                                              : (utc_micros + 1) / types::kMicrosPerSecond - 1;
  const int64_t offset = zone.OffsetAt(utc_seconds);
  std::string text = types::FormatTimestamp(utc_micros + offset * types::kMicrosPerSecond);
  // The era marker goes after the offset: "0044-03-15 12:00:00+00 BC".
  const bool bc = text.ends_with(" BC");
  if (bc) text.resize(text.size() - 3);
  text += FormatUtcOffset(offset);
  if (bc) text += " BC";
  return text;
}

}  // namespace boyodb::functions
