// Statements as parsed: SELECT (with set operations, WITH and VALUES), DDL, DML, and session
// commands. Names are kept as written (lower-cased unless quoted); nothing is resolved yet.
// Thread safety: plain data.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/ast/expr.h"

namespace boyodb::sql::ast {

/// [database.][schema.]name: `parts` holds one to three names.
struct QualifiedName {
  std::vector<std::string> parts;
  int32_t position = 0;
  const std::string& name() const { return parts.back(); }
  std::string ToString() const;
};

struct TableRef;
using TableRefPtr = std::unique_ptr<TableRef>;

/// An item of a FROM clause.
struct TableRef {
  enum class Kind : uint8_t { kTable, kSubquery, kJoin, kFunction };
  explicit TableRef(Kind kind) : kind(kind) {}
  virtual ~TableRef() = default;
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }
  const Kind kind;
  std::string alias;                        // empty when none
  std::vector<std::string> column_aliases;  // t(a, b)
  int32_t position = 0;
};

/// FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE [OF t, ...] [NOWAIT | SKIP LOCKED].
struct LockingClause {
  std::string strength;                  // "UPDATE", "NO KEY UPDATE", "SHARE", "KEY SHARE"
  std::vector<QualifiedName> relations;  // OF ...; empty: every table of the FROM list
  enum class Wait : uint8_t { kBlock, kNoWait, kSkipLocked };
  Wait wait = Wait::kBlock;
};

/// TABLESAMPLE method(args) [REPEATABLE (seed)] after a table name.
struct TableSample {
  std::string method;  // lower case: "bernoulli", "system"
  std::vector<ExprPtr> args;
  ExprPtr repeatable;  // null: a different sample each time
  int32_t position = 0;
};

struct BaseTableRef : TableRef {
  BaseTableRef() : TableRef(Kind::kTable) {}
  QualifiedName name;
  std::unique_ptr<TableSample> sample;  // null: every row
};

struct SubqueryRef : TableRef {
  SubqueryRef() : TableRef(Kind::kSubquery) {}
  std::unique_ptr<SelectStatement> query;
  bool lateral = false;
  ~SubqueryRef() override;
};

/// generate_series(1, 10), unnest(...) in FROM.
/// A function in FROM: `f(...)`, or `ROWS FROM (f(...), g(...))` whose calls run side by side.
struct FunctionRef : TableRef {
  FunctionRef() : TableRef(Kind::kFunction) {}
  std::vector<ExprPtr> calls;
  bool ordinality = false;  // WITH ORDINALITY
  bool lateral = false;
};

enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull, kCross };

struct JoinRef : TableRef {
  JoinRef() : TableRef(Kind::kJoin) {}
  JoinType type = JoinType::kInner;
  TableRefPtr left;
  TableRefPtr right;
  ExprPtr condition;                       // ON
  std::vector<std::string> using_columns;  // USING (a, b)
  bool natural = false;
};

struct SelectItem {
  ExprPtr expr;
  std::string alias;  // AS name; empty when none
};

enum class SetOperation : uint8_t { kNone, kUnion, kIntersect, kExcept };

enum class GroupingKind : uint8_t { kExpr, kRollup, kCube, kSets, kEmpty };

/// One element of GROUP BY: an expression, ROLLUP(...), CUBE(...), GROUPING SETS (...) or ().
/// A parenthesized list `(a, b)` arrives as a ROW expression that the binder expands.
struct GroupingElement {
  GroupingKind kind = GroupingKind::kExpr;
  ExprPtr expr;                         // kExpr
  std::vector<ExprPtr> items;           // kRollup, kCube
  std::vector<GroupingElement> nested;  // kSets
};

struct CommonTableExpr {
  std::string name;
  std::vector<std::string> column_names;
  std::unique_ptr<SelectStatement> query;
  int32_t position = 0;
};

/// A query: a simple SELECT, a VALUES list, or a set operation over two queries; each with its
/// own WITH, ORDER BY and LIMIT.
struct SelectStatement {
  SelectStatement();
  ~SelectStatement();
  SelectStatement(SelectStatement&&) noexcept;
  SelectStatement& operator=(SelectStatement&&) noexcept;

  // WITH
  std::vector<CommonTableExpr> ctes;
  bool recursive = false;

  // A set operation: left <op> [ALL] right; the fields of a simple SELECT are empty then.
  SetOperation set_operation = SetOperation::kNone;
  bool set_all = false;
  std::unique_ptr<SelectStatement> left;
  std::unique_ptr<SelectStatement> right;

  // VALUES (...), (...)
  std::vector<std::vector<ExprPtr>> values;

  // A simple SELECT.
  bool distinct = false;
  std::vector<ExprPtr> distinct_on;
  std::vector<SelectItem> items;
  std::vector<TableRefPtr> from;
  ExprPtr where;
  std::vector<GroupingElement> group_by;
  bool group_distinct = false;  // GROUP BY DISTINCT: each grouping set once
  ExprPtr having;
  std::vector<WindowSpec> windows;  // WINDOW w AS (...)

  // Apply to the whole query (of a set operation too).
  std::vector<OrderItem> order_by;
  ExprPtr limit;                       // null: no limit (LIMIT ALL too)
  ExprPtr offset;                      // null: 0
  bool with_ties = false;              // FETCH FIRST n ROWS WITH TIES
  std::vector<LockingClause> locking;  // FOR UPDATE ...
  int32_t position = 0;
};

/// name = value in WITH (...) or SET: the value kept as text.
struct Option {
  std::string name;
  std::string value;
  int32_t position = 0;
};

/// A CHECK constraint of CREATE TABLE (on a column or on the table) or of ALTER TABLE ADD
/// CONSTRAINT.
struct CheckConstraintDefinition {
  std::string name;  // CONSTRAINT name; empty: chosen as PostgreSQL does
  ExprPtr expr;
  std::string text;  // expr as SQL text, for the catalog
  int32_t position = 0;
};

struct ColumnDefinition {
  std::string name;
  TypeName type;
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  ExprPtr default_value;
  std::string default_text;  // default_value as SQL text, for the catalog
  // GENERATED ALWAYS | BY DEFAULT AS IDENTITY [(sequence options)].
  enum class Identity : uint8_t { kNone, kAlways, kByDefault };
  Identity identity = Identity::kNone;
  std::vector<Option> identity_options;
  std::vector<CheckConstraintDefinition> checks;  // CHECK (...) written on the column
  int32_t position = 0;
};

/// A PRIMARY KEY or UNIQUE constraint of CREATE TABLE, written on a column or on the table.
struct KeyConstraint {
  std::string name;  // CONSTRAINT name; empty: chosen as PostgreSQL does
  std::vector<std::string> columns;
  bool primary_key = false;
  int32_t position = 0;
};

/// What COMMIT does to a temporary table: nothing (PRESERVE ROWS), empty it, or drop it.
enum class OnCommit : uint8_t { kPreserveRows, kDeleteRows, kDrop };

struct CreateTableStatement {
  QualifiedName name;
  /// CREATE TEMP[ORARY] TABLE: the session's own table, gone when the session ends.
  bool temporary = false;
  OnCommit on_commit = OnCommit::kPreserveRows;
  std::vector<ColumnDefinition> columns;
  std::vector<std::string> primary_key;  // PRIMARY KEY (a, b) as a table constraint
  std::vector<KeyConstraint> keys;       // every PRIMARY KEY and UNIQUE, in written order
  /// Every CHECK, on columns and on the table, in written order (the order PostgreSQL names
  /// them in).
  std::vector<CheckConstraintDefinition> checks;
  std::vector<Option> options;  // WITH (engine = ..., order_by = ..., codec = ...)
  bool if_not_exists = false;
  std::unique_ptr<SelectStatement> as_query;  // CREATE TABLE ... AS SELECT
  bool with_no_data = false;                  // ... AS SELECT ... WITH NO DATA
};

enum class ObjectKind : uint8_t { kTable, kView, kIndex, kDatabase, kSchema, kSequence };

struct DropStatement {
  ObjectKind object = ObjectKind::kTable;
  std::vector<QualifiedName> names;
  bool if_exists = false;
  bool cascade = false;
};

struct CreateDatabaseStatement {
  std::string name;
  bool if_not_exists = false;
  bool schema = false;  // CREATE SCHEMA
  int32_t position = 0;
};

/// CREATE SEQUENCE name [INCREMENT [BY] n] [MINVALUE n | NO MINVALUE] [MAXVALUE n | NO
/// MAXVALUE] [START [WITH] n] [CACHE n] [[NO] CYCLE]: options by lower-case name ("increment",
/// "minvalue", ...), an empty value for NO MINVALUE / NO MAXVALUE.
struct CreateSequenceStatement {
  QualifiedName name;
  bool temporary = false;  // CREATE TEMP SEQUENCE
  std::vector<Option> options;
  bool if_not_exists = false;
};

/// ALTER SEQUENCE name [options] with CREATE SEQUENCE's options plus RESTART [WITH n] (an
/// empty value: restart at START), [NO] CYCLE ("true"/"false") and OWNED BY (the name's parts
/// joined by ",", or "none").
struct AlterSequenceStatement {
  QualifiedName name;
  std::vector<Option> options;
  bool if_exists = false;
};

struct CreateViewStatement {
  QualifiedName name;
  bool temporary = false;  // CREATE TEMP VIEW
  std::vector<std::string> column_names;
  std::unique_ptr<SelectStatement> query;
  std::string query_text;  // the SELECT as written, kept in the catalog
  bool or_replace = false;
};

struct CreateIndexStatement {
  std::string name;  // may be empty
  QualifiedName table;
  std::vector<OrderItem> columns;
  std::string method;  // USING bloom|minmax|btree...; empty: the default
  bool unique = false;
  bool if_not_exists = false;
  std::vector<Option> options;
};

struct UpdateStatement {
  QualifiedName table;
  std::string alias;
  struct Assignment {
    std::string column;
    ExprPtr value;  // null when row_source gives the value
    int32_t position = 0;
    // SET (a, b) = (SELECT x, y ...): the subquery, shared by the assignments of its columns,
    // and which of its row_width columns this assignment takes.
    std::shared_ptr<const SubqueryExpr> row_source;
    int32_t row_field = 0;
    int32_t row_width = 0;
  };
  std::vector<Assignment> assignments;
  std::vector<TableRefPtr> from;
  ExprPtr where;
  std::vector<SelectItem> returning;
  std::vector<CommonTableExpr> ctes;  // WITH ... UPDATE
  bool recursive = false;
};

/// INSERT's ON CONFLICT clause.
struct OnConflict {
  enum class Action : uint8_t { kNothing, kUpdate };
  Action action = Action::kNothing;
  std::vector<std::string> target_columns;               // ON CONFLICT (a, b)
  std::string constraint;                                // ON CONFLICT ON CONSTRAINT name
  std::vector<UpdateStatement::Assignment> assignments;  // DO UPDATE SET
  ExprPtr where;                                         // DO UPDATE ... WHERE
  int32_t position = 0;
};

struct InsertStatement {
  QualifiedName table;
  std::string alias;                        // INSERT INTO t AS alias
  std::vector<std::string> columns;         // empty: every column in order
  std::unique_ptr<SelectStatement> source;  // VALUES or a query; null: DEFAULT VALUES
  std::vector<SelectItem> returning;
  bool overriding_system_value = false;  // OVERRIDING SYSTEM VALUE
  std::unique_ptr<OnConflict> on_conflict;
};

struct DeleteStatement {
  QualifiedName table;
  std::string alias;
  std::vector<TableRefPtr> using_tables;
  ExprPtr where;
  std::vector<SelectItem> returning;
  std::vector<CommonTableExpr> ctes;  // WITH ... DELETE
  bool recursive = false;
};

struct TruncateStatement {
  std::vector<QualifiedName> tables;
};

struct AlterTableStatement {
  QualifiedName table;
  bool if_exists = false;
  enum class Action : uint8_t {
    kAddColumn,
    kDropColumn,
    kRenameColumn,
    kRenameTable,
    kAddConstraint,   // ADD [CONSTRAINT name] CHECK (...)
    kDropConstraint,  // DROP CONSTRAINT [IF EXISTS] name
    kSetIdentity,     // ALTER [COLUMN] c RESTART [WITH n] | SET INCREMENT BY n | SET GENERATED ...
  };
  Action action = Action::kAddColumn;
  ColumnDefinition column;          // kAddColumn
  std::string old_name;             // kDropColumn, kRenameColumn, kDropConstraint, kSetIdentity
  std::string new_name;             // kRenameColumn, kRenameTable
  bool if_column_exists = false;    // kAddColumn, kDropColumn; kDropConstraint: IF EXISTS
  CheckConstraintDefinition check;  // kAddConstraint
  std::vector<Option> identity_options;  // kSetIdentity, as ALTER SEQUENCE's
};

struct ExplainStatement;
struct Statement;

struct SetStatement {
  std::string name;  // lower-cased
  std::vector<std::string> values;
  bool reset = false;  // RESET name / SET name TO DEFAULT
  bool local = false;
};

struct ShowStatement {
  std::string name;  // "all" for SHOW ALL
};

/// kSetCurrent is SET TRANSACTION (the open block's characteristics); kSetSession is SET
/// SESSION CHARACTERISTICS AS TRANSACTION (the default of later blocks).
enum class TransactionAction : uint8_t { kBegin, kCommit, kRollback, kSetCurrent, kSetSession };

struct TransactionStatement {
  TransactionAction action = TransactionAction::kBegin;
  /// BEGIN's and SET TRANSACTION's modes when given: READ ONLY (true) or READ WRITE (false),
  /// ISOLATION LEVEL in lower case ("read committed", "serializable"), [NOT] DEFERRABLE.
  std::optional<bool> read_only;
  std::string isolation;
  std::optional<bool> deferrable;
  int32_t position = 0;
};

struct PrepareStatement {
  std::string name;
  std::vector<TypeName> parameter_types;
  std::unique_ptr<Statement> statement;
  ~PrepareStatement();
};

struct ExecuteStatement {
  std::string name;
  std::vector<ExprPtr> parameters;
};

struct DeallocateStatement {
  std::string name;  // empty: ALL
};

struct CopyStatement {
  QualifiedName table;  // empty when query is set
  std::vector<std::string> columns;
  std::unique_ptr<SelectStatement> query;  // COPY (query) TO
  bool from = true;                        // FROM file; false: TO file
  std::string file;                        // empty: STDIN / STDOUT
  std::vector<Option> options;             // FORMAT, HEADER, DELIMITER, NULL, QUOTE, ...
};

/// CREATE / ALTER / DROP USER or ROLE, and GRANT / REVOKE role TO / FROM role.
struct RoleStatement {
  enum class Action : uint8_t { kCreate, kAlter, kDrop, kGrant, kRevoke };
  Action action = Action::kCreate;
  /// CREATE USER: LOGIN unless NOLOGIN; CREATE ROLE: NOLOGIN unless LOGIN.
  bool is_user = false;
  /// The roles created, altered or dropped; for GRANT and REVOKE, the grantees.
  std::vector<std::string> names;
  /// GRANT and REVOKE: the roles granted or revoked.
  std::vector<std::string> granted;
  /// "password" (the text; "nopassword" for PASSWORD NULL), "superuser", "createdb",
  /// "createrole", "login", "inherit" ("true"/"false"), "in_role" (comma-separated), and
  /// PostgreSQL's other names as they are (refused by the session).
  std::vector<Option> options;
  bool if_exists = false;  // DROP ... IF EXISTS
  int32_t position = 0;
};

/// GRANT / REVOKE privileges ON objects TO / FROM roles.
struct PrivilegeStatement {
  enum class Target : uint8_t {
    kTables,             // ON [TABLE] a, b
    kAllTablesInSchema,  // ON ALL TABLES IN SCHEMA s
    kSchemas,            // ON SCHEMA s (a BoyoDB database)
    kDatabases,          // ON DATABASE d
  };
  bool grant = true;
  Target target = Target::kTables;
  std::vector<QualifiedName> tables;  // kTables
  std::vector<std::string> names;     // the schemas or databases of the other targets
  /// Lower case as written ("select", "insert", "drop"); empty: ALL [PRIVILEGES].
  std::vector<std::string> privileges;
  std::vector<std::string> grantees;
  /// GRANT ... WITH GRANT OPTION; REVOKE GRANT OPTION FOR ... (only the option is revoked).
  bool grant_option = false;
  int32_t position = 0;
};

enum class StatementKind : uint8_t {
  kSelect,
  kCreateTable,
  kCreateDatabase,
  kCreateView,
  kCreateIndex,
  kDrop,
  kInsert,
  kUpdate,
  kDelete,
  kTruncate,
  kAlterTable,
  kExplain,
  kSet,
  kShow,
  kTransaction,
  kPrepare,
  kExecute,
  kDeallocate,
  kCopy,
  kCreateSequence,
  kAlterSequence,
  kRole,
  kPrivilege,
};

/// One parsed statement. Exactly the member that `kind` names is set.
struct Statement {
  StatementKind kind = StatementKind::kSelect;
  std::unique_ptr<SelectStatement> select;
  std::unique_ptr<CreateTableStatement> create_table;
  std::unique_ptr<CreateDatabaseStatement> create_database;
  std::unique_ptr<CreateViewStatement> create_view;
  std::unique_ptr<CreateSequenceStatement> create_sequence;
  std::unique_ptr<AlterSequenceStatement> alter_sequence;
  std::unique_ptr<CreateIndexStatement> create_index;
  std::unique_ptr<DropStatement> drop;
  std::unique_ptr<InsertStatement> insert;
  std::unique_ptr<UpdateStatement> update;
  std::unique_ptr<DeleteStatement> delete_;
  std::unique_ptr<TruncateStatement> truncate;
  std::unique_ptr<AlterTableStatement> alter_table;
  std::unique_ptr<ExplainStatement> explain;
  std::unique_ptr<SetStatement> set;
  std::unique_ptr<ShowStatement> show;
  std::unique_ptr<TransactionStatement> transaction;
  std::unique_ptr<PrepareStatement> prepare;
  std::unique_ptr<ExecuteStatement> execute;
  std::unique_ptr<DeallocateStatement> deallocate;
  std::unique_ptr<CopyStatement> copy;
  std::unique_ptr<RoleStatement> role;
  std::unique_ptr<PrivilegeStatement> privilege;
  /// The statement's own text (one statement of a multi-statement string).
  std::string text;
  /// Where `text` starts in the string that was parsed (0-based byte offset), for positions.
  int32_t offset = 0;

  Statement();
  ~Statement();
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
};

struct ExplainStatement {
  bool analyze = false;
  bool verbose = false;
  Statement statement;
};

}  // namespace boyodb::sql::ast
