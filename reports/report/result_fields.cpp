#include "reports/report/result_fields.h"

namespace edgebench {

using json = nlohmann::json;

std::string FieldPlace::Name(const std::string& field) const {
  std::string name = "'" + file + "'";
  if (!config_key.empty()) name += ": result '" + config_key + "'";
  return name + ": field '" + field + "'";
}

namespace {

// The field, or null when absent; `obj` that is not an object has no fields.
const json& Field(const json& obj, const std::string& field) {
  static const json kNull;
  if (!obj.is_object()) return kNull;
  auto it = obj.find(field);
  return it == obj.end() ? kNull : *it;
}

Status WrongType(const FieldPlace& place, const std::string& path, const char* expected, const json& value) {
  return InvalidArgument(place.Name(path) + " must be " + expected + ", not " +
                         (value.is_null() ? std::string("absent") : std::string(value.type_name())));
}

}  // namespace

Expected<double> ReadNumber(const json& obj, const std::string& field, const FieldPlace& place,
                            const std::string& path_prefix) {
  const json& v = Field(obj, field);
  if (!v.is_number()) return WrongType(place, path_prefix + field, "a number", v);
  return v.get<double>();
}

Expected<std::string> ReadString(const json& obj, const std::string& field, const FieldPlace& place,
                                 const std::string& path_prefix) {
  const json& v = Field(obj, field);
  if (!v.is_string()) return WrongType(place, path_prefix + field, "a string", v);
  return v.get<std::string>();
}

Expected<const json*> ReadObject(const json& obj, const std::string& field, const FieldPlace& place,
                                 const std::string& path_prefix) {
  const json& v = Field(obj, field);
  if (!v.is_object()) return WrongType(place, path_prefix + field, "an object", v);
  return &v;
}

Expected<const json*> ReadArray(const json& obj, const std::string& field, const FieldPlace& place,
                                const std::string& path_prefix) {
  const json& v = Field(obj, field);
  if (!v.is_array()) return WrongType(place, path_prefix + field, "an array", v);
  return &v;
}

Expected<std::vector<std::string>> ReadStrings(const json& obj, const std::string& field, const FieldPlace& place,
                                               const std::string& path_prefix) {
  EB_ASSIGN_OR_RETURN(const json* list, ReadArray(obj, field, place, path_prefix));
  std::vector<std::string> out;
  for (size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    if (!item.is_string()) {
      return WrongType(place, path_prefix + field + "[" + std::to_string(i) + "]", "a string", item);
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Expected<std::optional<std::string>> ReadOptionalString(const json& obj, const std::string& field,
                                                        const FieldPlace& place, const std::string& path_prefix) {
  const json& v = Field(obj, field);
  if (v.is_null()) return std::optional<std::string>();
  if (!v.is_string()) return WrongType(place, path_prefix + field, "a string", v);
  return std::optional<std::string>(v.get<std::string>());
}

Expected<std::optional<Sourced>> ReadOptionalSourced(const json& obj, const std::string& field,
                                                     const FieldPlace& place, const std::string& path_prefix) {
  const json& v = Field(obj, field);
  if (v.is_null()) return std::optional<Sourced>();
  const std::string path = path_prefix + field;
  if (!v.is_object()) return WrongType(place, path, "an object {value, source}", v);
  EB_ASSIGN_OR_RETURN(double value, ReadNumber(v, "value", place, path + "."));
  EB_ASSIGN_OR_RETURN(std::string source, ReadString(v, "source", place, path + "."));
  return std::optional<Sourced>(Sourced{value, std::move(source)});
}

Expected<Figure> ReadFigure(const json& obj, const std::string& field, const std::string& kind,
                            const FieldPlace& place, const std::string& path_prefix,
                            const std::string& absent_reason) {
  const json& v = Field(obj, field);
  if (v.is_number()) return Figure::Known(v.get<double>(), kind);
  if (v.is_null()) return Figure::Unknown(absent_reason.empty() ? "not in the results file" : absent_reason);
  if (v.is_string() && v.get<std::string>() == "unknown") {
    const json& reason = Field(obj, field + "_reason");
    return Figure::Unknown(reason.is_string() ? reason.get<std::string>() : "no reason given in the results file");
  }
  return WrongType(place, path_prefix + field, "a number or \"unknown\"", v);
}

}  // namespace edgebench
