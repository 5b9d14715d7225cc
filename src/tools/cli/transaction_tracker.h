// TransactionTracker: whether a server connection's session is inside a transaction block,
// followed from the statements the client sends one at a time and their answers, since the
// native protocol does not report it (the shell's prompt shows it as "=*"). The rule mirrors
// what the server's session does:
//   - a statement answered BEGIN or START TRANSACTION opens the block;
//   - one answered COMMIT or ROLLBACK closes it (END and ABORT answer those tags, and COMMIT of
//     a failed block answers ROLLBACK);
//   - a COMMIT or END that fails closes it too: the session ends the block even when applying
//     it fails;
//   - any other failure leaves it as it was: inside a block, the block stays open (failed)
//     until ROLLBACK.
// Thread safety: a value used by one thread.
#pragma once

#include <string_view>

namespace boyodb::tools::cli {

class TransactionTracker {
 public:
  /// A statement succeeded with `command_tag` ("BEGIN", "INSERT 0 1").
  void Succeeded(std::string_view command_tag);
  /// The statement `sql` failed (any error, including a refusal in a failed block).
  void Failed(std::string_view sql);

  bool in_transaction() const { return in_transaction_; }

 private:
  bool in_transaction_ = false;
};

}  // namespace boyodb::tools::cli
