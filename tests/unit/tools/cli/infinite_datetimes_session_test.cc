// 'infinity' and '-infinity' dates and timestamps reach every built-in function and operator
// that takes a date or timestamp, in every argument position: each call must give a value or
// a clear error, never crash or read out of range (the sanitized build aborts on either), and
// never fail as an internal error. Then PostgreSQL's answers for the everyday cases.
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

using types::DataType;
using types::TypeId;

class InfiniteDatetimesSessionTest : public SessionTest {};

// SQL literals to try for a parameter of `type`; empty when the sweep does not cover it.
std::vector<std::string> SampleArguments(const DataType& type) {
  switch (type.id()) {
    case TypeId::kDate:
      return {"DATE '2024-01-15'"};
    case TypeId::kTimestamp:
      return {"TIMESTAMP '2024-01-15 10:00'"};
    case TypeId::kTimestampTz:
      return {"TIMESTAMPTZ '2024-01-15 10:00+00'"};
    case TypeId::kTime:
      return {"TIME '10:00'"};
    case TypeId::kInterval:
      return {"INTERVAL '1 day'"};
    case TypeId::kString:
      return {"'day'", "'YYYY-MM-DD HH24:MI:SS'", "'UTC'", "'epoch'"};
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
      return {"1"};
    case TypeId::kFloat64:
      return {"1.5::float8"};
    case TypeId::kDecimal:
      return {"1.5"};
    case TypeId::kBoolean:
      return {"true"};
    default:
      return {};
  }
}

std::optional<std::string> InfiniteLiteral(const DataType& type, bool negative) {
  const std::string sign = negative ? "-" : "";
  switch (type.id()) {
    case TypeId::kDate:
      return "'" + sign + "infinity'::date";
    case TypeId::kTimestamp:
      return "'" + sign + "infinity'::timestamp";
    case TypeId::kTimestampTz:
      return "'" + sign + "infinity'::timestamptz";
    default:
      return std::nullopt;
  }
}

std::string Call(const std::string& name, const std::vector<std::string>& args) {
  const bool is_operator = !std::isalpha(static_cast<unsigned char>(name[0])) && name[0] != '_';
  if (is_operator && args.size() == 2) return "(" + args[0] + ") " + name + " (" + args[1] + ")";
  if (is_operator && args.size() == 1) return name + " (" + args[0] + ")";
  std::string call = name + "(";
  for (size_t i = 0; i < args.size(); ++i) call += (i > 0 ? ", " : "") + args[i];
  return call + ")";
}

TEST_F(InfiniteDatetimesSessionTest, EveryDatetimeFunctionTakesThem) {
  const functions::FunctionRegistry& registry = functions::FunctionRegistry::Builtins();
  int calls = 0;
  // In UTC and in a zone with an offset, so zone conversions see the infinities too.
  for (const char* zone : {"UTC", "Asia/Kolkata"}) {
    Exec(std::string("SET TIME ZONE '") + zone + "'");
    for (const std::string& name : registry.ScalarNames()) {
      for (const sql::ScalarOverload& overload : registry.FindScalar(name)->overloads) {
        // Set-returning calls over an infinite range would not end, as in PostgreSQL.
        if (overload.returns_set) continue;
        const std::vector<DataType>& parameters = overload.parameters;
        for (size_t position = 0; position < parameters.size(); ++position) {
          for (const bool negative : {false, true}) {
            const std::optional<std::string> infinite =
                InfiniteLiteral(parameters[position], negative);
            if (!infinite) continue;
            // Every combination of the other parameters' samples.
            std::vector<std::vector<std::string>> calls_args = {{}};
            for (size_t p = 0; p < parameters.size(); ++p) {
              const std::vector<std::string> choices = p == position
                                                           ? std::vector<std::string>{*infinite}
                                                           : SampleArguments(parameters[p]);
              std::vector<std::vector<std::string>> next;
              for (const std::vector<std::string>& partial : calls_args) {
                for (const std::string& choice : choices) {
                  next.push_back(partial);
                  next.back().push_back(choice);
                }
              }
              calls_args = std::move(next);
            }
            for (const std::vector<std::string>& args : calls_args) {
              const std::string sql = "SELECT " + Call(name, args);
              const Result<std::vector<StatementResult>> result = session_->Execute(sql);
              ++calls;
              if (!result.ok()) {
                EXPECT_NE(result.status().sqlstate(), "XX000")
                    << sql << ": " << result.status().ToString();
              }
            }
          }
        }
      }
    }
  }
  EXPECT_GT(calls, 100);
}

TEST_F(InfiniteDatetimesSessionTest, BehaveAsInPostgres) {
  EXPECT_EQ(Run("SELECT 'infinity'::date, '-infinity'::date, 'Infinity'::timestamp"),
            "[[\"infinity\", \"-infinity\", \"infinity\"]]");
  EXPECT_EQ(Run("SELECT 'infinity'::date + 1, '-infinity'::timestamp - INTERVAL '1 year'"),
            "[[\"infinity\", \"-infinity\"]]");
  EXPECT_EQ(Run("SELECT isfinite('infinity'::date), isfinite(DATE '2024-01-01')"),
            "[[false, true]]");
  EXPECT_EQ(std::string(Error("SELECT 'infinity'::date - DATE '2024-01-01'").sqlstate()), "22008");
  EXPECT_EQ(std::string(Error("SELECT '+infinity'::date").sqlstate()), "22007");
  // Stored, compared, sorted and read back.
  Exec("CREATE TABLE periods (id INTEGER, valid_to DATE)");
  Exec("INSERT INTO periods VALUES (1, 'infinity'), (2, '2024-01-01'), (3, '-infinity')");
  EXPECT_EQ(Run("SELECT id FROM periods WHERE valid_to > DATE '2030-01-01'"), "[[1]]");
  EXPECT_EQ(Run("SELECT id FROM periods ORDER BY valid_to"), "[[3], [2], [1]]");
  Reopen();
  EXPECT_EQ(Run("SELECT valid_to FROM periods ORDER BY id"),
            "[[\"infinity\"], [\"2024-01-01\"], [\"-infinity\"]]");
}

}  // namespace
}  // namespace boyodb::engine
