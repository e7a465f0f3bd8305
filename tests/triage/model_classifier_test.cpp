#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "cli/default_models.hpp"
#include "triage/model_classifier.hpp"

namespace heed::triage {
namespace {

std::vector<Example> Examples(const std::string& a, const std::string& b, const std::string& word_a,
                              const std::string& word_b) {
    std::vector<Example> out;
    for (int i = 0; i < 40; ++i) {
        out.push_back({word_a + " order " + std::to_string(i % 5), a});
        out.push_back({word_b + " order " + std::to_string(i % 5), b});
    }
    return out;
}

class ModelClassifierTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = std::filesystem::temp_directory_path() / ("heed-models-" + std::to_string(::getpid()));
        std::filesystem::create_directories(root_ / "defaults" / "en");
        std::filesystem::create_directories(root_ / "tenants" / "7");
        TrainingOptions options{.epochs = 5, .bucket_bits = 12};
        auto defaults = TextModel::Train(Examples("negative", "positive", "awful", "great"), options);
        ASSERT_TRUE(defaults);
        ASSERT_TRUE(defaults->Save((root_ / "defaults" / "en" / "sentiment.model").string()));
        auto tenant = TextModel::Train(Examples("billing", "delivery", "refund", "courier"), options);
        ASSERT_TRUE(tenant);
        ASSERT_TRUE(tenant->Save((root_ / "tenants" / "7" / "category.model").string()));
    }
    void TearDown() override { std::filesystem::remove_all(root_); }
    std::filesystem::path root_;
};

TEST_F(ModelClassifierTest, UsesTheTenantsModelsAndFallsBackToTheDefaults) {
    ModelClassifier classifier({.tenant_dir = root_ / "tenants", .default_dir = root_ / "defaults"});
    EXPECT_TRUE(classifier.LoadAll().empty());
    EXPECT_EQ(classifier.default_count(), 1u);
    EXPECT_EQ(classifier.tenant_model_count(), 1u);
    auto own = classifier.Classify(core::TenantId{7}, "the courier was awful", "en");
    ASSERT_EQ(own.size(), 2u);
    EXPECT_EQ(own.at("category").label, "delivery");
    EXPECT_EQ(own.at("sentiment").label, "negative");
    EXPECT_GT(own.at("sentiment").confidence, 0.5);
    auto other = classifier.Classify(core::TenantId{8}, "great refund", "");
    ASSERT_EQ(other.size(), 1u);  // no category model for tenant 8, no default category for English here
    EXPECT_EQ(other.at("sentiment").label, "positive");
    EXPECT_TRUE(classifier.Classify(core::TenantId{8}, "很好", "").empty());  // Chinese: no defaults in this folder
    EXPECT_GT(classifier.tenant_memory_bytes(core::TenantId{7}), 0u);
}

TEST_F(ModelClassifierTest, ReportsUnreadableFilesAndKeepsTheRest) {
    { std::ofstream(root_ / "tenants" / "7" / "urgency.model") << "garbage"; }
    std::filesystem::create_directories(root_ / "tenants" / "not-a-tenant");
    ModelClassifier classifier({.tenant_dir = root_ / "tenants", .default_dir = root_ / "defaults"});
    auto problems = classifier.LoadAll();
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(classifier.tenant_model_count(), 1u);
    std::filesystem::remove(root_ / "tenants" / "7" / "urgency.model");
    std::filesystem::remove(root_ / "tenants" / "7" / "category.model");
    EXPECT_TRUE(classifier.Reload(core::TenantId{7}).empty());
    EXPECT_EQ(classifier.tenant_model_count(), 0u);
}

TEST_F(ModelClassifierTest, ClassifiesFromManyThreadsAtOnce) {
    ModelClassifier classifier({.tenant_dir = root_ / "tenants", .default_dir = root_ / "defaults"});
    classifier.LoadAll();
    std::vector<std::thread> threads;
    std::atomic<int> right{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 50; ++i) {
                auto p = classifier.Classify(core::TenantId{7}, "refund was great", "en");
                if (p.at("category").label == "billing" && p.at("sentiment").label == "positive") ++right;
            }
        });
    }
    threads.emplace_back([&] { classifier.Reload(core::TenantId{7}); });
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(right.load(), 200);
}

TEST(TemplateDefaults, TriageChineseAndEnglishFromTheFirstComplaint) {
    ModelClassifier classifier({});
    cli::AddTemplateDefaults(classifier);
    EXPECT_EQ(classifier.default_count(), 6u);
    auto zh = classifier.Classify(core::kDefaultTenant, "快递一直不到，物流信息十天没有更新，客服也联系不上", "zh");
    ASSERT_TRUE(zh.count("category"));
    EXPECT_EQ(zh.at("category").label, "物流配送");
    EXPECT_TRUE(zh.count("urgency"));
    EXPECT_TRUE(zh.count("severity"));
    auto en = classifier.Classify(core::kDefaultTenant, "The parcel has not arrived, tracking has not moved in ten days",
                                  "");
    ASSERT_TRUE(en.count("category"));
    EXPECT_EQ(en.at("category").label, "物流配送");
}

}  // namespace
}  // namespace heed::triage
