#include "sql/binder/grouping_sets.h"

#include <algorithm>
#include <set>
#include <string>

#include "common/sqlstate.h"

namespace boyodb::sql {

namespace {

constexpr size_t kMaxGroupingSets = 4096;

using Sets = std::vector<GroupingSet>;

Status TooManySets(int32_t position) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kStatementTooComplex,
                "too many grouping sets present (maximum " + std::to_string(kMaxGroupingSets) + ")")
      .WithPosition(position);
}

// `into` followed by the positions of `more` it lacks.
GroupingSet Concatenate(GroupingSet into, const GroupingSet& more) {
  for (const int32_t group : more) {
    if (std::find(into.begin(), into.end(), group) == into.end()) into.push_back(group);
  }
  return into;
}

Result<Sets> Expand(const ast::GroupingElement& element, const GroupIndexer& index_of,
                    int32_t position) {
  switch (element.kind) {
    case ast::GroupingKind::kExpr: {
      BOYO_ASSIGN_OR_RETURN(GroupingSet set, index_of(*element.expr));
      return Sets{std::move(set)};
    }
    case ast::GroupingKind::kEmpty:
      return Sets{GroupingSet{}};
    case ast::GroupingKind::kRollup:
    case ast::GroupingKind::kCube: {
      std::vector<GroupingSet> items;
      for (const ast::ExprPtr& item : element.items) {
        BOYO_ASSIGN_OR_RETURN(GroupingSet parts, index_of(*item));
        items.push_back(std::move(parts));
      }
      Sets out;
      if (element.kind == ast::GroupingKind::kRollup) {
        // Every prefix, longest first.
        for (size_t length = items.size() + 1; length-- > 0;) {
          GroupingSet set;
          for (size_t i = 0; i < length; ++i) set = Concatenate(std::move(set), items[i]);
          out.push_back(std::move(set));
        }
        return out;
      }
      // Every subset; the first item is the most significant bit, so CUBE(a, b) is
      // (a, b), (a), (b), ().
      if (items.size() >= 13) return TooManySets(position);
      const uint32_t all = (1u << items.size()) - 1;
      for (uint32_t mask = all + 1; mask-- > 0;) {
        GroupingSet set;
        for (size_t i = 0; i < items.size(); ++i) {
          if ((mask >> (items.size() - 1 - i)) & 1u) set = Concatenate(std::move(set), items[i]);
        }
        out.push_back(std::move(set));
      }
      return out;
    }
    case ast::GroupingKind::kSets: {
      Sets out;
      for (const ast::GroupingElement& nested : element.nested) {
        BOYO_ASSIGN_OR_RETURN(Sets sets, Expand(nested, index_of, position));
        for (GroupingSet& set : sets) out.push_back(std::move(set));
        if (out.size() > kMaxGroupingSets) return TooManySets(position);
      }
      return out;
    }
  }
  return Status::Internal("unknown grouping element");
}

}  // namespace

Result<std::vector<GroupingSet>> ExpandGroupingSets(
    const std::vector<ast::GroupingElement>& elements, const GroupIndexer& index_of, bool distinct,
    int32_t position) {
  bool plain = true;
  Sets combined{GroupingSet{}};
  for (const ast::GroupingElement& element : elements) {
    plain = plain && element.kind == ast::GroupingKind::kExpr;
    BOYO_ASSIGN_OR_RETURN(Sets sets, Expand(element, index_of, position));
    if (combined.size() * sets.size() > kMaxGroupingSets) return TooManySets(position);
    Sets next;
    for (const GroupingSet& left : combined) {
      for (const GroupingSet& right : sets) next.push_back(Concatenate(left, right));
    }
    combined = std::move(next);
  }
  if (plain) return Sets{};
  if (distinct) {
    Sets unique;
    std::set<GroupingSet> seen;
    for (const GroupingSet& set : combined) {
      GroupingSet members = set;
      std::sort(members.begin(), members.end());
      members.erase(std::unique(members.begin(), members.end()), members.end());
      if (seen.insert(members).second) unique.push_back(set);
    }
    combined = std::move(unique);
  }
  return combined;
}

Result<BoundAggregate> MakeGroupingCall(std::vector<BoundExprPtr> args, int32_t position) {
  // The value is an int4 bit mask, one bit per argument.
  if (args.size() > 31) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kTooManyArguments,
                  "GROUPING must have fewer than 32 arguments")
        .WithPosition(position);
  }
  BoundAggregate call;
  call.name = "grouping";
  call.args = std::move(args);
  call.is_grouping = true;
  call.type = types::DataType::Int32();
  return call;
}

Status ResolveGroupingCalls(const std::vector<BoundExprPtr>& groups,
                            std::vector<BoundAggregate>* aggregates) {
  for (BoundAggregate& call : *aggregates) {
    if (!call.is_grouping) continue;
    call.grouping_columns.clear();
    for (const BoundExprPtr& arg : call.args) {
      int32_t found = -1;
      for (size_t i = 0; i < groups.size() && found < 0; ++i) {
        if (SameExpr(*arg, *groups[i])) found = static_cast<int32_t>(i);
      }
      if (found < 0) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kGroupingError,
                      "arguments to GROUPING must be grouping expressions of the associated "
                      "query level");
      }
      call.grouping_columns.push_back(found);
    }
  }
  return Status::OK();
}

}  // namespace boyodb::sql
