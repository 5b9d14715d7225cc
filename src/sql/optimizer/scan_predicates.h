// Predicate pushdown into scans: the simple conjuncts of a WHERE over a table (`column op
// constant`, `column IS [NOT] NULL`) also become the scan's storage predicates, so the storage
// engine skips segments by bloom filter and batches by zone map before it decodes rows.
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// A plan equal to `plan` except that every Filter directly over a Get hands its pushable
/// conjuncts to the Get. The scan returns only rows that pass them; a conjunct the storage
/// engine tests exactly as SQL does (numbers, dates, times) leaves the Filter, the others
/// stay in it, and a Filter left with nothing goes.
LogicalPtr PushPredicatesIntoScans(const LogicalPtr& plan);

/// Whether every value of integer type `from` is a value of integer type `to`: a cast from
/// one to the other then changes no value and no order, and a comparison after it may be
/// made on the column itself (`AdvEngineID <> 0` on a SMALLINT compares it as an INTEGER).
bool WidensInteger(const types::DataType& from, const types::DataType& to);

}  // namespace boyodb::sql
