#include "sql/binder/scope.h"

#include <algorithm>

#include "common/sqlstate.h"

namespace boyodb::sql {

int32_t Scope::width() const {
  // The merged columns of a JOIN USING repeat the index of a column they stand for.
  int32_t width = 0;
  for (const ScopeRelation& relation : relations_) {
    for (const ScopeColumn& column : relation.columns) width = std::max(width, column.index + 1);
  }
  return width;
}

const ScopeRelation* Scope::FindRelation(std::string_view alias) const {
  for (const ScopeRelation& relation : relations_) {
    if (relation.alias == alias) return &relation;
  }
  return nullptr;
}

Result<ColumnMatch> Scope::Resolve(const std::vector<std::string>& parts, int32_t position) const {
  const std::string& column = parts.back();
  // A qualified name uses its last qualifier as the relation alias (db.t.a: "t").
  const std::string* qualifier = parts.size() >= 2 ? &parts[parts.size() - 2] : nullptr;
  int32_t depth = 0;
  bool relation_seen = false;
  for (const Scope* scope = this; scope != nullptr; scope = scope->outer_, ++depth) {
    const ScopeColumn* found = nullptr;
    int matches = 0;
    for (const ScopeRelation& relation : scope->relations_) {
      if (qualifier != nullptr && relation.alias != *qualifier) continue;
      relation_seen = true;
      for (const ScopeColumn& candidate : relation.columns) {
        if (candidate.name != column) continue;
        // Hidden copies of USING columns are reachable only through their own table's name.
        if (candidate.hidden && qualifier == nullptr) continue;
        if (found == nullptr || found->index != candidate.index) ++matches;
        found = &candidate;
      }
    }
    if (matches > 1) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kAmbiguousColumn,
                    "column reference \"" + column + "\" is ambiguous")
          .WithPosition(position);
    }
    if (found != nullptr) return ColumnMatch{found->type, found->index, depth};
  }
  if (qualifier != nullptr && !relation_seen) {
    return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                  "missing FROM-clause entry for table \"" + *qualifier + "\"")
        .WithPosition(position);
  }
  // PostgreSQL quotes a bare name but not a qualified one: column "x" / column t.x.
  std::string full;
  for (const std::string& part : parts) full += (full.empty() ? "" : ".") + part;
  if (parts.size() == 1) full = "\"" + full + "\"";
  return Status(StatusCode::kNotFound, sqlstate::kUndefinedColumn,
                "column " + full + " does not exist")
      .WithPosition(position);
}

}  // namespace boyodb::sql
