// Result hashing: the MD5 a sqllogictest script writes for a long result
// (`N values hashing to <md5>`) and the digest a label remembers.
// Thread safety: free functions without shared state.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace boyodb::tools::slt {

/// The lowercase hex MD5 of every value followed by '\n' (OpenSSL's EVP API).
std::string HashValues(const std::vector<std::string>& values);

/// "<num_values> values hashing to <md5>".
std::string HashLine(size_t num_values, std::string_view md5);

/// The md5 written in a line of the form `[ws][+-]digits values hashing to <md5>` (the first
/// up to 32 non-space characters after "to "), or nullopt when the line has another form.
std::optional<std::string> Md5FromHashLine(std::string_view line);

}  // namespace boyodb::tools::slt
