#include "apps/service/registry_cache.hpp"

#include "providers/registry.hpp"

namespace passend::service {

std::shared_ptr<const RegistrySnapshot> RegistryCache::current(db::Database& db) {
  const std::int64_t version = db::registry_version(db);
  auto snapshot = held();
  if (snapshot && snapshot->version == version) return snapshot;
  return reread(db, version);
}

std::shared_ptr<const RegistrySnapshot> RegistryCache::reread(db::Database& db, std::int64_t version) {
  const std::lock_guard<std::mutex> one_reader(reading_);
  // Another request may have read it while this one waited; a newer snapshot serves too.
  if (auto snapshot = held(); snapshot && snapshot->version >= version) return snapshot;
  auto fresh = std::make_shared<const RegistrySnapshot>(db::read_registry_snapshot(db));
  const std::lock_guard<std::mutex> swap(pointer_);
  snapshot_ = fresh;
  ++reads_;
  return fresh;
}

std::shared_ptr<const RegistrySnapshot> RegistryCache::held() const {
  const std::lock_guard<std::mutex> lock(pointer_);
  return snapshot_;
}

std::int64_t RegistryCache::reads() const {
  const std::lock_guard<std::mutex> lock(pointer_);
  return reads_;
}

}  // namespace passend::service
