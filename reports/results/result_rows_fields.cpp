#include "reports/results/result_rows_fields.h"

namespace edgebench::result_rows_detail {

using nlohmann::json;

namespace {

const char* TypeName(const json& v) { return v.is_null() ? "null" : v.type_name(); }

Status WrongType(const Place& place, const std::string& field, const std::string& expected, const json& v) {
  return place.Bad(field, "must be " + expected + " (got " + TypeName(v) + ")");
}

// The present member `name`, or the error that it is missing.
Expected<const json*> Present(const json& obj, const std::string& name, const std::string& field,
                              const Place& place) {
  const json* v = Member(obj, name);
  if (v == nullptr) return place.Bad(field, "is missing");
  return v;
}

}  // namespace

Status Place::Bad(const std::string& field, const std::string& problem) const {
  std::string where = "'" + file + "'";
  if (!config_key.empty()) where += ": result '" + config_key + "'";
  return InvalidArgument(where + ": field '" + field + "' " + problem);
}

const json* Member(const json& obj, const std::string& name) {
  auto it = obj.find(name);
  return it == obj.end() ? nullptr : &*it;
}

Expected<const json*> RequireObject(const json& obj, const std::string& name, const std::string& field,
                                    const Place& place) {
  EB_ASSIGN_OR_RETURN(const json* v, Present(obj, name, field, place));
  if (!v->is_object()) return WrongType(place, field, "an object", *v);
  return v;
}

Expected<double> RequireNumber(const json& obj, const std::string& name, const std::string& field,
                               const Place& place) {
  EB_ASSIGN_OR_RETURN(const json* v, Present(obj, name, field, place));
  if (!v->is_number()) return WrongType(place, field, "a number", *v);
  return v->get<double>();
}

Expected<std::string> RequireString(const json& obj, const std::string& name, const std::string& field,
                                    const Place& place) {
  EB_ASSIGN_OR_RETURN(const json* v, Present(obj, name, field, place));
  if (!v->is_string()) return WrongType(place, field, "a string", *v);
  return v->get<std::string>();
}

Expected<bool> RequireBool(const json& obj, const std::string& name, const std::string& field,
                           const Place& place) {
  EB_ASSIGN_OR_RETURN(const json* v, Present(obj, name, field, place));
  if (!v->is_boolean()) return WrongType(place, field, "true or false", *v);
  return v->get<bool>();
}

Expected<std::vector<std::string>> RequireStrings(const json& obj, const std::string& name,
                                                  const std::string& field, const Place& place) {
  EB_ASSIGN_OR_RETURN(const json* v, Present(obj, name, field, place));
  if (!v->is_array()) return WrongType(place, field, "an array", *v);
  std::vector<std::string> out;
  for (size_t i = 0; i < v->size(); ++i) {
    const json& item = (*v)[i];
    if (!item.is_string()) return WrongType(place, field + "[" + std::to_string(i) + "]", "a string", item);
    out.push_back(item.get<std::string>());
  }
  return out;
}

Expected<std::string> OptionalString(const json& obj, const std::string& name, const std::string& field,
                                     const Place& place) {
  const json* v = Member(obj, name);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string()) return WrongType(place, field, "a string", *v);
  return v->get<std::string>();
}

Expected<std::optional<double>> OptionalNumber(const json& obj, const std::string& name, const std::string& field,
                                               const Place& place) {
  const json* v = Member(obj, name);
  if (v == nullptr || v->is_null()) return std::optional<double>();
  if (!v->is_number()) return WrongType(place, field, "a number", *v);
  return std::optional<double>(v->get<double>());
}

Expected<std::optional<SourcedNumber>> OptionalSourced(const json& obj, const std::string& name,
                                                 const std::string& field, const Place& place) {
  const json* v = Member(obj, name);
  if (v == nullptr || v->is_null()) return std::optional<SourcedNumber>();
  if (!v->is_object()) return WrongType(place, field, "an object {value, source}", *v);
  EB_ASSIGN_OR_RETURN(double value, RequireNumber(*v, "value", field + ".value", place));
  EB_ASSIGN_OR_RETURN(std::string source, RequireString(*v, "source", field + ".source", place));
  return std::optional<SourcedNumber>(SourcedNumber{value, std::move(source)});
}

Expected<Figure> ReadFigure(const json& obj, const std::string& name, const std::string& kind,
                            const std::string& field, const Place& place) {
  const json* v = Member(obj, name);
  if (v == nullptr || v->is_null()) return Figure::Unknown("not in the results file");
  if (v->is_number()) return Figure::Known(v->get<double>(), kind);
  if (v->is_string() && v->get<std::string>() == "unknown") {
    EB_ASSIGN_OR_RETURN(std::string reason, OptionalString(obj, name + "_reason", field + "_reason", place));
    return Figure::Unknown(reason.empty() ? "no reason given in the results file" : reason);
  }
  return WrongType(place, field, "a number or \"unknown\"", *v);
}

}  // namespace edgebench::result_rows_detail
