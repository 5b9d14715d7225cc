// gen_random_uuid(): one version 4, RFC 4122 variant UUID per row, each different.
#include <gtest/gtest.h>

#include <set>

#include "tests/unit/functions/function_test_util.h"

namespace boyodb::functions::testing {
namespace {

TEST(UuidFunctionsTest, GenRandomUuidIsVersionFourAndDistinct) {
  EXPECT_EQ(ResultType("gen_random_uuid", {}), DataType::Uuid());
  const sql::ScalarFunction* function = FunctionRegistry::Builtins().FindScalar("gen_random_uuid");
  ASSERT_NE(function, nullptr);
  EXPECT_EQ(function->overloads[0].volatility, sql::Volatility::kVolatile);
  const int64_t num_rows = 50;
  Result<ArrayPtr> rows = function->overloads[0].kernel({}, num_rows, sql::EvalContext{});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ((*rows)->length(), num_rows);
  std::set<std::string> seen;
  for (const std::string& text : ShowAll(**rows)) {
    ASSERT_EQ(text.size(), 36u) << text;
    EXPECT_EQ(text[14], '4') << text;
    EXPECT_NE(std::string("89ab").find(text[19]), std::string::npos) << text;
    seen.insert(text);
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(num_rows));
}

}  // namespace
}  // namespace boyodb::functions::testing
