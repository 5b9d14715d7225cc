// SELECT ... FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE. BoyoDB locks tables,
// not rows: inside a transaction block a locking clause takes the mutation lock of every table
// it covers and keeps it to the block's end, the lock the block's first UPDATE or DELETE of a
// table takes, so no other session updates or deletes those rows meanwhile (their queries and
// inserts go on). Every strength takes that one lock. Outside a block the statement is its own
// transaction and holds nothing past its end, as in PostgreSQL. SKIP LOCKED, which skips the
// rows other transactions lock, has no meaning with table locks and is refused.
#include <set>

#include "common/sqlstate.h"
#include "engine/session.h"

namespace boyodb::engine {

namespace ast = sql::ast;

namespace {

Status NotAllowed(const ast::LockingClause& clause, const std::string& with) {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                "FOR " + clause.strength + " is not allowed with " + with);
}

// The FROM items a locking clause can cover, by the name they go by in the query (an alias
// or the table's name), with the table behind each; WITH query names are not tables.
void CollectTables(const ast::TableRef& ref, const std::set<std::string>& cte_names,
                   std::vector<std::pair<std::string, const ast::QualifiedName*>>* tables) {
  switch (ref.kind) {
    case ast::TableRef::Kind::kTable: {
      const auto& table = ref.As<ast::BaseTableRef>();
      if (table.name.parts.size() == 1 && cte_names.count(table.name.name()) != 0) return;
      tables->emplace_back(ref.alias.empty() ? table.name.name() : ref.alias, &table.name);
      return;
    }
    case ast::TableRef::Kind::kJoin: {
      const auto& join = ref.As<ast::JoinRef>();
      CollectTables(*join.left, cte_names, tables);
      CollectTables(*join.right, cte_names, tables);
      return;
    }
    case ast::TableRef::Kind::kSubquery: {
      // PostgreSQL locks the rows of a FROM subquery's tables too.
      const ast::SelectStatement& query = *ref.As<ast::SubqueryRef>().query;
      for (const ast::TableRefPtr& item : query.from) CollectTables(*item, cte_names, tables);
      return;
    }
    case ast::TableRef::Kind::kFunction:
      return;
  }
}

}  // namespace

Status Session::LockSelectedTables(const ast::SelectStatement& select) {
  if (select.locking.empty()) return Status::OK();
  const ast::LockingClause& first = select.locking.front();
  if (select.set_operation != ast::SetOperation::kNone) {
    return NotAllowed(first, "UNION/INTERSECT/EXCEPT");
  }
  if (select.distinct || !select.distinct_on.empty()) return NotAllowed(first, "DISTINCT clause");
  if (!select.group_by.empty()) return NotAllowed(first, "GROUP BY clause");
  if (select.having != nullptr) return NotAllowed(first, "HAVING clause");
  for (const ast::LockingClause& clause : select.locking) {
    if (clause.wait == ast::LockingClause::Wait::kSkipLocked) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "SKIP LOCKED is not supported: BoyoDB locks whole tables, not rows");
    }
  }
  std::set<std::string> cte_names;
  for (const ast::CommonTableExpr& cte : select.ctes) cte_names.insert(cte.name);
  std::vector<std::pair<std::string, const ast::QualifiedName*>> tables;
  for (const ast::TableRefPtr& item : select.from) CollectTables(*item, cte_names, &tables);

  // Which tables each clause covers: those its OF list names, or all of them.
  std::vector<std::pair<const ast::QualifiedName*, bool>> wanted;  // table, NOWAIT
  for (const ast::LockingClause& clause : select.locking) {
    const bool no_wait = clause.wait == ast::LockingClause::Wait::kNoWait;
    if (clause.relations.empty()) {
      for (const auto& table : tables) wanted.emplace_back(table.second, no_wait);
      continue;
    }
    for (const ast::QualifiedName& name : clause.relations) {
      bool found = false;
      for (const auto& table : tables) {
        if (table.first != name.name()) continue;
        wanted.emplace_back(table.second, no_wait);
        found = true;
      }
      if (!found) {
        return Status(StatusCode::kNotFound, sqlstate::kUndefinedTable,
                      "relation \"" + name.name() + "\" in FOR " + clause.strength +
                          " clause not found in FROM clause")
            .WithPosition(name.position);
      }
    }
  }
  if (!in_transaction()) return Status::OK();
  for (const auto& [name, no_wait] : wanted) {
    BOYO_ASSIGN_OR_RETURN(auto resolved, ResolveName(*name));
    // A view's rows are not stored; the query itself reports unknown names.
    BOYO_ASSIGN_OR_RETURN(std::optional<ViewInfo> view,
                          database_.FindView(resolved.first, resolved.second));
    if (view.has_value()) continue;
    if (!database_.DescribeTable(resolved.first, resolved.second).ok()) continue;
    const Result<TableMutation*> held = BlockMutation(resolved, no_wait);
    BOYO_RETURN_IF_ERROR(held.status());
  }
  return Status::OK();
}

}  // namespace boyodb::engine
