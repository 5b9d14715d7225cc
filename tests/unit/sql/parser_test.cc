// The parser: PostgreSQL's grammar into our AST, errors with SQLSTATE and position.
#include "sql/parser/parser.h"

#include <gtest/gtest.h>

namespace boyodb::sql {
namespace {

ast::Statement ParseOne(std::string_view sql) {
  Result<std::vector<ast::Statement>> statements = Parse(sql);
  EXPECT_TRUE(statements.ok()) << statements.status().ToString();
  if (!statements.ok()) return ast::Statement();
  EXPECT_EQ(statements->size(), 1u);
  return std::move(statements->front());
}

TEST(ParserTest, SelectWithClauses) {
  ast::Statement statement = ParseOne(
      "SELECT DISTINCT a, t.b AS bee, count(*) FROM db.t WHERE a > 1 AND b IS NOT NULL "
      "GROUP BY a, t.b HAVING count(*) > 2 ORDER BY 1 DESC NULLS LAST LIMIT 10 OFFSET 5");
  ASSERT_EQ(statement.kind, ast::StatementKind::kSelect);
  const ast::SelectStatement& select = *statement.select;
  EXPECT_TRUE(select.distinct);
  ASSERT_EQ(select.items.size(), 3u);
  EXPECT_EQ(select.items[1].alias, "bee");
  EXPECT_EQ(select.items[1].expr->As<ast::ColumnExpr>().parts,
            (std::vector<std::string>{"t", "b"}));
  const auto& count = select.items[2].expr->As<ast::FunctionExpr>();
  EXPECT_EQ(count.name, "count");
  EXPECT_TRUE(count.star);
  ASSERT_EQ(select.from.size(), 1u);
  EXPECT_EQ(select.from[0]->As<ast::BaseTableRef>().name.ToString(), "db.t");
  ASSERT_NE(select.where, nullptr);
  EXPECT_EQ(select.where->kind, ast::ExprKind::kAnd);
  EXPECT_EQ(select.group_by.size(), 2u);
  ASSERT_NE(select.having, nullptr);
  ASSERT_EQ(select.order_by.size(), 1u);
  EXPECT_EQ(select.order_by[0].direction, ast::SortDirection::kDescending);
  EXPECT_EQ(select.order_by[0].nulls, ast::NullsOrder::kLast);
  ASSERT_NE(select.limit, nullptr);
  EXPECT_EQ(select.limit->As<ast::ConstantExpr>().integer, 10);
  EXPECT_EQ(select.offset->As<ast::ConstantExpr>().integer, 5);
}

TEST(ParserTest, ConstantsAreTypedAsWritten) {
  ast::Statement statement =
      ParseOne("SELECT 1, 3000000000, 1.5, 'x', TRUE, NULL, 99999999999999999999");
  const auto& items = statement.select->items;
  using Form = ast::ConstantExpr::Form;
  EXPECT_EQ(items[0].expr->As<ast::ConstantExpr>().form, Form::kInteger);
  EXPECT_EQ(items[1].expr->As<ast::ConstantExpr>().integer, 3000000000);
  EXPECT_EQ(items[2].expr->As<ast::ConstantExpr>().form, Form::kNumeric);
  EXPECT_EQ(items[2].expr->As<ast::ConstantExpr>().text, "1.5");
  EXPECT_EQ(items[3].expr->As<ast::ConstantExpr>().form, Form::kString);
  EXPECT_EQ(items[4].expr->As<ast::ConstantExpr>().form, Form::kBoolean);
  EXPECT_EQ(items[5].expr->As<ast::ConstantExpr>().form, Form::kNull);
  EXPECT_EQ(items[6].expr->As<ast::ConstantExpr>().form, Form::kNumeric);
}

TEST(ParserTest, ExpressionForms) {
  ast::Statement statement = ParseOne(
      "SELECT -a, a + b * 2, CAST(a AS bigint), a::numeric(10, 2), "
      "CASE WHEN a THEN 1 ELSE 2 END, a IN (1, 2), a NOT BETWEEN 1 AND 2, b NOT ILIKE 'x%', "
      "a IS DISTINCT FROM b, NULLIF(a, b), COALESCE(a, b), LEAST(a, b), "
      "EXISTS (SELECT 1), a IN (SELECT 1), (SELECT 1), a IS NOT TRUE, $1");
  const auto& items = statement.select->items;
  ASSERT_EQ(items.size(), 17u);
  const auto& negate = items[0].expr->As<ast::OperatorExpr>();
  EXPECT_EQ(negate.name, "-");
  EXPECT_EQ(negate.left, nullptr);
  EXPECT_EQ(items[1].expr->As<ast::OperatorExpr>().name, "+");
  EXPECT_EQ(items[2].expr->As<ast::CastExpr>().type.name, "int8");
  EXPECT_EQ(items[3].expr->As<ast::CastExpr>().type.ToString(), "numeric(10,2)");
  EXPECT_EQ(items[4].expr->kind, ast::ExprKind::kCase);
  EXPECT_EQ(items[5].expr->As<ast::InListExpr>().list.size(), 2u);
  EXPECT_TRUE(items[6].expr->As<ast::BetweenExpr>().negated);
  const auto& like = items[7].expr->As<ast::LikeExpr>();
  EXPECT_TRUE(like.negated);
  EXPECT_TRUE(like.case_insensitive);
  EXPECT_FALSE(items[8].expr->As<ast::DistinctFromExpr>().negated);
  EXPECT_EQ(items[9].expr->kind, ast::ExprKind::kNullIf);
  EXPECT_EQ(items[10].expr->kind, ast::ExprKind::kCoalesce);
  EXPECT_TRUE(items[11].expr->As<ast::ListExpr>().least);
  EXPECT_EQ(items[12].expr->As<ast::SubqueryExpr>().form, ast::SubqueryExpr::Form::kExists);
  const auto& in_query = items[13].expr->As<ast::SubqueryExpr>();
  EXPECT_EQ(in_query.form, ast::SubqueryExpr::Form::kAny);
  EXPECT_EQ(in_query.operator_name, "=");
  EXPECT_EQ(items[14].expr->As<ast::SubqueryExpr>().form, ast::SubqueryExpr::Form::kScalar);
  EXPECT_TRUE(items[15].expr->As<ast::BooleanTestExpr>().negated);
  EXPECT_EQ(items[16].expr->As<ast::ParameterExpr>().number, 1);
}

TEST(ParserTest, JoinsSetOperationsAndCtes) {
  ast::Statement statement = ParseOne(
      "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) "
      "SELECT * FROM t1 LEFT JOIN t2 USING (a) CROSS JOIN (SELECT 1) AS s(x) "
      "UNION SELECT 1, 2, 3");
  const ast::SelectStatement& select = *statement.select;
  EXPECT_TRUE(select.recursive);
  ASSERT_EQ(select.ctes.size(), 1u);
  EXPECT_EQ(select.ctes[0].column_names, std::vector<std::string>{"n"});
  EXPECT_EQ(select.ctes[0].query->set_operation, ast::SetOperation::kUnion);
  EXPECT_TRUE(select.ctes[0].query->set_all);
  EXPECT_EQ(select.set_operation, ast::SetOperation::kUnion);
  const auto& cross = select.left->from[0]->As<ast::JoinRef>();
  EXPECT_EQ(cross.type, ast::JoinType::kCross);
  const auto& left = cross.left->As<ast::JoinRef>();
  EXPECT_EQ(left.type, ast::JoinType::kLeft);
  EXPECT_EQ(left.using_columns, std::vector<std::string>{"a"});
  EXPECT_EQ(cross.right->alias, "s");
  EXPECT_EQ(cross.right->column_aliases, std::vector<std::string>{"x"});
}

TEST(ParserTest, WindowsAndGroupingSets) {
  ast::Statement statement = ParseOne(
      "SELECT sum(a) OVER (PARTITION BY b ORDER BY c ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) "
      "FROM t GROUP BY ROLLUP (a, (b, c)), GROUPING SETS ((a), ())");
  const auto& sum = statement.select->items[0].expr->As<ast::FunctionExpr>();
  ASSERT_NE(sum.over, nullptr);
  EXPECT_EQ(sum.over->units, ast::WindowSpec::FrameUnits::kRows);
  EXPECT_EQ(sum.over->start.kind, ast::FrameBound::Kind::kPreceding);
  EXPECT_NE(sum.over->start.offset, nullptr);
  EXPECT_EQ(sum.over->end.kind, ast::FrameBound::Kind::kCurrentRow);
  const auto& group_by = statement.select->group_by;
  ASSERT_EQ(group_by.size(), 2u);
  EXPECT_EQ(group_by[0].kind, ast::GroupingKind::kRollup);
  EXPECT_EQ(group_by[0].items.size(), 2u);
  EXPECT_EQ(group_by[1].kind, ast::GroupingKind::kSets);
  ASSERT_EQ(group_by[1].nested.size(), 2u);
  EXPECT_EQ(group_by[1].nested[1].kind, ast::GroupingKind::kEmpty);
}

TEST(ParserTest, DdlAndDml) {
  ast::Statement create = ParseOne(
      "CREATE TABLE IF NOT EXISTS t (a INTEGER NOT NULL PRIMARY KEY, b VARCHAR(10) DEFAULT 'x', "
      "c DOUBLE PRECISION) WITH (engine = 'MergeTree', order_by = 'a', codec = zstd)");
  ASSERT_EQ(create.kind, ast::StatementKind::kCreateTable);
  const auto& table = *create.create_table;
  EXPECT_TRUE(table.if_not_exists);
  ASSERT_EQ(table.columns.size(), 3u);
  EXPECT_EQ(table.columns[0].type.name, "int4");
  EXPECT_TRUE(table.columns[0].not_null);
  EXPECT_TRUE(table.columns[0].primary_key);
  EXPECT_EQ(table.columns[1].type.ToString(), "varchar(10)");
  ASSERT_NE(table.columns[1].default_value, nullptr);
  EXPECT_EQ(table.columns[2].type.name, "float8");
  ASSERT_EQ(table.options.size(), 3u);
  EXPECT_EQ(table.options[0].name, "engine");
  EXPECT_EQ(table.options[0].value, "MergeTree");
  EXPECT_EQ(table.options[2].value, "zstd");

  ast::Statement insert = ParseOne("INSERT INTO t (a, b) VALUES (1, 'x'), (2, NULL)");
  ASSERT_EQ(insert.kind, ast::StatementKind::kInsert);
  EXPECT_EQ(insert.insert->columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(insert.insert->source->values.size(), 2u);

  ast::Statement update = ParseOne("UPDATE t SET a = a + 1 WHERE b = 'x'");
  ASSERT_EQ(update.kind, ast::StatementKind::kUpdate);
  EXPECT_EQ(update.update->assignments[0].column, "a");

  ast::Statement drop = ParseOne("DROP VIEW IF EXISTS v1, v2");
  EXPECT_EQ(drop.drop->object, ast::ObjectKind::kView);
  EXPECT_EQ(drop.drop->names.size(), 2u);

  ast::Statement copy =
      ParseOne("COPY t FROM '/tmp/x.csv' WITH (FORMAT csv, HEADER, DELIMITER ';')");
  ASSERT_EQ(copy.kind, ast::StatementKind::kCopy);
  ASSERT_EQ(copy.copy->options.size(), 3u);
  EXPECT_EQ(copy.copy->options[1].value, "true");

  ast::Statement rename = ParseOne("ALTER TABLE t RENAME COLUMN a TO z");
  EXPECT_EQ(rename.alter_table->action, ast::AlterTableStatement::Action::kRenameColumn);
  EXPECT_EQ(rename.alter_table->new_name, "z");
}

TEST(ParserTest, SeveralStatementsKeepTheirText) {
  Result<std::vector<ast::Statement>> statements =
      Parse("CREATE TABLE t(a INT); INSERT INTO t VALUES (1);\nSELECT * FROM t");
  ASSERT_TRUE(statements.ok());
  ASSERT_EQ(statements->size(), 3u);
  EXPECT_EQ((*statements)[1].text, " INSERT INTO t VALUES (1)");
  EXPECT_EQ((*statements)[2].kind, ast::StatementKind::kSelect);
}

TEST(ParserTest, SyntaxErrorCarriesSqlStateAndPosition) {
  Result<std::vector<ast::Statement>> statements = Parse("SELECT a FROM WHERE b");
  ASSERT_FALSE(statements.ok());
  EXPECT_EQ(statements.status().sqlstate(), "42601");
  EXPECT_EQ(statements.status().position(), 15);
  EXPECT_NE(statements.status().message().find("WHERE"), std::string_view::npos);
}

TEST(ParserTest, UnsupportedStatementIsRefusedWithPosition) {
  Result<std::vector<ast::Statement>> statements =
      Parse("WITH RECURSIVE t(n) AS (SELECT 1) SEARCH DEPTH FIRST BY n SET o SELECT * FROM t");
  ASSERT_FALSE(statements.ok());
  EXPECT_EQ(statements.status().sqlstate(), "0A000");
  Result<std::vector<ast::Statement>> listen = Parse("LISTEN channel");
  ASSERT_FALSE(listen.ok());
  EXPECT_EQ(listen.status().sqlstate(), "0A000");
}

TEST(ParserTest, CharacterPositionCountsUtf8Characters) {
  // "é" is two bytes: byte position 12 is character 11.
  EXPECT_EQ(CharacterPosition("SELECT 'é', x", 12), 11);
  EXPECT_EQ(CharacterPosition("abc", 0), 0);
}

}  // namespace
}  // namespace boyodb::sql
