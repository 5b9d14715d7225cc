#include "sql/optimizer/optimizer.h"

#include "sql/optimizer/join_predicates.h"
#include "sql/optimizer/scan_predicates.h"

namespace boyodb::sql {

LogicalPtr Optimize(const LogicalPtr& plan) {
  return PushPredicatesIntoScans(PushFiltersIntoJoins(plan));
}

}  // namespace boyodb::sql
