// The bitwise aggregates bit_and, bit_or and bit_xor over smallint, integer and bigint: the
// result keeps the input type, NULL inputs are skipped and a group without input is NULL.
// Thread safety: registration mutates the registry; the aggregates themselves are immutable.
#pragma once

namespace boyodb::functions {

class FunctionRegistry;

void RegisterBitwiseAggregates(FunctionRegistry& registry);

}  // namespace boyodb::functions
