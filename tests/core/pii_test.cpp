#include <gtest/gtest.h>

#include "core/complaint/pii.hpp"
#include "support/builders.hpp"

namespace heed::core::complaint {
namespace {

TEST(Pii, MasksPhonesEmailsAndIdsKeepingWhatIdentifiesTheCaseToStaff) {
    EXPECT_EQ(MaskPhone("13812341234"), "138****1234");
    EXPECT_EQ(MaskPhone("+86 138-1234-1234"), "861****1234");
    EXPECT_EQ(MaskPhone("12345"), "*****");
    EXPECT_EQ(MaskEmail("zhang.wei@example.com"), "z***@example.com");
    EXPECT_EQ(MaskEmail("broken"), "***");
    EXPECT_EQ(MaskId("C202405001"), "C2******01");
}

TEST(Pii, AnalystsAndDepartmentsSeeContactDetailsMasked) {
    EXPECT_TRUE(SeesContactDetails(workflow::Role::kAgent));
    EXPECT_TRUE(SeesContactDetails(workflow::Role::kManager));
    EXPECT_FALSE(SeesContactDetails(workflow::Role::kAnalyst));
    EXPECT_FALSE(SeesContactDetails(workflow::Role::kDepartment));
    auto complaint = testing::AComplaint();
    MaskContactDetails(complaint);
    EXPECT_EQ(complaint.customer.phone, "138****1234");
    EXPECT_EQ(complaint.customer.email, "z***@example.com");
    EXPECT_EQ(complaint.customer.name, "张伟");
}

}  // namespace
}  // namespace heed::core::complaint
