#include "tools/cli/admin_parser.h"

#include <charconv>
#include <sstream>

#include "common/sqlstate.h"
#include "tools/cli/admin_lexer.h"

namespace boyodb::tools::cli {
namespace {

Status SyntaxError(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError, std::move(message));
}

// Recursive-descent parser over the token list of one statement.
class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)) {}

  Result<AdminCommand> ParseStatement() {
    const Token& first = Peek();
    if (first.IsWord("create")) return ParseCreate();
    if (first.IsWord("drop")) return ParseDrop();
    if (first.IsWord("truncate")) return ParseTruncate();
    if (first.IsWord("insert")) return ParseInsert();
    if (first.IsWord("select")) return ParseSelect();
    return Unexpected("a command (CREATE, DROP, TRUNCATE, INSERT, SELECT or a \\ command)");
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& Advance() {
    const Token& token = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return token;
  }
  bool TryWord(std::string_view word) {
    if (!Peek().IsWord(word)) return false;
    Advance();
    return true;
  }
  bool TrySymbol(std::string_view symbol) {
    if (!Peek().IsSymbol(symbol)) return false;
    Advance();
    return true;
  }

  Status Unexpected(std::string_view expected) const {
    const Token& token = Peek();
    if (token.kind == TokenKind::kEnd) {
      return SyntaxError("syntax error at end of input: expected " + std::string(expected));
    }
    return SyntaxError("syntax error at or near \"" +
                       std::string(text_.substr(token.begin, token.end - token.begin)) +
                       "\": expected " + std::string(expected));
  }
  Status ExpectWord(std::string_view word) {
    if (TryWord(word)) return Status::OK();
    return Unexpected(std::string("\"") + std::string(word) + "\"");
  }
  Status ExpectSymbol(std::string_view symbol) {
    if (TrySymbol(symbol)) return Status::OK();
    return Unexpected(std::string("\"") + std::string(symbol) + "\"");
  }
  Status ExpectEnd() {
    TrySymbol(";");
    if (Peek().kind == TokenKind::kEnd) return Status::OK();
    return Unexpected("end of command");
  }

  Result<std::string> ParseName(std::string_view what) {
    const Token& token = Peek();
    if (token.kind != TokenKind::kWord && token.kind != TokenKind::kQuotedWord) {
      return Unexpected(what);
    }
    return Advance().text;
  }

  Result<TableName> ParseTableName() {
    TableName name;
    BOYO_ASSIGN_OR_RETURN(std::string first, ParseName("a table name"));
    if (TrySymbol(".")) {
      name.database = std::move(first);
      BOYO_ASSIGN_OR_RETURN(name.table, ParseName("a table name after \".\""));
    } else {
      name.table = std::move(first);
    }
    return name;
  }

  Result<bool> ParseIfExists() {
    if (!TryWord("if")) return false;
    BOYO_RETURN_IF_ERROR(ExpectWord("exists"));
    return true;
  }
  Result<bool> ParseIfNotExists() {
    if (!TryWord("if")) return false;
    BOYO_RETURN_IF_ERROR(ExpectWord("not"));
    BOYO_RETURN_IF_ERROR(ExpectWord("exists"));
    return true;
  }

  Result<AdminCommand> ParseCreate() {
    Advance();
    if (TryWord("database")) {
      CreateDatabaseCommand command;
      BOYO_ASSIGN_OR_RETURN(command.if_not_exists, ParseIfNotExists());
      BOYO_ASSIGN_OR_RETURN(command.name, ParseName("a database name"));
      BOYO_RETURN_IF_ERROR(ExpectEnd());
      return command;
    }
    if (TryWord("table")) return ParseCreateTable();
    return Unexpected("DATABASE or TABLE");
  }

  Result<AdminCommand> ParseCreateTable() {
    CreateTableCommand command;
    BOYO_ASSIGN_OR_RETURN(command.if_not_exists, ParseIfNotExists());
    BOYO_ASSIGN_OR_RETURN(command.table, ParseTableName());
    BOYO_RETURN_IF_ERROR(ExpectSymbol("("));
    do {
      BOYO_ASSIGN_OR_RETURN(ColumnDefinition column, ParseColumnDefinition());
      command.columns.push_back(std::move(column));
    } while (TrySymbol(","));
    BOYO_RETURN_IF_ERROR(ExpectSymbol(")"));
    if (TryWord("with")) {
      // Both `with codec=zstd, order_by=(a, b)` and `with (codec = 'zstd', order_by = 'a, b')`.
      const bool parenthesized = TrySymbol("(");
      do {
        BOYO_ASSIGN_OR_RETURN(const std::string option, ParseName("a table option name"));
        BOYO_RETURN_IF_ERROR(ExpectSymbol("="));
        if (option == "codec" || option == "compression") {
          const Token& value = Peek();
          if (value.kind != TokenKind::kWord && value.kind != TokenKind::kString &&
              value.kind != TokenKind::kQuotedWord) {
            return Unexpected("a codec name");
          }
          command.codec = Advance().text;
        } else if (option == "order_by" || option == "sort_key") {
          BOYO_ASSIGN_OR_RETURN(command.order_by, ParseColumnList());
        } else {
          return SyntaxError("unrecognized table option \"" + option +
                             "\": expected codec or order_by");
        }
      } while (TrySymbol(","));
      if (parenthesized) BOYO_RETURN_IF_ERROR(ExpectSymbol(")"));
    }
    BOYO_RETURN_IF_ERROR(ExpectEnd());
    return command;
  }

  // `(a, b)`, `a`, or a string `'a, b'`.
  Result<std::vector<std::string>> ParseColumnList() {
    std::vector<std::string> columns;
    if (Peek().kind == TokenKind::kString) {
      std::stringstream list(Advance().text);
      std::string item;
      while (std::getline(list, item, ',')) {
        const size_t first = item.find_first_not_of(" \t");
        const size_t last = item.find_last_not_of(" \t");
        if (first == std::string::npos) return SyntaxError("empty column name in order_by");
        columns.push_back(item.substr(first, last - first + 1));
      }
      return columns;
    }
    if (!TrySymbol("(")) {
      BOYO_ASSIGN_OR_RETURN(std::string column, ParseName("a column name"));
      columns.push_back(std::move(column));
      return columns;
    }
    do {
      BOYO_ASSIGN_OR_RETURN(std::string column, ParseName("a column name"));
      columns.push_back(std::move(column));
    } while (TrySymbol(","));
    BOYO_RETURN_IF_ERROR(ExpectSymbol(")"));
    return columns;
  }

  // name TYPE [NOT NULL | NULL]; the type is every token up to a top-level ',' or ')' or the
  // NOT/NULL keywords, handed to ParseTypeName as the raw text.
  Result<ColumnDefinition> ParseColumnDefinition() {
    ColumnDefinition column;
    BOYO_ASSIGN_OR_RETURN(column.name, ParseName("a column name"));
    const size_t type_begin = Peek().begin;
    size_t type_end = type_begin;
    int depth = 0;
    while (true) {
      const Token& token = Peek();
      if (token.kind == TokenKind::kEnd) break;
      if (depth == 0 && (token.IsSymbol(",") || token.IsSymbol(")") || token.IsWord("not") ||
                         token.IsWord("null") || token.IsWord("primary"))) {
        break;
      }
      if (token.IsSymbol("(")) ++depth;
      if (token.IsSymbol(")")) --depth;
      type_end = token.end;
      Advance();
    }
    if (type_end == type_begin) return Unexpected("a type for column \"" + column.name + "\"");
    column.type_text = std::string(text_.substr(type_begin, type_end - type_begin));
    if (TryWord("not")) {
      BOYO_RETURN_IF_ERROR(ExpectWord("null"));
      column.not_null = true;
    } else {
      TryWord("null");
    }
    return column;
  }

  Result<AdminCommand> ParseDrop() {
    Advance();
    if (TryWord("database")) {
      DropDatabaseCommand command;
      BOYO_ASSIGN_OR_RETURN(command.if_exists, ParseIfExists());
      BOYO_ASSIGN_OR_RETURN(command.name, ParseName("a database name"));
      BOYO_RETURN_IF_ERROR(ExpectEnd());
      return command;
    }
    if (TryWord("table")) {
      DropTableCommand command;
      BOYO_ASSIGN_OR_RETURN(command.if_exists, ParseIfExists());
      BOYO_ASSIGN_OR_RETURN(command.table, ParseTableName());
      BOYO_RETURN_IF_ERROR(ExpectEnd());
      return command;
    }
    return Unexpected("DATABASE or TABLE");
  }

  Result<AdminCommand> ParseTruncate() {
    Advance();
    TryWord("table");
    TruncateCommand command;
    BOYO_ASSIGN_OR_RETURN(command.table, ParseTableName());
    BOYO_RETURN_IF_ERROR(ExpectEnd());
    return command;
  }

  Result<Literal> ParseLiteral() {
    Literal literal;
    const Token& token = Peek();
    if (token.IsWord("null")) {
      Advance();
      return literal;
    }
    if (token.IsWord("true") || token.IsWord("false")) {
      literal.kind = Literal::Kind::kBoolean;
      literal.boolean = Advance().IsWord("true");
      return literal;
    }
    if (token.kind == TokenKind::kString) {
      literal.kind = Literal::Kind::kString;
      literal.text = Advance().text;
      return literal;
    }
    bool negative = false;
    if (token.IsSymbol("-") || token.IsSymbol("+")) {
      negative = Advance().IsSymbol("-");
    }
    if (Peek().kind != TokenKind::kNumber) return Unexpected("a constant");
    literal.kind = Literal::Kind::kNumber;
    literal.text = (negative ? "-" : "") + Advance().text;
    return literal;
  }

  Result<AdminCommand> ParseInsert() {
    Advance();
    BOYO_RETURN_IF_ERROR(ExpectWord("into"));
    InsertCommand command;
    BOYO_ASSIGN_OR_RETURN(command.table, ParseTableName());
    if (TrySymbol("(")) {
      do {
        BOYO_ASSIGN_OR_RETURN(std::string column, ParseName("a column name"));
        command.columns.push_back(std::move(column));
      } while (TrySymbol(","));
      BOYO_RETURN_IF_ERROR(ExpectSymbol(")"));
    }
    BOYO_RETURN_IF_ERROR(ExpectWord("values"));
    do {
      BOYO_RETURN_IF_ERROR(ExpectSymbol("("));
      std::vector<Literal> row;
      do {
        BOYO_ASSIGN_OR_RETURN(Literal literal, ParseLiteral());
        row.push_back(std::move(literal));
      } while (TrySymbol(","));
      BOYO_RETURN_IF_ERROR(ExpectSymbol(")"));
      command.rows.push_back(std::move(row));
    } while (TrySymbol(","));
    BOYO_RETURN_IF_ERROR(ExpectEnd());
    return command;
  }

  Result<storage::CompareOp> ParseCompareOp() {
    using storage::CompareOp;
    const Token& token = Peek();
    if (token.kind == TokenKind::kSymbol) {
      static constexpr std::pair<std::string_view, CompareOp> kOps[] = {
          {"=", CompareOp::kEq}, {"<>", CompareOp::kNe}, {"!=", CompareOp::kNe},
          {"<", CompareOp::kLt}, {"<=", CompareOp::kLe}, {">", CompareOp::kGt},
          {">=", CompareOp::kGe}};
      for (const auto& [symbol, op] : kOps) {
        if (token.text == symbol) {
          Advance();
          return op;
        }
      }
    }
    return Unexpected("a comparison operator (= <> != < <= > >= IS)");
  }

  Result<Condition> ParseCondition() {
    Condition condition;
    BOYO_ASSIGN_OR_RETURN(condition.column, ParseName("a column name"));
    if (TryWord("is")) {
      const bool negated = TryWord("not");
      BOYO_RETURN_IF_ERROR(ExpectWord("null"));
      condition.op = negated ? storage::CompareOp::kIsNotNull : storage::CompareOp::kIsNull;
      return condition;
    }
    BOYO_ASSIGN_OR_RETURN(condition.op, ParseCompareOp());
    BOYO_ASSIGN_OR_RETURN(condition.literal, ParseLiteral());
    if (condition.literal.kind == Literal::Kind::kNull) {
      return SyntaxError("comparison with NULL is never true: use IS NULL or IS NOT NULL");
    }
    return condition;
  }

  Result<AdminCommand> ParseSelect() {
    Advance();
    SelectCommand command;
    if (TrySymbol("*")) {
      // every column
    } else if (Peek().IsWord("count") && Peek(1).IsSymbol("(")) {
      Advance();
      Advance();
      BOYO_RETURN_IF_ERROR(ExpectSymbol("*"));
      BOYO_RETURN_IF_ERROR(ExpectSymbol(")"));
      command.count_star = true;
    } else {
      do {
        BOYO_ASSIGN_OR_RETURN(std::string column, ParseName("a column name or *"));
        command.columns.push_back(std::move(column));
      } while (TrySymbol(","));
    }
    BOYO_RETURN_IF_ERROR(ExpectWord("from"));
    BOYO_ASSIGN_OR_RETURN(command.table, ParseTableName());
    if (TryWord("where")) {
      do {
        BOYO_ASSIGN_OR_RETURN(Condition condition, ParseCondition());
        command.conditions.push_back(std::move(condition));
      } while (TryWord("and"));
    }
    if (TryWord("limit")) {
      const Token& token = Peek();
      int64_t limit = 0;
      const auto [end, error] =
          std::from_chars(token.text.data(), token.text.data() + token.text.size(), limit);
      if (token.kind != TokenKind::kNumber || error != std::errc() ||
          end != token.text.data() + token.text.size()) {
        return Unexpected("a non-negative integer after LIMIT");
      }
      Advance();
      command.limit = limit;
    }
    BOYO_RETURN_IF_ERROR(ExpectEnd());
    return command;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

// Splits a backslash command into its name and whitespace-separated arguments.
std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream stream{std::string(text)};
  std::string word;
  while (stream >> word) words.push_back(word);
  return words;
}

// `db.table` or `table` as typed after a backslash command (no quoting).
TableName SplitTableName(const std::string& text) {
  TableName name;
  const size_t dot = text.find('.');
  if (dot == std::string::npos) {
    name.table = text;
  } else {
    name.database = text.substr(0, dot);
    name.table = text.substr(dot + 1);
  }
  return name;
}

Result<AdminCommand> ParseBackslashCommand(std::string_view text) {
  std::vector<std::string> words = SplitWords(text);
  while (!words.empty() && words.back() == ";") words.pop_back();
  if (!words.empty() && words.back().size() > 1 && words.back().back() == ';') {
    words.back().pop_back();
  }
  const std::string& name = words[0];
  const size_t num_args = words.size() - 1;
  auto too_many = [&](size_t allowed) -> Status {
    return SyntaxError(name + " takes at most " + std::to_string(allowed) + " argument" +
                       (allowed == 1 ? "" : "s") + ", got " + std::to_string(num_args));
  };
  if (name == "\\l" || name == "\\list") {
    if (num_args > 0) return too_many(0);
    return ListDatabasesCommand{};
  }
  if (name == "\\dt") {
    if (num_args > 1) return too_many(1);
    ListTablesCommand command;
    if (num_args == 1) command.database = words[1];
    return command;
  }
  if (name == "\\d") {
    if (num_args > 1) return too_many(1);
    DescribeCommand command;
    if (num_args == 1) command.table = SplitTableName(words[1]);
    return command;
  }
  if (name == "\\c" || name == "\\connect") {
    if (num_args > 1) return too_many(1);
    UseDatabaseCommand command;
    if (num_args == 1) command.database = words[1];
    return command;
  }
  if (name == "\\flush") {
    if (num_args > 0) return too_many(0);
    return FlushCommand{};
  }
  if (name == "\\verify") {
    if (num_args > 0) return too_many(0);
    return VerifyCommand{};
  }
  return SyntaxError("invalid command " + name + ": try \\? for help");
}

}  // namespace

Result<AdminCommand> ParseAdminCommand(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '\\') {
    return ParseBackslashCommand(text.substr(first));
  }
  BOYO_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  Parser parser(text, std::move(tokens));
  return parser.ParseStatement();
}

}  // namespace boyodb::tools::cli
