// Expressions: libpg_query nodes -> ast::Expr.
#include <cstdlib>
#include <limits>

#include "common/sqlstate.h"
#include "sql/parser/translator.h"

namespace boyodb::sql::internal {

namespace {

// Window frame option bits of PostgreSQL 15 (nodes/parsenodes.h, FRAMEOPTION_*).
constexpr int32_t kFrameRange = 0x2;
constexpr int32_t kFrameRows = 0x4;
constexpr int32_t kFrameGroups = 0x8;
constexpr int32_t kFrameStartUnboundedPreceding = 0x20;
constexpr int32_t kFrameEndUnboundedPreceding = 0x40;
constexpr int32_t kFrameStartUnboundedFollowing = 0x80;
constexpr int32_t kFrameEndUnboundedFollowing = 0x100;
constexpr int32_t kFrameStartCurrentRow = 0x200;
constexpr int32_t kFrameEndCurrentRow = 0x400;
constexpr int32_t kFrameStartOffsetPreceding = 0x800;
constexpr int32_t kFrameEndOffsetPreceding = 0x1000;
constexpr int32_t kFrameStartOffsetFollowing = 0x2000;
constexpr int32_t kFrameEndOffsetFollowing = 0x4000;
constexpr int32_t kFrameExcludeCurrentRow = 0x8000;
constexpr int32_t kFrameExcludeGroup = 0x10000;
constexpr int32_t kFrameExcludeTies = 0x20000;

ast::FrameBound::Kind StartKind(int32_t options) {
  using Kind = ast::FrameBound::Kind;
  if (options & kFrameStartUnboundedPreceding) return Kind::kUnboundedPreceding;
  if (options & kFrameStartUnboundedFollowing) return Kind::kUnboundedFollowing;
  if (options & kFrameStartOffsetPreceding) return Kind::kPreceding;
  if (options & kFrameStartOffsetFollowing) return Kind::kFollowing;
  if (options & kFrameStartCurrentRow) return Kind::kCurrentRow;
  return Kind::kUnboundedPreceding;
}

ast::FrameBound::Kind EndKind(int32_t options) {
  using Kind = ast::FrameBound::Kind;
  if (options & kFrameEndUnboundedPreceding) return Kind::kUnboundedPreceding;
  if (options & kFrameEndUnboundedFollowing) return Kind::kUnboundedFollowing;
  if (options & kFrameEndOffsetPreceding) return Kind::kPreceding;
  if (options & kFrameEndOffsetFollowing) return Kind::kFollowing;
  return Kind::kCurrentRow;
}

// The operator's name: the last element of a possibly schema-qualified name list.
std::string OperatorName(PgQuery__Node** names, size_t count) {
  return count == 0 ? std::string() : StringOf(names[count - 1]);
}

}  // namespace

std::string StringOf(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_STRING) return "";
  return node->string->sval;
}

std::string NodeName(const PgQuery__Node& node) {
  const ProtobufCFieldDescriptor* field = protobuf_c_message_descriptor_get_field(
      &pg_query__node__descriptor, static_cast<unsigned>(node.node_case));
  return field != nullptr ? field->name : "node " + std::to_string(node.node_case);
}

Status Translator::Unsupported(std::string_view what, int32_t location) const {
  return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                std::string(what) + " is not supported")
      .WithPosition(Position(location));
}

Status Translator::SyntaxError(std::string message, int32_t location) const {
  return Status(StatusCode::kInvalidArgument, sqlstate::kSyntaxError, std::move(message))
      .WithPosition(Position(location));
}

Result<std::vector<ast::ExprPtr>> Translator::ExprList(PgQuery__Node** nodes, size_t count) {
  std::vector<ast::ExprPtr> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    BOYO_ASSIGN_OR_RETURN(ast::ExprPtr expr, Expr(nodes[i]));
    out.push_back(std::move(expr));
  }
  return out;
}

Result<ast::ExprPtr> Translator::Constant(const PgQuery__AConst& constant) {
  auto out = std::make_unique<ast::ConstantExpr>(Position(constant.location));
  using Form = ast::ConstantExpr::Form;
  if (constant.isnull) {
    out->form = Form::kNull;
    return ast::ExprPtr(std::move(out));
  }
  switch (constant.val_case) {
    case PG_QUERY__A__CONST__VAL_IVAL:
      out->form = Form::kInteger;
      out->integer = constant.ival->ival;
      break;
    case PG_QUERY__A__CONST__VAL_FVAL: {
      // PostgreSQL's lexer gives integers beyond int32 as "float" text; keep those integral
      // ones as integers when they fit int64 (BIGINT), as PostgreSQL types them.
      const std::string text = constant.fval->fval;
      out->form = Form::kNumeric;
      out->text = text;
      if (text.find_first_not_of("0123456789") == std::string::npos && text.size() <= 19) {
        errno = 0;
        char* end = nullptr;
        const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
        if (errno == 0 &&
            value <= static_cast<unsigned long long>(std::numeric_limits<int64_t>::max())) {
          out->form = Form::kInteger;
          out->integer = static_cast<int64_t>(value);
        }
      }
      break;
    }
    case PG_QUERY__A__CONST__VAL_BOOLVAL:
      out->form = Form::kBoolean;
      out->boolean = constant.boolval->boolval;
      break;
    case PG_QUERY__A__CONST__VAL_SVAL:
      out->form = Form::kString;
      out->text = constant.sval->sval;
      break;
    case PG_QUERY__A__CONST__VAL_BSVAL:
      out->form = Form::kBitString;
      out->text = constant.bsval->bsval;
      break;
    default:
      return Unsupported("this constant", constant.location);
  }
  return ast::ExprPtr(std::move(out));
}

Result<ast::ExprPtr> Translator::Column(const PgQuery__ColumnRef& ref) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < ref.n_fields; ++i) {
    const PgQuery__Node* field = ref.fields[i];
    if (field->node_case == PG_QUERY__NODE__NODE_A_STAR) {
      auto star = std::make_unique<ast::StarExpr>(Position(ref.location));
      star->qualifier = std::move(parts);
      return ast::ExprPtr(std::move(star));
    }
    parts.push_back(StringOf(field));
  }
  auto column = std::make_unique<ast::ColumnExpr>(Position(ref.location));
  column->parts = std::move(parts);
  return ast::ExprPtr(std::move(column));
}

Result<ast::ExprPtr> Translator::Operator(const PgQuery__AExpr& expr) {
  const int32_t position = Position(expr.location);
  const std::string name = OperatorName(expr.name, expr.n_name);
  switch (expr.kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP: {
      auto out = std::make_unique<ast::OperatorExpr>(position);
      out->name = name;
      if (expr.lexpr != nullptr) {
        BOYO_ASSIGN_OR_RETURN(out->left, Expr(expr.lexpr));
      }
      BOYO_ASSIGN_OR_RETURN(out->right, Expr(expr.rexpr));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL: {
      auto out = std::make_unique<ast::QuantifiedExpr>(position);
      out->operator_name = name;
      out->all = expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL;
      BOYO_ASSIGN_OR_RETURN(out->left, Expr(expr.lexpr));
      BOYO_ASSIGN_OR_RETURN(out->array, Expr(expr.rexpr));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT: {
      auto out = std::make_unique<ast::DistinctFromExpr>(position);
      out->negated = expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT;
      BOYO_ASSIGN_OR_RETURN(out->left, Expr(expr.lexpr));
      BOYO_ASSIGN_OR_RETURN(out->right, Expr(expr.rexpr));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF: {
      auto out = std::make_unique<ast::ListExpr>(ast::ExprKind::kNullIf, position);
      BOYO_ASSIGN_OR_RETURN(ast::ExprPtr left, Expr(expr.lexpr));
      BOYO_ASSIGN_OR_RETURN(ast::ExprPtr right, Expr(expr.rexpr));
      out->args.push_back(std::move(left));
      out->args.push_back(std::move(right));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
      auto out = std::make_unique<ast::InListExpr>(position);
      out->negated = name == "<>";
      BOYO_ASSIGN_OR_RETURN(out->arg, Expr(expr.lexpr));
      if (expr.rexpr == nullptr || expr.rexpr->node_case != PG_QUERY__NODE__NODE_LIST) {
        return SyntaxError("IN needs a parenthesized list", expr.location);
      }
      BOYO_ASSIGN_OR_RETURN(out->list,
                            ExprList(expr.rexpr->list->items, expr.rexpr->list->n_items));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR: {
      auto out = std::make_unique<ast::LikeExpr>(position);
      out->negated = name.size() >= 1 && name[0] == '!';
      out->case_insensitive = expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE;
      out->similar = expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR;
      BOYO_ASSIGN_OR_RETURN(out->arg, Expr(expr.lexpr));
      const PgQuery__Node* pattern = expr.rexpr;
      // LIKE ... ESCAPE e and SIMILAR TO arrive as a call of like_escape/similar_to_escape.
      if (pattern != nullptr && pattern->node_case == PG_QUERY__NODE__NODE_FUNC_CALL) {
        const PgQuery__FuncCall& call = *pattern->func_call;
        const std::string function = OperatorName(call.funcname, call.n_funcname);
        if ((function == "like_escape" || function == "similar_to_escape") && call.n_args >= 1) {
          BOYO_ASSIGN_OR_RETURN(out->pattern, Expr(call.args[0]));
          if (call.n_args >= 2) {
            BOYO_ASSIGN_OR_RETURN(out->escape, Expr(call.args[1]));
          }
          return ast::ExprPtr(std::move(out));
        }
      }
      BOYO_ASSIGN_OR_RETURN(out->pattern, Expr(pattern));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM: {
      auto out = std::make_unique<ast::BetweenExpr>(position);
      out->negated = expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN ||
                     expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
      out->symmetric = expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM ||
                       expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
      BOYO_ASSIGN_OR_RETURN(out->arg, Expr(expr.lexpr));
      if (expr.rexpr == nullptr || expr.rexpr->node_case != PG_QUERY__NODE__NODE_LIST ||
          expr.rexpr->list->n_items != 2) {
        return SyntaxError("BETWEEN needs two bounds", expr.location);
      }
      BOYO_ASSIGN_OR_RETURN(out->low, Expr(expr.rexpr->list->items[0]));
      BOYO_ASSIGN_OR_RETURN(out->high, Expr(expr.rexpr->list->items[1]));
      return ast::ExprPtr(std::move(out));
    }
    default:
      return Unsupported("this operator form", expr.location);
  }
}

Result<std::vector<ast::OrderItem>> Translator::OrderBy(PgQuery__Node** nodes, size_t count) {
  std::vector<ast::OrderItem> out;
  for (size_t i = 0; i < count; ++i) {
    if (nodes[i]->node_case != PG_QUERY__NODE__NODE_SORT_BY) {
      return Unsupported("this ORDER BY item", -1);
    }
    const PgQuery__SortBy& sort = *nodes[i]->sort_by;
    ast::OrderItem item;
    BOYO_ASSIGN_OR_RETURN(item.expr, Expr(sort.node));
    switch (sort.sortby_dir) {
      case PG_QUERY__SORT_BY_DIR__SORTBY_ASC:
        item.direction = ast::SortDirection::kAscending;
        break;
      case PG_QUERY__SORT_BY_DIR__SORTBY_DESC:
        item.direction = ast::SortDirection::kDescending;
        break;
      case PG_QUERY__SORT_BY_DIR__SORTBY_USING:
        return Unsupported("ORDER BY ... USING", sort.location);
      default:
        break;
    }
    if (sort.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST) {
      item.nulls = ast::NullsOrder::kFirst;
    } else if (sort.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) {
      item.nulls = ast::NullsOrder::kLast;
    }
    out.push_back(std::move(item));
  }
  return out;
}

Result<ast::WindowSpec> Translator::Window(const PgQuery__WindowDef& window) {
  ast::WindowSpec spec;
  spec.name = window.name != nullptr ? window.name : "";
  spec.refers_to = window.refname != nullptr ? window.refname : "";
  spec.position = Position(window.location);
  BOYO_ASSIGN_OR_RETURN(spec.partition_by,
                        ExprList(window.partition_clause, window.n_partition_clause));
  BOYO_ASSIGN_OR_RETURN(spec.order_by, OrderBy(window.order_clause, window.n_order_clause));
  const int32_t options = window.frame_options;
  if (options & kFrameRows) {
    spec.units = ast::WindowSpec::FrameUnits::kRows;
  } else if (options & kFrameGroups) {
    spec.units = ast::WindowSpec::FrameUnits::kGroups;
  } else if ((options & kFrameRange) && (options & 0x1)) {
    spec.units = ast::WindowSpec::FrameUnits::kRange;
  }
  spec.start.kind = StartKind(options);
  spec.end.kind = EndKind(options);
  if (window.start_offset != nullptr) {
    BOYO_ASSIGN_OR_RETURN(spec.start.offset, Expr(window.start_offset));
  }
  if (window.end_offset != nullptr) {
    BOYO_ASSIGN_OR_RETURN(spec.end.offset, Expr(window.end_offset));
  }
  if (options & kFrameExcludeCurrentRow) spec.exclude = ast::WindowSpec::Exclude::kCurrentRow;
  if (options & kFrameExcludeGroup) spec.exclude = ast::WindowSpec::Exclude::kGroup;
  if (options & kFrameExcludeTies) spec.exclude = ast::WindowSpec::Exclude::kTies;
  return spec;
}

Result<ast::ExprPtr> Translator::Function(const PgQuery__FuncCall& call) {
  auto out = std::make_unique<ast::FunctionExpr>(Position(call.location));
  out->name = OperatorName(call.funcname, call.n_funcname);
  // pg_catalog.x is PostgreSQL's spelling of built-ins such as EXTRACT and OVERLAY.
  out->star = call.agg_star;
  out->distinct = call.agg_distinct;
  out->within_group = call.agg_within_group;
  if (call.func_variadic) return Unsupported("VARIADIC", call.location);
  for (size_t i = 0; i < call.n_args; ++i) {
    const PgQuery__Node* arg = call.args[i];
    std::string name;
    if (arg->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
      name = arg->named_arg_expr->name;
      arg = arg->named_arg_expr->arg;
    }
    BOYO_ASSIGN_OR_RETURN(ast::ExprPtr value, Expr(arg));
    out->args.push_back(std::move(value));
    out->arg_names.push_back(std::move(name));
  }
  BOYO_ASSIGN_OR_RETURN(out->order_by, OrderBy(call.agg_order, call.n_agg_order));
  if (call.agg_filter != nullptr) {
    BOYO_ASSIGN_OR_RETURN(out->filter, Expr(call.agg_filter));
  }
  if (call.over != nullptr) {
    BOYO_ASSIGN_OR_RETURN(ast::WindowSpec window, Window(*call.over));
    out->over = std::make_unique<ast::WindowSpec>(std::move(window));
  }
  return ast::ExprPtr(std::move(out));
}

Result<ast::ExprPtr> Translator::Sublink(const PgQuery__SubLink& link) {
  auto out = std::make_unique<ast::SubqueryExpr>(Position(link.location));
  switch (link.sub_link_type) {
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
      out->form = ast::SubqueryExpr::Form::kExists;
      break;
    case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK:
      out->form = ast::SubqueryExpr::Form::kScalar;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK:
      out->form = ast::SubqueryExpr::Form::kArray;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK:
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK: {
      out->form = link.sub_link_type == PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK
                      ? ast::SubqueryExpr::Form::kAll
                      : ast::SubqueryExpr::Form::kAny;
      // x IN (SELECT ...) has no operator name: it is "= ANY".
      out->operator_name =
          link.n_oper_name == 0 ? std::string("=") : OperatorName(link.oper_name, link.n_oper_name);
      BOYO_ASSIGN_OR_RETURN(out->test, Expr(link.testexpr));
      break;
    }
    default:
      return Unsupported("this subquery form", link.location);
  }
  BOYO_ASSIGN_OR_RETURN(out->query, Query(link.subselect));
  return ast::ExprPtr(std::move(out));
}

namespace {

// PostgreSQL's INTERVAL_MASK bits of the fields an interval type names (datetime.h).
constexpr int32_t kMonthField = 1 << 1;
constexpr int32_t kYearField = 1 << 2;
constexpr int32_t kDayField = 1 << 3;
constexpr int32_t kHourField = 1 << 10;
constexpr int32_t kMinuteField = 1 << 11;
constexpr int32_t kSecondField = 1 << 12;

// The unit a bare number means under INTERVAL's field qualifier: the smallest field named
// ('1' YEAR is a year, '90' DAY ninety days, '5' HOUR TO MINUTE five minutes).
const char* IntervalFieldUnit(int32_t mask) {
  if (mask & kSecondField) return "seconds";
  if (mask & kMinuteField) return "minutes";
  if (mask & kHourField) return "hours";
  if (mask & kDayField) return "days";
  if (mask & kMonthField) return "months";
  if (mask & kYearField) return "years";
  return nullptr;
}

bool IsPlainNumber(const std::string& text) {
  size_t i = text.find_first_not_of(" \t");
  if (i == std::string::npos) return false;
  if (text[i] == '+' || text[i] == '-') ++i;
  bool digits = false;
  bool point = false;
  for (; i < text.size() && text[i] != ' '; ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      digits = true;
    } else if (text[i] == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digits && text.find_first_not_of(" \t", i) == std::string::npos;
}

}  // namespace

void Translator::ApplyIntervalField(const PgQuery__TypeName& type, ast::Expr& arg) const {
  if (OperatorName(type.names, type.n_names) != "interval" || type.n_typmods == 0) return;
  const PgQuery__Node* mask = type.typmods[0];
  if (mask->node_case != PG_QUERY__NODE__NODE_A_CONST ||
      mask->a_const->val_case != PG_QUERY__A__CONST__VAL_IVAL) {
    return;
  }
  const char* unit = IntervalFieldUnit(mask->a_const->ival->ival);
  if (unit == nullptr || arg.kind != ast::ExprKind::kConstant) return;
  auto& constant = static_cast<ast::ConstantExpr&>(arg);
  if (constant.form != ast::ConstantExpr::Form::kString || !IsPlainNumber(constant.text)) return;
  // INTERVAL '1' YEAR: the field says what the bare number counts, as in PostgreSQL (without
  // it, a bare number is seconds).
  constant.text += std::string(" ") + unit;
}

Result<ast::TypeName> Translator::Type(const PgQuery__TypeName& type) {
  ast::TypeName out;
  out.position = Position(type.location);
  // pg_catalog.int4 -> "int4"; a user-written name has one part.
  out.name = OperatorName(type.names, type.n_names);
  if (type.setof || type.pct_type) return Unsupported("this type form", type.location);
  for (size_t i = 0; i < type.n_typmods; ++i) {
    const PgQuery__Node* modifier = type.typmods[i];
    if (modifier->node_case == PG_QUERY__NODE__NODE_A_CONST &&
        modifier->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
      out.modifiers.push_back(modifier->a_const->ival->ival);
    } else {
      return SyntaxError("type modifiers must be integer constants", type.location);
    }
  }
  out.array_dimensions = static_cast<int32_t>(type.n_array_bounds);
  // INTERVAL's field restriction (YEAR TO MONTH) is a modifier PostgreSQL adds; keep only
  // user-visible ones for types that take precision.
  if (out.name == "interval") out.modifiers.clear();
  return out;
}

Result<ast::ExprPtr> Translator::Expr(const PgQuery__Node* node) {
  if (node == nullptr) return Status::Internal("missing expression in parse tree");
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST:
      return Constant(*node->a_const);
    case PG_QUERY__NODE__NODE_COLUMN_REF:
      return Column(*node->column_ref);
    case PG_QUERY__NODE__NODE_A_EXPR:
      return Operator(*node->a_expr);
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return Function(*node->func_call);
    case PG_QUERY__NODE__NODE_GROUPING_FUNC: {
      // GROUPING(a, b) is its own node (GROUPING is a reserved word, so no function shares
      // the name); the binder treats it as an aggregate of the query level it groups.
      const PgQuery__GroupingFunc& grouping = *node->grouping_func;
      auto out = std::make_unique<ast::FunctionExpr>(Position(grouping.location));
      out->name = "grouping";
      for (size_t i = 0; i < grouping.n_args; ++i) {
        BOYO_ASSIGN_OR_RETURN(ast::ExprPtr arg, Expr(grouping.args[i]));
        out->args.push_back(std::move(arg));
      }
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return Sublink(*node->sub_link);
    case PG_QUERY__NODE__NODE_PARAM_REF: {
      auto out = std::make_unique<ast::ParameterExpr>(Position(node->param_ref->location));
      out->number = node->param_ref->number;
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_A_STAR:
      return ast::ExprPtr(std::make_unique<ast::StarExpr>(0));
    case PG_QUERY__NODE__NODE_BOOL_EXPR: {
      const PgQuery__BoolExpr& expr = *node->bool_expr;
      ast::ExprKind kind = ast::ExprKind::kAnd;
      if (expr.boolop == PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR) kind = ast::ExprKind::kOr;
      if (expr.boolop == PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR) kind = ast::ExprKind::kNot;
      auto out = std::make_unique<ast::BoolExpr>(kind, Position(expr.location));
      BOYO_ASSIGN_OR_RETURN(out->args, ExprList(expr.args, expr.n_args));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_TYPE_CAST: {
      const PgQuery__TypeCast& cast = *node->type_cast;
      auto out = std::make_unique<ast::CastExpr>(Position(cast.location));
      BOYO_ASSIGN_OR_RETURN(out->arg, Expr(cast.arg));
      BOYO_ASSIGN_OR_RETURN(out->type, Type(*cast.type_name));
      ApplyIntervalField(*cast.type_name, *out->arg);
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_CASE_EXPR: {
      const PgQuery__CaseExpr& expr = *node->case_expr;
      auto out = std::make_unique<ast::CaseExpr>(Position(expr.location));
      if (expr.arg != nullptr) {
        BOYO_ASSIGN_OR_RETURN(out->operand, Expr(expr.arg));
      }
      for (size_t i = 0; i < expr.n_args; ++i) {
        const PgQuery__CaseWhen& when = *expr.args[i]->case_when;
        ast::CaseExpr::When item;
        BOYO_ASSIGN_OR_RETURN(item.condition, Expr(when.expr));
        BOYO_ASSIGN_OR_RETURN(item.result, Expr(when.result));
        out->whens.push_back(std::move(item));
      }
      if (expr.defresult != nullptr) {
        BOYO_ASSIGN_OR_RETURN(out->else_result, Expr(expr.defresult));
      }
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_NULL_TEST: {
      const PgQuery__NullTest& test = *node->null_test;
      auto out = std::make_unique<ast::NullTestExpr>(Position(test.location));
      out->negated = test.nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL;
      BOYO_ASSIGN_OR_RETURN(out->arg, Expr(test.arg));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: {
      const PgQuery__BooleanTest& test = *node->boolean_test;
      auto out = std::make_unique<ast::BooleanTestExpr>(Position(test.location));
      using Test = ast::BooleanTestExpr::Test;
      switch (test.booltesttype) {
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_TRUE:
          out->negated = true;
          [[fallthrough]];
        case PG_QUERY__BOOL_TEST_TYPE__IS_TRUE:
          out->test = Test::kTrue;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_FALSE:
          out->negated = true;
          [[fallthrough]];
        case PG_QUERY__BOOL_TEST_TYPE__IS_FALSE:
          out->test = Test::kFalse;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_UNKNOWN:
          out->negated = true;
          [[fallthrough]];
        default:
          out->test = Test::kUnknown;
          break;
      }
      BOYO_ASSIGN_OR_RETURN(out->arg, Expr(test.arg));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: {
      const PgQuery__CoalesceExpr& expr = *node->coalesce_expr;
      auto out = std::make_unique<ast::ListExpr>(ast::ExprKind::kCoalesce, Position(expr.location));
      BOYO_ASSIGN_OR_RETURN(out->args, ExprList(expr.args, expr.n_args));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR: {
      const PgQuery__MinMaxExpr& expr = *node->min_max_expr;
      auto out = std::make_unique<ast::ListExpr>(ast::ExprKind::kGreatest, Position(expr.location));
      out->least = expr.op == PG_QUERY__MIN_MAX_OP__IS_LEAST;
      BOYO_ASSIGN_OR_RETURN(out->args, ExprList(expr.args, expr.n_args));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR: {
      const PgQuery__AArrayExpr& expr = *node->a_array_expr;
      auto out = std::make_unique<ast::ListExpr>(ast::ExprKind::kArray, Position(expr.location));
      BOYO_ASSIGN_OR_RETURN(out->args, ExprList(expr.elements, expr.n_elements));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_ROW_EXPR: {
      const PgQuery__RowExpr& expr = *node->row_expr;
      auto out = std::make_unique<ast::ListExpr>(ast::ExprKind::kRow, Position(expr.location));
      BOYO_ASSIGN_OR_RETURN(out->args, ExprList(expr.args, expr.n_args));
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION: {
      const PgQuery__SQLValueFunction& function = *node->sqlvalue_function;
      auto out = std::make_unique<ast::SpecialValueExpr>(Position(function.location));
      using Value = ast::SpecialValueExpr::Value;
      switch (function.op) {
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
          out->value = Value::kCurrentDate;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N:
          out->value = Value::kCurrentTime;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
          out->value = Value::kCurrentTimestamp;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N:
          out->value = Value::kLocalTime;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
          out->value = Value::kLocalTimestamp;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
          out->value = Value::kCurrentRole;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
          out->value = Value::kSessionUser;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
          out->value = Value::kCurrentCatalog;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA:
          out->value = Value::kCurrentSchema;
          break;
        default:
          out->value = Value::kCurrentUser;
          break;
      }
      out->precision = function.typmod;
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_A_INDIRECTION: {
      const PgQuery__AIndirection& indirection = *node->a_indirection;
      BOYO_ASSIGN_OR_RETURN(ast::ExprPtr arg, Expr(indirection.arg));
      auto out = std::make_unique<ast::SubscriptExpr>(arg->position);
      out->arg = std::move(arg);
      for (size_t i = 0; i < indirection.n_indirection; ++i) {
        const PgQuery__Node* step = indirection.indirection[i];
        if (step->node_case != PG_QUERY__NODE__NODE_A_INDICES) {
          return Unsupported("field selection from a composite value", -1);
        }
        const PgQuery__AIndices& indices = *step->a_indices;
        ast::SubscriptExpr::Index index;
        index.slice = indices.is_slice;
        if (indices.lidx != nullptr) {
          BOYO_ASSIGN_OR_RETURN(index.lower, Expr(indices.lidx));
        }
        if (indices.uidx != nullptr) {
          BOYO_ASSIGN_OR_RETURN(index.upper, Expr(indices.uidx));
        }
        // libpg_query puts a plain subscript's index in uidx.
        if (!index.slice) index.lower = std::move(index.upper);
        out->indexes.push_back(std::move(index));
      }
      return ast::ExprPtr(std::move(out));
    }
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
      // Only the C collation exists; COLLATE changes nothing.
      return Expr(node->collate_clause->arg);
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT:
      return std::make_unique<ast::Expr>(ast::ExprKind::kDefault,
                                         Position(node->set_to_default->location));
    default:
      return Unsupported("expression " + NodeName(*node), -1);
  }
}

}  // namespace boyodb::sql::internal

namespace boyodb::sql::ast {
FunctionExpr::~FunctionExpr() = default;
SubqueryExpr::SubqueryExpr(int32_t position) : Expr(ExprKind::kSubquery, position) {}
SubqueryExpr::~SubqueryExpr() = default;
}  // namespace boyodb::sql::ast
