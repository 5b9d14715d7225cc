// Window function calls: the OVER clause (named windows, PARTITION BY, ORDER BY, the frame),
// the ranking and navigation functions, and aggregates over a frame. Each call becomes a
// BoundWindow of the SELECT's Window operator and a placeholder for its result column.
#include "common/sqlstate.h"
#include "sql/binder/query_binder.h"

namespace boyodb::sql {

using types::DataType;
using types::TypeId;

namespace {

Status WindowError(std::string_view code, const std::string& message, int32_t position) {
  return Status(StatusCode::kInvalidArgument, code, message).WithPosition(position);
}

const ast::WindowSpec* FindNamedWindow(const ast::SelectStatement& select,
                                       const std::string& name) {
  for (const ast::WindowSpec& window : select.windows) {
    if (window.name == name) return &window;
  }
  return nullptr;
}

std::optional<BoundWindow::Kind> RankingKind(const std::string& name) {
  using Kind = BoundWindow::Kind;
  if (name == "row_number") return Kind::kRowNumber;
  if (name == "rank") return Kind::kRank;
  if (name == "dense_rank") return Kind::kDenseRank;
  if (name == "percent_rank") return Kind::kPercentRank;
  if (name == "cume_dist") return Kind::kCumeDist;
  if (name == "ntile") return Kind::kNtile;
  if (name == "lag") return Kind::kLag;
  if (name == "lead") return Kind::kLead;
  if (name == "first_value") return Kind::kFirstValue;
  if (name == "last_value") return Kind::kLastValue;
  if (name == "nth_value") return Kind::kNthValue;
  return std::nullopt;
}

WindowFrame::Bound FrameBoundOf(ast::FrameBound::Kind kind) {
  switch (kind) {
    case ast::FrameBound::Kind::kUnboundedPreceding:
      return WindowFrame::Bound::kUnboundedPreceding;
    case ast::FrameBound::Kind::kPreceding:
      return WindowFrame::Bound::kPreceding;
    case ast::FrameBound::Kind::kCurrentRow:
      return WindowFrame::Bound::kCurrentRow;
    case ast::FrameBound::Kind::kFollowing:
      return WindowFrame::Bound::kFollowing;
    case ast::FrameBound::Kind::kUnboundedFollowing:
      return WindowFrame::Bound::kUnboundedFollowing;
  }
  return WindowFrame::Bound::kCurrentRow;
}

WindowFrame::Exclude ExcludeOf(ast::WindowSpec::Exclude exclude) {
  switch (exclude) {
    case ast::WindowSpec::Exclude::kNoOthers:
      return WindowFrame::Exclude::kNoOthers;
    case ast::WindowSpec::Exclude::kCurrentRow:
      return WindowFrame::Exclude::kCurrentRow;
    case ast::WindowSpec::Exclude::kGroup:
      return WindowFrame::Exclude::kGroup;
    case ast::WindowSpec::Exclude::kTies:
      return WindowFrame::Exclude::kTies;
  }
  return WindowFrame::Exclude::kNoOthers;
}

// The type a RANGE offset takes for an ORDER BY key of `key` type, as PostgreSQL's in_range
// support functions pair them; nullopt when RANGE offsets do not apply to the key's type.
std::optional<DataType> RangeOffsetType(const DataType& key, const DataType& offset) {
  if (key.is_integer()) return DataType::Int64();
  if (key.is_floating()) return DataType::Float64();
  if (key.id() == TypeId::kDecimal) {
    if (offset.id() == TypeId::kDecimal) return offset;
    return *types::ParseTypeName("numeric");
  }
  switch (key.id()) {
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kInterval:
      return DataType::Interval();
    default:
      return std::nullopt;
  }
}

bool IsNegative(const types::Value& value) {
  switch (value.type().id()) {
    case TypeId::kFloat32:
    case TypeId::kFloat64:
      return value.float64() < 0;
    case TypeId::kDecimal:
      return value.decimal() < 0;
    case TypeId::kInterval: {
      // PostgreSQL compares intervals with a month of 30 days.
      const types::IntervalValue& interval = value.interval();
      const long double total =
          (static_cast<long double>(interval.months) * 30 + interval.days) * 86400e9L +
          static_cast<long double>(interval.nanos);
      return total < 0;
    }
    default:
      return value.int64() < 0;
  }
}

}  // namespace

Result<BoundExprPtr> QueryBinder::BindWindowCall(const ast::FunctionExpr& call,
                                                 WindowContext* context) {
  const ast::SelectStatement& select = *context->select;
  // The window: OVER w, OVER (w ORDER BY ...) or OVER (...), PostgreSQL's copying rules.
  const ast::WindowSpec* own = call.over.get();
  const ast::WindowSpec* base = nullptr;
  const std::string& base_name = !own->refers_to.empty() ? own->refers_to : own->name;
  if (!base_name.empty()) {
    base = FindNamedWindow(select, base_name);
    if (base == nullptr) {
      return WindowError(sqlstate::kUndefinedObject, "window \"" + base_name + "\" does not exist",
                         call.position);
    }
  }
  const ast::WindowSpec& partition_source = base != nullptr ? *base : *own;
  const ast::WindowSpec& order_source = own->order_by.empty() && base != nullptr ? *base : *own;
  const ast::WindowSpec& frame_source =
      own->units == ast::WindowSpec::FrameUnits::kDefault && base != nullptr ? *base : *own;
  if (base != nullptr && !own->refers_to.empty() && !own->partition_by.empty()) {
    return WindowError(sqlstate::kWindowingError,
                       "cannot override PARTITION BY clause of window \"" + base_name + "\"",
                       call.position);
  }

  BoundWindow window;
  window.name = call.name;
  ExpressionHooks hooks = context->hooks;
  hooks.clause = "window definitions";
  hooks.window = [](const ast::FunctionExpr& nested) -> Result<BoundExprPtr> {
    return WindowError(sqlstate::kWindowingError, "window function calls cannot be nested",
                       nested.position);
  };
  ExpressionBinder binder(resolver_, *context->scope, hooks);
  for (const ast::ExprPtr& expr : partition_source.partition_by) {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.Bind(*expr));
    window.partition_by.push_back(std::move(bound));
  }
  for (const ast::OrderItem& item : order_source.order_by) {
    SortKey key;
    BOYO_ASSIGN_OR_RETURN(key.expr, binder.Bind(*item.expr));
    key.descending = item.direction == ast::SortDirection::kDescending;
    key.nulls_first = item.nulls == ast::NullsOrder::kDefault
                          ? key.descending
                          : item.nulls == ast::NullsOrder::kFirst;
    window.order_by.push_back(std::move(key));
  }

  BOYO_ASSIGN_OR_RETURN(window.frame, BindFrame(frame_source, window.order_by, context));

  if (call.distinct) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "DISTINCT is not implemented for window functions")
        .WithPosition(call.position);
  }
  const AggregateFunctionSet* aggregate_set = coercer_.functions().FindAggregate(call.name);
  if (call.within_group || (aggregate_set != nullptr && aggregate_set->ordered_set)) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "OVER is not supported for ordered-set aggregate " + call.name)
        .WithPosition(call.position);
  }
  if (!call.order_by.empty()) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "aggregate ORDER BY is not implemented for window functions")
        .WithPosition(call.position);
  }
  std::vector<BoundExprPtr> args;
  for (const ast::ExprPtr& arg : call.args) {
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.Bind(*arg));
    if (bound->unknown_literal ||
        (bound->kind == BoundKind::kConstant && bound->type.id() == TypeId::kNull)) {
      BOYO_ASSIGN_OR_RETURN(
          bound, coercer_.Coerce(bound, DataType::String(), CastContext::kImplicit, arg->position));
    }
    args.push_back(std::move(bound));
  }
  const std::optional<BoundWindow::Kind> ranking = RankingKind(call.name);
  if (ranking) {
    using Kind = BoundWindow::Kind;
    window.kind = *ranking;
    auto wrong_arguments = [&] {
      return Status(StatusCode::kNotFound, sqlstate::kUndefinedFunction,
                    "function " + call.name + " with " + std::to_string(args.size()) +
                        " arguments does not exist")
          .WithPosition(call.position);
    };
    auto as_int = [&](size_t i) -> Status {
      BOYO_ASSIGN_OR_RETURN(args[i], coercer_.Coerce(args[i], DataType::Int64(),
                                                     CastContext::kImplicit, call.position));
      return Status::OK();
    };
    switch (*ranking) {
      case Kind::kRowNumber:
      case Kind::kRank:
      case Kind::kDenseRank:
        if (!args.empty()) return wrong_arguments();
        window.type = DataType::Int64();
        break;
      case Kind::kPercentRank:
      case Kind::kCumeDist:
        if (!args.empty()) return wrong_arguments();
        window.type = DataType::Float64();
        break;
      case Kind::kNtile:
        if (args.size() != 1) return wrong_arguments();
        BOYO_RETURN_IF_ERROR(as_int(0));
        window.type = DataType::Int32();
        break;
      case Kind::kLag:
      case Kind::kLead:
        if (args.empty() || args.size() > 3) return wrong_arguments();
        if (args.size() >= 2) BOYO_RETURN_IF_ERROR(as_int(1));
        if (args.size() == 3) {
          BOYO_ASSIGN_OR_RETURN(args[2], coercer_.Coerce(args[2], args[0]->type,
                                                         CastContext::kImplicit, call.position));
        }
        window.type = args[0]->type;
        break;
      case Kind::kFirstValue:
      case Kind::kLastValue:
        if (args.size() != 1) return wrong_arguments();
        window.type = args[0]->type;
        break;
      case Kind::kNthValue:
        if (args.size() != 2) return wrong_arguments();
        BOYO_RETURN_IF_ERROR(as_int(1));
        window.type = args[0]->type;
        break;
      case Kind::kAggregate:
        break;
    }
    if (call.filter != nullptr) {
      return WindowError(sqlstate::kWrongObjectType,
                         "FILTER is not implemented for non-aggregate window functions",
                         call.position);
    }
    window.args = std::move(args);
  } else {
    if (coercer_.functions().FindAggregate(call.name) == nullptr) {
      return WindowError(sqlstate::kWrongObjectType,
                         "OVER specified, but " + call.name +
                             " is not a window function nor an aggregate function",
                         call.position);
    }
    BOYO_ASSIGN_OR_RETURN(ResolvedCall resolved,
                          resolver_.ResolveAggregate(call.name, std::move(args), call.position));
    std::vector<DataType> arg_types;
    for (const BoundExprPtr& arg : resolved.args) arg_types.push_back(arg->type);
    Result<std::shared_ptr<const AggregateFunction>> function = resolved.aggregate->make(arg_types);
    if (!function.ok()) return Status(function.status()).WithPosition(call.position);
    window.kind = BoundWindow::Kind::kAggregate;
    window.args = std::move(resolved.args);
    window.aggregate = std::move(*function);
    window.skip_nulls = resolved.aggregate->skip_nulls;
    window.type = resolved.result;
    if (call.filter != nullptr) {
      BOYO_ASSIGN_OR_RETURN(window.filter, binder.BindCondition(*call.filter));
    }
  }
  auto ref = std::make_shared<BoundExpr>();
  ref->kind = BoundKind::kWindowResult;
  ref->type = window.type;
  ref->column_index = static_cast<int32_t>(context->windows.size());
  context->windows.push_back(std::move(window));
  return BoundExprPtr(std::move(ref));
}

}  // namespace boyodb::sql

namespace boyodb::sql {

Result<WindowFrame> QueryBinder::BindFrame(const ast::WindowSpec& spec,
                                           const std::vector<SortKey>& order_by,
                                           WindowContext* context) {
  // Without a frame clause: with ORDER BY, from the partition's start to the current row's
  // last peer; without, the whole partition (every row is a peer).
  using Units = ast::WindowSpec::FrameUnits;
  WindowFrame frame;
  if (spec.units == Units::kDefault) return frame;
  frame.units = spec.units == Units::kRows    ? WindowFrame::Units::kRows
                : spec.units == Units::kRange ? WindowFrame::Units::kRange
                                              : WindowFrame::Units::kGroups;
  frame.start = FrameBoundOf(spec.start.kind);
  frame.end = FrameBoundOf(spec.end.kind);
  frame.exclude = ExcludeOf(spec.exclude);
  const bool range = frame.units == WindowFrame::Units::kRange;
  const bool range_offsets = range && (spec.start.offset != nullptr || spec.end.offset != nullptr);
  if (frame.units == WindowFrame::Units::kGroups && order_by.empty()) {
    return WindowError(sqlstate::kWindowingError, "GROUPS mode requires an ORDER BY clause",
                       spec.position);
  }
  if (range_offsets && order_by.size() != 1) {
    return WindowError(sqlstate::kWindowingError,
                       "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
                       spec.position);
  }
  ExpressionBinder constant_binder(resolver_, *context->scope, Hooks("window frame"));
  std::optional<types::Value> range_offsets_by_bound[2];
  for (const bool start : {true, false}) {
    const ast::FrameBound& bound = start ? spec.start : spec.end;
    if (bound.offset == nullptr) continue;
    const int32_t position = bound.offset->position;
    const std::string which = start ? "starting" : "ending";
    BOYO_ASSIGN_OR_RETURN(BoundExprPtr offset, constant_binder.Bind(*bound.offset));
    DataType offset_type = DataType::Int64();
    if (range) {
      const DataType& key_type = order_by.front().expr->type;
      const std::optional<DataType> wanted = RangeOffsetType(key_type, offset->type);
      if (!wanted) {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " +
                          PgTypeName(key_type))
            .WithPosition(position);
      }
      // Integer keys take only integer offsets, as PostgreSQL has no int/numeric in_range.
      const bool fits = offset->unknown_literal || offset->type.id() == TypeId::kNull ||
                        !key_type.is_integer() || offset->type.is_integer();
      Result<BoundExprPtr> coerced =
          fits ? coercer_.Coerce(offset, *wanted, CastContext::kImplicit, position)
               : Result<BoundExprPtr>(Status(StatusCode::kInvalidArgument, "", ""));
      if (!coerced.ok()) {
        return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                      "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " +
                          PgTypeName(key_type) + " and offset type " + PgTypeName(offset->type) +
                          " (cast the offset value to an appropriate type)")
            .WithPosition(position);
      }
      offset = *coerced;
    } else {
      BOYO_ASSIGN_OR_RETURN(offset,
                            coercer_.Coerce(offset, offset_type, CastContext::kImplicit, position));
    }
    BOYO_ASSIGN_OR_RETURN(types::Value value, EvaluateConstant(offset, position));
    if (value.is_null()) {
      return WindowError(sqlstate::kNullValueNotAllowed,
                         "frame " + which + " offset must not be null", position);
    }
    if (IsNegative(value)) {
      return WindowError(sqlstate::kInvalidPrecedingOrFollowingSize,
                         range ? std::string("invalid preceding or following size in window "
                                             "function")
                               : "frame " + which + " offset must not be negative",
                         position);
    }
    if (range) {
      range_offsets_by_bound[start ? 0 : 1] = std::move(value);
    } else {
      (start ? frame.start_offset : frame.end_offset) = value.int64();
    }
  }
  if (!range_offsets) return frame;

  // The bound values. Integer keys move to NUMERIC and NUMERIC keys to the widest scale of
  // key and offsets, so that key +- offset neither overflows nor rounds.
  const SortKey& key = order_by.front();
  BoundExprPtr key_expr = key.expr;
  if (key_expr->type.is_integer() || key_expr->type.id() == TypeId::kDecimal) {
    int scale = key_expr->type.id() == TypeId::kDecimal ? key_expr->type.scale() : 0;
    for (const std::optional<types::Value>& offset : range_offsets_by_bound) {
      if (offset && offset->type().id() == TypeId::kDecimal) {
        scale = std::max(scale, static_cast<int>(offset->type().scale()));
      }
    }
    BOYO_ASSIGN_OR_RETURN(
        key_expr, coercer_.Coerce(key_expr, DataType::Decimal(38, static_cast<uint8_t>(scale)),
                                  CastContext::kExplicit, spec.position));
  }
  for (const bool start : {true, false}) {
    const std::optional<types::Value>& offset = range_offsets_by_bound[start ? 0 : 1];
    if (!offset) continue;
    const WindowFrame::Bound kind = start ? frame.start : frame.end;
    const bool subtract = (kind == WindowFrame::Bound::kPreceding) != key.descending;
    BOYO_ASSIGN_OR_RETURN(
        BoundExprPtr offset_expr,
        coercer_.Coerce(MakeConstant(*offset),
                        key_expr->type.id() == TypeId::kDecimal ? key_expr->type : offset->type(),
                        CastContext::kExplicit, spec.position));
    BOYO_ASSIGN_OR_RETURN(
        BoundExprPtr value,
        constant_binder.CallOperator(subtract ? "-" : "+", {key_expr, offset_expr}, spec.position));
    if (frame.range_key == nullptr) {
      BOYO_ASSIGN_OR_RETURN(
          frame.range_key,
          coercer_.Coerce(key_expr, value->type, CastContext::kExplicit, spec.position));
    }
    BOYO_ASSIGN_OR_RETURN(value, coercer_.Coerce(value, frame.range_key->type,
                                                 CastContext::kExplicit, spec.position));
    (start ? frame.range_start_value : frame.range_end_value) = std::move(value);
  }
  return frame;
}

}  // namespace boyodb::sql
