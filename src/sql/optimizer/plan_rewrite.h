// The walk every optimizer rewrite shares: an operator with each child rewritten, copied only
// when some child changed (plans are immutable and shared).
// Thread safety: pure function over immutable plans.
#pragma once

#include <functional>

#include "sql/plan/logical_operator.h"

namespace boyodb::sql {

/// `plan` with `rewrite` applied to each child; `plan` itself when no child changed.
LogicalPtr RewriteChildren(const LogicalPtr& plan,
                           const std::function<LogicalPtr(const LogicalPtr&)>& rewrite);

}  // namespace boyodb::sql
