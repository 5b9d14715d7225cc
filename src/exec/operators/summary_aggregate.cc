#include "exec/operators/summary_aggregate.h"

#include "columnar/builder.h"
#include "exec/pipeline/pipeline.h"
#include "storage/scan/exact_bounds.h"

namespace boyodb::exec {
namespace {

enum class Kind : uint8_t { kCountRows, kCount, kMin, kMax };

}  // namespace

Result<std::optional<columnar::Chunk>> AggregateFromSummary(const sql::LogicalOperator& aggregate,
                                                            ExecContext& context) {
  const std::optional<columnar::Chunk> not_applicable;
  if (context.tables == nullptr || !aggregate.groups.empty() || !aggregate.grouping_sets.empty() ||
      aggregate.aggregates.empty()) {
    return not_applicable;
  }
  const sql::LogicalOperator& get = *aggregate.children[0];
  if (get.kind != sql::LogicalKind::kGet || !get.predicates.empty()) return not_applicable;
  std::vector<Kind> kinds;
  std::vector<int32_t> columns;    // table positions to summarize
  std::vector<size_t> summary_of;  // per aggregate: its column's place in `columns`
  for (const sql::BoundAggregate& call : aggregate.aggregates) {
    if (call.distinct || call.filter != nullptr || !call.order_by.empty() || call.is_grouping) {
      return not_applicable;
    }
    if (call.args.empty()) {
      if (call.name != "count") return not_applicable;
      kinds.push_back(Kind::kCountRows);
      summary_of.push_back(0);
      continue;
    }
    const sql::BoundExpr& arg = *call.args[0];
    if (call.args.size() != 1 || arg.kind != sql::BoundKind::kColumn) return not_applicable;
    if (call.name == "count") {
      kinds.push_back(Kind::kCount);
    } else if ((call.name == "min" || call.name == "max") &&
               storage::ZoneMapBoundsAreExact(arg.type) && call.type == arg.type) {
      kinds.push_back(call.name == "min" ? Kind::kMin : Kind::kMax);
    } else {
      return not_applicable;
    }
    const int32_t table_column = get.table_columns[static_cast<size_t>(arg.column_index)];
    if (table_column == sql::kRowIdColumn) return not_applicable;
    summary_of.push_back(columns.size());
    columns.push_back(table_column);
  }
  BOYO_ASSIGN_OR_RETURN(std::optional<storage::TableSummary> summary,
                        context.tables->Summarize(get.database, get.table, columns));
  if (!summary.has_value()) return not_applicable;
  std::vector<columnar::ArrayPtr> results;
  for (size_t a = 0; a < kinds.size(); ++a) {
    const sql::BoundAggregate& call = aggregate.aggregates[a];
    std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(call.type);
    const storage::ColumnSummary* column =
        kinds[a] == Kind::kCountRows ? nullptr : &summary->columns[summary_of[a]];
    switch (kinds[a]) {
      case Kind::kCountRows:
        BOYO_RETURN_IF_ERROR(builder->AppendValue(types::Value::Int64(summary->row_count)));
        break;
      case Kind::kCount:
        BOYO_RETURN_IF_ERROR(
            builder->AppendValue(types::Value::Int64(summary->row_count - column->null_count)));
        break;
      case Kind::kMin:
      case Kind::kMax: {
        const types::Value& value = kinds[a] == Kind::kMin ? column->min : column->max;
        if (value.is_null()) {
          builder->AppendNull();
        } else if (!builder->AppendValue(value).ok()) {
          return not_applicable;  // a zone map value of another type: scan instead
        }
        break;
      }
    }
    results.push_back(builder->Finish());
  }
  return std::optional<columnar::Chunk>(
      columnar::Chunk(SchemaOf(aggregate.columns), std::move(results), 1));
}

}  // namespace boyodb::exec
