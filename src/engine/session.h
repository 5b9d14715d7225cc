// Session: runs SQL text against an embedded Database: parses, binds, plans and executes each
// statement, keeping the session's state (current database, settings, prepared statements, an
// open transaction). Every statement is atomic: an INSERT appends all its rows in one
// acknowledged write or none. BEGIN ... COMMIT groups INSERTs, which the session keeps (and its
// own queries see) until COMMIT applies them, and UPDATE and DELETE, whose changes wait likewise;
// docs/design/transactions.md has the guarantees. Thread safety: one session per client; a session
// is used by one thread at a time. Sessions share the Database, which is thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/copy/copy_client.h"
#include "engine/database.h"
#include "engine/prepared_query.h"
#include "engine/session_catalog.h"
#include "engine/session_sequences.h"
#include "exec/executor.h"
#include "functions/datetime/time_zone.h"
#include "security/password_hash.h"
#include "sql/ast/statement.h"
#include "sql/binder/query_binder.h"
#include "sql/function/function_api.h"

namespace boyodb::engine {

struct ChangedRows;  // session_mutation.cc

struct StatementResult {
  /// Columns of a statement that returns rows (SELECT, SHOW, EXPLAIN); empty otherwise.
  std::vector<sql::OutputColumn> columns;
  std::vector<columnar::Chunk> chunks;
  bool returns_rows = false;
  /// PostgreSQL's command tag: "SELECT 3", "INSERT 0 2", "CREATE TABLE".
  std::string command_tag;
  /// The session's TimeZone when the statement ran: clients show TIMESTAMPTZ values in it.
  functions::TimeZone time_zone;
  /// Segments the statement's scans read (not skipped by zone maps or bloom filters), and
  /// rows they decoded.
  int64_t segments_scanned = 0;
  int64_t rows_read = 0;
  int64_t num_rows() const;
  /// A result with only a command tag (DDL, SET, BEGIN).
  static StatementResult FromTag(std::string tag) {
    StatementResult result;
    result.command_tag = std::move(tag);
    return result;
  }
  /// The count a command tag ends with (INSERT 0 5, UPDATE 2, COPY 7: rows written; SELECT 3:
  /// rows returned), or -1 for a tag without one (CREATE TABLE).
  int64_t tag_count() const;
};

/// The database a session starts in, created when missing.
inline constexpr std::string_view kDefaultDatabase = "default";
/// The TimeZone setting of a new session.
inline constexpr std::string_view kDefaultTimeZone = "UTC";

class Session {
 public:
  /// `functions` must outlive the session (usually FunctionRegistry::Builtins()).
  Session(Database& database, const sql::FunctionCatalog& functions);
  /// Drops the session's temporary tables, views and sequences.
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// Creates the default database when the directory has none.
  Status Init();

  /// Runs every statement of `sql` in order and returns their results; stops at the first
  /// error, which carries its SQLSTATE and the position in `sql` (1-based characters).
  Result<std::vector<StatementResult>> Execute(std::string_view sql);

  /// Installs the client's end of COPY FROM STDIN / TO STDOUT (nullptr removes it). Without
  /// one, those statements fail with 0A000. `client` must outlive its use by the session.
  void SetCopyClient(CopyClient* client) { copy_client_ = client; }

  /// The types of `statement`'s parameters $1, $2, ...: `declared` gives some (nullopt or a
  /// shorter list leaves the rest open), the others are inferred from where they are used, as
  /// PostgreSQL does for PREPARE without types. Binds the statement (SELECT, INSERT, UPDATE or
  /// DELETE) without running it, so unknown tables and columns are reported here; 42P18 for a
  /// parameter whose type nothing determines.
  Result<std::vector<types::DataType>> InferParameterTypes(
      const sql::ast::Statement& statement, std::vector<std::optional<types::DataType>> declared);

  /// The extended query protocol's statements (a Parse message): `text` must hold one
  /// statement (42601 otherwise; none is an empty query); `declared` gives some parameter
  /// types as for InferParameterTypes, which finds the others. Errors in the statement (unknown
  /// table, type mismatch) are reported here, as PostgreSQL reports them at Parse.
  Result<PreparedQuery> PrepareQuery(std::string_view text,
                                     std::vector<std::optional<types::DataType>> declared);
  /// The columns `query` returns, from binding it against the catalog of now (not running
  /// it); nullopt for a statement that returns no rows.
  Result<std::optional<std::vector<sql::OutputColumn>>> DescribeQuery(const PreparedQuery& query);
  /// A parameter value sent as text, converted to `type` as `'text'::type` would be (22P02
  /// and the like for text that is not a value of the type).
  Result<types::Value> ParameterFromText(std::string_view text, const types::DataType& type) const;
  /// Runs `query` with `parameters` (one per parameter type, already of those types), as
  /// Execute runs a statement: inside the open transaction block, or as a transaction of its
  /// own.
  Result<StatementResult> ExecuteQuery(const PreparedQuery& query,
                                       std::vector<types::Value> parameters);

  /// OK when the session may do `privileges` (storage::privilege bits) to database.table
  /// (`table` empty: to the database): an embedded session, a superuser, the session's own
  /// temporary objects, or a grant; 42501 otherwise. For callers that change the catalog
  /// without SQL (the native protocol's create_table).
  Status RequirePrivilege(uint32_t privileges, const std::string& database,
                          const std::string& table) const;
  /// After a user who is not a superuser creates a table (or a schema, with `table` empty):
  /// every privilege on it for that user, with the grant option, as PostgreSQL's owner has them.
  Status GrantToCreator(const std::string& database, const std::string& table);

  const std::string& current_database() const { return current_database_; }
  /// The database holding the session's temporary objects ("pg_temp_<n>"); empty before the
  /// first CREATE TEMP.
  const std::string& temp_database() const { return temp_database_; }
  /// Who the session runs as and the database name its client connected with, as
  /// current_user, session_user and current_database() report them ("boyodb" for both until
  /// a server sets them). A session without an identity is the embedded process's own and may
  /// do anything; once set, the user's catalog entry decides what it may do.
  void SetIdentity(std::string user, std::string catalog) {
    user_ = std::move(user);
    catalog_ = std::move(catalog);
    embedded_ = false;
  }
  /// Statements read `*cancelled` between the chunks their scans read, and fail with 57014
  /// once it is true (PostgreSQL's cancel request); the caller clears it before each request.
  /// Null: no cancelling. Must outlive the session's statements.
  void SetCancelFlag(const std::atomic<bool>* cancelled) { cancelled_ = cancelled; }
  /// What passwords CREATE USER and ALTER USER ... PASSWORD accept.
  void SetPasswordPolicy(security::PasswordPolicy policy) { password_policy_ = policy; }
  /// True between BEGIN and COMMIT or ROLLBACK.
  bool in_transaction() const { return transaction_.active; }
  /// True when a statement of the open transaction block failed: only COMMIT or ROLLBACK are
  /// accepted until it ends.
  bool transaction_failed() const { return transaction_.active && transaction_.failed; }
  /// The TimeZone setting: how TIMESTAMPTZ values are read from and written as text.
  std::string TimeZoneSetting() const;
  /// The `threads` setting: driver threads per query pipeline (default: the machine's cores).
  int ThreadsSetting() const;

 private:
  Result<StatementResult> Run(const sql::ast::Statement& statement);
  // Run inside the transaction rules: refused in a failed block, spoils the block on error,
  // ends ON COMMIT actions outside one; fills the result's time zone and scan totals.
  Result<StatementResult> RunInTransaction(const sql::ast::Statement& statement);
  Result<StatementResult> RunSelect(const sql::ast::SelectStatement& select);
  Result<StatementResult> RunCreateTable(const sql::ast::CreateTableStatement& create);
  /// CREATE TABLE ... AS query: a table of the query's columns, filled with its rows.
  Result<StatementResult> RunCreateTableAs(const sql::ast::CreateTableStatement& create,
                                           const std::pair<std::string, std::string>& table,
                                           const TableOptions& options);
  Result<StatementResult> RunAlterTable(const sql::ast::AlterTableStatement& alter);
  Result<StatementResult> RunDrop(const sql::ast::DropStatement& drop);
  Result<StatementResult> RunInsert(const sql::ast::InsertStatement& insert);
  Result<StatementResult> RunCreateView(const sql::ast::CreateViewStatement& create,
                                        const std::string& text);
  Result<StatementResult> RunCreateIndex(const sql::ast::CreateIndexStatement& create);
  Status DropView(const sql::ast::QualifiedName& name, bool if_exists);
  /// CREATE SEQUENCE and DROP SEQUENCE (session_sequence_statements.cc).
  Result<StatementResult> RunCreateSequence(const sql::ast::CreateSequenceStatement& create);
  Status DropSequence(const sql::ast::QualifiedName& name, bool if_exists);
  /// ALTER SEQUENCE (session_sequence_statements.cc).
  Result<StatementResult> RunAlterSequence(const sql::ast::AlterSequenceStatement& alter);
  /// Applies ALTER SEQUENCE's `options` (also ALTER TABLE's identity column options) to
  /// sequence `sequence` of `database`, which exists. 0A000/55000/42703/42P01 for a bad OWNED
  /// BY, 22023 for bad values.
  Status AlterSequenceOptions(const std::string& database, const std::string& sequence,
                              const std::vector<sql::ast::Option>& options);
  /// The identity sequence of `column` of `table`; 42703 when the table has no such column,
  /// 55000 when it is not an identity column.
  Result<std::string> IdentitySequence(const std::pair<std::string, std::string>& table,
                                       const TableInfo& info, const std::string& column) const;
  /// The sequence a SERIAL or identity column of `table` owns, created before the table;
  /// sets the column's integer `type`.
  Result<std::string> CreateOwnedSequence(const std::pair<std::string, std::string>& table,
                                          const sql::ast::ColumnDefinition& column,
                                          types::DataType* type);
  /// 428C9 when INSERT or UPDATE gives a GENERATED ALWAYS identity column of `table` a value
  /// of its own (`columns`: the table columns that receive explicit values; `defaults`: the
  /// table's column defaults, which rule out most columns without a catalog lookup).
  Status RefuseIdentityValues(const std::pair<std::string, std::string>& table,
                              const std::map<std::string, std::string>& defaults,
                              const std::vector<std::string>& columns, bool update) const;
  Status DropIndex(const sql::ast::QualifiedName& name, bool if_exists);
  Result<StatementResult> RunDelete(const sql::ast::DeleteStatement& statement);
  // RETURNING of INSERT, UPDATE and DELETE (session_returning.cc): bound before the statement
  // changes anything, evaluated over the rows it writes (in the table's column layout) before
  // they are committed, so a mistake in the list changes nothing.
  struct Returning {
    sql::LogicalPtr plan;
    int32_t work_table_id = -1;
  };
  Result<Returning> BindReturning(const std::vector<sql::ast::SelectItem>& items,
                                  const sql::ast::QualifiedName& table, const std::string& alias);
  Result<StatementResult> ReturnRows(const Returning& returning, std::vector<columnar::Chunk> rows);
  /// An INSERT bound but not run: its target, the rows it adds as the table's columns, and
  /// its RETURNING list.
  struct InsertPlan {
    std::pair<std::string, std::string> table;
    sql::TableDescription description;
    sql::LogicalPtr plan;
    std::optional<Returning> returning;
  };
  Result<InsertPlan> BindInsert(const sql::ast::InsertStatement& insert);
  /// INSERT ... ON CONFLICT DO NOTHING / DO UPDATE (session_upsert.cc).
  Result<StatementResult> RunUpsert(const sql::ast::InsertStatement& insert,
                                    const InsertPlan& planned);
  Result<StatementResult> RunUpdate(const sql::ast::UpdateStatement& statement);
  /// UPDATE's plan (QueryBinder::BindUpdate with the table's column defaults).
  Result<sql::LogicalPtr> BindUpdate(sql::QueryBinder& binder,
                                     const sql::ast::UpdateStatement& statement);
  /// Binds an UPDATE or DELETE with `bind`, takes the mutation of its target (its own, or
  /// the one the transaction block holds) and runs the plan over it; session_mutation.cc.
  Result<ChangedRows> PlanMutation(
      const sql::ast::QualifiedName& target,
      const std::function<Result<sql::LogicalPtr>(sql::QueryBinder&)>& bind);
  /// The transaction block's mutation of `table`, begun by its first UPDATE or DELETE of it
  /// (or SELECT ... FOR UPDATE); `no_wait` gives up at once when another session holds it.
  Result<TableMutation*> BlockMutation(const std::pair<std::string, std::string>& table,
                                       bool no_wait = false);
  /// SELECT ... FOR UPDATE/SHARE: checks the query's form and, in a transaction block, takes
  /// the tables it covers as the block's UPDATE would; session_row_locks.cc.
  Status LockSelectedTables(const sql::ast::SelectStatement& select);
  /// Records an UPDATE or DELETE in the transaction block: the rows with `row_ids` go (the
  /// block's own inserts at once, committed rows at COMMIT) and `inserted` (UPDATE's new
  /// versions) waits for COMMIT.
  Status ChangeInBlock(const std::pair<std::string, std::string>& table,
                       const std::vector<int64_t>& row_ids, const columnar::Chunk* inserted);
  /// COMMIT of a table the block updated or deleted from: its deletions and inserts in one
  /// atomic change, unique keys checked first.
  Status CommitTableChanges(const std::pair<std::string, std::string>& table,
                            PendingTableChanges& changes, const columnar::Chunk* inserted);
  /// 55006 when the transaction block has changed `table`'s rows, for statements that would
  /// wait for the lock the block holds.
  Status RefuseIfChangedInBlock(const std::pair<std::string, std::string>& table,
                                std::string_view what) const;
  /// Appends an INSERT's rows, refusing keys that a unique index of the table already holds.
  Status AppendChecked(const std::pair<std::string, std::string>& table,
                       const types::Schema& schema, const columnar::Chunk& rows);
  /// Appends a statement's rows, given as several chunks, in one atomic step (COPY FROM).
  Status AppendAllChecked(const std::pair<std::string, std::string>& table,
                          const types::Schema& schema, const std::vector<columnar::Chunk>& chunks);
  Result<StatementResult> RunTransaction(const sql::ast::TransactionStatement& statement);
  /// 25006 when `statement` would write and the transaction it runs in is read-only (a READ
  /// ONLY block, or default_transaction_read_only outside one); session_read_only.cc.
  Status CheckWritable(const sql::ast::Statement& statement) const;
  /// default_transaction_read_only, which BEGIN without a mode and single statements follow.
  bool DefaultReadOnly() const;
  /// 0A000 for REPEATABLE READ and SERIALIZABLE: transactions are read committed here.
  static Status CheckIsolationLevel(std::string_view isolation);
  /// on/off, true/false, yes/no, 1/0 (any case), as PostgreSQL reads a Boolean setting.
  static std::optional<bool> ParseBooleanSetting(std::string value);
  /// Keeps an INSERT's rows (checked for NULLs in NOT NULL columns) for COMMIT.
  Status KeepForCommit(const std::pair<std::string, std::string>& table,
                       const sql::TableDescription& description, const columnar::Chunk& rows);
  /// Applies the open transaction's inserts (each table's rows in one atomic append).
  Status CommitTransaction();
  Result<StatementResult> RunPrepare(const sql::ast::PrepareStatement& prepare,
                                     const std::string& text);
  Result<StatementResult> RunExecute(const sql::ast::ExecuteStatement& execute);
  Result<StatementResult> RunDeallocate(const sql::ast::DeallocateStatement& deallocate);
  /// Binds a SELECT, INSERT, UPDATE or DELETE as running it would, but runs nothing
  /// (session_parameters.cc).
  Status BindWithoutRunning(const sql::ast::Statement& statement);
  /// CREATE / ALTER / DROP USER or ROLE, GRANT / REVOKE role (session_roles.cc).
  Result<StatementResult> RunRole(const sql::ast::RoleStatement& role);
  // GRANT / REVOKE privileges (session_privileges.cc).
  Result<StatementResult> RunPrivilege(const sql::ast::PrivilegeStatement& privilege);
  // After DROP TABLE (or DROP SCHEMA, with `table` empty: every grant in the database): grants
  // on the object go with it, so a later one of the same name does not inherit them.
  Status DropGrantsOn(const std::string& database, const std::string& table);
  /// The session user's catalog entry; nullopt for the embedded session, which may do
  /// anything. 28000 when a server session's user no longer exists.
  Result<std::optional<UserInfo>> SessionUser() const;
  /// 25001 for statements that cannot run inside BEGIN ... COMMIT.
  Status RefuseInTransaction(std::string_view what) const;
  /// A binder for one statement, with the parameters of the EXECUTE that runs it (if any).
  sql::QueryBinder NewBinder(const SessionCatalog& catalog) const;
  /// An execution context reading through `reader`, which sees the transaction's own inserts.
  void PrepareContext(DatabaseTableReader& reader, exec::ExecContext& context) const;
  /// The output columns of a view's query, bound in the view's database (pg_attribute).
  Result<std::vector<sql::OutputColumn>> ViewColumns(const ViewInfo& view) const;
  /// The settings SHOW shows, by name, for pg_settings.
  std::vector<std::pair<std::string, std::string>> VisibleSettings() const;
  /// COPY FROM (a file or the client's stream into a table, as one atomic append) and COPY
  /// TO (a table or query to a file or the client); session_copy.cc.
  Result<StatementResult> RunCopy(const sql::ast::CopyStatement& copy);
  Result<StatementResult> RunCopyFrom(const sql::ast::CopyStatement& copy);
  Result<StatementResult> RunCopyTo(const sql::ast::CopyStatement& copy);
  Result<StatementResult> RunSet(const sql::ast::SetStatement& set);
  Result<StatementResult> RunShow(const sql::ast::ShowStatement& show);
  /// A setting's value as SHOW shows it (`name` in lower case); 42704 for an unknown one.
  Result<std::string> SettingValue(const std::string& name) const;
  Result<StatementResult> RunExplain(const sql::ast::ExplainStatement& explain);
  /// EXPLAIN of INSERT, UPDATE or DELETE: "<Action> on db.table", then the plan that makes or
  /// finds the rows.
  Result<std::string> ExplainChange(const sql::ast::Statement& statement);
  /// database + table for a written name; 3F000/3D000 when the schema or database is unknown.
  /// An unqualified name means the session's temporary object of that name when there is one.
  Result<std::pair<std::string, std::string>> ResolveName(
      const sql::ast::QualifiedName& name) const;

  // Temporary objects (session_temp_objects.cc).
  /// Where CREATE puts a new table, view or sequence: the session's temporary database for
  /// TEMP (or a name in schema pg_temp), created on first use; else where the name resolves
  /// without temporary objects. 42P16 for TEMP with another schema.
  Result<std::pair<std::string, std::string>> ResolveCreation(const sql::ast::QualifiedName& name,
                                                              bool temporary);
  /// Registers a temporary table's ON COMMIT DELETE ROWS or DROP.
  void AddOnCommitAction(const std::string& table, sql::ast::OnCommit action);
  /// At the end of each transaction (a statement outside a block, or COMMIT / ROLLBACK):
  /// empties the ON COMMIT DELETE ROWS tables and drops the ON COMMIT DROP ones.
  Status RunOnCommitActions();

  Database& database_;
  const sql::FunctionCatalog& functions_;
  std::string current_database_;
  std::string user_ = "boyodb";
  std::string catalog_ = "boyodb";
  bool embedded_ = true;
  security::PasswordPolicy password_policy_;
  std::map<std::string, std::string> settings_;
  // The session's temporary database ("pg_temp_<n>"), empty until its first TEMP object.
  std::string temp_database_;
  std::vector<std::pair<std::string, sql::ast::OnCommit>> on_commit_actions_;
  // What the running statement's scans read (PrepareContext hands it to every reader).
  mutable ScanTotals scan_totals_;
  // nextval/currval/setval's access, given to every statement's EvalContext.
  mutable SessionSequences sequences_{database_, current_database_, temp_database_};

  struct Transaction {
    bool active = false;
    bool failed = false;     // a statement failed: only COMMIT/ROLLBACK are accepted until the end
    bool read_only = false;  // BEGIN READ ONLY, SET TRANSACTION READ ONLY
    PendingRows inserts;
    PendingChanges changes;  // of UPDATE and DELETE
  };
  Transaction transaction_;

  struct Prepared {
    std::string text;  // the PREPARE statement, parsed again by each EXECUTE
    std::vector<types::DataType> parameter_types;
  };
  std::map<std::string, Prepared> prepared_;
  // Set while EXECUTE runs a prepared statement.
  const std::vector<types::DataType>* parameter_types_ = nullptr;
  std::vector<types::Value> parameters_;
  // Set while InferParameterTypes binds a statement: NewBinder's binders infer into it.
  std::vector<std::optional<types::DataType>>* inferred_parameters_ = nullptr;
  CopyClient* copy_client_ = nullptr;
  const std::atomic<bool>* cancelled_ = nullptr;
  friend class SessionCatalog;
};

}  // namespace boyodb::engine
