// Errors as values: library code returns Status or Expected<T>; only the CLI
// turns a failure into an exit code.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace edgebench {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,  // bad input from a user: file, model, tensor, option
  kUnsupported,      // well-formed, but outside what the runtime implements
  kNotFound,
  kIoError,
  kResourceExhausted,  // would exceed a size limit; refused before allocating
  kInternal,           // a bug in edgebench
};

const char* ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

  // Prefixes the message with context, e.g. the file or node at fault.
  Status WithContext(const std::string& context) const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string message) {
  return Status(ErrorCode::kInvalidArgument, std::move(message));
}
inline Status Unsupported(std::string message) {
  return Status(ErrorCode::kUnsupported, std::move(message));
}
inline Status NotFound(std::string message) { return Status(ErrorCode::kNotFound, std::move(message)); }
inline Status IoError(std::string message) { return Status(ErrorCode::kIoError, std::move(message)); }
inline Status ResourceExhausted(std::string message) {
  return Status(ErrorCode::kResourceExhausted, std::move(message));
}
inline Status Internal(std::string message) { return Status(ErrorCode::kInternal, std::move(message)); }

// A value or the Status saying why there is none.
template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Expected(Status status) : state_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(state_).ok() && "Expected built from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace edgebench

#define EB_CONCAT_INNER(a, b) a##b
#define EB_CONCAT(a, b) EB_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function when it is not ok.
#define EB_RETURN_IF_ERROR(expr)                    \
  do {                                              \
    ::edgebench::Status eb_status_ = (expr);        \
    if (!eb_status_.ok()) return eb_status_;        \
  } while (0)

// Declares `lhs` from an Expected, or returns its Status.
#define EB_ASSIGN_OR_RETURN(lhs, expr) EB_ASSIGN_OR_RETURN_IMPL(EB_CONCAT(eb_expected_, __LINE__), lhs, expr)
#define EB_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
