// FindBuiltinCast: the cast kernels between BoyoDB's scalar types, as PostgreSQL 15 casts
// (its pg_cast table plus the I/O conversions to and from text). Each kernel converts a whole
// array; NULL stays NULL.
// Thread safety: pure; the kernels returned are reentrant.
#pragma once

#include "common/result.h"
#include "sql/function/function_api.h"
#include "types/data_type.h"

namespace boyodb::functions {

/// The kernel casting `from` to `to`; 42846 "cannot cast type x to y" when PostgreSQL has no
/// such cast. A cast to the same type (DECIMALs of equal precision and scale) is the identity.
Result<sql::CastKernel> FindBuiltinCast(const types::DataType& from, const types::DataType& to);

}  // namespace boyodb::functions
