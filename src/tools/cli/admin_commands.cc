#include "tools/cli/admin_commands.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <set>

#include "common/sqlstate.h"
#include "tools/cli/literal_conversion.h"
#include "tools/cli/table_printer.h"

namespace boyodb::tools::cli {
namespace {

std::string QualifiedName(std::string_view database, std::string_view table) {
  return std::string(database) + "." + std::string(table);
}

Status UndefinedColumn(std::string_view column, std::string_view database, std::string_view table) {
  return Status(StatusCode::kNotFound, sqlstate::kUndefinedColumn,
                "column \"" + std::string(column) + "\" of table \"" +
                    QualifiedName(database, table) + "\" does not exist");
}

// Index of a column in the schema, or 42703.
Result<size_t> ColumnIndex(const types::Schema& schema, std::string_view column,
                           std::string_view database, std::string_view table) {
  const int index = schema.FieldIndex(column);
  if (index < 0) return UndefinedColumn(column, database, table);
  return static_cast<size_t>(index);
}

}  // namespace

Status AdminCommands::Execute(std::string_view text, std::ostream& out) {
  BOYO_ASSIGN_OR_RETURN(const AdminCommand command, ParseAdminCommand(text));
  return Run(command, out);
}

Status AdminCommands::Run(const AdminCommand& command, std::ostream& out) {
  if (std::holds_alternative<ListDatabasesCommand>(command)) return ListDatabases(out);
  if (const auto* list = std::get_if<ListTablesCommand>(&command)) {
    return ListTables(list->database, out);
  }
  if (const auto* describe = std::get_if<DescribeCommand>(&command)) {
    return Describe(*describe, out);
  }
  if (const auto* use = std::get_if<UseDatabaseCommand>(&command)) return UseDatabase(*use, out);
  if (std::holds_alternative<FlushCommand>(command)) {
    BOYO_RETURN_IF_ERROR(database_.Flush());
    out << "FLUSH\n";
    return Status::OK();
  }
  if (std::holds_alternative<VerifyCommand>(command)) return Verify(out);
  if (const auto* create = std::get_if<CreateDatabaseCommand>(&command)) {
    BOYO_RETURN_IF_ERROR(database_.CreateDatabase(create->name, create->if_not_exists));
    out << "CREATE DATABASE\n";
    return Status::OK();
  }
  if (const auto* drop = std::get_if<DropDatabaseCommand>(&command)) {
    BOYO_RETURN_IF_ERROR(database_.DropDatabase(drop->name, drop->if_exists));
    if (current_database_ == drop->name) current_database_.reset();
    out << "DROP DATABASE\n";
    return Status::OK();
  }
  if (const auto* create = std::get_if<CreateTableCommand>(&command)) {
    return CreateTable(*create, out);
  }
  if (const auto* drop = std::get_if<DropTableCommand>(&command)) {
    BOYO_ASSIGN_OR_RETURN(const auto name, Resolve(drop->table));
    BOYO_RETURN_IF_ERROR(database_.DropTable(name.first, name.second, drop->if_exists));
    out << "DROP TABLE\n";
    return Status::OK();
  }
  if (const auto* truncate = std::get_if<TruncateCommand>(&command)) {
    BOYO_ASSIGN_OR_RETURN(const auto name, Resolve(truncate->table));
    BOYO_RETURN_IF_ERROR(database_.TruncateTable(name.first, name.second));
    out << "TRUNCATE TABLE\n";
    return Status::OK();
  }
  if (const auto* insert = std::get_if<InsertCommand>(&command)) return Insert(*insert, out);
  if (const auto* select = std::get_if<SelectCommand>(&command)) return Select(*select, out);
  return Status::Internal("admin command not handled");
}

Result<std::pair<std::string, std::string>> AdminCommands::Resolve(const TableName& name) const {
  if (name.database) return std::make_pair(*name.database, name.table);
  if (current_database_) return std::make_pair(*current_database_, name.table);
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidCatalogName,
                "table \"" + name.table +
                    "\" is not qualified with a database and none is selected: write "
                    "database.table or select one with \\c database");
}

Status AdminCommands::ListDatabases(std::ostream& out) const {
  TextTable table;
  table.AddColumn("Name");
  table.AddColumn("Tables", true);
  for (const std::string& name : database_.ListDatabases()) {
    BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> tables, database_.ListTables(name));
    table.rows.push_back({name, std::to_string(tables.size())});
  }
  PrintTable(table, out);
  return Status::OK();
}

Status AdminCommands::ListTables(const std::optional<std::string>& database,
                                 std::ostream& out) const {
  std::vector<std::string> databases;
  if (database) {
    databases.push_back(*database);
  } else {
    databases = database_.ListDatabases();
  }
  TextTable table;
  table.AddColumn("Database");
  table.AddColumn("Table");
  table.AddColumn("Rows", true);
  table.AddColumn("Segments", true);
  for (const std::string& name : databases) {
    BOYO_ASSIGN_OR_RETURN(const std::vector<std::string> tables, database_.ListTables(name));
    for (const std::string& table_name : tables) {
      BOYO_ASSIGN_OR_RETURN(const engine::TableInfo info,
                            database_.DescribeTable(name, table_name));
      table.rows.push_back({name, table_name, std::to_string(info.total_rows),
                            std::to_string(info.segments.size())});
    }
  }
  PrintTable(table, out);
  return Status::OK();
}

Status AdminCommands::Describe(const DescribeCommand& command, std::ostream& out) const {
  if (!command.table) return ListTables(current_database_, out);
  BOYO_ASSIGN_OR_RETURN(const auto name, Resolve(*command.table));
  BOYO_ASSIGN_OR_RETURN(const engine::TableInfo info,
                        database_.DescribeTable(name.first, name.second));
  out << "Table \"" << QualifiedName(info.database, info.table) << "\"\n";
  TextTable columns;
  columns.AddColumn("Column");
  columns.AddColumn("Type");
  columns.AddColumn("Nullable");
  for (const types::Field& field : info.schema.fields()) {
    columns.rows.push_back({field.name, field.type().ToString(), field.nullable ? "" : "not null"});
  }
  PrintTable(columns, out, /*footer=*/false);

  std::string sort_key;
  for (const std::string& column : info.options.sort_key) {
    sort_key += (sort_key.empty() ? "" : ", ") + column;
  }
  uint64_t compressed = 0;
  uint64_t uncompressed = 0;
  for (const engine::SegmentInfo& segment : info.segments) {
    compressed += segment.compressed_bytes;
    uncompressed += segment.uncompressed_bytes;
  }
  out << "Codec: " << formats::CodecName(info.options.codec) << '\n';
  out << "Sort key: " << (sort_key.empty() ? "(none)" : sort_key) << '\n';
  out << "Rows: " << info.total_rows << " (" << info.memtable_rows << " in memtable)\n";
  out << "Segments: " << info.segments.size() << " (" << compressed << " bytes compressed, "
      << uncompressed << " uncompressed)\n";
  if (!info.segments.empty()) {
    TextTable segments;
    segments.AddColumn("Segment", true);
    segments.AddColumn("Rows", true);
    segments.AddColumn("Compressed bytes", true);
    segments.AddColumn("Uncompressed bytes", true);
    segments.AddColumn("Checksum");
    segments.AddColumn("Path");
    for (const engine::SegmentInfo& segment : info.segments) {
      segments.rows.push_back(
          {std::to_string(segment.segment_id), std::to_string(segment.row_count),
           std::to_string(segment.compressed_bytes), std::to_string(segment.uncompressed_bytes),
           fmt::format("{:08x}", segment.checksum), segment.path});
    }
    PrintTable(segments, out, /*footer=*/false);
  }
  out << '\n';
  return Status::OK();
}

Status AdminCommands::UseDatabase(const UseDatabaseCommand& command, std::ostream& out) {
  if (!command.database) {
    if (current_database_) {
      out << "You are using database \"" << *current_database_ << "\".\n";
    } else {
      out << "No database is selected.\n";
    }
    return Status::OK();
  }
  const std::vector<std::string> databases = database_.ListDatabases();
  if (std::find(databases.begin(), databases.end(), *command.database) == databases.end()) {
    return Status(StatusCode::kNotFound, sqlstate::kInvalidCatalogName,
                  "database \"" + *command.database + "\" does not exist");
  }
  current_database_ = command.database;
  out << "You are now using database \"" << *current_database_ << "\".\n";
  return Status::OK();
}

Status AdminCommands::Verify(std::ostream& out) const {
  const engine::IntegrityReport report = database_.Verify();
  if (report.ok()) {
    out << "VERIFY: no problems found\n";
    return Status::OK();
  }
  TextTable problems;
  problems.AddColumn("SQLSTATE");
  problems.AddColumn("Problem");
  for (const Status& problem : report.problems) {
    problems.rows.push_back({std::string(problem.sqlstate()), problem.FullMessage()});
  }
  PrintTable(problems, out);
  return Status(StatusCode::kCorruption, sqlstate::kDataCorrupted,
                "verify found " + std::to_string(report.problems.size()) +
                    (report.problems.size() == 1 ? " problem" : " problems"));
}

Status AdminCommands::CreateTable(const CreateTableCommand& command, std::ostream& out) const {
  BOYO_ASSIGN_OR_RETURN(const auto name, Resolve(command.table));
  std::vector<types::Field> fields;
  for (const ColumnDefinition& column : command.columns) {
    auto type = types::ParseTypeName(column.type_text);
    if (!type.ok()) return type.error().WithContext("column \"" + column.name + "\"");
    fields.emplace_back(column.name, *type, !column.not_null);
  }
  engine::TableOptions options;
  if (command.codec) {
    BOYO_ASSIGN_OR_RETURN(options.codec, formats::ParseCodecName(*command.codec));
  }
  options.sort_key = command.order_by;
  BOYO_RETURN_IF_ERROR(database_.CreateTable(
      name.first, name.second, types::Schema(std::move(fields)), options, command.if_not_exists));
  out << "CREATE TABLE\n";
  return Status::OK();
}

Status AdminCommands::Insert(const InsertCommand& command, std::ostream& out) const {
  BOYO_ASSIGN_OR_RETURN(const auto name, Resolve(command.table));
  BOYO_ASSIGN_OR_RETURN(const engine::TableInfo info,
                        database_.DescribeTable(name.first, name.second));
  const types::Schema& schema = info.schema;

  // target[i]: the table column that the i-th value of each row goes to.
  std::vector<size_t> target;
  if (command.columns.empty()) {
    for (size_t i = 0; i < schema.num_fields(); ++i) target.push_back(i);
  } else {
    std::set<size_t> seen;
    for (const std::string& column : command.columns) {
      BOYO_ASSIGN_OR_RETURN(const size_t index,
                            ColumnIndex(schema, column, name.first, name.second));
      if (!seen.insert(index).second) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kDuplicateColumn,
                      "column \"" + column + "\" specified more than once");
      }
      target.push_back(index);
    }
  }

  std::vector<std::vector<types::Value>> rows;
  rows.reserve(command.rows.size());
  for (size_t row_index = 0; row_index < command.rows.size(); ++row_index) {
    const std::vector<Literal>& literals = command.rows[row_index];
    if (literals.size() != target.size()) {
      return Status(
          StatusCode::kInvalidArgument, sqlstate::kSyntaxError,
          std::string("INSERT has ") + (literals.size() > target.size() ? "more" : "fewer") +
              " expressions than target columns: row " + std::to_string(row_index + 1) + " has " +
              std::to_string(literals.size()) + ", expected " + std::to_string(target.size()));
    }
    std::vector<types::Value> values;
    values.reserve(schema.num_fields());
    for (const types::Field& field : schema.fields())
      values.push_back(types::Value::Null(field.type()));
    for (size_t i = 0; i < literals.size(); ++i) {
      const types::Field& field = schema.field(target[i]);
      BOYO_ASSIGN_OR_RETURN(values[target[i]],
                            ConvertLiteral(literals[i], field.type(), field.name));
    }
    for (size_t i = 0; i < schema.num_fields(); ++i) {
      if (!schema.field(i).nullable && values[i].is_null()) {
        return Status(StatusCode::kInvalidArgument, sqlstate::kNotNullViolation,
                      "null value in column \"" + schema.field(i).name + "\" of table \"" +
                          QualifiedName(name.first, name.second) +
                          "\" violates not-null constraint");
      }
    }
    rows.push_back(std::move(values));
  }
  BOYO_ASSIGN_OR_RETURN(
      const columnar::Chunk chunk,
      columnar::ChunkFromRows(std::make_shared<const types::Schema>(schema), rows));
  BOYO_RETURN_IF_ERROR(database_.Append(name.first, name.second, chunk));
  out << "INSERT 0 " << rows.size() << '\n';
  return Status::OK();
}

Status AdminCommands::Select(const SelectCommand& command, std::ostream& out) const {
  BOYO_ASSIGN_OR_RETURN(const auto name, Resolve(command.table));
  BOYO_ASSIGN_OR_RETURN(const engine::TableInfo info,
                        database_.DescribeTable(name.first, name.second));
  engine::ScanSpec spec;
  for (const std::string& column : command.columns) {
    BOYO_RETURN_IF_ERROR(ColumnIndex(info.schema, column, name.first, name.second));
    spec.columns.push_back(column);
  }
  for (const Condition& condition : command.conditions) {
    BOYO_ASSIGN_OR_RETURN(const size_t index,
                          ColumnIndex(info.schema, condition.column, name.first, name.second));
    storage::ColumnPredicate predicate;
    predicate.column = condition.column;
    predicate.op = condition.op;
    if (condition.op != storage::CompareOp::kIsNull &&
        condition.op != storage::CompareOp::kIsNotNull) {
      const types::Field& field = info.schema.field(index);
      BOYO_ASSIGN_OR_RETURN(predicate.value,
                            ConvertLiteral(condition.literal, field.type(), field.name));
    }
    spec.predicates.push_back(std::move(predicate));
  }
  if (command.count_star && !info.schema.fields().empty()) {
    // Any one column will do for counting; read the narrowest the predicates do not add.
    spec.columns = {info.schema.field(0).name};
  }

  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<engine::TableScan> scan,
                        database_.Scan(name.first, name.second, spec));
  // LIMIT applies to the rows printed; count(*) prints one row whatever it counted.
  const int64_t limit = command.count_star ? -1 : command.limit.value_or(-1);
  int64_t count = 0;
  TextTable table = TableForSchema(*scan->schema());
  while (limit < 0 || count < limit) {
    BOYO_ASSIGN_OR_RETURN(const std::optional<columnar::Chunk> chunk, scan->Next());
    if (!chunk) break;
    const int64_t wanted =
        limit < 0 ? chunk->num_rows() : std::min(limit - count, chunk->num_rows());
    if (!command.count_star) AppendChunkRows(*chunk, wanted, &table);
    count += wanted;
  }
  if (command.count_star) {
    TextTable counted;
    counted.AddColumn("count", true);
    if (command.limit.value_or(1) > 0) counted.rows.push_back({std::to_string(count)});
    PrintTable(counted, out);
    return Status::OK();
  }
  PrintTable(table, out);
  return Status::OK();
}

}  // namespace boyodb::tools::cli
