// SQL identifier rules for names typed into backslash commands (\d shop.orders, \c "My_Db")
// and for names the shell writes into SQL it runs itself.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace boyodb::tools::cli {

/// The parts of a dotted name as SQL reads them: unquoted letters fold to lower case, "..."
/// keeps them and its dots ("" inside is one quote). "Shop.Orders" -> {"shop", "orders"}.
/// Never empty: "" gives {""}.
std::vector<std::string> NameParts(std::string_view text);

/// `name` as a quoted SQL identifier: "name", with quotes inside doubled.
std::string QuoteIdentifier(std::string_view name);

}  // namespace boyodb::tools::cli
