// The quality floor of the text models on a small fixed sample that is committed with Heed: the public-domain CFPB
// narratives of models/data/cfpb_product.csv, every fifth row held out for testing. The floors are set a little
// below what was measured when they were written (docs/triage.md); a change that makes the model worse fails here.

#include <gtest/gtest.h>

#include <iostream>

#include "cli/triage_commands.hpp"
#include "triage/evaluation.hpp"

namespace heed::triage {
namespace {

// Measured with the logistic regression: accuracy 0.780, macro-F1 0.592, ECE 0.040 (before subwords and naive Bayes
// scaling: 0.762, 0.533).
constexpr double kAccuracyFloor = 0.74;
constexpr double kMacroF1Floor = 0.56;

// Trains on four fifths of the committed sample, checks the floors on the rest.
void CheckFloors(const TrainingOptions& options) {
    auto data = cli::ReadLabelledCsv("models/data/cfpb_product.csv", "text", "product");
    ASSERT_TRUE(data) << data.error().message;
    std::vector<Example> train, test;
    for (std::size_t i = 0; i < data->examples.size(); ++i) (i % 5 == 0 ? test : train).push_back(data->examples[i]);
    auto model = TextModel::Train(train, options);
    ASSERT_TRUE(model) << model.error().message;
    auto result = Evaluate(*model, test);
    std::cout << "accuracy " << result.accuracy << " macro-F1 " << result.macro_f1 << " ECE " << result.ece << "\n";
    EXPECT_GE(result.accuracy, kAccuracyFloor);
    EXPECT_GE(result.macro_f1, kMacroF1Floor);
    EXPECT_LE(result.ece, 0.12);
}

TEST(EvaluationFloor, CfpbProductFromCommittedNarratives) {
    CheckFloors({.learner = Learner::kLogistic, .epochs = 10, .bucket_bits = 18});
}

// The same with the default learner, which for English text is the linear SVM over inverse document frequencies and
// blocks, the sentiment lexicon kept if the held-out slice prefers it, under the same floors. Measured: accuracy
// 0.773, macro-F1 0.582, ECE 0.059 (the slice kept the lexicon here; without it 0.777, 0.631).
TEST(EvaluationFloor, CfpbProductWithTheDefaultLearner) { CheckFloors({.bucket_bits = 18}); }

}  // namespace
}  // namespace heed::triage
