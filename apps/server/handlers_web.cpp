// What the web pages (apps/web/, docs/web.md) need besides the domain routes: who the token
// is (for role-aware menus), the bundled vocabularies with their Dutch labels (for the case
// form), and the bundled region geometry (for the map).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "apps/server/api_error.hpp"
#include "apps/server/handlers.hpp"
#include "core/paths.hpp"

namespace passend::server {

namespace {
nlohmann::ordered_json terms_json(const std::vector<Term>& terms) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& t : terms) out.push_back({{"id", t.id}, {"nl", t.dutch}});
  return out;
}

nlohmann::ordered_json care_forms_json(const Vocabulary& v) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& c : v.care_forms()) out.push_back({{"id", c.id}, {"nl", c.dutch}, {"lot", c.lot}, {"rank", c.rank}});
  return out;
}

std::string read_bundled_file(const std::string& name) {
  const auto path = std::filesystem::path(data_dir()) / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

Reply get_me(Context& ctx) {
  const auto& t = *ctx.token;
  Reply reply;
  reply.body = {{"id", t.id},
                {"name", t.name},
                {"role", role_name(t.role)},
                {"created_at", t.created_at},
                {"scope", service::scope_json(t.scope)},
                {"scope_name", t.scope.scoped() ? service::scope_dutch(t.scope, ctx.state.regions) : ""},
                {"ruleset", ruleset_identity_json(token_rules(ctx).identity)}};
  return reply;
}

Reply get_vocabulary(Context& ctx) {
  const auto& v = ctx.state.vocabulary;
  Reply reply;
  reply.body = {{"care_forms", care_forms_json(v)},     {"expertise", terms_json(v.expertise())},
                {"flags", terms_json(v.flags())},       {"urgency", terms_json(v.urgencies())},
                {"tiers", terms_json(v.tiers())},       {"lots", v.lots()},
                {"identities", v.identities()},         {"product_categories", terms_json(v.product_categories())}};
  auto refusals = nlohmann::ordered_json::array();
  for (const auto& r : v.refusal_reasons()) refusals.push_back({{"id", r.id}, {"nl", r.dutch}});
  reply.body["refusal_reasons"] = std::move(refusals);
  return reply;
}

// The bundled data/jeugdregios_2024.geojson as is (WGS84): the one source of the map. Read
// once; the bundled data does not change while the server runs.
Reply get_region_geometry(Context&) {
  static const std::string geojson = read_bundled_file("jeugdregios_2024.geojson");
  Reply reply;
  reply.raw = geojson;
  return reply;
}

}  // namespace passend::server
