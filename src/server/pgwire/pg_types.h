// The wire protocol's view of types: the format codes of Bind, RowDescription and COPY, and
// the PostgreSQL type mapping of types/pg_type_catalog.h under the names the pgwire code uses.
// Thread safety: pure functions and constants.
#pragma once

#include <cstdint>

#include "types/pg_type_catalog.h"

namespace boyodb::server::pgwire {

/// How a value is encoded on the wire (Bind, RowDescription, CopyInResponse...).
enum class FormatCode : int16_t { kText = 0, kBinary = 1 };

namespace oid = types::pg_oid;
using types::DataTypeForPgOid;
using types::PgTypeFor;
using types::PgTypeInfo;
using types::PgTypeName;

}  // namespace boyodb::server::pgwire
