// The SELECT of a CREATE VIEW statement as its author wrote it, which the catalog shows as the
// view's definition (pg_get_viewdef, pg_views, information_schema.views).
// Thread safety: pure function (libpg_query's scanner keeps per-thread state).
#pragma once

#include <string>
#include <string_view>

namespace boyodb::sql {

/// The text after the AS that ends the view's name, column list and options, without a
/// trailing WITH [CASCADED | LOCAL] CHECK OPTION or semicolon; `create_view` itself when it
/// does not scan as a CREATE VIEW statement.
std::string ViewQueryText(std::string_view create_view);

}  // namespace boyodb::sql
