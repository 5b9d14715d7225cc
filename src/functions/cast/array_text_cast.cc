// The cast of TEXT to arrays, reading PostgreSQL 15's array input syntax: braces nest one level
// per dimension ('{{1,2},{3,4}}'), elements may be double-quoted with backslash escapes, an
// unquoted NULL (any case) is a NULL element, white space around elements is ignored, and an
// optional decoration '[1:3]=' or '[3]=' states the dimensions. Multidimensional literals must
// be rectangular. Each element is converted by the element type's own text input cast, after
// the whole literal was checked, as PostgreSQL's array_in does.
// BoyoDB arrays always start at index 1 and have the number of dimensions of their type
// (integer[][] is a list of lists), so a lower bound other than 1, or a literal with another
// number of dimensions than the type, is refused with 0A000 where PostgreSQL would accept it.
// Thread safety: the kernels are stateless and reentrant.
#include <algorithm>
#include <array>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "columnar/buffer.h"
#include "columnar/builder.h"
#include "common/sqlstate.h"
#include "functions/cast/cast_internal.h"
#include "functions/function_errors.h"
#include "sql/binder/type_rules.h"

namespace boyodb::functions {
namespace {

using columnar::ArrayPtr;
using types::DataType;
using SV = std::string_view;

// PostgreSQL's MAXDIM.
constexpr int kMaxDimensions = 6;
// ERRCODE_ARRAY_SUBSCRIPT_ERROR.

bool IsArraySpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool EqualsNullIgnoringCase(SV text) {
  if (text.size() != 4) return false;
  constexpr char kNull[] = "null";
  for (size_t i = 0; i < 4; ++i) {
    if ((text[i] | 0x20) != kNull[i]) return false;
  }
  return true;
}

// 22P02 with PostgreSQL's message and, after it, its DETAIL (Status has no field for it).
Status Malformed(SV text, SV detail) {
  return InvalidValue(
      sqlstate::kInvalidTextRepresentation,
      "malformed array literal: \"" + std::string(text) + "\": " + std::string(detail));
}

Status TooManyDimensions(int num_dimensions) {
  return InvalidValue(sqlstate::kProgramLimitExceeded,
                      "number of array dimensions (" + std::to_string(num_dimensions) +
                          ") exceeds the maximum allowed (" + std::to_string(kMaxDimensions) + ")");
}

// C's atoi on glibc, which PostgreSQL reads dimension bounds with: strtol (saturating at the
// 64-bit limits) truncated to int, so "2147483648" is -2147483648.
int32_t AtoI(SV digits) {
  size_t pos = 0;
  bool negative = false;
  if (pos < digits.size() && (digits[pos] == '+' || digits[pos] == '-')) {
    negative = digits[pos] == '-';
    ++pos;
  }
  uint64_t magnitude = 0;
  bool saturated = false;
  constexpr uint64_t kLimit = uint64_t{1} << 63;
  for (; pos < digits.size() && digits[pos] >= '0' && digits[pos] <= '9'; ++pos) {
    const uint64_t digit = static_cast<uint64_t>(digits[pos] - '0');
    if (magnitude > (kLimit - digit) / 10) {
      saturated = true;
      break;
    }
    magnitude = magnitude * 10 + digit;
  }
  int64_t value = 0;
  if (saturated || magnitude >= kLimit) {
    value = negative ? std::numeric_limits<int64_t>::min() : std::numeric_limits<int64_t>::max();
  } else {
    value = negative ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
  }
  return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(value)));
}

// The shape of one parsed literal: 0 dimensions for '{}'.
struct ArrayShape {
  int num_dimensions = 0;
  std::array<int64_t, kMaxDimensions> lengths{};
};

// Reads array literals, appending their elements in row-major order to `elements` (a TEXT
// builder; NULL elements as NULLs). One parser reads all rows of a batch, reusing its buffer.
class ArrayLiteralParser {
 public:
  explicit ArrayLiteralParser(columnar::BinaryBuilder* elements) : elements_(elements) {}

  /// Reads `text` into `shape`. On an error, some of its elements may have been appended.
  Status Parse(SV text, ArrayShape* shape) {
    text_ = text;
    pos_ = 0;
    element_.clear();
    significant_ = 0;
    quoted_ = false;
    element_depth_ = 0;
    ArrayShape declared;
    std::array<int32_t, kMaxDimensions> lower_bounds{};
    BOYO_RETURN_IF_ERROR(ParseDecoration(&declared, &lower_bounds));
    if (declared.num_dimensions == 0) {
      if (pos_ >= text_.size() || text_[pos_] != '{') {
        return Malformed(text_, "Array value must start with \"{\" or dimension information.");
      }
    } else {
      if (pos_ >= text_.size() || text_[pos_] != '=') {
        return Malformed(text_, "Missing \"=\" after array dimensions.");
      }
      ++pos_;
      SkipSpaces();
      if (pos_ >= text_.size() || text_[pos_] != '{') {
        return Malformed(text_, "Array contents must start with \"{\".");
      }
    }
    BOYO_RETURN_IF_ERROR(ParseBraces(shape));
    if (declared.num_dimensions == 0) return Status::OK();
    bool matches = declared.num_dimensions == shape->num_dimensions;
    for (int i = 0; matches && i < declared.num_dimensions; ++i) {
      matches = declared.lengths[static_cast<size_t>(i)] == shape->lengths[static_cast<size_t>(i)];
    }
    if (!matches) {
      return Malformed(text_, "Specified array dimensions do not match array contents.");
    }
    for (int i = 0; i < declared.num_dimensions; ++i) {
      if (lower_bounds[static_cast<size_t>(i)] != 1) {
        return InvalidValue(
            sqlstate::kFeatureNotSupported,
            "array lower bounds other than 1 are not supported: \"" + std::string(text_) + "\"");
      }
    }
    return Status::OK();
  }

 private:
  enum class State : uint8_t {
    kNoLevel,
    kLevelStarted,
    kElementStarted,
    kQuotedElementStarted,
    kQuotedElementCompleted,
    kElementDelimited,
    kLevelCompleted,
    kLevelDelimited,
  };

  void SkipSpaces() {
    while (pos_ < text_.size() && IsArraySpace(text_[pos_])) ++pos_;
  }

  // The end of the run of digits and signs starting at pos_ (PostgreSQL scans bounds so).
  size_t BoundEnd() const {
    size_t end = pos_;
    while (end < text_.size() &&
           ((text_[end] >= '0' && text_[end] <= '9') || text_[end] == '+' || text_[end] == '-')) {
      ++end;
    }
    return end;
  }

  // The optional "[lower:upper]" or "[upper]" items before '='; white space may separate
  // them but not appear inside one.
  Status ParseDecoration(ArrayShape* declared, std::array<int32_t, kMaxDimensions>* lower_bounds) {
    for (;;) {
      SkipSpaces();
      if (pos_ >= text_.size() || text_[pos_] != '[') return Status::OK();
      ++pos_;
      const int index = declared->num_dimensions;
      if (index >= kMaxDimensions) return TooManyDimensions(index + 1);
      size_t end = BoundEnd();
      if (end == pos_) {
        return Malformed(text_, "\"[\" must introduce explicitly-specified array dimensions.");
      }
      int32_t lower = 1;
      if (end < text_.size() && text_[end] == ':') {
        lower = AtoI(text_.substr(pos_, end - pos_));
        pos_ = end + 1;
        end = BoundEnd();
        if (end == pos_) return Malformed(text_, "Missing array dimension value.");
      }
      if (end >= text_.size() || text_[end] != ']') {
        return Malformed(text_, "Missing \"]\" after array dimensions.");
      }
      const int32_t upper = AtoI(text_.substr(pos_, end - pos_));
      pos_ = end + 1;
      if (upper < lower) {
        return InvalidValue(sqlstate::kArraySubscriptError,
                            "upper bound cannot be less than lower bound");
      }
      (*lower_bounds)[static_cast<size_t>(index)] = lower;
      declared->lengths[static_cast<size_t>(index)] = int64_t{upper} - lower + 1;
      declared->num_dimensions = index + 1;
    }
  }

  static bool OneOf(State state, std::initializer_list<State> allowed) {
    for (const State candidate : allowed) {
      if (state == candidate) return true;
    }
    return false;
  }

  // Reads the braces from pos_ (a '{') to the end of the text.
  Status ParseBraces(ArrayShape* shape) {
    State state = State::kNoLevel;
    int level = 0;
    // Items seen so far in each open level, and each level's length once a sub-array of it
    // closed (0: none yet).
    std::array<int64_t, kMaxDimensions> counts{};
    std::array<int64_t, kMaxDimensions> lengths{};
    for (;; ++pos_) {
      if (pos_ >= text_.size()) return Malformed(text_, "Unexpected end of input.");
      const char c = text_[pos_];
      if (state == State::kQuotedElementStarted) {
        if (c == '"') {
          state = State::kQuotedElementCompleted;
          continue;
        }
        if (c == '\\' && ++pos_ >= text_.size()) {
          return Malformed(text_, "Unexpected end of input.");
        }
        element_.push_back(text_[pos_]);
        significant_ = element_.size();
        continue;
      }
      switch (c) {
        case '\\':
          if (!OneOf(state,
                     {State::kLevelStarted, State::kElementStarted, State::kElementDelimited})) {
            return Malformed(text_, "Unexpected \"\\\" character.");
          }
          if (++pos_ >= text_.size()) return Malformed(text_, "Unexpected end of input.");
          element_.push_back(text_[pos_]);
          significant_ = element_.size();
          quoted_ = true;
          state = State::kElementStarted;
          break;
        case '"':
          if (!OneOf(state, {State::kLevelStarted, State::kElementDelimited})) {
            return Malformed(text_, "Unexpected array element.");
          }
          quoted_ = true;
          state = State::kQuotedElementStarted;
          break;
        case '{':
          if (!OneOf(state, {State::kNoLevel, State::kLevelStarted, State::kLevelDelimited})) {
            return Malformed(text_, "Unexpected \"{\" character.");
          }
          if (level >= kMaxDimensions) return TooManyDimensions(level + 1);
          // A sub-array below the depth of the elements already read.
          if (element_depth_ != 0 && level + 1 > element_depth_) return NotRectangular();
          counts[static_cast<size_t>(level)] = 0;
          ++level;
          shape->num_dimensions = std::max(shape->num_dimensions, level);
          state = State::kLevelStarted;
          break;
        case '}': {
          const bool empty = state == State::kLevelStarted;
          if (!OneOf(state, {State::kElementStarted, State::kQuotedElementCompleted,
                             State::kLevelCompleted}) &&
              !(empty && level == 1)) {
            return Malformed(text_, "Unexpected \"}\" character.");
          }
          if (state != State::kLevelCompleted && !empty) {
            BOYO_RETURN_IF_ERROR(FinishElement(level, shape->num_dimensions));
          }
          --level;
          const size_t index = static_cast<size_t>(level);
          const int64_t items = empty ? 0 : counts[index] + 1;
          if (lengths[index] != 0 && lengths[index] != items) return NotRectangular();
          lengths[index] = items;
          state = State::kLevelCompleted;
          if (level == 0) {
            ++pos_;
            SkipSpaces();
            if (pos_ < text_.size()) return Malformed(text_, "Junk after closing right brace.");
            if (empty) shape->num_dimensions = 0;
            for (int i = 0; i < shape->num_dimensions; ++i) {
              shape->lengths[static_cast<size_t>(i)] = lengths[static_cast<size_t>(i)];
            }
            return Status::OK();
          }
          break;
        }
        case ',':
          if (!OneOf(state, {State::kElementStarted, State::kQuotedElementCompleted,
                             State::kLevelCompleted})) {
            return Malformed(text_, "Unexpected \",\" character.");
          }
          if (state != State::kLevelCompleted) {
            BOYO_RETURN_IF_ERROR(FinishElement(level, shape->num_dimensions));
          }
          ++counts[static_cast<size_t>(level - 1)];
          state =
              state == State::kLevelCompleted ? State::kLevelDelimited : State::kElementDelimited;
          break;
        default:
          if (IsArraySpace(c)) {
            // Inside an unquoted element white space is kept unless it ends the element.
            if (state == State::kElementStarted) element_.push_back(c);
            break;
          }
          if (!OneOf(state,
                     {State::kLevelStarted, State::kElementStarted, State::kElementDelimited})) {
            return Malformed(text_, "Unexpected array element.");
          }
          element_.push_back(c);
          significant_ = element_.size();
          state = State::kElementStarted;
          break;
      }
    }
  }

  Status NotRectangular() const {
    return Malformed(text_,
                     "Multidimensional arrays must have sub-arrays with matching dimensions.");
  }

  // Ends the element read so far, found at nesting depth `level`.
  Status FinishElement(int level, int num_dimensions) {
    if (element_depth_ == 0) {
      if (num_dimensions > level) return NotRectangular();
      element_depth_ = level;
    } else if (level != element_depth_) {
      return NotRectangular();
    }
    element_.resize(significant_);
    if (!quoted_ && EqualsNullIgnoringCase(element_)) {
      elements_->AppendNull();
    } else {
      elements_->Append(element_);
    }
    element_.clear();
    significant_ = 0;
    quoted_ = false;
    return Status::OK();
  }

  columnar::BinaryBuilder* const elements_;
  SV text_;
  size_t pos_ = 0;
  // The element being read: its text, how much of it to keep (trailing unquoted, unescaped
  // white space is dropped), and whether any of it was quoted or escaped.
  std::string element_;
  size_t significant_ = 0;
  bool quoted_ = false;
  // The depth of the first element (0 before it): every element must be at the same depth.
  int element_depth_ = 0;
};

// 0A000 for a literal whose number of dimensions is not its type's.
Status DimensionsDiffer(const DataType& to, int num_dimensions, int type_dimensions) {
  return InvalidValue(sqlstate::kFeatureNotSupported,
                      "number of array dimensions (" + std::to_string(num_dimensions) +
                          ") does not match the dimensions of type " + sql::PgTypeName(to) + " (" +
                          std::to_string(type_dimensions) + ")");
}

columnar::BufferPtr OffsetsBuffer(const std::vector<int32_t>& offsets) {
  return columnar::Buffer::CopyOf(
      SV(reinterpret_cast<const char*>(offsets.data()), offsets.size() * sizeof(int32_t)));
}

}  // namespace

sql::CastKernel ArrayFromTextCast(const DataType& to, sql::CastKernel element_cast) {
  // The list type of each level, outermost first.
  std::vector<DataType> levels = {to};
  while (levels.back().element_type().id() == types::TypeId::kList) {
    levels.push_back(levels.back().element_type());
  }
  return [to, levels = std::move(levels), element_cast = std::move(element_cast)](
             const ArrayPtr& input, const sql::EvalContext& context) -> Result<ArrayPtr> {
    const int depth = static_cast<int>(levels.size());
    columnar::BinaryBuilder elements(DataType::String());
    std::vector<std::vector<int32_t>> offsets(levels.size(), std::vector<int32_t>{0});
    columnar::ValidityBuilder validity;
    const ArgReader<SV> texts(*input);
    ArrayLiteralParser parser(&elements);
    Status structure_error;
    int64_t num_checked_elements = 0;
    for (int64_t row = 0; row < input->length(); ++row) {
      if (input->IsNull(row)) {
        offsets[0].push_back(offsets[0].back());
        validity.Append(false);
        continue;
      }
      num_checked_elements = elements.length();
      ArrayShape shape;
      structure_error = parser.Parse(texts[row], &shape);
      if (structure_error.ok() && shape.num_dimensions != 0 && shape.num_dimensions != depth) {
        structure_error = DimensionsDiffer(to, shape.num_dimensions, depth);
      }
      if (!structure_error.ok()) break;
      // Level k has one list per element of the levels above it, each of lengths[k] items.
      int64_t num_lists = 1;
      for (int level = 0; level < depth; ++level) {
        std::vector<int32_t>& level_offsets = offsets[static_cast<size_t>(level)];
        const int32_t length =
            shape.num_dimensions == 0
                ? 0
                : static_cast<int32_t>(shape.lengths[static_cast<size_t>(level)]);
        for (int64_t i = 0; i < num_lists; ++i) {
          level_offsets.push_back(level_offsets.back() + length);
        }
        if (shape.num_dimensions == 0) break;
        num_lists *= length;
      }
      validity.Append(true);
    }
    const ArrayPtr element_texts = elements.Finish();
    if (!structure_error.ok()) {
      // PostgreSQL converts row by row: a bad element in an earlier row is reported first.
      if (num_checked_elements > 0) {
        BOYO_RETURN_IF_ERROR(element_cast(element_texts->Slice(0, num_checked_elements), context));
      }
      return structure_error;
    }
    BOYO_ASSIGN_OR_RETURN(ArrayPtr result, element_cast(element_texts, context));
    for (int level = depth - 1; level >= 0; --level) {
      const std::vector<int32_t>& level_offsets = offsets[static_cast<size_t>(level)];
      result = std::make_shared<const columnar::Array>(
          levels[static_cast<size_t>(level)], static_cast<int64_t>(level_offsets.size()) - 1,
          std::vector<columnar::BufferPtr>{level == 0 ? validity.Finish() : nullptr,
                                           OffsetsBuffer(level_offsets)},
          std::vector<ArrayPtr>{std::move(result)});
    }
    return result;
  };
}

}  // namespace boyodb::functions
