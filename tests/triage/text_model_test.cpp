#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>

#include <nlohmann/json.hpp>

#include "triage/evaluation.hpp"
#include "triage/sort_keys.hpp"
#include "triage/text_model.hpp"

namespace heed::triage {
namespace {

// A small synthetic task: each label has its own words, mixed with shared filler, in English and Chinese.
std::vector<Example> SyntheticExamples(std::size_t count, std::uint64_t seed, double noise) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> labels{
        {"delivery", {"parcel", "courier", "late", "物流", "快递", "送货"}},
        {"billing", {"charged", "refund", "invoice", "退款", "扣费", "发票"}},
        {"quality", {"broken", "defect", "cracked", "质量", "坏了", "破损"}}};
    const std::vector<std::string> filler{"the", "my", "order", "please", "客服", "我的", "订单", "again"};
    std::mt19937_64 random(seed);
    std::vector<Example> out;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& [label, words] = labels[i % labels.size()];
        std::string text;
        for (int k = 0; k < 6; ++k) {
            bool own = std::uniform_real_distribution<double>(0, 1)(random) > noise;
            const auto& pool = own ? words : filler;
            text += pool[random() % pool.size()] + " ";
        }
        out.push_back({text, label});
    }
    return out;
}

std::string TempPath(const std::string& name) {
    return (std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))).string();
}

TEST(TextModel, LearnsASeparableTaskWithCalibratedConfidence) {
    auto model = TextModel::Train(SyntheticExamples(600, 1, 0.5), {});
    ASSERT_TRUE(model) << model.error().message;
    EXPECT_EQ(model->labels(), (std::vector<std::string>{"billing", "delivery", "quality"}));
    auto result = Evaluate(*model, SyntheticExamples(300, 2, 0.5));
    EXPECT_GT(result.accuracy, 0.9);
    EXPECT_LT(result.ece, 0.1);
    auto top = model->Predict("the courier was late again, 快递太慢", 3);
    ASSERT_EQ(top.size(), 3u);
    EXPECT_EQ(top[0].label, "delivery");
    EXPECT_GT(top[0].probability, top[1].probability);
    std::vector<double> p;
    model->Probabilities("退款 refund", p);
    EXPECT_NEAR(std::accumulate(p.begin(), p.end(), 0.0), 1.0, 1e-9);
}

TEST(TextModel, ConfidenceIsLowWhenTheTextSaysNothing) {
    auto model = TextModel::Train(SyntheticExamples(600, 3, 0.3), {});
    ASSERT_TRUE(model);
    auto clear = model->Predict("refund refund charged invoice 退款", 1);
    auto vague = model->Predict("please, my order", 1);
    EXPECT_GT(clear[0].probability, 0.8);
    EXPECT_LT(vague[0].probability, clear[0].probability);
}

TEST(TextModel, SubwordsLetAnUnseenFormOfAWordCount) {
    TrainingOptions with_subwords, without;
    without.tokens.subwords = false;
    auto model = TextModel::Train(SyntheticExamples(600, 5, 0.3), with_subwords);
    auto plain = TextModel::Train(SyntheticExamples(600, 5, 0.3), without);
    ASSERT_TRUE(model && plain);
    // Neither word was in the training data; "couriers" and "parcels" share their subwords with delivery's words.
    auto seen = model->Predict("couriers parcels", 1);
    EXPECT_EQ(seen[0].label, "delivery");
    EXPECT_GT(seen[0].probability, 0.6);
    // Without subwords the text has no known feature: only the bias speaks, the same for any unknown text.
    auto unseen = plain->Predict("couriers parcels", 3), nonsense = plain->Predict("zzqx wvvk", 3);
    ASSERT_EQ(unseen.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(unseen[i].label, nonsense[i].label);
        EXPECT_NEAR(unseen[i].probability, nonsense[i].probability, 1e-9);
        if (unseen[i].label == "delivery") {
            EXPECT_LT(unseen[i].probability, seen[0].probability - 0.1);
        }
    }
}

TEST(TextModel, NaiveBayesScalingStillLearnsAndDiffersFromOnePlainFit) {
    TrainingOptions scaled, plain, scaled_only;
    plain.naive_bayes_scaling = 0.0;
    scaled_only.scaling_mix = 0.0;
    auto train = SyntheticExamples(600, 6, 0.5), test = SyntheticExamples(300, 7, 0.5);
    std::vector<double> p_scaled, p_plain, p_only;
    for (auto [options, p] : {std::pair{&scaled, &p_scaled}, {&plain, &p_plain}, {&scaled_only, &p_only}}) {
        auto model = TextModel::Train(train, *options);
        ASSERT_TRUE(model) << model.error().message;
        EXPECT_GT(Evaluate(*model, test).accuracy, 0.9);
        model->Probabilities("the parcel again, refund", *p);
    }
    EXPECT_NE(p_scaled, p_plain);
    EXPECT_NE(p_scaled, p_only);
}

// The initial learning rate is chosen on the held-out slice between the one given and half of it; the model is then
// exactly the one trained at the chosen rate alone, and the file records the rate.
TEST(TextModel, ChoosesTheLearningRateOnTheHeldOutSlice) {
    auto train = SyntheticExamples(600, 8, 0.6);
    TrainingOptions choosing;
    choosing.learning_rate = 0.8;
    auto chosen = TextModel::Train(train, choosing);
    ASSERT_TRUE(chosen) << chosen.error().message;
    const double rate = chosen->summary().learning_rate;
    EXPECT_TRUE(rate == 0.8 || rate == 0.4) << rate;
    TrainingOptions fixed;
    fixed.learning_rate = rate;
    fixed.choose_learning_rate = false;
    auto alone = TextModel::Train(train, fixed);
    ASSERT_TRUE(alone);
    EXPECT_EQ(alone->summary().learning_rate, rate);
    EXPECT_EQ(alone->summary().naive_bayes_weight, chosen->summary().naive_bayes_weight);
    for (const auto& example : SyntheticExamples(30, 9, 0.6)) {
        std::vector<double> a, b;
        chosen->Probabilities(example.text, a);
        alone->Probabilities(example.text, b);
        ASSERT_EQ(a, b) << example.text;
    }
    // Without a held-out slice there is nothing to choose on: the rate given is kept.
    TrainingOptions uncalibrated = choosing;
    uncalibrated.calibration_share = 0.0;
    EXPECT_EQ(TextModel::Train(train, uncalibrated)->summary().learning_rate, 0.8);
    auto path = TempPath("heed-model-rate");
    ASSERT_TRUE(chosen->Save(path));
    EXPECT_EQ(TextModel::Load(path)->summary().learning_rate, rate);
    std::filesystem::remove(path);
}

TEST(TextModel, SavesAndLoadsTheSameModel) {
    auto model = TextModel::Train(SyntheticExamples(300, 4, 0.4), {.epochs = 5, .bucket_bits = 16});
    ASSERT_TRUE(model);
    auto path = TempPath("heed-model");
    ASSERT_TRUE(model->Save(path));
    auto loaded = TextModel::Load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->labels(), model->labels());
    EXPECT_DOUBLE_EQ(loaded->temperature(), model->temperature());
    EXPECT_EQ(loaded->memory_bytes(), model->memory_bytes());
    for (const auto& example : SyntheticExamples(50, 5, 0.4)) {
        std::vector<double> a, b;
        model->Probabilities(example.text, a);
        loaded->Probabilities(example.text, b);
        ASSERT_EQ(a, b);
    }
    std::filesystem::remove(path);
}

TEST(TextModel, RefusesDamagedFiles) {
    auto model = TextModel::Train(SyntheticExamples(200, 6, 0.4), {.epochs = 2, .bucket_bits = 12});
    ASSERT_TRUE(model);
    auto path = TempPath("heed-model-damaged");
    ASSERT_TRUE(model->Save(path));
    auto size = std::filesystem::file_size(path);
    std::filesystem::resize_file(path, size - 3);
    auto truncated = TextModel::Load(path);
    ASSERT_FALSE(truncated);
    EXPECT_NE(truncated.error().message.find("wrong size"), std::string::npos) << truncated.error().message;
    {
        std::ofstream file(path, std::ios::binary | std::ios::trunc);
        file << "not a model at all";
    }
    auto garbage = TextModel::Load(path);
    ASSERT_FALSE(garbage);
    EXPECT_NE(garbage.error().message.find("magic"), std::string::npos);
    std::filesystem::remove(path);
    auto missing = TextModel::Load(path);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

// Rewrites a model file's JSON header (and its format version) in place, the weights left as they are.
void RewriteHeader(const std::string& path, std::uint32_t version, const std::function<void(nlohmann::json&)>& edit) {
    std::ifstream in(path, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    std::uint32_t head_size = 0;
    std::memcpy(&head_size, data.data() + 12, 4);
    auto header = nlohmann::json::parse(data.substr(16, head_size));
    edit(header);
    std::string head = header.dump();
    auto size = static_cast<std::uint32_t>(head.size());
    std::string out = data.substr(0, 8);
    out.append(reinterpret_cast<const char*>(&version), 4);
    out.append(reinterpret_cast<const char*>(&size), 4);
    out += head;
    out += data.substr(16 + head_size);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << out;
}

// The SVM over inverse document frequencies and blocks learns the task, chooses C on the slice (the one given or three
// times it), and its file — with a scale per row — gives back the same model.
TEST(TextModel, SvmLearnsAndItsFileGivesBackTheSameModel) {
    TrainingOptions options{.learner = Learner::kSvm, .idf = true, .block_norm = true, .svm_cost = 0.5};
    auto model = TextModel::Train(SyntheticExamples(600, 21, 0.5), options);
    ASSERT_TRUE(model) << model.error().message;
    EXPECT_EQ(model->learner(), Learner::kSvm);
    EXPECT_TRUE(model->summary().svm_cost == 0.5 || model->summary().svm_cost == 1.5) << model->summary().svm_cost;
    EXPECT_EQ(model->summary().learning_rate, 0.0);
    auto result = Evaluate(*model, SyntheticExamples(300, 22, 0.5));
    EXPECT_GT(result.accuracy, 0.9);
    EXPECT_LT(result.ece, 0.1);
    EXPECT_EQ(model->Predict("the courier was late again, 快递太慢", 1)[0].label, "delivery");
    auto path = TempPath("heed-model-svm");
    ASSERT_TRUE(model->Save(path));
    auto loaded = TextModel::Load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->learner(), Learner::kSvm);
    EXPECT_EQ(loaded->summary().svm_cost, model->summary().svm_cost);
    EXPECT_EQ(loaded->memory_bytes(), model->memory_bytes());
    for (const auto& example : SyntheticExamples(50, 23, 0.5)) {
        std::vector<double> a, b;
        model->Probabilities(example.text, a);
        loaded->Probabilities(example.text, b);
        ASSERT_EQ(a, b) << example.text;
    }
    // The same data and options give the same model (liblinear's random order is seeded).
    auto again = TextModel::Train(SyntheticExamples(600, 21, 0.5), options);
    ASSERT_TRUE(again);
    std::vector<double> a, b;
    model->Probabilities("refund the invoice 退款", a);
    again->Probabilities("refund the invoice 退款", b);
    EXPECT_EQ(a, b);
    // An unknown learner in the header is refused with the reason.
    RewriteHeader(path, TextModel::kFormatVersion, [](nlohmann::json& h) { h["learner"] = "forest"; });
    auto unknown = TextModel::Load(path);
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("unknown learner forest"), std::string::npos) << unknown.error().message;
    std::filesystem::remove(path);
}

// English sentiment-like examples: each label has its own words, some of them in VADER's lexicon.
std::vector<Example> EnglishExamples(std::size_t count, std::uint64_t seed) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> labels{
        {"positive", {"great", "thanks", "love", "smooth", "friendly"}},
        {"negative", {"delayed", "rude", "lost", "horrible", "waiting"}}};
    const std::vector<std::string> filler{"the", "flight", "crew", "gate", "my", "bag", "today", "again"};
    std::mt19937_64 random(seed);
    std::vector<Example> out;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& [label, words] = labels[i % labels.size()];
        std::string text;
        for (int k = 0; k < 6; ++k) text += (k % 2 ? words : filler)[random() % (k % 2 ? words : filler).size()] + " ";
        out.push_back({text, label});
    }
    return out;
}

// The default learner: the regression for Chinese text (the synthetic examples are mostly Chinese), the SVM over
// inverse document frequencies and blocks for English, its lexicon tokens kept or left out on the slice — and with
// no slice to choose on, kept. An explicit learner is taken as given.
TEST(TextModel, TheDefaultLearnerFollowsTheLanguageOfTheTrainingTexts) {
    auto chinese = TextModel::Train(SyntheticExamples(300, 31, 0.4), {.epochs = 5});
    ASSERT_TRUE(chinese);
    EXPECT_EQ(chinese->learner(), Learner::kLogistic);
    EXPECT_FALSE(chinese->idf() || chinese->block_norm() || chinese->tokens().lexicon);

    auto english = TextModel::Train(EnglishExamples(400, 32), {});
    ASSERT_TRUE(english) << english.error().message;
    EXPECT_EQ(english->learner(), Learner::kSvm);
    EXPECT_TRUE(english->idf() && english->block_norm());
    EXPECT_EQ(english->Predict("thanks, a smooth flight", 1)[0].label, "positive");
    EXPECT_EQ(english->Predict("rude crew and a lost bag", 1)[0].label, "negative");

    auto unchosen = TextModel::Train(EnglishExamples(400, 32), {.calibration_share = 0.0});
    ASSERT_TRUE(unchosen);
    EXPECT_TRUE(unchosen->tokens().lexicon);
    // The lexicon counts: "wonderful" (+2.7) never occurs in training, yet moves the answer towards positive.
    std::vector<double> without, with;
    unchosen->Probabilities("the flight", without);
    unchosen->Probabilities("the flight wonderful", with);
    const auto positive = static_cast<std::size_t>(
        std::find(unchosen->labels().begin(), unchosen->labels().end(), "positive") - unchosen->labels().begin());
    EXPECT_GT(with[positive], without[positive]);
    auto path = TempPath("heed-model-lexicon");
    ASSERT_TRUE(unchosen->Save(path));
    auto loaded = TextModel::Load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_TRUE(loaded->tokens().lexicon && loaded->idf() && loaded->block_norm());
    std::vector<double> again;
    loaded->Probabilities("the flight wonderful", again);
    EXPECT_EQ(again, with);
    std::filesystem::remove(path);

    auto logistic = TextModel::Train(EnglishExamples(400, 32), {.learner = Learner::kLogistic, .epochs = 5});
    ASSERT_TRUE(logistic);
    EXPECT_EQ(logistic->learner(), Learner::kLogistic);
    EXPECT_FALSE(logistic->tokens().lexicon);
}

// With inverse document frequencies, a word no training text had is left out, also of the vector's length: it does
// not move the answer. Without them it does (it lengthens the vector, so the known words weigh less).
TEST(TextModel, WithInverseDocumentFrequenciesAnUnseenWordChangesNothing) {
    auto train = SyntheticExamples(600, 24, 0.4);
    auto idf = TextModel::Train(train, {.idf = true, .epochs = 5});
    auto plain = TextModel::Train(train, {.epochs = 5});
    ASSERT_TRUE(idf && plain);
    for (const TextModel* model : {&*idf, &*plain}) {
        std::vector<double> known, with_unseen;
        model->Probabilities("refund the invoice", known);
        model->Probabilities("refund the invoice qzxvw", with_unseen);
        if (model == &*idf) {
            EXPECT_EQ(known, with_unseen);
        } else {
            EXPECT_NE(known, with_unseen);
        }
    }
}

// Files of format version 1 (no learner, no feature scheme, no scale per row) are still read, with the same answers.
TEST(TextModel, ReadsVersionOneFiles) {
    auto model = TextModel::Train(SyntheticExamples(300, 25, 0.4), {.epochs = 5, .bucket_bits = 16});
    ASSERT_TRUE(model);
    auto path = TempPath("heed-model-v1");
    ASSERT_TRUE(model->Save(path));
    RewriteHeader(path, 1, [](nlohmann::json& h) {
        h.erase("learner");
        h.erase("features");
        h["version"] = 1;
        h["training"].erase("svm_cost");
    });
    auto loaded = TextModel::Load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->learner(), Learner::kLogistic);
    for (const auto& example : SyntheticExamples(30, 26, 0.4)) {
        std::vector<double> a, b;
        model->Probabilities(example.text, a);
        loaded->Probabilities(example.text, b);
        ASSERT_EQ(a, b) << example.text;
    }
    RewriteHeader(path, 3, [](nlohmann::json&) {});
    auto future = TextModel::Load(path);
    ASSERT_FALSE(future);
    EXPECT_NE(future.error().message.find("format version 3"), std::string::npos) << future.error().message;
    std::filesystem::remove(path);
}

// The radix sort of long texts' keys gives std::sort's order, duplicates kept, for every key width a model can have.
TEST(SortKeys, GivesTheOrderOfStdSort) {
    std::mt19937_64 random(7);
    for (int bits : {12, 22, 26, 33}) {
        for (std::size_t n : {0, 1, 255, 256, 257, 700, 5000}) {
            std::vector<std::uint64_t> keys(n);
            // a few keys repeat, as a text's words do
            for (auto& key : keys) key = random() % 4 == 0 && n > 0 ? keys[random() % n] : random() >> (64 - bits);
            auto expected = keys;
            std::sort(expected.begin(), expected.end());
            SortKeys(keys, bits);
            ASSERT_EQ(keys, expected) << bits << " bits, " << n << " keys";
        }
    }
}

TEST(BucketIndex, NumbersTheRowsInBucketOrder) {
    BucketIndex index;
    std::vector<std::uint32_t> buckets{0, 5, 63, 64, 65, 127, 128, 700, 1023};
    index.Assign(10, buckets);
    for (std::uint32_t bucket = 0; bucket < 1024; ++bucket) {
        auto at = std::find(buckets.begin(), buckets.end(), bucket);
        std::int32_t expected = at == buckets.end() ? -1 : static_cast<std::int32_t>(at - buckets.begin());
        ASSERT_EQ(index.Row(bucket), expected) << bucket;
    }
    EXPECT_EQ(index.memory_bytes(), 16u * 1024 / 64);
}

// A file whose rows are not in bucket order (Heed writes them in order; another writer need not) loads as the same
// model; a bucket given two rows is refused.
TEST(TextModel, LoadsRowsInAnyOrderAndRefusesABucketTwice) {
    auto model = TextModel::Train(SyntheticExamples(300, 31, 0.4), {.idf = true, .epochs = 5, .bucket_bits = 14});
    ASSERT_TRUE(model);
    auto path = TempPath("heed-model-order");
    ASSERT_TRUE(model->Save(path));
    std::ifstream in(path, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    std::uint32_t head_size = 0;
    std::memcpy(&head_size, data.data() + 12, 4);
    const std::size_t labels = model->labels().size();
    const std::size_t rows_at = 16 + head_size + labels * 4, row_size = 4 + 4 + labels * 4;  // bucket, idf, weights
    const std::size_t rows = (data.size() - rows_at) / row_size;
    ASSERT_EQ(rows_at + rows * row_size, data.size());
    ASSERT_GT(rows, 10u);
    std::string reversed = data.substr(0, rows_at);
    for (std::size_t row = rows; row-- > 0;) reversed += data.substr(rows_at + row * row_size, row_size);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << reversed;
    auto loaded = TextModel::Load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    for (const auto& example : SyntheticExamples(50, 32, 0.4)) {
        std::vector<double> a, b;
        model->Probabilities(example.text, a);
        loaded->Probabilities(example.text, b);
        ASSERT_EQ(a, b) << example.text;
    }
    std::string twice = data;
    std::memcpy(&twice[rows_at + row_size], &data[rows_at], 4);  // the second row gets the first row's bucket
    std::ofstream(path, std::ios::binary | std::ios::trunc) << twice;
    auto refused = TextModel::Load(path);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("bad bucket number"), std::string::npos) << refused.error().message;
    std::filesystem::remove(path);
}

TEST(TextModel, RefusesTrainingWithOneLabel) {
    std::vector<Example> examples{{"a b c", "only"}, {"d e f", "only"}};
    auto model = TextModel::Train(examples, {});
    ASSERT_FALSE(model);
    EXPECT_EQ(model.error().code, core::ErrorCode::kInvalidArgument);
}

// Models of one language share their tokens; the features of the last text are reused by the next model that asks
// about the same text. A model with other tokens or another bucket count must not get them, and the answers must be
// what each model gives the text on its own.
TEST(TextModel, GivesTheSameAnswerWhetherAnotherModelJustReadTheText) {
    TrainingOptions small;
    small.bucket_bits = 16;
    TrainingOptions no_pairs;
    no_pairs.tokens.pairs = false;
    auto a = TextModel::Train(SyntheticExamples(400, 11, 0.3), {});
    auto b = TextModel::Train(SyntheticExamples(400, 12, 0.3), {});
    auto c = TextModel::Train(SyntheticExamples(400, 13, 0.3), small);
    auto d = TextModel::Train(SyntheticExamples(400, 14, 0.3), no_pairs);
    ASSERT_TRUE(a && b && c && d);
    const std::string text = "the courier lost the parcel, 快递丢了 refund please";
    std::vector<std::vector<double>> alone;
    for (const TextModel* model : {&*a, &*b, &*c, &*d}) {
        std::vector<double> p;
        model->Probabilities("something else entirely", p);  // another text first: nothing to reuse
        model->Probabilities(text, p);
        alone.push_back(p);
    }
    std::vector<double> p;
    a->Probabilities(text, p);
    for (int round = 0; round < 2; ++round) {
        int i = 0;
        for (const TextModel* model : {&*a, &*b, &*c, &*d, &*b, &*a}) {
            model->Probabilities(text, p);
            int index = model == &*a ? 0 : model == &*b ? 1 : model == &*c ? 2 : 3;
            EXPECT_EQ(p, alone[index]) << "round " << round << ", call " << i++;
        }
    }
    d->Probabilities("the courier lost the parcel", p);
    a->Probabilities("the courier lost the parcel", p);
    std::vector<double> again;
    a->Probabilities("something else entirely", again);
    a->Probabilities("the courier lost the parcel", again);
    EXPECT_EQ(p, again);
}

TEST(Evaluate, CountsPerLabelQuality) {
    auto model = TextModel::Train(SyntheticExamples(600, 7, 0.2), {});
    ASSERT_TRUE(model);
    std::vector<Example> test{{"refund charged", "billing"}, {"courier late", "delivery"}, {"broken defect", "billing"}};
    auto result = Evaluate(*model, test);
    EXPECT_EQ(result.n, 3u);
    EXPECT_NEAR(result.accuracy, 2.0 / 3.0, 1e-9);
    ASSERT_EQ(result.labels.size(), 2u);  // the labels that occur in the test data
    EXPECT_EQ(result.labels[0].label, "billing");
    EXPECT_DOUBLE_EQ(result.labels[0].recall, 0.5);
    EXPECT_DOUBLE_EQ(result.labels[0].precision, 1.0);
    EXPECT_DOUBLE_EQ(result.labels[1].f1, 1.0);
    EXPECT_GT(result.docs_per_second, 0.0);
    // Confusion: billing went once to billing and once to quality, delivery to delivery.
    using Row = std::vector<std::pair<std::string, std::size_t>>;
    ASSERT_EQ(result.confusion.size(), 2u);
    EXPECT_EQ(result.confusion[0].first, "billing");
    EXPECT_EQ(result.confusion[0].second, (Row{{"billing", 1}, {"quality", 1}}));
    EXPECT_EQ(result.confusion[1].second, (Row{{"delivery", 1}}));
}

TEST(Evaluate, KeepsEachExamplesProbabilitiesWhenAsked) {
    auto model = TextModel::Train(SyntheticExamples(600, 7, 0.2), {});
    ASSERT_TRUE(model);
    std::vector<Example> test{{"refund charged", "billing"}, {"courier late", "delivery"}};
    std::vector<std::vector<double>> probabilities;
    auto result = Evaluate(*model, test, &probabilities);
    ASSERT_EQ(probabilities.size(), 2u);
    ASSERT_EQ(result.predicted.size(), 2u);
    for (std::size_t i = 0; i < test.size(); ++i) {
        std::vector<double> direct;
        model->Probabilities(test[i].text, direct);
        EXPECT_EQ(probabilities[i], direct);
        EXPECT_EQ(model->labels()[result.predicted[i]], test[i].label);
    }
}

}  // namespace
}  // namespace heed::triage
