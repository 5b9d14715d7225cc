// Predicate pushdown into scans: the simple conjuncts of a WHERE over a table (`column op
// constant`, `column IS [NOT] NULL`) also become the scan's storage predicates, so the storage
// engine skips segments by bloom filter and batches by zone map before it decodes rows.
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// A plan equal to `plan` except that every Filter directly over a Get hands its pushable
/// conjuncts to the Get. The Filter stays: the storage engine's predicates only narrow what it
/// reads, and the Filter keeps SQL's full semantics in one place.
LogicalPtr PushPredicatesIntoScans(const LogicalPtr& plan);

}  // namespace boyodb::sql
