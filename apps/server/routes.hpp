#pragma once
// The API's routes as data: method, path (OpenAPI template) and the role needed. The server
// registers exactly these, and the tests compare them with openapi.json, so the document and
// the server cannot drift apart.
#include <optional>
#include <string>
#include <vector>

#include "apps/service/tokens.hpp"

namespace passend::server {

// Roles and what they allow belong to the tokens service, which `passend token` uses too.
using service::Role;
using service::role_allows;
using service::role_name;

struct RouteSpec {
  std::string method;       // "GET", "POST", "PUT", "DELETE"
  std::string path;         // "/api/v1/regions/{code}"
  std::optional<Role> role;  // none: public (no token)
};

const std::vector<RouteSpec>& route_specs();

// The regular expression httplib matches a path template with: each {name} is one segment.
std::string path_regex(const std::string& path_template);

}  // namespace passend::server
