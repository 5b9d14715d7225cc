// Column pruning: every operator keeps only the columns some operator above it reads, down to
// the scans, which then read only those columns' buffers (TPC-H Q6 reads 4 of lineitem's 16
// columns). The plan's own output columns are all kept.
// Thread safety: pure function over immutable plans.
#pragma once

#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `plan` with unread columns removed below its root. Plans that still hold correlated
/// subqueries (which address the columns of the operator they sit in) are returned as they
/// are.
LogicalPtr PruneColumns(const LogicalPtr& plan);

}  // namespace boyodb::sql
