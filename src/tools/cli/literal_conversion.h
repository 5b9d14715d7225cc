// Converts a literal of the admin shell (a number, 'string', true/false or NULL) to a value of a
// column's type, the way PostgreSQL assigns an untyped literal to a column: strings are parsed
// as the column's type (dates, timestamps, UUIDs, numbers), numbers must fit the column.
// Thread safety: pure functions.
#pragma once

#include <string_view>

#include "common/result.h"
#include "tools/cli/admin_parser.h"
#include "types/data_type.h"
#include "types/value.h"

namespace boyodb::tools::cli {

/// The literal as a value of `type` (NULL literals become a NULL of that type). `column` names
/// the target in messages. Errors: 22P02 (text is not a value of the type), 22003 (out of the
/// type's range), 22007/22008 (bad date or time), 42804 (a literal of the wrong kind, e.g. a
/// number for a DATE column), 0A000 (types the shell cannot write yet: INTERVAL, nested).
Result<types::Value> ConvertLiteral(const Literal& literal, const types::DataType& type,
                                    std::string_view column);

}  // namespace boyodb::tools::cli
