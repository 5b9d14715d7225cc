#include "sql/parser/rename_references.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <set>
#include <utility>

#include "common/sqlstate.h"
#include "sql/parser/deparse_expression.h"

namespace boyodb::sql {

namespace {

std::string_view Text(const char* text) { return text == nullptr ? "" : text; }

// A parse tree unpacked from libpg_query's protobuf form, open to edits. protobuf-c frees
// only what it allocated, so every edit is undone before the tree is freed.
class EditableTree {
 public:
  // 42601 when `sql` does not parse.
  static Result<std::unique_ptr<EditableTree>> Parse(const std::string& sql) {
    PgQueryProtobufParseResult parsed = pg_query_parse_protobuf(sql.c_str());
    std::unique_ptr<PgQueryProtobufParseResult, void (*)(PgQueryProtobufParseResult*)> guard(
        &parsed,
        [](PgQueryProtobufParseResult* result) { pg_query_free_protobuf_parse_result(*result); });
    if (parsed.error != nullptr) {
      return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError, parsed.error->message);
    }
    PgQuery__ParseResult* tree = pg_query__parse_result__unpack(
        nullptr, parsed.parse_tree.len, reinterpret_cast<const uint8_t*>(parsed.parse_tree.data));
    if (tree == nullptr) return Status::Internal("could not decode the parse tree");
    return std::make_unique<EditableTree>(tree);
  }

  // Takes ownership of `tree`.
  explicit EditableTree(PgQuery__ParseResult* tree) : tree_(tree) {}

  ~EditableTree() {
    for (auto it = replaced_.rbegin(); it != replaced_.rend(); ++it) *it->first = it->second;
    for (const Shortened& shortened : shortened_) {
      shortened.ref->n_fields = shortened.n_fields;
      shortened.ref->fields = shortened.fields;
    }
    for (PgQuery__RangeVar* range : aliased_) range->alias = nullptr;
    pg_query__parse_result__free_unpacked(tree_, nullptr);
  }

  PgQuery__ParseResult& tree() { return *tree_; }

  // Points `*slot` at `text`, kept alive as long as the tree.
  void SetString(char** slot, std::string text) {
    replaced_.emplace_back(slot, *slot);
    *slot = strings_.emplace_back(std::move(text)).data();
  }

  // Gives `range`, which has no alias, the alias `name`.
  void SetAlias(PgQuery__RangeVar* range, std::string name) {
    PgQuery__Alias& alias = aliases_.emplace_back();
    alias = PG_QUERY__ALIAS__INIT;
    alias.aliasname = strings_.emplace_back(std::move(name)).data();
    range->alias = &alias;
    aliased_.push_back(range);
  }

  // Makes `ref` name only its last part.
  void KeepLastPart(PgQuery__ColumnRef* ref) {
    shortened_.push_back({ref, ref->n_fields, ref->fields});
    ref->fields += ref->n_fields - 1;
    ref->n_fields = 1;
  }

  // The whole tree as SQL text.
  Result<std::string> Deparse() const { return internal::DeparseTree(*tree_); }

 private:
  PgQuery__ParseResult* const tree_;
  std::deque<std::string> strings_;
  std::deque<PgQuery__Alias> aliases_;
  std::vector<std::pair<char**, char*>> replaced_;
  std::vector<PgQuery__RangeVar*> aliased_;
  struct Shortened {
    PgQuery__ColumnRef* ref;
    size_t n_fields;
    PgQuery__Node** fields;
  };
  std::vector<Shortened> shortened_;
};

// Calls `visit` on every message directly inside `message` (the set member of a oneof only).
void ForEachChild(ProtobufCMessage* message, const std::function<void(ProtobufCMessage*)>& visit) {
  char* base = reinterpret_cast<char*>(message);
  const ProtobufCMessageDescriptor& descriptor = *message->descriptor;
  for (unsigned i = 0; i < descriptor.n_fields; ++i) {
    const ProtobufCFieldDescriptor& field = descriptor.fields[i];
    if (field.type != PROTOBUF_C_TYPE_MESSAGE) continue;
    if ((field.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) != 0 &&
        *reinterpret_cast<const uint32_t*>(base + field.quantifier_offset) != field.id) {
      continue;
    }
    if (field.label == PROTOBUF_C_LABEL_REPEATED) {
      const size_t count = *reinterpret_cast<const size_t*>(base + field.quantifier_offset);
      ProtobufCMessage** items = *reinterpret_cast<ProtobufCMessage***>(base + field.offset);
      for (size_t k = 0; k < count; ++k) {
        if (items[k] != nullptr) visit(items[k]);
      }
    } else {
      ProtobufCMessage* child = *reinterpret_cast<ProtobufCMessage**>(base + field.offset);
      if (child != nullptr) visit(child);
    }
  }
}

// Renames the table wherever a view's query names it, minding WITH queries that hide it.
class TableReferenceRenamer {
 public:
  TableReferenceRenamer(EditableTree& tree, std::string_view view_database,
                        const TableRename& rename)
      : tree_(tree), view_database_(view_database), rename_(rename) {}

  // `ctes`: the WITH query names visible where `message` is.
  void Walk(ProtobufCMessage* message, const std::set<std::string>& ctes) {
    if (message->descriptor == &pg_query__range_var__descriptor) {
      auto* range = reinterpret_cast<PgQuery__RangeVar*>(message);
      if (Names(*range, ctes)) {
        tree_.SetString(&range->relname, rename_.new_name);
        if (range->alias == nullptr) tree_.SetAlias(range, rename_.old_name);
        changed_ = true;
      }
      return;
    }
    if (message->descriptor == &pg_query__select_stmt__descriptor) {
      auto* select = reinterpret_cast<PgQuery__SelectStmt*>(message);
      if (select->with_clause != nullptr) {
        WalkWith(select, ctes);
        return;
      }
    }
    ForEachChild(message, [&](ProtobufCMessage* child) { Walk(child, ctes); });
  }

  bool changed() const { return changed_; }

 private:
  // A WITH query sees the ones before it (all of them under RECURSIVE); the rest of the
  // SELECT sees all of them.
  void WalkWith(PgQuery__SelectStmt* select, const std::set<std::string>& ctes) {
    PgQuery__WithClause* with = select->with_clause;
    std::vector<PgQuery__CommonTableExpr*> queries;
    for (size_t i = 0; i < with->n_ctes; ++i) {
      if (with->ctes[i]->node_case == PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR) {
        queries.push_back(with->ctes[i]->common_table_expr);
      }
    }
    std::set<std::string> visible = ctes;
    if (with->recursive) {
      for (const PgQuery__CommonTableExpr* query : queries) visible.insert(query->ctename);
    }
    for (PgQuery__CommonTableExpr* query : queries) {
      if (query->ctequery != nullptr) Walk(&query->ctequery->base, visible);
      visible.insert(query->ctename);
    }
    select->with_clause = nullptr;
    ForEachChild(&select->base, [&](ProtobufCMessage* child) { Walk(child, visible); });
    select->with_clause = with;
  }

  // Whether `range` names the renamed table, resolved as the engine resolves names
  // (engine/session_catalog.h): schema "public" is the view's database, another schema a
  // database of that name.
  bool Names(const PgQuery__RangeVar& range, const std::set<std::string>& ctes) const {
    if (Text(range.relname) != rename_.old_name) return false;
    const std::string_view catalog = Text(range.catalogname);
    const std::string_view schema = Text(range.schemaname);
    if (catalog.empty() && schema.empty() && ctes.contains(rename_.old_name)) return false;
    std::string_view database = view_database_;
    if (!catalog.empty()) {
      if (schema != "public" && schema != catalog) return false;
      database = catalog;
    } else if (!schema.empty() && schema != "public") {
      database = schema;
    }
    return database == rename_.database;
  }

  EditableTree& tree_;
  const std::string_view view_database_;
  const TableRename& rename_;
  bool changed_ = false;
};

// Calls `visit` on every column reference in `message`.
void ForEachColumnRef(ProtobufCMessage* message,
                      const std::function<void(PgQuery__ColumnRef&)>& visit) {
  if (message->descriptor == &pg_query__column_ref__descriptor) {
    visit(*reinterpret_cast<PgQuery__ColumnRef*>(message));
    return;
  }
  ForEachChild(message, [&](ProtobufCMessage* child) { ForEachColumnRef(child, visit); });
}

// The last part of a column reference when it is a name (not `*`).
PgQuery__String* LastName(PgQuery__ColumnRef& ref) {
  if (ref.n_fields == 0) return nullptr;
  PgQuery__Node* last = ref.fields[ref.n_fields - 1];
  return last->node_case == PG_QUERY__NODE__NODE_STRING ? last->string : nullptr;
}

// `expression` parsed inside "SELECT ..." and the node of the expression itself.
Result<std::pair<std::unique_ptr<EditableTree>, PgQuery__Node*>> ParseExpression(
    std::string_view expression) {
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<EditableTree> tree,
                        EditableTree::Parse("SELECT " + std::string(expression)));
  PgQuery__ParseResult& parsed = tree->tree();
  const PgQuery__SelectStmt* select =
      parsed.n_stmts == 1 && parsed.stmts[0]->stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT
          ? parsed.stmts[0]->stmt->select_stmt
          : nullptr;
  if (select == nullptr || select->n_target_list != 1 || select->n_from_clause != 0 ||
      select->target_list[0]->node_case != PG_QUERY__NODE__NODE_RES_TARGET ||
      select->target_list[0]->res_target->val == nullptr) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "not one expression: " + std::string(expression));
  }
  PgQuery__Node* node = select->target_list[0]->res_target->val;
  return std::make_pair(std::move(tree), node);
}

}  // namespace

Result<std::optional<std::string>> RenameTableInView(std::string_view definition,
                                                     std::string_view view_database,
                                                     const TableRename& rename) {
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<EditableTree> tree,
                        EditableTree::Parse(std::string(definition)));
  PgQuery__ParseResult& parsed = tree->tree();
  if (parsed.n_stmts != 1 || parsed.stmts[0]->stmt->node_case != PG_QUERY__NODE__NODE_VIEW_STMT ||
      parsed.stmts[0]->stmt->view_stmt->query == nullptr) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
                  "not a CREATE VIEW statement: " + std::string(definition));
  }
  TableReferenceRenamer renamer(*tree, view_database, rename);
  // Only the query: the view's own name is not a reference.
  renamer.Walk(&parsed.stmts[0]->stmt->view_stmt->query->base, {});
  if (!renamer.changed()) return std::optional<std::string>();
  BOYO_ASSIGN_OR_RETURN(std::string text, tree->Deparse());
  return std::optional<std::string>(std::move(text));
}

Result<std::string> RenameColumnInExpression(std::string_view expression, std::string_view old_name,
                                             std::string_view new_name) {
  BOYO_ASSIGN_OR_RETURN(auto parsed, ParseExpression(expression));
  EditableTree& tree = *parsed.first;
  PgQuery__Node* node = parsed.second;
  ForEachColumnRef(&node->base, [&](PgQuery__ColumnRef& ref) {
    PgQuery__String* name = LastName(ref);
    if (name != nullptr && Text(name->sval) == old_name) {
      tree.SetString(&name->sval, std::string(new_name));
    }
  });
  return internal::DeparseExpression(node);
}

Result<std::string> UnqualifyColumns(std::string_view expression) {
  BOYO_ASSIGN_OR_RETURN(auto parsed, ParseExpression(expression));
  EditableTree& tree = *parsed.first;
  PgQuery__Node* node = parsed.second;
  ForEachColumnRef(&node->base, [&](PgQuery__ColumnRef& ref) {
    if (ref.n_fields > 1 && LastName(ref) != nullptr) tree.KeepLastPart(&ref);
  });
  return internal::DeparseExpression(node);
}

Result<std::vector<std::string>> ColumnsInExpression(std::string_view expression) {
  BOYO_ASSIGN_OR_RETURN(auto parsed, ParseExpression(expression));
  std::vector<std::string> columns;
  ForEachColumnRef(&parsed.second->base, [&](PgQuery__ColumnRef& ref) {
    const PgQuery__String* name = LastName(ref);
    if (name == nullptr) return;
    const std::string column(Text(name->sval));
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
      columns.push_back(column);
    }
  });
  return columns;
}

}  // namespace boyodb::sql
