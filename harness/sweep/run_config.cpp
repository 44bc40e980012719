#include "harness/sweep/run_config.h"

#include "harness/suite/json_object.h"

namespace edgebench {

std::string ConfigKey(const RunConfig& c) {
  return c.model + "|" + c.precision + "|" + c.backend + "|t" + std::to_string(c.threads) + "|b" +
         std::to_string(c.batch) + "|" + c.opt_level + "|" + c.pinning + "|" + c.scenario;
}

nlohmann::json ToJson(const RunConfig& c) {
  return {{"model", c.model},         {"model_path", c.model_path}, {"model_sha256", c.model_sha256},
          {"precision", c.precision}, {"backend", c.backend},       {"threads", c.threads},
          {"batch", c.batch},         {"opt_level", c.opt_level},   {"pinning", c.pinning},
          {"scenario", c.scenario},   {"input_shapes", c.input_shapes}, {"dataset", c.dataset},
          {"calibration", c.calibration}};
}

Expected<RunConfig> RunConfigFromJson(const nlohmann::json& j) {
  EB_ASSIGN_OR_RETURN(JsonObject o, JsonObject::Open(j, "config"));
  RunConfig c;
  int threads = 0, batch = 0;
  EB_RETURN_IF_ERROR(o.Read("model", &c.model));
  EB_RETURN_IF_ERROR(o.Read("model_path", &c.model_path));
  EB_RETURN_IF_ERROR(o.Read("model_sha256", &c.model_sha256));
  EB_RETURN_IF_ERROR(o.Read("precision", &c.precision));
  EB_RETURN_IF_ERROR(o.Read("backend", &c.backend));
  EB_RETURN_IF_ERROR(o.Read("threads", 1, 4096, &threads));
  EB_RETURN_IF_ERROR(o.Read("batch", 1, 1 << 20, &batch));
  EB_RETURN_IF_ERROR(o.Read("opt_level", &c.opt_level));
  EB_RETURN_IF_ERROR(o.Read("pinning", &c.pinning));
  EB_RETURN_IF_ERROR(o.Read("scenario", &c.scenario));
  c.threads = threads;
  c.batch = batch;
  EB_RETURN_IF_ERROR(o.Read("dataset", &c.dataset));
  EB_RETURN_IF_ERROR(o.Read("calibration", &c.calibration));
  if (const nlohmann::json* shapes = o.Find("input_shapes")) {
    EB_ASSIGN_OR_RETURN(JsonObject so, JsonObject::Open(*shapes, o.PathOf("input_shapes")));
    for (const auto& [name, dims] : shapes->items()) {
      if (!dims.is_array()) return FieldError(so.PathOf(name), "must be an array of dims");
      std::vector<int64_t>& out = c.input_shapes[name];
      for (size_t i = 0; i < dims.size(); ++i) {
        EB_ASSIGN_OR_RETURN(int64_t d, ReadInt(dims[i], JsonPathIndex(so.PathOf(name), i), 0, int64_t{1} << 40));
        out.push_back(d);
      }
    }
  }
  return c;
}

}  // namespace edgebench
