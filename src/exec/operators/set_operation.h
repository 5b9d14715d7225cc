// UNION, INTERSECT and EXCEPT (with and without ALL): both inputs feed one state that counts,
// per distinct row, how often each side produced it; the source then emits rows in first-seen
// order by SQL's rules (UNION ALL does not come here: it only concatenates).
// Thread safety: one driver thread per sink today.
#pragma once

#include <absl/container/flat_hash_map.h>

#include "exec/operators/streaming.h"

namespace boyodb::exec {

struct SetOpState {
  const sql::LogicalOperator* plan = nullptr;
  struct Entry {
    size_t chunk = 0;
    int64_t row = 0;
    int64_t counts[2] = {0, 0};
    bool has_row = false;
  };
  std::vector<columnar::Chunk> chunks;
  absl::flat_hash_map<std::string, size_t> index;
  std::vector<Entry> entries;  // first-seen order
};

class SetOpSink final : public Sink {
 public:
  SetOpSink(std::shared_ptr<SetOpState> state, int side) : state_(std::move(state)), side_(side) {}
  Status Consume(columnar::Chunk input, ExecContext& context) override;

 private:
  std::shared_ptr<SetOpState> state_;
  int side_;
};

class SetOpSource final : public Source {
 public:
  explicit SetOpSource(std::shared_ptr<SetOpState> state) : state_(std::move(state)) {}
  Result<std::optional<columnar::Chunk>> Next(ExecContext& context) override;

 private:
  std::shared_ptr<SetOpState> state_;
  bool done_ = false;
};

}  // namespace boyodb::exec
