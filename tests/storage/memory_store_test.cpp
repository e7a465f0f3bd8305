#include "storage/contract/complaint_store_contract.hpp"
#include "storage/contract/triage_store_contract.hpp"
#include "storage/memory/memory_store.hpp"

namespace heed::storage {

struct MemoryFactory {
    static std::unique_ptr<core::ports::ComplaintStore> Make() { return std::make_unique<memory::MemoryComplaintStore>(); }
};

}  // namespace heed::storage

namespace heed::storage::contract {
INSTANTIATE_TYPED_TEST_SUITE_P(Memory, ComplaintStoreContract, heed::storage::MemoryFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(Memory, TriageStoreContract, heed::storage::MemoryFactory);
}
