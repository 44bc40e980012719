// The key table as report sections: an overview matrix (models by devices)
// and one detail table per model with its devices as rows, best first.
#pragma once

#include <string>
#include <vector>

#include "reports/report/key_table.h"
#include "reports/report/report_document.h"

namespace edgebench {

// `run_paths` names the runs ("run 2") when there are several.
std::vector<DocSection> KeyTableSections(const KeyTable& table, const std::vector<std::string>& run_paths);

}  // namespace edgebench
