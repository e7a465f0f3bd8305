// Duplicate detection on real data: the CFPB narratives without labels (../shared/data/cfpb/narratives_unlabeled.csv)
// hold texts sent more than once. Filed as different customers through intake triage on a real SQLite store, every
// copy must land in the incident cluster of its text. Skips when the data folder is absent.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "cli/csv_reader.hpp"
#include "core/services/complaint_service.hpp"
#include "core/services/triage_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/builders.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_crypto.hpp"

namespace heed::storage {

std::string FreshDatabasePath();  // sqlite_store_test.cpp

namespace {

std::filesystem::path SharedData(const std::string& relative) {
    for (auto dir = std::filesystem::current_path(); !dir.empty(); dir = dir.parent_path()) {
        if (std::filesystem::exists(dir / "shared/data" / relative)) return dir / "shared/data" / relative;
        if (dir == dir.parent_path()) break;
    }
    return {};
}

TEST(TriageOnRealData, EveryExactDuplicateNarrativeJoinsTheClusterOfItsText) {
    auto path = SharedData("cfpb/narratives_unlabeled.csv");
    if (path.empty()) GTEST_SKIP() << "needs ../shared/data (cfpb/narratives_unlabeled.csv) next to the repository";
    std::ifstream input(path, std::ios::binary);
    cli::CsvReader reader(input);
    std::vector<std::string> fields;
    ASSERT_TRUE(reader.Next(fields));  // header: id, text
    std::vector<std::string> texts;
    std::map<std::string, int> copies;
    while (reader.Next(fields)) {
        if (fields.size() < 2 || reader.error()) continue;
        texts.push_back(fields[1]);
        ++copies[fields[1]];
    }
    ASSERT_GT(texts.size(), 4000u);
    // Every duplicated text and the first 600 others, in file order: enough unrelated narratives to show that
    // clusters do not swallow them, few enough for a quick test.
    std::vector<std::string> sample;
    int others = 0;
    for (const auto& text : texts) {
        if (copies[text] > 1 || others++ < 600) sample.push_back(text);
    }

    testing::FakeClock clock(*core::ParseIso8601("2024-05-10T02:00:00Z"));
    auto store = sqlite::SqliteComplaintStore::Open(
        FreshDatabasePath(), {.readers = 2, .max_batch = 64, .mac = testing::FakeCrypto::TestMac, .clock = &clock});
    ASSERT_TRUE(store);
    core::services::TriageService triage(**store, **store, clock);
    core::services::ComplaintService service(**store, clock);
    service.SetTriage(&triage);
    std::map<std::string, std::set<std::string>> clusters_of_text;
    std::map<std::string, std::set<std::string>> texts_of_cluster;
    std::vector<core::ComplaintId> ids;
    for (std::size_t i = 0; i < sample.size(); ++i) {
        auto draft = testing::AComplaint("CFPB narrative", sample[i].substr(0, core::complaint::kMaxDescriptionBytes));
        draft.customer.phone = "1380000" + std::to_string(1000 + i);
        draft.customer.email.clear();
        auto filed = service.File(testing::AnActor(core::workflow::Role::kSystem), draft);
        ASSERT_TRUE(filed) << filed.error().message;
        ids.push_back(filed->id);
        clock.Advance(std::chrono::minutes(5));
    }
    std::size_t clustered_copies = 0;
    for (std::size_t i = 0; i < sample.size(); ++i) {
        auto c = (*store)->Get(core::kDefaultTenant, ids[i]);  // founders are linked after their own intake
        ASSERT_TRUE(c);
        clusters_of_text[sample[i]].insert(c->links.incident_cluster);
        if (!c->links.incident_cluster.empty()) texts_of_cluster[c->links.incident_cluster].insert(sample[i]);
        if (copies[sample[i]] > 1 && !c->links.incident_cluster.empty()) ++clustered_copies;
    }
    std::size_t duplicated_texts = 0, copies_total = 0;
    for (const auto& [text, n] : copies) {
        if (n < 2) continue;
        ++duplicated_texts;
        copies_total += n;
        ASSERT_EQ(clusters_of_text[text].size(), 1u)
            << "copies of one text in different clusters: " << text.substr(0, 80);
        EXPECT_FALSE(clusters_of_text[text].begin()->empty())
            << "a duplicated text left unclustered: " << text.substr(0, 80);
    }
    EXPECT_EQ(clustered_copies, copies_total);
    std::size_t mixed = 0;
    for (const auto& [cluster, members] : texts_of_cluster) mixed += members.size() > 1;
    std::cout << "[ data     ] " << duplicated_texts << " duplicated texts, " << copies_total
              << " copies, all clustered; " << texts_of_cluster.size() << " clusters, " << mixed
              << " of them join different (near-identical) texts\n";
}

}  // namespace
}  // namespace heed::storage
