#include "tools/cli/describe_commands.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/sqlstate.h"
#include "sql/binder/type_rules.h"
#include "tools/cli/identifiers.h"
#include "tools/cli/table_printer.h"

namespace boyodb::tools::cli {
namespace {

std::string TypeName(const types::DataType& type) {
  if (type.id() == types::TypeId::kDecimal) {
    return fmt::format("numeric({},{})", type.precision(), type.scale());
  }
  return sql::PgTypeName(type);
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return joined;
}

std::string Plural(uint64_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

// A titled table of relations (psql's "List of relations"), or psql's message when empty.
void PrintRelations(TextTable table, std::ostream& out, std::ostream& err) {
  if (table.rows.empty()) {
    err << "Did not find any relations.\n";
    return;
  }
  std::sort(table.rows.begin(), table.rows.end());
  table.title = "List of relations";
  PrintTable(table, out);
}

}  // namespace

Describer::Describer(engine::Database& database, SqlConnection& connection)
    : database_(database), connection_(connection) {}

Status Describer::ListDatabases(std::ostream& out) const {
  TextTable table;
  table.title = "List of databases";
  table.AddColumn("Name");
  table.AddColumn("Tables", /*right=*/true);
  std::vector<std::string> names = database_.ListDatabases();
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    // Sessions' temporary schemas are not databases to a user, as psql's \l does not show them.
    if (engine::IsTempDatabaseName(name)) continue;
    BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> tables, database_.ListTables(name));
    table.rows.push_back({name, std::to_string(tables.size())});
  }
  PrintTable(table, out);
  return Status::OK();
}

Status Describer::ListRelations(std::string_view db, RelationKinds kinds, std::ostream& out,
                                std::ostream& err) const {
  TextTable table;
  table.AddColumn("Database");
  table.AddColumn("Name");
  table.AddColumn("Type");
  if (kinds.tables) table.AddColumn("Rows", /*right=*/true);
  std::vector<std::string> databases = {std::string(db)};
  // The session's temporary objects show with the current database's, as psql lists pg_temp's.
  if (db == connection_.current_database() && !connection_.temp_database().empty()) {
    databases.push_back(connection_.temp_database());
  }
  for (const std::string& database : databases) {
    // ListTables also checks that the database exists (3D000), for views-only listings too.
    BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> tables, database_.ListTables(database));
    if (kinds.tables) {
      for (const std::string& name : tables) {
        BOYO_ASSIGN_OR_RETURN(const engine::TableInfo info,
                              database_.DescribeTable(database, name));
        table.rows.push_back({database, name, "table", std::to_string(info.total_rows)});
      }
    }
    if (kinds.views) {
      BOYO_ASSIGN_OR_RETURN(const std::vector<engine::ViewInfo> views,
                            database_.ListViews(database));
      for (const engine::ViewInfo& view : views) {
        std::vector<std::string>& row = table.rows.emplace_back();
        row = {view.database, view.name, "view"};
        if (kinds.tables) row.emplace_back();
      }
    }
    if (kinds.sequences) {
      BOYO_ASSIGN_OR_RETURN(const std::vector<engine::SequenceInfo> sequences,
                            database_.ListSequences(database));
      for (const engine::SequenceInfo& sequence : sequences) {
        std::vector<std::string>& row = table.rows.emplace_back();
        row = {sequence.database, sequence.name, "sequence"};
        if (kinds.tables) row.emplace_back();
      }
    }
  }
  PrintRelations(std::move(table), out, err);
  return Status::OK();
}

Status Describer::ListIndexes(std::string_view db, std::ostream& out, std::ostream& err) const {
  TextTable table;
  table.AddColumn("Database");
  table.AddColumn("Name");
  table.AddColumn("Type");
  table.AddColumn("Table");
  BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> tables, database_.ListTables(db));
  for (const std::string& name : tables) {
    for (const engine::IndexInfo& index : database_.ListIndexes(db, name)) {
      table.rows.push_back({index.database, index.name, "index", index.table});
    }
  }
  PrintRelations(std::move(table), out, err);
  return Status::OK();
}

Result<bool> Describer::Describe(std::string_view db, std::string_view name,
                                 std::ostream& out) const {
  const std::vector<std::string> databases = database_.ListDatabases();
  if (std::find(databases.begin(), databases.end(), db) == databases.end()) return false;
  Result<engine::TableInfo> table = database_.DescribeTable(db, name);
  if (table.ok()) {
    BOYO_RETURN_IF_ERROR(DescribeTable(*table, out));
    return true;
  }
  if (table.status().sqlstate() != sqlstate::kUndefinedTable) return table.status();
  BOYO_ASSIGN_OR_RETURN(const std::optional<engine::ViewInfo> view, database_.FindView(db, name));
  if (!view) return false;
  BOYO_RETURN_IF_ERROR(DescribeView(*view, out));
  return true;
}

Status Describer::DescribeTable(const engine::TableInfo& info, std::ostream& out) const {
  TextTable table;
  table.title = fmt::format("Table \"{}.{}\"", info.database, info.table);
  table.AddColumn("Column");
  table.AddColumn("Type");
  table.AddColumn("Nullable");
  table.AddColumn("Default");
  for (const types::Field& field : info.schema.fields()) {
    const auto found = info.options.column_defaults.find(field.name);
    const auto declared = info.options.declared_types.find(field.name);
    table.rows.push_back(
        {field.name,
         declared == info.options.declared_types.end() ? TypeName(field.type()) : declared->second,
         field.nullable ? "" : "not null",
         found == info.options.column_defaults.end() ? "" : found->second});
  }

  std::vector<std::string> footers;
  std::vector<engine::IndexInfo> indexes = database_.ListIndexes(info.database, info.table);
  std::sort(indexes.begin(), indexes.end(),
            [](const auto& left, const auto& right) { return left.name < right.name; });
  if (!indexes.empty()) footers.push_back("Indexes:");
  for (const engine::IndexInfo& index : indexes) {
    // psql's form: "name" UNIQUE, btree (columns)
    footers.push_back(fmt::format("    \"{}\" {}{} ({})", index.name,
                                  index.unique ? "UNIQUE, " : "", index.method,
                                  JoinNames(index.columns)));
  }
  // psql's form: "name" CHECK (expression), by name.
  std::vector<storage::CheckConstraint> checks = info.options.check_constraints;
  std::sort(checks.begin(), checks.end(),
            [](const auto& left, const auto& right) { return left.name < right.name; });
  if (!checks.empty()) footers.push_back("Check constraints:");
  for (const storage::CheckConstraint& check : checks) {
    footers.push_back(fmt::format("    \"{}\" CHECK ({})", check.name, check.expression));
  }
  footers.push_back(fmt::format("Codec: {}", formats::CodecName(info.options.codec)));
  if (!info.options.sort_key.empty()) {
    footers.push_back("Sort key: " + JoinNames(info.options.sort_key));
  }
  footers.push_back(
      fmt::format("Rows: {} ({} in the memtable)", info.total_rows, info.memtable_rows));
  uint64_t compressed = 0;
  uint64_t uncompressed = 0;
  for (const engine::SegmentInfo& segment : info.segments) {
    compressed += segment.compressed_bytes;
    uncompressed += segment.uncompressed_bytes;
  }
  footers.push_back(fmt::format("Segments: {} ({} compressed, {} uncompressed)",
                                info.segments.size(), Plural(compressed, "byte"),
                                Plural(uncompressed, "byte")));
  table.footers = std::move(footers);
  PrintTable(table, out);
  return Status::OK();
}

Status Describer::DescribeView(const engine::ViewInfo& view, std::ostream& out) const {
  // Views keep their column names but not their types: plan the view to learn them.
  BOYO_ASSIGN_OR_RETURN(
      std::vector<engine::StatementResult> results,
      connection_.Execute(fmt::format("SELECT * FROM {}.{} LIMIT 0", QuoteIdentifier(view.database),
                                      QuoteIdentifier(view.name))));
  TextTable table;
  table.title = fmt::format("View \"{}.{}\"", view.database, view.name);
  table.AddColumn("Column");
  table.AddColumn("Type");
  table.AddColumn("Nullable");
  for (const sql::OutputColumn& column : results.back().columns) {
    table.rows.push_back({column.name, TypeName(column.type), ""});
  }
  // psql indents the definition's lines by one blank.
  std::vector<std::string> footers = {"View definition:"};
  std::istringstream definition(view.definition);
  for (std::string line; std::getline(definition, line);) footers.push_back(" " + line);
  table.footers = std::move(footers);
  PrintTable(table, out);
  return Status::OK();
}

}  // namespace boyodb::tools::cli
