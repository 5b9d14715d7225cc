// TextTable against psql 15's aligned output: every expected text below is what psql printed
// for a query giving the same headers and cells.
#include "tools/cli/table_printer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace boyodb::tools::cli {
namespace {

std::string Print(const TextTable& table) {
  std::ostringstream out;
  PrintTable(table, out);
  return out.str();
}

// Columns named in `headers`; a trailing '>' in a name right-aligns the column.
TextTable Table(const std::vector<std::string>& headers,
                std::vector<std::vector<std::string>> rows) {
  TextTable table;
  for (std::string header : headers) {
    const bool right = !header.empty() && header.back() == '>';
    if (right) header.pop_back();
    table.AddColumn(header, right);
  }
  table.rows = std::move(rows);
  return table;
}

TEST(TablePrinterTest, AlignsLikePsql) {
  // SELECT 1 AS a, 'xx' AS bbbb, NULL::int AS n
  EXPECT_EQ(Print(Table({"a>", "bbbb", "n>"}, {{"1", "xx", ""}})),
            " a | bbbb | n \n"
            "---+------+---\n"
            " 1 | xx   |  \n"
            "(1 row)\n"
            "\n");
  // SELECT 1 AS a WHERE false
  EXPECT_EQ(Print(Table({"a>"}, {})), " a \n---\n(0 rows)\n\n");
  // SELECT FROM t (three rows, no columns)
  EXPECT_EQ(Print(Table({}, {{}, {}, {}})), "--\n(3 rows)\n\n");
}

TEST(TablePrinterTest, CellsWithNewlinesGoOnOverSeveralLinesMarkedWithPlus) {
  // SELECT 1 AS x, E'a\nb' AS y, NULL::text AS z, 2.5::numeric AS w
  EXPECT_EQ(Print(Table({"x>", "y", "z", "w>"}, {{"1", "a\nb", "", "2.5"}})),
            " x | y | z |  w  \n"
            "---+---+---+-----\n"
            " 1 | a+|   | 2.5\n"
            "   | b |   | \n"
            "(1 row)\n"
            "\n");
  // SELECT 1 AS n, E'a\nbb\nc' AS e, 2 AS m
  EXPECT_EQ(Print(Table({"n>", "e", "m>"}, {{"1", "a\nbb\nc", "2"}})),
            " n | e  | m \n"
            "---+----+---\n"
            " 1 | a +| 2\n"
            "   | bb+| \n"
            "   | c  | \n"
            "(1 row)\n"
            "\n");
  // SELECT 1 AS "a<newline>bc", 'x' AS d, E'p\nq' AS e
  EXPECT_EQ(Print(Table({"a\nbc>", "d", "e"}, {{"1", "x", "p\nq"}})),
            " a +| d | e \n"
            " bc |   |   \n"
            "----+---+---\n"
            "  1 | x | p+\n"
            "    |   | q\n"
            "(1 row)\n"
            "\n");
}

TEST(TablePrinterTest, TabsExpandAndControlCharactersAreEscaped) {
  // SELECT E'a\tb' AS x, E'c\rd' AS y, 'é' AS zz, E'line1\nline2long' AS "multi\nhdr"
  EXPECT_EQ(Print(Table({"x", "y", "zz", "multi\\nhdr"},
                        {{"a\tb", "c\rd", "\xC3\xA9", "line1\nline2long"}})),
            "     x     |  y   | zz | multi\\nhdr \n"
            "-----------+------+----+------------\n"
            " a       b | c\\rd | \xC3\xA9  | line1     +\n"
            "           |      |    | line2long\n"
            "(1 row)\n"
            "\n");
  EXPECT_EQ(Print(Table({"c"}, {{"\x01"}})), "  c   \n------\n \\x01\n(1 row)\n\n");
}

TEST(TablePrinterTest, TitleIsCenteredAndFootersReplaceTheRowCount) {
  // \d t in psql
  TextTable table = Table({"Column", "Type", "Collation", "Nullable", "Default"},
                          {{"a", "integer", "", "not null", ""}, {"bb", "text", "", "", ""}});
  table.title = "Table \"public.t\"";
  table.footers = std::vector<std::string>{"Indexes:", "    \"t_a_idx\" btree (a)",
                                           "    \"u\" UNIQUE, btree (bb)"};
  EXPECT_EQ(Print(table),
            "                 Table \"public.t\"\n"
            " Column |  Type   | Collation | Nullable | Default \n"
            "--------+---------+-----------+----------+---------\n"
            " a      | integer |           | not null | \n"
            " bb     | text    |           |          | \n"
            "Indexes:\n"
            "    \"t_a_idx\" btree (a)\n"
            "    \"u\" UNIQUE, btree (bb)\n"
            "\n");

  // A title wider than the table starts at the left edge.
  TextTable narrow = Table({"a"}, {{"1"}});
  narrow.title = "List of databases";
  narrow.footers = std::vector<std::string>{};
  EXPECT_EQ(Print(narrow), "List of databases\n a \n---\n 1\n\n");
}

TEST(TablePrinterTest, RowCountFooter) {
  EXPECT_EQ(RowCountFooter(0), "(0 rows)");
  EXPECT_EQ(RowCountFooter(1), "(1 row)");
  EXPECT_EQ(RowCountFooter(12), "(12 rows)");
}

}  // namespace
}  // namespace boyodb::tools::cli
