// The parts of ReadResultRows (result_rows.h) outside results[]: run metadata,
// the device block, and the label each run is shown by.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "reports/results/result_rows.h"
#include "reports/results/result_rows_fields.h"
#include "runtime/core/status.h"

namespace edgebench::result_rows_detail {

// run.{id,suite,git_sha,started,finished,build.type} and host.cpu_model; a
// section that is not an object reads as empty, since metadata is only shown.
Expected<RunInfo> ReadRunInfo(const nlohmann::json& doc, const Place& place);

// device: id, mode, host_profile and targets are required (the key table
// needs every one of them); name and mode_reason are optional.
Expected<DeviceBlock> ReadDeviceBlock(const nlohmann::json& doc, const Place& place);

// Sets each run's label from run.id, else its file name, made unique.
void AssignRunLabels(std::vector<RunRows>* runs);

}  // namespace edgebench::result_rows_detail
