#include "tools/cli/describe_commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "common/sqlstate.h"
#include "sql/binder/type_rules.h"
#include "sql/parser/identifier_quoting.h"
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

std::string Literal(std::string_view text) { return sql::QuoteLiteral(text); }

std::string Plural(std::string_view count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == "1" ? "" : "s");
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

Result<std::vector<Describer::Row>> Describer::Query(const std::string& sql) const {
  BOYO_ASSIGN_OR_RETURN(std::vector<engine::StatementResult> results, connection_.Execute(sql));
  std::vector<Row> rows;
  for (const columnar::Chunk& chunk : results.back().chunks) {
    for (int64_t i = 0; i < chunk.num_rows(); ++i) {
      Row& row = rows.emplace_back();
      for (size_t column = 0; column < chunk.num_columns(); ++column) {
        const columnar::Array& values = *chunk.column(column);
        if (values.IsNull(i)) {
          row.emplace_back();
        } else {
          row.emplace_back(std::string(values.GetView(i)));
        }
      }
    }
  }
  return rows;
}

Status Describer::RequireDatabase(std::string_view db) const {
  BOYO_ASSIGN_OR_RETURN(const std::vector<Row> found,
                        Query("SELECT name FROM system.databases WHERE name = " + Literal(db)));
  if (!found.empty()) return Status::OK();
  return Status(StatusCode::kNotFound, sqlstate::kInvalidCatalogName,
                "database \"" + std::string(db) + "\" does not exist");
}

std::string Describer::DatabasesToList(std::string_view db) const {
  std::string list = "(" + Literal(db);
  if (db == connection_.current_database() && !connection_.temp_database().empty()) {
    list += ", " + Literal(connection_.temp_database());
  }
  return list + ")";
}

Status Describer::ListDatabases(std::ostream& out) const {
  // Sessions' temporary schemas are not databases to a user, as psql's \l does not show them.
  BOYO_ASSIGN_OR_RETURN(const std::vector<Row> databases,
                        Query("SELECT name, tables::text FROM system.databases WHERE NOT "
                              "is_temporary ORDER BY name"));
  TextTable table;
  table.title = "List of databases";
  table.AddColumn("Name");
  table.AddColumn("Tables", /*right=*/true);
  for (const Row& row : databases) table.rows.push_back({*row[0], *row[1]});
  PrintTable(table, out);
  return Status::OK();
}

Status Describer::ListRelations(std::string_view db, RelationKinds kinds, std::ostream& out,
                                std::ostream& err) const {
  BOYO_RETURN_IF_ERROR(RequireDatabase(db));
  TextTable table;
  table.AddColumn("Database");
  table.AddColumn("Name");
  table.AddColumn("Type");
  if (kinds.tables) table.AddColumn("Rows", /*right=*/true);
  const std::string databases = DatabasesToList(db);
  const auto add = [&](const char* type, const std::string& sql) -> Status {
    BOYO_ASSIGN_OR_RETURN(const std::vector<Row> found, Query(sql));
    for (const Row& row : found) {
      std::vector<std::string>& cells = table.rows.emplace_back();
      cells = {*row[0], *row[1], type};
      if (kinds.tables) cells.push_back(row.size() > 2 ? row[2].value_or("") : "");
    }
    return Status::OK();
  };
  if (kinds.tables) {
    BOYO_RETURN_IF_ERROR(add("table",
                             "SELECT database, name, total_rows::text FROM system.tables "
                             "WHERE database IN " +
                                 databases));
  }
  if (kinds.views) {
    BOYO_RETURN_IF_ERROR(
        add("view", "SELECT database, name FROM system.views WHERE database IN " + databases));
  }
  if (kinds.sequences) {
    BOYO_RETURN_IF_ERROR(add(
        "sequence", "SELECT database, name FROM system.sequences WHERE database IN " + databases));
  }
  PrintRelations(std::move(table), out, err);
  return Status::OK();
}

Status Describer::ListIndexes(std::string_view db, std::ostream& out, std::ostream& err) const {
  BOYO_RETURN_IF_ERROR(RequireDatabase(db));
  BOYO_ASSIGN_OR_RETURN(
      const std::vector<Row> indexes,
      Query("SELECT database, name, table_name FROM system.indexes WHERE database = " +
            Literal(db)));
  TextTable table;
  table.AddColumn("Database");
  table.AddColumn("Name");
  table.AddColumn("Type");
  table.AddColumn("Table");
  for (const Row& row : indexes) table.rows.push_back({*row[0], *row[1], "index", *row[2]});
  PrintRelations(std::move(table), out, err);
  return Status::OK();
}

Result<bool> Describer::Describe(std::string_view db, std::string_view name,
                                 std::ostream& out) const {
  BOYO_ASSIGN_OR_RETURN(const bool table, DescribeTable(db, name, out));
  if (table) return true;
  return DescribeView(db, name, out);
}

Result<bool> Describer::DescribeTable(std::string_view db, std::string_view name,
                                      std::ostream& out) const {
  const std::string where = "database = " + Literal(db) + " AND ";
  BOYO_ASSIGN_OR_RETURN(const std::vector<Row> found,
                        Query("SELECT codec, array_to_string(sort_key, ', '), total_rows::text, "
                              "memtable_rows::text, segments::text, compressed_bytes::text, "
                              "uncompressed_bytes::text FROM system.tables WHERE " +
                              where + "name = " + Literal(name)));
  if (found.empty()) return false;
  const Row& storage = found.front();
  const std::string of_table = where + "table_name = " + Literal(name);
  BOYO_ASSIGN_OR_RETURN(
      const std::vector<Row> columns,
      Query("SELECT name, sql_type, CASE WHEN nullable THEN '' ELSE 'not null' END, "
            "coalesce(default_expression, '') FROM system.columns WHERE " +
            of_table + " ORDER BY position"));
  TextTable table;
  table.title = fmt::format("Table \"{}.{}\"", db, name);
  table.AddColumn("Column");
  table.AddColumn("Type");
  table.AddColumn("Nullable");
  table.AddColumn("Default");
  for (const Row& row : columns) table.rows.push_back({*row[0], *row[1], *row[2], *row[3]});

  std::vector<std::string> footers;
  BOYO_ASSIGN_OR_RETURN(const std::vector<Row> indexes,
                        Query("SELECT name, CASE WHEN is_unique THEN 'UNIQUE, ' ELSE '' END, "
                              "method, array_to_string(columns, ', ') FROM system.indexes WHERE " +
                              of_table + " ORDER BY name"));
  if (!indexes.empty()) footers.push_back("Indexes:");
  for (const Row& row : indexes) {
    // psql's form: "name" UNIQUE, btree (columns)
    footers.push_back(fmt::format("    \"{}\" {}{} ({})", *row[0], *row[1], *row[2], *row[3]));
  }
  BOYO_ASSIGN_OR_RETURN(const std::vector<Row> checks,
                        Query("SELECT name, definition FROM system.constraints WHERE " + of_table +
                              " AND type = 'CHECK' ORDER BY name"));
  if (!checks.empty()) footers.push_back("Check constraints:");
  for (const Row& row : checks) footers.push_back(fmt::format("    \"{}\" {}", *row[0], *row[1]));
  footers.push_back("Codec: " + *storage[0]);
  if (!storage[1]->empty()) footers.push_back("Sort key: " + *storage[1]);
  footers.push_back(fmt::format("Rows: {} ({} in the memtable)", *storage[2], *storage[3]));
  footers.push_back(fmt::format("Segments: {} ({} compressed, {} uncompressed)", *storage[4],
                                Plural(*storage[5], "byte"), Plural(*storage[6], "byte")));
  table.footers = std::move(footers);
  PrintTable(table, out);
  return true;
}

Result<bool> Describer::DescribeView(std::string_view db, std::string_view name,
                                     std::ostream& out) const {
  BOYO_ASSIGN_OR_RETURN(const std::vector<Row> found,
                        Query("SELECT query FROM system.views WHERE database = " + Literal(db) +
                              " AND name = " + Literal(name)));
  if (found.empty()) return false;
  // A view keeps its column names but not their types: plan the view to learn them.
  BOYO_ASSIGN_OR_RETURN(
      std::vector<engine::StatementResult> results,
      connection_.Execute(
          fmt::format("SELECT * FROM {}.{} LIMIT 0", QuoteIdentifier(db), QuoteIdentifier(name))));
  TextTable table;
  table.title = fmt::format("View \"{}.{}\"", db, name);
  table.AddColumn("Column");
  table.AddColumn("Type");
  table.AddColumn("Nullable");
  for (const sql::OutputColumn& column : results.back().columns) {
    table.rows.push_back({column.name, TypeName(column.type), ""});
  }
  // psql indents the definition's lines by one blank.
  std::vector<std::string> footers = {"View definition:"};
  std::istringstream definition(found.front()[0].value_or(""));
  for (std::string line; std::getline(definition, line);) footers.push_back(" " + line);
  table.footers = std::move(footers);
  PrintTable(table, out);
  return true;
}

}  // namespace boyodb::tools::cli
