// The runtime's own thread pool: persistent workers, the calling thread takes
// part, workers spin briefly for new work and then sleep. Kernels split their
// work into tasks through ParallelFor / ParallelFor2D; a null pool, a pool of
// one thread, or work too small to pay for a hand-off runs on the caller.
//
// Nothing here allocates per call: the work is passed as a FunctionRef (a
// pointer to the caller's lambda), not a std::function.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "runtime/core/status.h"

namespace edgebench {

// A non-owning reference to a callable; valid while the callable lives.
template <typename Signature>
class FunctionRef;

template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef>>>
  FunctionRef(F&& f)  // NOLINT(google-explicit-constructor): used like a function parameter
      : object_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* object, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
        }) {}
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

struct ThreadPoolOptions {
  // Threads that run tasks, counting the caller: 1 means no workers.
  int threads = 1;
  // How long an idle worker spins for new work before it sleeps. Ops of one
  // inference follow each other within microseconds, so a short spin keeps
  // the hand-off cheap without burning a core between inferences.
  int64_t spin_microseconds = 50;
  // Called on each worker thread (index 1 .. threads-1) as it starts, before
  // it takes work: the harness pins it there (hwloc lives in devices/, not in
  // the runtime). Returns where the thread now runs, e.g. "PU L#1 (OS cpu 1)".
  // An error fails Create.
  std::function<Expected<std::string>(int thread_index)> on_worker_start;
};

class ThreadPool {
 public:
  static Expected<std::unique_ptr<ThreadPool>> Create(const ThreadPoolOptions& options);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int num_threads() const;
  // Calls task(i) once for every i in [0, num_tasks), spread over the threads
  // (the caller included), and returns when all have finished. Tasks are
  // handed out dynamically (an atomic counter), so uneven tasks balance.
  // Not reentrant: a task must not call Run on the same pool.
  void Run(int64_t num_tasks, FunctionRef<void(int64_t task)> task);

  // What on_worker_start returned for workers 1 .. threads-1 (index 0, the
  // caller, is empty: the caller binds itself). Empty strings without it.
  const std::vector<std::string>& worker_placement() const;

 private:
  struct Impl;
  explicit ThreadPool(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Threads a pool has; 1 for null.
int NumThreads(const ThreadPool* pool);

// Splits [0, n) into contiguous ranges and calls body(begin, end) for each.
// `cost_per_item` is the work of one item in FLOPs (or any unit the kernel
// likes, as long as it is roughly FLOP-sized): work below ~64k FLOPs in total
// stays on the calling thread, where a hand-off would cost more than it saves.
void ParallelFor(ThreadPool* pool, int64_t n, double cost_per_item,
                 FunctionRef<void(int64_t begin, int64_t end)> body);

// 2-D tiling: the rows x cols space is cut into tiles of tile_rows x tile_cols
// (the last tile of each dimension may be smaller) and body(r0, r1, c0, c1) is
// called once per tile. Kernels use rows = output channels, cols = output
// pixels (or GEMM M x N). The same small-work rule as ParallelFor applies,
// with cost_per_element the work of one (row, col) element.
void ParallelFor2D(ThreadPool* pool, int64_t rows, int64_t cols, int64_t tile_rows, int64_t tile_cols,
                   double cost_per_element, FunctionRef<void(int64_t r0, int64_t r1, int64_t c0, int64_t c1)> body);

}  // namespace edgebench
