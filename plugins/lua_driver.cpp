#include "plugins/lua_driver.hpp"

#include <string_view>

namespace passend::lua {

// The text of plugins/driver.lua, embedded at build time (plugins/CMakeLists.txt).
extern const std::string_view kDriverSource;

void push_driver(lua_State* L) {
  if (luaL_loadbufferx(L, kDriverSource.data(), kDriverSource.size(), "=passend/driver", "t") != LUA_OK) lua_error(L);
  lua_call(L, 0, 1);
}

}  // namespace passend::lua
