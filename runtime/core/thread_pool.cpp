#include "runtime/core/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace edgebench {
namespace {

// Below this much work (FLOP-sized units) a hand-off to another core costs
// more than it saves: waking a spinning worker and joining it again is on the
// order of a microsecond, a few tens of thousands of FLOPs at scalar speed.
constexpr double kMinParallelWork = 65536.0;

// Spinning threads pause this many times (a microsecond or two) before they
// start yielding between checks. With more runnable threads than free cores
// (a shared or busy machine) a thread that only paused would hold the core
// that the thread it waits for needs: a worker spinning out its whole spin
// time before the caller could run again made every Run take that long.
constexpr int kPausesBeforeYield = 64;

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

}  // namespace

struct ThreadPool::Impl {
  int threads = 1;
  std::chrono::nanoseconds spin{0};
  std::vector<std::thread> workers;
  std::vector<std::string> placement;

  // The current job, number `epoch`. Written by the caller before `epoch` is
  // bumped (release) and read by workers after they see the new epoch
  // (acquire); the caller does not return, and so does not overwrite the
  // job, while a worker may still read it.
  const FunctionRef<void(int64_t)>* task = nullptr;
  int64_t num_tasks = 0;
  std::atomic<int64_t> next_task{0};
  std::atomic<uint64_t> epoch{0};
  std::atomic<bool> stop{false};

  // One slot per worker: 2e while it works on job e, 2e + 1 once it has
  // finished job e or the caller has excused it from job e. A worker enters
  // job e by moving its slot from 2e - 1 to 2e; when the caller has run out of
  // tasks it excuses every worker still at 2e - 1 by moving it to 2e + 1, so
  // that it waits only for workers that entered. A worker the OS has not
  // scheduled (a busy or shared machine) then no longer holds up every Run
  // until its next time slice: the caller has done its tasks already. Slots
  // start at 1: job 0, finished.
  std::unique_ptr<std::atomic<uint64_t>[]> slots;

  // Sleeping: a worker counts itself in `sleepers` before re-checking the
  // epoch under the mutex, and the caller reads `sleepers` after bumping the
  // epoch; with sequentially consistent atomics one of them sees the other,
  // so a wake-up is never lost.
  std::mutex mutex;
  std::condition_variable wake;
  std::atomic<int> sleepers{0};

  void RunTasks() {
    for (;;) {
      const int64_t i = next_task.fetch_add(1, std::memory_order_relaxed);
      if (i >= num_tasks) return;
      (*task)(i);
    }
  }

  // Starts from epoch 0, the value at creation, not from a fresh load: a job
  // posted before this thread first looks must still be seen as new. Every
  // job before the newest one it sees has returned, so its slot is 2e - 1
  // unless the caller excused it from job e already.
  void WorkerLoop(int w) {
    uint64_t seen = 0;
    for (;;) {
      const auto spin_until = std::chrono::steady_clock::now() + spin;
      int pauses = 0;
      while (epoch.load(std::memory_order_acquire) == seen && !stop.load(std::memory_order_relaxed) &&
             std::chrono::steady_clock::now() < spin_until) {
        if (pauses < kPausesBeforeYield) {
          for (int k = 0; k < 16; ++k) CpuRelax();
          pauses += 16;
        } else {
          std::this_thread::yield();
        }
      }
      if (epoch.load(std::memory_order_acquire) == seen && !stop.load()) {
        std::unique_lock<std::mutex> lock(mutex);
        sleepers.fetch_add(1);
        wake.wait(lock, [&] { return epoch.load() != seen || stop.load(); });
        sleepers.fetch_sub(1);
      }
      if (stop.load()) return;
      seen = epoch.load(std::memory_order_acquire);
      uint64_t idle = 2 * seen - 1;
      if (slots[w].compare_exchange_strong(idle, 2 * seen, std::memory_order_acq_rel)) {
        RunTasks();
        slots[w].store(2 * seen + 1, std::memory_order_release);
      }
    }
  }

  void Run(int64_t n, const FunctionRef<void(int64_t)>& fn) {
    task = &fn;
    num_tasks = n;
    next_task.store(0, std::memory_order_relaxed);
    const uint64_t job = epoch.fetch_add(1) + 1;  // seq_cst: publishes the job, and orders the read below
    if (sleepers.load() > 0) {
      std::lock_guard<std::mutex> lock(mutex);
      wake.notify_all();
    }
    RunTasks();
    // Every task is claimed. Excuse the workers that have not entered; wait
    // for the ones that did (they may still run a task, or be about to find
    // none left), so that the next job cannot race a late reader of this one.
    for (size_t w = 0; w < workers.size(); ++w) {
      uint64_t idle = 2 * job - 1;
      if (slots[w].compare_exchange_strong(idle, 2 * job + 1, std::memory_order_acq_rel)) continue;
      for (int pauses = 0; slots[w].load(std::memory_order_acquire) != 2 * job + 1; ++pauses) {
        if (pauses < kPausesBeforeYield) {
          CpuRelax();
        } else {
          std::this_thread::yield();
        }
      }
    }
    task = nullptr;
  }

  ~Impl() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stop.store(true);
    }
    wake.notify_all();
    for (std::thread& t : workers) t.join();
  }
};

Expected<std::unique_ptr<ThreadPool>> ThreadPool::Create(const ThreadPoolOptions& options) {
  if (options.threads < 1) return InvalidArgument("a thread pool needs at least 1 thread, got " + std::to_string(options.threads));
  if (options.spin_microseconds < 0) return InvalidArgument("spin time must not be negative");
  auto impl = std::make_unique<Impl>();
  impl->threads = options.threads;
  impl->spin = std::chrono::microseconds(options.spin_microseconds);
  impl->placement.assign(options.threads, "");
  impl->slots = std::make_unique<std::atomic<uint64_t>[]>(static_cast<size_t>(options.threads));
  for (int t = 0; t < options.threads; ++t) impl->slots[t].store(1);

  // Each worker runs its start hook and reports before Create returns, so the
  // placement is complete and a failed pin is an error of Create.
  std::mutex started_mutex;
  std::condition_variable started_cv;
  int started = 0;
  std::vector<Status> start_status(options.threads, Status::Ok());
  for (int t = 1; t < options.threads; ++t) {
    Impl* raw = impl.get();
    impl->workers.emplace_back([raw, t, &options, &started_mutex, &started_cv, &started, &start_status] {
      if (options.on_worker_start) {
        Expected<std::string> where = options.on_worker_start(t);
        if (where.ok()) {
          raw->placement[t] = *where;
        } else {
          start_status[t] = where.status();
        }
      }
      {
        // Notify under the lock: once Create sees the count it returns and
        // these locals are gone.
        std::lock_guard<std::mutex> lock(started_mutex);
        ++started;
        started_cv.notify_one();
      }
      raw->WorkerLoop(t - 1);
    });
  }
  {
    std::unique_lock<std::mutex> lock(started_mutex);
    started_cv.wait(lock, [&] { return started == options.threads - 1; });
  }
  for (int t = 1; t < options.threads; ++t) {
    if (!start_status[t].ok()) return start_status[t].WithContext("starting pool thread " + std::to_string(t));
  }
  return std::unique_ptr<ThreadPool>(new ThreadPool(std::move(impl)));
}

ThreadPool::ThreadPool(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ThreadPool::~ThreadPool() = default;

int ThreadPool::num_threads() const { return impl_->threads; }
const std::vector<std::string>& ThreadPool::worker_placement() const { return impl_->placement; }

void ThreadPool::Run(int64_t num_tasks, FunctionRef<void(int64_t task)> task) {
  if (num_tasks <= 0) return;
  if (impl_->workers.empty() || num_tasks == 1) {
    for (int64_t i = 0; i < num_tasks; ++i) task(i);
    return;
  }
  impl_->Run(num_tasks, task);
}

int NumThreads(const ThreadPool* pool) { return pool ? pool->num_threads() : 1; }

void ParallelFor(ThreadPool* pool, int64_t n, double cost_per_item, FunctionRef<void(int64_t begin, int64_t end)> body) {
  if (n <= 0) return;
  const int threads = NumThreads(pool);
  if (threads == 1 || n == 1 || static_cast<double>(n) * cost_per_item < kMinParallelWork) {
    body(0, n);
    return;
  }
  // A few chunks per thread let the dynamic hand-out even out a thread that
  // was descheduled, without making chunks so small that their overhead shows.
  const int64_t max_chunks = std::min<int64_t>(n, int64_t{4} * threads);
  const int64_t by_work = static_cast<int64_t>(static_cast<double>(n) * cost_per_item / kMinParallelWork);
  const int64_t chunks = std::max<int64_t>(threads > n ? n : threads, std::min(max_chunks, by_work));
  const int64_t chunk = (n + chunks - 1) / chunks;
  const int64_t num_tasks = (n + chunk - 1) / chunk;
  pool->Run(num_tasks, [&](int64_t t) { body(t * chunk, std::min(n, (t + 1) * chunk)); });
}

void ParallelFor2D(ThreadPool* pool, int64_t rows, int64_t cols, int64_t tile_rows, int64_t tile_cols,
                   double cost_per_element, FunctionRef<void(int64_t r0, int64_t r1, int64_t c0, int64_t c1)> body) {
  if (rows <= 0 || cols <= 0) return;
  tile_rows = std::max<int64_t>(1, tile_rows);
  tile_cols = std::max<int64_t>(1, tile_cols);
  const int64_t row_tiles = (rows + tile_rows - 1) / tile_rows;
  const int64_t col_tiles = (cols + tile_cols - 1) / tile_cols;
  auto run_tile = [&](int64_t t) {
    const int64_t r0 = (t / col_tiles) * tile_rows;
    const int64_t c0 = (t % col_tiles) * tile_cols;
    body(r0, std::min(rows, r0 + tile_rows), c0, std::min(cols, c0 + tile_cols));
  };
  const double work = static_cast<double>(rows) * static_cast<double>(cols) * cost_per_element;
  if (NumThreads(pool) == 1 || work < kMinParallelWork) {
    for (int64_t t = 0; t < row_tiles * col_tiles; ++t) run_tile(t);
    return;
  }
  pool->Run(row_tiles * col_tiles, run_tile);
}

}  // namespace edgebench
