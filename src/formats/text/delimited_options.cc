#include "formats/text/delimited_options.h"

#include <cstring>

#include "common/sqlstate.h"

namespace boyodb::formats::text {
namespace {

Status InvalidOption(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue, std::move(message));
}

}  // namespace

DelimitedOptions DelimitedOptions::ForFormat(DelimitedFormat format) {
  DelimitedOptions options;
  options.format = format;
  if (format == DelimitedFormat::kCsv) {
    options.delimiter = ',';
    options.null_string = "";
  }
  return options;
}

Status DelimitedOptions::Validate() const {
  if (delimiter == '\n' || delimiter == '\r') {
    return InvalidOption("COPY delimiter cannot be newline or carriage return");
  }
  if (null_string.find_first_of("\r\n") != std::string::npos) {
    return InvalidOption("COPY null representation cannot use newline or carriage return");
  }
  // In the text format these characters start or are part of escapes.
  if (format == DelimitedFormat::kText && delimiter != '\0' &&
      std::strchr("\\.abcdefghijklmnopqrstuvwxyz0123456789", delimiter) != nullptr) {
    return InvalidOption("COPY delimiter cannot be \"" + std::string(1, delimiter) + "\"");
  }
  if (format == DelimitedFormat::kCsv && delimiter == quote) {
    return InvalidOption("COPY delimiter and quote must be different");
  }
  if (null_string.find(delimiter) != std::string::npos) {
    return InvalidOption("COPY delimiter must not appear in the NULL specification");
  }
  if (format == DelimitedFormat::kCsv && null_string.find(quote) != std::string::npos) {
    return InvalidOption("CSV quote character must not appear in the NULL specification");
  }
  return Status::OK();
}

}  // namespace boyodb::formats::text
