// Scope: the columns a query's expressions can name: one entry per FROM item (its alias and
// columns) laid out in the order of the operator's input, plus the scope of the enclosing query
// for correlated references.
// Thread safety: one binder, one thread.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "types/data_type.h"

namespace boyodb::sql {

struct ScopeColumn {
  std::string name;
  types::DataType type;
  int32_t index = 0;  // position in the operator's input
  // Not found by an unqualified name nor expanded by an unqualified * (the copies of a USING
  // column, which their merged column stands for); `t.x` and `t.*` still reach it.
  bool hidden = false;
};

struct ScopeRelation {
  std::string alias;  // the table name or the alias; empty for a subquery without alias
  std::vector<ScopeColumn> columns;
};

struct ColumnMatch {
  types::DataType type;
  int32_t index = 0;
  int32_t depth = 0;  // 0: this query; 1: the enclosing one; ...
};

class Scope {
 public:
  explicit Scope(const Scope* outer = nullptr) : outer_(outer) {}

  void AddRelation(ScopeRelation relation) { relations_.push_back(std::move(relation)); }
  const std::vector<ScopeRelation>& relations() const { return relations_; }
  std::vector<ScopeRelation>& mutable_relations() { return relations_; }
  const Scope* outer() const { return outer_; }
  /// Number of columns of the input this scope describes.
  int32_t width() const;

  /// Finds a column by `parts` ({"a"}, {"t", "a"}, {"db", "t", "a"}), looking outward through
  /// enclosing scopes. 42703 `column "x" does not exist`, 42702 `column reference "a" is
  /// ambiguous`, 42P01 `missing FROM-clause entry for table "t"`; errors carry `position`.
  Result<ColumnMatch> Resolve(const std::vector<std::string>& parts, int32_t position) const;

  /// The relation named `alias` in this scope only, or nullptr.
  const ScopeRelation* FindRelation(std::string_view alias) const;

 private:
  std::vector<ScopeRelation> relations_;
  const Scope* outer_;
};

}  // namespace boyodb::sql
