// Session::InferParameterTypes: the parameter types a client is told for a statement prepared
// without them (what the PostgreSQL protocol's ParameterDescription carries), which tests/sql
// shows only through the values EXECUTE accepts.
#include "sql/parser/parser.h"
#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

using types::DataType;

class ParameterTypesSessionTest : public SessionTest {
 protected:
  void SetUp() override {
    SessionTest::SetUp();
    Exec("CREATE TABLE items (id INTEGER, name TEXT, price NUMERIC(10,2), made DATE)");
  }

  // The type ids, which is what a client is told (a NUMERIC parameter is numeric, whatever the
  // scale of the column it is compared with).
  static std::vector<types::TypeId> Ids(const std::vector<DataType>& types) {
    std::vector<types::TypeId> ids;
    for (const DataType& type : types) ids.push_back(type.id());
    return ids;
  }

  Result<std::vector<DataType>> Infer(std::string_view sql,
                                      std::vector<std::optional<DataType>> declared = {}) {
    Result<std::vector<sql::ast::Statement>> parsed = sql::Parse(sql);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    if (!parsed.ok()) return parsed.status();
    return session_->InferParameterTypes(parsed->front(), std::move(declared));
  }
};

TEST_F(ParameterTypesSessionTest, TypesComeFromColumnsOperatorsAndClauses) {
  Result<std::vector<DataType>> types =
      Infer("SELECT name FROM items WHERE id = $1 AND price > $2 AND made < $3 LIMIT $4");
  ASSERT_TRUE(types.ok()) << types.status().ToString();
  EXPECT_EQ(Ids(*types), (std::vector<types::TypeId>{types::TypeId::kInt32, types::TypeId::kDecimal,
                                                     types::TypeId::kDate, types::TypeId::kInt64}));
}

TEST_F(ParameterTypesSessionTest, InsertUpdateAndDeleteTakeTheirColumnsTypes) {
  Result<std::vector<DataType>> insert = Infer("INSERT INTO items (name, id) VALUES ($1, $2)");
  ASSERT_TRUE(insert.ok()) << insert.status().ToString();
  EXPECT_EQ(*insert, (std::vector<DataType>{DataType::String(), DataType::Int32()}));

  Result<std::vector<DataType>> update =
      Infer("UPDATE items SET made = $1 WHERE id = $2 RETURNING name || $3");
  ASSERT_TRUE(update.ok()) << update.status().ToString();
  EXPECT_EQ(*update,
            (std::vector<DataType>{DataType::Date(), DataType::Int32(), DataType::String()}));

  Result<std::vector<DataType>> deletion = Infer("DELETE FROM items WHERE price < $1");
  ASSERT_TRUE(deletion.ok()) << deletion.status().ToString();
  EXPECT_EQ(Ids(*deletion), (std::vector<types::TypeId>{types::TypeId::kDecimal}));
}

TEST_F(ParameterTypesSessionTest, DeclaredTypesWinAndUntypedOnesAreInferred) {
  Result<std::vector<DataType>> types =
      Infer("SELECT $1 + $2, $3", {DataType::Int64(), std::nullopt});
  ASSERT_TRUE(types.ok()) << types.status().ToString();
  EXPECT_EQ(*types,
            (std::vector<DataType>{DataType::Int64(), DataType::Int64(), DataType::String()}));
}

TEST_F(ParameterTypesSessionTest, ParametersNothingTypesAreRefused) {
  Result<std::vector<DataType>> unused = Infer("SELECT $2::INTEGER");
  ASSERT_FALSE(unused.ok());
  EXPECT_EQ(unused.status().sqlstate(), "42P18");
  EXPECT_NE(unused.status().message().find("parameter $1"), std::string::npos);

  Result<std::vector<DataType>> untyped = Infer("SELECT $1 IS NULL");
  ASSERT_FALSE(untyped.ok());
  EXPECT_EQ(untyped.status().sqlstate(), "42P18");

  Result<std::vector<DataType>> missing = Infer("SELECT * FROM nowhere WHERE a = $1");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().sqlstate(), "42P01");
}

}  // namespace
}  // namespace boyodb::engine
