#include "runtime/backends/native/cpu_features.h"

#include <cstdint>
#include <cstdlib>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#elif defined(__aarch64__) && defined(__linux__)
#include <asm/hwcap.h>
#include <sys/auxv.h>
#endif

namespace edgebench::native {
namespace {

#if defined(__x86_64__) || defined(__i386__)
// Register bits from the Intel SDM, vol. 2A, CPUID leaves 1 and 7, and XCR0 (vol. 1, 13.3).
CpuFeatures ReadCpuFeatures() {
  CpuFeatures f;
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return f;
  f.fma = (c >> 12) & 1;
  f.f16c = (c >> 29) & 1;
  const bool osxsave = (c >> 27) & 1;
  const bool avx = (c >> 28) & 1;
  if (osxsave && avx) {
    unsigned xcr0_lo = 0, xcr0_hi = 0;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    f.os_avx = (xcr0_lo & 0x6) == 0x6;       // XMM and YMM state
    f.os_avx512 = (xcr0_lo & 0xe6) == 0xe6;  // plus opmask, ZMM_Hi256, Hi16_ZMM
  }
  if (__get_cpuid_max(0, nullptr) >= 7) {
    __cpuid_count(7, 0, a, b, c, d);
    f.avx2 = (b >> 5) & 1;
    f.avx512f = (b >> 16) & 1;
    f.avx512dq = (b >> 17) & 1;
    f.avx512bw = (b >> 30) & 1;
    f.avx512vl = (b >> 31) & 1;
    f.avx512_vnni = (c >> 11) & 1;
    __cpuid_count(7, 1, a, b, c, d);
    f.avx_vnni = (a >> 4) & 1;
  }
  return f;
}
#elif defined(__aarch64__) && defined(__linux__)
CpuFeatures ReadCpuFeatures() {
  CpuFeatures f;
  const unsigned long hwcap = getauxval(AT_HWCAP);
  f.asimd = hwcap & HWCAP_ASIMD;
  f.asimddp = hwcap & HWCAP_ASIMDDP;
  f.fphp = hwcap & HWCAP_FPHP;
  return f;
}
#else
CpuFeatures ReadCpuFeatures() { return {}; }
#endif

}  // namespace

const CpuFeatures& HostCpuFeatures() {
  static const CpuFeatures kFeatures = ReadCpuFeatures();
  return kFeatures;
}

// The levels exist only where their translation units are built.
Isa BestIsa(const CpuFeatures& f) {
#if defined(__x86_64__) || defined(__i386__)
  // F16C belongs to both levels: their float16 kernels convert with it (f16_kernels.h).
  if (f.os_avx512 && f.avx512f && f.avx512bw && f.avx512vl && f.avx512dq && f.fma && f.f16c) return Isa::kAvx512;
  if (f.os_avx && f.avx2 && f.fma && f.f16c) return Isa::kAvx2;
#elif defined(__aarch64__)
  // AdvSIMD (with its half <-> single conversions) is part of ARMv8-A.
  if (f.asimd) return Isa::kNeon;
#else
  (void)f;
#endif
  return Isa::kScalar;
}

bool IsaRuns(Isa isa, Isa best) {
  if (isa == Isa::kScalar) return true;
  const bool arm = isa == Isa::kNeon;
  return arm == (best == Isa::kNeon) && isa <= best;
}

const char* IsaName(Isa isa) {
  switch (isa) {
    case Isa::kScalar:
      return "scalar";
    case Isa::kAvx2:
      return "avx2";
    case Isa::kAvx512:
      return "avx512";
    case Isa::kNeon:
      return "neon";
  }
  return "scalar";
}

Expected<Isa> ParseIsa(const std::string& name) {
  for (Isa isa : {Isa::kScalar, Isa::kAvx2, Isa::kAvx512, Isa::kNeon}) {
    if (name == IsaName(isa)) return isa;
  }
  return InvalidArgument("unknown ISA '" + name + "' (known: scalar, avx2, avx512, neon)");
}

Isa SelectIsa(const char* env_value, std::string* note) {
  const Isa best = BestIsa(HostCpuFeatures());
  if (!env_value || !*env_value) return best;
  Expected<Isa> wanted = ParseIsa(env_value);
  if (!wanted.ok()) {
    if (note) *note = "EDGEBENCH_NATIVE_ISA: " + wanted.status().message() + "; using " + IsaName(best);
    return best;
  }
  if (!IsaRuns(*wanted, best)) {
    const bool arm_level = *wanted == Isa::kNeon;
#if defined(__aarch64__)
    const bool other_architecture = !arm_level;
#else
    const bool other_architecture = arm_level;
#endif
    if (note) {
      *note = std::string("EDGEBENCH_NATIVE_ISA=") + env_value +
              (other_architecture ? " is a level of another architecture" : " is above what this CPU runs") +
              "; using " + IsaName(best);
    }
    return best;
  }
  return *wanted;
}

Isa SelectedIsa() { return SelectIsa(std::getenv("EDGEBENCH_NATIVE_ISA")); }

Int8Isa Int8IsaFor(Isa isa, const CpuFeatures& f) {
  switch (isa) {
    case Isa::kScalar:
      return Int8Isa::kScalar;
    case Isa::kAvx2:
      return f.avx_vnni ? Int8Isa::kAvxVnni : Int8Isa::kAvx2;
    case Isa::kAvx512:
      if (f.avx512_vnni) return Int8Isa::kAvx512Vnni;
      return f.avx_vnni ? Int8Isa::kAvxVnni : Int8Isa::kAvx2;
    case Isa::kNeon:
      return f.asimddp ? Int8Isa::kNeonDot : Int8Isa::kNeon;
  }
  return Int8Isa::kScalar;
}

const char* Int8IsaName(Int8Isa isa) {
  switch (isa) {
    case Int8Isa::kScalar:
      return "scalar";
    case Int8Isa::kAvx2:
      return "avx2";
    case Int8Isa::kAvxVnni:
      return "avxvnni";
    case Int8Isa::kAvx512Vnni:
      return "avx512vnni";
    case Int8Isa::kNeonDot:
      return "neondot";
    case Int8Isa::kNeon:
      return "neon";
  }
  return "scalar";
}

}  // namespace edgebench::native
