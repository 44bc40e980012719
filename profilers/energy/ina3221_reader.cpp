#include "profilers/energy/ina3221_reader.h"

#include <chrono>
#include <optional>
#include <utility>

#include "profilers/energy/power_integral.h"

namespace edgebench {

Expected<std::unique_ptr<Ina3221Reader>> Ina3221Reader::Open(const std::string& sysfs_root,
                                                             PowerSamplingOptions options) {
  if (!(options.period_s > 0)) {
    return InvalidArgument("power sampling period must be positive, not " + std::to_string(options.period_s) + " s");
  }
  EB_ASSIGN_OR_RETURN(std::vector<PowerRail> rails, FindIna3221Rails(sysfs_root));
  for (const PowerRail& rail : rails) EB_RETURN_IF_ERROR(ReadRailWatts(rail).status());
  return std::unique_ptr<Ina3221Reader>(new Ina3221Reader(std::move(rails), std::move(options)));
}

Ina3221Reader::Ina3221Reader(std::vector<PowerRail> rails, PowerSamplingOptions options)
    : rails_(std::move(rails)), options_(std::move(options)), watts_(rails_.size()) {}

Ina3221Reader::~Ina3221Reader() { StopSampler(); }

Status Ina3221Reader::Start() {
  StopSampler();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    times_ns_.clear();
    for (std::vector<double>& rail : watts_) rail.clear();
    failed_samples_ = 0;
    first_failure_.clear();
    started_ = false;
  }
  EB_RETURN_IF_ERROR(SampleNow());
  std::lock_guard<std::mutex> lock(mutex_);
  started_ = true;
  stopping_ = false;
  if (options_.background_thread) sampler_ = std::thread(&Ina3221Reader::SamplerLoop, this);
  return Status::Ok();
}

Status Ina3221Reader::SampleNow() {
  std::vector<double> watts;
  watts.reserve(rails_.size());
  const int64_t before = options_.clock();
  Status failure;
  for (const PowerRail& rail : rails_) {
    const Expected<double> rail_watts = ReadRailWatts(rail);
    if (!rail_watts.ok()) {
      failure = rail_watts.status().WithContext("rail " + rail.name);
      break;
    }
    watts.push_back(*rail_watts);
  }
  const int64_t after = options_.clock();
  std::lock_guard<std::mutex> lock(mutex_);
  if (!failure.ok()) {
    if (failed_samples_++ == 0) first_failure_ = failure.message();
    return failure;
  }
  // The rails were read one after another; stamp the sample at the middle.
  times_ns_.push_back(before + (after - before) / 2);
  for (size_t i = 0; i < rails_.size(); ++i) watts_[i].push_back(watts[i]);
  return Status::Ok();
}

void Ina3221Reader::SamplerLoop() {
  const auto period = std::chrono::nanoseconds(static_cast<int64_t>(options_.period_s * 1e9));
  auto next = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    next += period;
    if (wake_.wait_until(lock, next, [this] { return stopping_; })) break;
    lock.unlock();
    (void)SampleNow();  // failures are counted and reported by Stop
    lock.lock();
  }
}

void Ina3221Reader::StopSampler() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (sampler_.joinable()) sampler_.join();
}

Expected<EnergyMeasurement> Ina3221Reader::Stop() {
  StopSampler();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!started_) return Internal("Ina3221Reader::Stop without Start");
    started_ = false;
  }
  (void)SampleNow();  // a failed last sample leaves the interval shorter; Stop reports it
  std::lock_guard<std::mutex> lock(mutex_);
  const size_t samples = times_ns_.size();
  if (samples < 2 || times_ns_.back() <= times_ns_.front()) {
    return IoError("INA3221: " + std::to_string(samples) + " good power sample(s) over the interval, 2 needed" +
                   (first_failure_.empty() ? "" : " (first failure: " + first_failure_ + ")"));
  }

  EnergyMeasurement out;
  out.source = source();
  out.seconds = static_cast<double>(times_ns_.back() - times_ns_.front()) / 1e9;
  const std::optional<size_t> input = FindInputRail(rails_);
  nlohmann::json rails = nlohmann::json::array();
  std::string summed;
  for (size_t i = 0; i < rails_.size(); ++i) {
    const double joules = TrapezoidJoules(times_ns_, watts_[i]);
    if (!input || *input == i) out.joules += joules;
    if (!input) summed += (summed.empty() ? "" : ", ") + rails_[i].name;
    rails.push_back({{"rail", rails_[i].name}, {"joules", joules}, {"avg_w", joules / out.seconds},
                     {"counted_in_total", !input || *input == i}});
  }
  out.details["rails"] = std::move(rails);
  out.details["total"] = input ? rails_[*input].name + " rail (the module's input power)"
                               : "sum of rails " + summed + " (no VDD_IN or POM_5V_IN rail: power the rails do not "
                                                            "supply is missing)";
  out.details["layout"] = rails_.front().layout;
  out.details["integration"] = "trapezoid rule over timestamped samples";
  out.details["samples"] = samples;
  out.details["failed_samples"] = failed_samples_;
  if (!first_failure_.empty()) out.details["first_failure"] = first_failure_;
  out.details["period_s"] = options_.period_s;
  return out;
}

}  // namespace edgebench
