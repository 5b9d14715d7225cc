// Renaming tables in view definitions and columns in CHECK expressions through libpg_query.
#include "sql/parser/rename_references.h"

#include <gtest/gtest.h>

namespace boyodb::sql {
namespace {

std::optional<std::string> Renamed(std::string_view definition, std::string_view database = "db") {
  Result<std::optional<std::string>> renamed =
      RenameTableInView(definition, database, TableRename{"db", "t", "u"});
  EXPECT_TRUE(renamed.ok()) << renamed.status().ToString();
  return renamed.ok() ? *renamed : std::nullopt;
}

TEST(RenameReferencesTest, ViewsNameTheRenamedTableUnderItsOldNameAsAlias) {
  EXPECT_EQ(Renamed("CREATE VIEW v AS SELECT t.a FROM t WHERE t.a > 0"),
            "CREATE VIEW v AS SELECT t.a FROM u t WHERE t.a > 0");
  // An alias of its own stays; so do other tables and a view that does not read it.
  EXPECT_EQ(Renamed("CREATE VIEW v AS SELECT x.a FROM t x JOIN tt ON true"),
            "CREATE VIEW v AS SELECT x.a FROM u x JOIN tt ON true");
  EXPECT_EQ(Renamed("CREATE VIEW v AS SELECT 1 FROM tt"), std::nullopt);
  // Subqueries, and schema-qualified names: public and the table's database are it, another
  // schema is not.
  EXPECT_EQ(Renamed("CREATE VIEW v AS SELECT (SELECT max(a) FROM public.t) AS m"),
            "CREATE VIEW v AS SELECT (SELECT max(a) FROM public.u t) AS m");
  EXPECT_EQ(Renamed("CREATE VIEW v AS SELECT * FROM db.t"),
            "CREATE VIEW v AS SELECT * FROM db.u t");
  EXPECT_EQ(Renamed("CREATE VIEW v AS SELECT * FROM elsewhere.t"), std::nullopt);
  // A view of another database names the table with its schema only.
  EXPECT_EQ(Renamed("CREATE VIEW v AS SELECT * FROM t", "other"), std::nullopt);
  EXPECT_EQ(Renamed("CREATE VIEW v AS SELECT * FROM db.t", "other"),
            "CREATE VIEW v AS SELECT * FROM db.u t");
}

TEST(RenameReferencesTest, WithQueriesHideTheTableWhereTheyAreVisible) {
  EXPECT_EQ(Renamed("CREATE VIEW v AS WITH t AS (SELECT 1 AS a) SELECT a FROM t"), std::nullopt);
  // A non-recursive WITH query does not see itself: its own "t" is the table.
  EXPECT_EQ(Renamed("CREATE VIEW v AS WITH t AS (SELECT a FROM t) SELECT a FROM t"),
            "CREATE VIEW v AS WITH t AS (SELECT a FROM u t) SELECT a FROM t");
  // Later WITH queries and the main query see it; a qualified name is still the table.
  EXPECT_EQ(Renamed("CREATE VIEW v AS WITH t AS (SELECT 1 AS a), w AS (SELECT a FROM t) "
                    "SELECT * FROM w, public.t"),
            "CREATE VIEW v AS WITH t AS (SELECT 1 AS a), w AS (SELECT a FROM t) "
            "SELECT * FROM w, public.u t");
  EXPECT_FALSE(RenameTableInView("SELECT 1", "db", TableRename{"db", "t", "u"}).ok());
}

TEST(RenameReferencesTest, CheckExpressions) {
  EXPECT_EQ(*RenameColumnInExpression("a < b AND t.a > 0", "a", "z"), "z < b AND t.z > 0");
  EXPECT_EQ(*RenameColumnInExpression("length(a) < 4", "b", "z"), "length(a) < 4");
  EXPECT_EQ(*UnqualifyColumns("t.a > 0 AND b < db.t.c"), "a > 0 AND b < c");
  EXPECT_EQ(*ColumnsInExpression("t.a > 0 AND a < b OR c IS NULL"),
            (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(ColumnsInExpression("true")->empty());
  EXPECT_FALSE(ColumnsInExpression("a >").ok());
}

}  // namespace
}  // namespace boyodb::sql
