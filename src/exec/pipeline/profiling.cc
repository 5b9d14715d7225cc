#include "exec/pipeline/profiling.h"

#include <chrono>

namespace boyodb::exec {

namespace {

// Adds the time from construction to destruction to a counter.
class Timer {
 public:
  explicit Timer(std::atomic<int64_t>& nanos)
      : nanos_(nanos), start_(std::chrono::steady_clock::now()) {}
  ~Timer() {
    nanos_ += std::chrono::duration_cast<std::chrono::nanoseconds>(
                  std::chrono::steady_clock::now() - start_)
                  .count();
  }
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

 private:
  std::atomic<int64_t>& nanos_;
  std::chrono::steady_clock::time_point start_;
};

class ProfiledSource final : public Source {
 public:
  ProfiledSource(std::unique_ptr<Source> inner, NodeProfile& profile)
      : inner_(std::move(inner)), profile_(profile) {}
  Result<std::optional<columnar::Chunk>> Next(ExecContext& context) override {
    Timer timer(profile_.nanos);
    Result<std::optional<columnar::Chunk>> next = inner_->Next(context);
    if (next.ok() && next->has_value()) profile_.rows += (*next)->num_rows();
    return next;
  }
  bool parallel() const override { return inner_->parallel(); }
  Result<std::optional<columnar::Chunk>> NextMorsel(ExecContext& context,
                                                    uint64_t* sequence) override {
    Timer timer(profile_.nanos);
    Result<std::optional<columnar::Chunk>> next = inner_->NextMorsel(context, sequence);
    if (next.ok() && next->has_value()) profile_.rows += (*next)->num_rows();
    return next;
  }

 private:
  std::unique_ptr<Source> inner_;
  NodeProfile& profile_;
};

class ProfiledOperator final : public Operator {
 public:
  ProfiledOperator(std::unique_ptr<Operator> inner, NodeProfile& profile)
      : inner_(std::move(inner)), profile_(profile) {}
  Result<columnar::Chunk> Process(columnar::Chunk input, ExecContext& context) override {
    Timer timer(profile_.nanos);
    Result<columnar::Chunk> output = inner_->Process(std::move(input), context);
    if (output.ok()) profile_.rows += output->num_rows();
    return output;
  }
  Status ProcessInPieces(columnar::Chunk input, ExecContext& context,
                         const EmitChunk& emit) override {
    // The time spent emitting is the next operators', not this one's.
    const auto start = std::chrono::steady_clock::now();
    std::chrono::nanoseconds downstream{0};
    Status status = inner_->ProcessInPieces(std::move(input), context, [&](columnar::Chunk piece) {
      profile_.rows += piece.num_rows();
      const auto emitted = std::chrono::steady_clock::now();
      Status next = emit(std::move(piece));
      downstream += std::chrono::steady_clock::now() - emitted;
      return next;
    });
    profile_.nanos += (std::chrono::steady_clock::now() - start - downstream).count();
    return status;
  }
  Result<std::vector<columnar::Chunk>> Finish(ExecContext& context) override {
    Timer timer(profile_.nanos);
    Result<std::vector<columnar::Chunk>> tail = inner_->Finish(context);
    if (tail.ok()) {
      for (const columnar::Chunk& chunk : *tail) profile_.rows += chunk.num_rows();
    }
    return tail;
  }
  bool Done() const override { return inner_->Done(); }
  std::unique_ptr<Operator> Clone() const override {
    std::unique_ptr<Operator> clone = inner_->Clone();
    if (clone == nullptr) return nullptr;
    return std::make_unique<ProfiledOperator>(std::move(clone), profile_);
  }

 private:
  std::unique_ptr<Operator> inner_;
  NodeProfile& profile_;
};

class ProfiledSink final : public Sink {
 public:
  ProfiledSink(std::unique_ptr<Sink> inner, NodeProfile& profile)
      : inner_(std::move(inner)), profile_(profile) {}
  Status Consume(columnar::Chunk input, ExecContext& context) override {
    Timer timer(profile_.nanos);
    return inner_->Consume(std::move(input), context);
  }
  Status ConsumeMorsel(columnar::Chunk input, uint64_t sequence, ExecContext& context) override {
    Timer timer(profile_.nanos);
    return inner_->ConsumeMorsel(std::move(input), sequence, context);
  }
  std::unique_ptr<Sink> NewLocal() override {
    std::unique_ptr<Sink> local = inner_->NewLocal();
    if (local == nullptr) return nullptr;
    return std::make_unique<ProfiledSink>(std::move(local), profile_);
  }
  Status Absorb(Sink& local, ExecContext& context) override {
    Timer timer(profile_.nanos);
    return inner_->Absorb(*static_cast<ProfiledSink&>(local).inner_, context);
  }
  Status Finalize(ExecContext& context) override {
    Timer timer(profile_.nanos);
    return inner_->Finalize(context);
  }

 private:
  std::unique_ptr<Sink> inner_;
  NodeProfile& profile_;
};

}  // namespace

NodeProfile& QueryProfile::For(const sql::LogicalOperator* node) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::unique_ptr<NodeProfile>& slot = nodes_[node];
  if (slot == nullptr) slot = std::make_unique<NodeProfile>();
  return *slot;
}

const NodeProfile* QueryProfile::Find(const sql::LogicalOperator* node) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = nodes_.find(node);
  return found == nodes_.end() ? nullptr : found->second.get();
}

std::unique_ptr<Source> Profiled(std::unique_ptr<Source> inner, NodeProfile& profile) {
  return std::make_unique<ProfiledSource>(std::move(inner), profile);
}

std::unique_ptr<Operator> Profiled(std::unique_ptr<Operator> inner, NodeProfile& profile) {
  return std::make_unique<ProfiledOperator>(std::move(inner), profile);
}

std::unique_ptr<Sink> Profiled(std::unique_ptr<Sink> inner, NodeProfile& profile) {
  return std::make_unique<ProfiledSink>(std::move(inner), profile);
}

}  // namespace boyodb::exec
