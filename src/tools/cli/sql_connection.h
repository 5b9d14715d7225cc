// SqlConnection: what boyodb-cli's shell, backslash commands and --jsonl mode run SQL through,
// so the same shell works on a data directory opened in-process (EmbeddedConnection) and on a
// server reached over the native protocol (RemoteConnection).
// Thread safety: not thread-safe; one connection per shell.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "engine/copy/copy_client.h"
#include "engine/database.h"
#include "engine/session.h"

namespace boyodb::tools::cli {

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  /// Runs every statement of `sql` in order and returns their results, stopping at the first
  /// error, which carries its SQLSTATE, its context and its 1-based character position in
  /// `sql`, exactly as engine::Session::Execute reports them.
  virtual Result<std::vector<engine::StatementResult>> Execute(std::string_view sql) = 0;

  /// Installs the client's end of COPY FROM STDIN / TO STDOUT (nullptr removes it); `client`
  /// must outlive its use. Without one, those statements fail with 0A000.
  virtual void SetCopyClient(engine::CopyClient* client) = 0;

  /// The database unqualified names refer to ("default" at first).
  virtual const std::string& current_database() const = 0;
  /// The database holding the session's temporary objects; empty when there is none or it is
  /// not known (over a server connection).
  virtual const std::string& temp_database() const = 0;
  /// True between BEGIN and COMMIT or ROLLBACK.
  virtual bool in_transaction() const = 0;

  /// The database when it is open in this process, for the commands that read its catalog and
  /// storage directly (\d, \l, \flush, \verify); nullptr over a server connection.
  virtual engine::Database* local_database() = 0;

  /// What the shell works on, for its banner: "embedded database", "connected to server
  /// 127.0.0.1:8765 as admin (TLS)".
  virtual std::string Description() const = 0;
};

}  // namespace boyodb::tools::cli
