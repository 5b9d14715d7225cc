// Engine: what the script runner sends each record to. EngineProcess (engine_process.h) is the
// real one, a JSONL process; tests substitute their own.
// Thread safety: an Engine is used by one thread at a time.
#pragma once

#include <string>
#include <string_view>

#include "tools/slt/engine_answer.h"

namespace boyodb::tools::slt {

/// What became of one request.
struct RunOutcome {
  enum class Kind {
    kAnswered,  // answer holds the engine's answer (which may be an SQL error)
    kLost,      // timeout, crash or protocol error: the record fails; the engine was restarted
    kGaveUp,    // the engine cannot go on (too many restarts): the rest of the file is not run
  };
  Kind kind = Kind::kAnswered;
  EngineAnswer answer;  // when kAnswered
  std::string problem;  // when kLost or kGaveUp: what happened, for the failure report
};

class Engine {
 public:
  virtual ~Engine() = default;
  /// Sends one record's SQL text (as written, possibly several statements) and waits for the
  /// answer. May block up to the engine's time limit.
  virtual RunOutcome Run(std::string_view sql) = 0;
};

}  // namespace boyodb::tools::slt
