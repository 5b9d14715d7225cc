// Text forms of names and types, for messages and EXPLAIN.
#include "sql/ast/statement.h"

namespace boyodb::sql::ast {

std::string QualifiedName::ToString() const {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += ".";
    out += part;
  }
  return out;
}

std::string TypeName::ToString() const {
  std::string out = name;
  if (!modifiers.empty()) {
    out += "(";
    for (size_t i = 0; i < modifiers.size(); ++i) {
      if (i > 0) out += ",";
      out += std::to_string(modifiers[i]);
    }
    out += ")";
  }
  for (int32_t i = 0; i < array_dimensions; ++i) out += "[]";
  return out;
}

}  // namespace boyodb::sql::ast
