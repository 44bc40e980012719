// The eigen backend's kernels (one file each); EigenBackend::Find picks them.
#pragma once

#include "runtime/ops/op.h"

namespace edgebench::eigen {

extern const OpDef kConvF32Eigen;
extern const OpDef kFusedConvF32Eigen;  // com.microsoft FusedConv
extern const OpDef kGemmF32Eigen;
extern const OpDef kFusedGemmF32Eigen;  // com.microsoft FusedGemm
extern const OpDef kMatMulF32Eigen;

}  // namespace edgebench::eigen
