// Sentences the captions share: what was not drawn and why.
#pragma once

#include <string>
#include <vector>

#include "reports/charts/row_labels.h"
#include "reports/results/result_rows.h"

namespace edgebench {

// "40 configurations not drawn: 24 unsupported (backend 'ref' is
// single-threaded; …), 8 unsupported (precision 'fp16' …)." grouped by status
// and reason in first-seen order; empty when `not_drawn` is empty.
std::string NotDrawnSentence(const std::vector<const ResultRow*>& not_drawn);

// "a, b and c".
std::string JoinList(const std::vector<std::string>& items);

// "Runs: #1 = <label> (<path>), #2 = …." when there are several; else "".
std::string RunsSentence(const std::vector<RunRows>& runs);

// Every result of every run that is not ok.
std::vector<const ResultRow*> NotOkResults(const std::vector<RunRows>& runs);

}  // namespace edgebench
