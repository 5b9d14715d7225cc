#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "exec/exec_context.h"
#include "exec/expression/evaluator.h"
#include "sql/binder/bound_expr.h"

namespace boyodb::exec {
namespace {

columnar::Chunk NoColumns(int64_t num_rows) {
  return columnar::Chunk(std::make_shared<const types::Schema>(), {}, num_rows);
}

// A constant is broadcast once per statement at the longest chunk seen so far; shorter chunks
// get its first rows. Every chunk, shorter, equal or longer, gets the constant on each row.
TEST(ConstantBroadcastTest, EveryChunkSizeGetsTheConstant) {
  ExecContext context;
  const sql::BoundExprPtr decimal =
      sql::MakeConstant(types::Value::Decimal(12345, types::DataType::Decimal(10, 2)));
  const sql::BoundExprPtr text = sql::MakeConstant(types::Value::String("minute"));
  for (const int64_t rows : {5000, 2000, 5000, 8000, 1500, 10, 0}) {
    for (const sql::BoundExprPtr& expr : {decimal, text}) {
      Result<columnar::ArrayPtr> values = Evaluate(*expr, NoColumns(rows), context);
      ASSERT_TRUE(values.ok()) << values.status().ToString();
      ASSERT_EQ((*values)->length(), rows);
      for (const int64_t row : {int64_t{0}, rows / 2, rows - 1}) {
        if (row < 0 || row >= rows) continue;
        EXPECT_EQ((*values)->GetValue(row), expr->constant) << rows << " rows, row " << row;
      }
    }
  }
  // A NULL constant too.
  const sql::BoundExprPtr null = sql::MakeConstant(types::Value::Null(types::DataType::Int64()));
  for (const int64_t rows : {3000, 1200}) {
    Result<columnar::ArrayPtr> values = Evaluate(*null, NoColumns(rows), context);
    ASSERT_TRUE(values.ok());
    ASSERT_EQ((*values)->length(), rows);
    EXPECT_TRUE((*values)->IsNull(rows - 1));
  }
}

}  // namespace
}  // namespace boyodb::exec
