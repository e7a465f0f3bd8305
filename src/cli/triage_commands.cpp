#include "cli/triage_commands.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "cli/csv_reader.hpp"
#include "cli/exit_codes.hpp"
#include "core/analytics/feedback_form.hpp"
#include "triage/evaluation.hpp"
#include "triage/sentiment_score.hpp"

namespace heed::cli {
namespace {

int Fail(const core::Error& error) {
    std::cerr << "heed: " << error.message << (error.field.empty() ? "" : " (" + error.field + ")") << "\n";
    return ExitCodeFor(error.code);
}

double Round(double value, double scale = 1e4) { return std::round(value * scale) / scale; }

// One line per test row: its number among the rows read (from 1), the gold label, the predicted label, its
// probability, then the probability of every label of the model.
core::Result<void> WritePredictions(const std::string& path, const triage::TextModel& model,
                                    const std::vector<triage::Example>& examples, const triage::Evaluation& result,
                                    const std::vector<std::vector<double>>& probabilities) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return core::Fail(core::ErrorCode::kInvalidArgument, "cannot write " + path, "predictions");
    std::vector<std::string> fields{"row", "label", "predicted", "confidence"};
    for (const auto& label : model.labels()) fields.push_back("p_" + label);
    out << core::analytics::CsvLine(fields);
    char number[32];
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const auto& p = probabilities[i];
        fields.assign({std::to_string(i + 1), examples[i].label, model.labels()[result.predicted[i]]});
        std::snprintf(number, sizeof number, "%.6f", p[result.predicted[i]]);
        fields.emplace_back(number);
        for (double value : p) {
            std::snprintf(number, sizeof number, "%.6f", value);
            fields.emplace_back(number);
        }
        out << core::analytics::CsvLine(fields);
    }
    out.flush();
    if (!out) return core::Fail(core::ErrorCode::kInternal, "could not write all of " + path, "predictions");
    return {};
}

}  // namespace

core::Result<LabelledCsv> ReadLabelledCsv(const std::string& path, const std::string& text_column,
                                          const std::string& label_column, const std::string& where) {
    using core::ErrorCode;
    std::ifstream input(path, std::ios::binary);
    if (!input) return core::Fail(ErrorCode::kNotFound, "cannot read " + path, "file");
    std::string where_column, where_value;
    if (!where.empty()) {
        auto equals = where.find('=');
        if (equals == std::string::npos || equals == 0) {
            return core::Fail(ErrorCode::kInvalidArgument, "--where must be COLUMN=VALUE", "where");
        }
        where_column = where.substr(0, equals);
        where_value = where.substr(equals + 1);
    }
    CsvReader reader(input);
    std::vector<std::string> fields;
    if (!reader.Next(fields) || reader.error()) {
        return core::Fail(ErrorCode::kInvalidArgument, path + " has no header row", "file");
    }
    CsvHeader header(fields);
    auto text = header.Find(text_column);
    auto label = header.Find(label_column);
    if (!text) return core::Fail(ErrorCode::kInvalidArgument, path + " has no column '" + text_column + "'", "text-column");
    if (!label) {
        return core::Fail(ErrorCode::kInvalidArgument, path + " has no column '" + label_column + "'", "label-column");
    }
    std::optional<std::size_t> filter;
    if (!where_column.empty()) {
        filter = header.Find(where_column);
        if (!filter) return core::Fail(ErrorCode::kInvalidArgument, path + " has no column '" + where_column + "'", "where");
    }
    LabelledCsv out;
    auto trim = [](const std::string& s) {
        auto begin = s.find_first_not_of(" \t\r\n");
        if (begin == std::string::npos) return std::string();
        return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
    };
    while (reader.Next(fields)) {
        if (reader.error()) {
            return core::Fail(ErrorCode::kInvalidArgument,
                              path + " line " + std::to_string(reader.error()->line) + ": " + reader.error()->message,
                              "file");
        }
        if (fields.size() != header.names().size()) {
            return core::Fail(ErrorCode::kInvalidArgument,
                              path + " line " + std::to_string(reader.line()) + ": " + std::to_string(fields.size()) +
                                  " fields, the header has " + std::to_string(header.names().size()),
                              "file");
        }
        if (filter && fields[*filter] != where_value) continue;
        std::string label_value = trim(fields[*label]);
        std::string text_value = trim(fields[*text]);
        if (label_value.empty() || text_value.empty()) {
            ++out.skipped;
            continue;
        }
        out.examples.push_back({std::move(text_value), std::move(label_value)});
    }
    return out;
}

TriageCommands::TriageCommands(CLI::App& app) {
    train_ = app.add_subcommand(
        "train", "Train a text model from a labelled CSV file, or a tenant's own model from its database (--db --field)");
    auto* csv = train_->add_option("--train", data_file_, "CSV file with a header row")->check(CLI::ExistingFile);
    train_->add_option("--model", model_file_, "Model file to write");
    auto* field = train_->add_option("--field", field_,
                                     "With --db: the field to train the tenant's model for (category, subcategory, "
                                     "urgency, severity, service_stage); installed for its next intake");
    csv->excludes(field);
    field->excludes(csv);
    train_->add_option("--epochs", options_.epochs, "Passes over the data")->check(CLI::Range(1, 1000));
    train_->add_option("--learning-rate", options_.learning_rate,
                       "Initial learning rate (half of it is tried as well on the held-out slice)")
        ->check(CLI::Range(1e-6, 100.0));
    train_->add_flag("--no-rate-choice", no_rate_choice_,
                     "Train at --learning-rate (or --svm-cost) alone, without trying half (three times) of it");
    train_->add_option("--bucket-bits", options_.bucket_bits, "log2 of the feature buckets")->check(CLI::Range(10, 24));
    train_->add_flag("--no-balance", no_balance_, "Do not weight rare labels up");
    train_->add_flag("--no-calibration", no_calibration_, "Do not hold data out to fit the temperature");
    train_->add_flag("--no-naive-bayes", no_naive_bayes_, "Logistic regression alone");
    train_->add_option("--naive-bayes-alpha", options_.naive_bayes_alpha, "Smoothing of the naive Bayes weights")
        ->check(CLI::Range(1e-6, 100.0));
    train_->add_option("--nb-scaling", options_.naive_bayes_scaling, "Power of the naive Bayes feature scaling (0: none)")
        ->check(CLI::Range(0.0, 4.0));
    train_->add_option("--nb-scaling-alpha", options_.naive_bayes_scaling_alpha, "Smoothing of the feature scaling")
        ->check(CLI::Range(1e-6, 100.0));
    train_->add_option("--scaling-mix", options_.scaling_mix, "Share of the scaled fit when averaged with a plain one")
        ->check(CLI::Range(0.0, 1.0));
    train_->add_option("--balance-power", options_.balance_power, "Power of the inverse label frequency weights")
        ->check(CLI::Range(0.0, 2.0));
    train_->add_option("--subword-weight", options_.tokens.subword_weight, "Weight of a subword feature")
        ->check(CLI::Range(0.01, 10.0));
    train_->add_option("--learner", learner_,
                       "auto (the default: logistic for Chinese text, else svm with --idf --block-norm and the "
                       "lexicon if the held-out slice prefers it), logistic (Heed's regression) or svm (liblinear's "
                       "linear SVM)")
        ->check(CLI::IsMember({"auto", "logistic", "svm"}));
    train_->add_option("--svm-cost", options_.svm_cost, "The SVM's C (three times it is tried as well)")
        ->check(CLI::Range(1e-4, 1000.0));
    train_->add_flag("--idf,!--no-idf", options_.idf, "Weight each feature by its inverse document frequency");
    train_->add_flag("--block-norm,!--no-block-norm", options_.block_norm,
                     "Scale the words and the subwords to unit length apart");
    train_->add_flag("--lexicon,!--no-lexicon", options_.tokens.lexicon,
                     "Tokens from VADER's English sentiment lexicon, scaled to unit length as a block of their own "
                     "(with --learner logistic or svm; auto chooses for itself)");
    train_->add_option("--lexicon-weight", options_.tokens.lexicon_weight, "Weight of the lexicon block")
        ->check(CLI::Range(0.01, 10.0));
    train_->add_flag("--subwords,!--no-subwords", options_.tokens.subwords,
                     "Character 4- and 5-grams of the words of non-Chinese text");
    eval_ = app.add_subcommand("eval", "Evaluate a text model on a labelled CSV file (prints one JSON object)");
    eval_->add_option("--model", model_file_, "Model file")->required()->check(CLI::ExistingFile);
    eval_->add_option("--test", data_file_, "CSV file with a header row")->required()->check(CLI::ExistingFile);
    eval_->add_option("--predictions", predictions_file_,
                      "Also write each test row's gold label, prediction and probabilities to this CSV file");
    for (auto* command : {train_, eval_}) {
        auto* text = command->add_option("--text-column", text_column_, "Column with the text");
        auto* label = command->add_option("--label-column", label_column_, "Column with the label");
        command->add_option("--where", where_, "Only rows where COLUMN=VALUE");
        if (command == eval_) {
            text->required();
            label->required();
        }
    }
    classify_ = app.add_subcommand("classify", "Classify the text on standard input (prints JSON)");
    classify_->add_option("--model", model_file_, "Model file")->required()->check(CLI::ExistingFile);
    classify_->add_option("--top", top_, "How many labels to list")->check(CLI::Range(1, 1000));
}

bool TriageCommands::Selected() const { return *train_ || *eval_ || *classify_; }

bool TriageCommands::WantsDatabase() const { return *train_ && !field_.empty(); }

triage::TrainingOptions TriageCommands::Options() const {
    auto options = options_;
    if (no_calibration_) options.calibration_share = 0.0;
    if (no_naive_bayes_) options.naive_bayes = false;
    if (no_rate_choice_) options.choose_learning_rate = false;
    if (no_balance_) options.balance_labels = false;
    if (learner_ == "svm") options.learner = triage::Learner::kSvm;
    if (learner_ == "logistic") options.learner = triage::Learner::kLogistic;
    return options;
}

int TriageCommands::ReportTenantModel(const core::Result<core::ports::TrainedModel>& trained) {
    if (!trained) return Fail(trained.error());
    nlohmann::json holdout{{"n", trained->holdout_n},
                           {"accuracy", trained->holdout_accuracy ? nlohmann::json(Round(*trained->holdout_accuracy))
                                                                  : nlohmann::json(nullptr)},
                           {"macro_f1", trained->holdout_macro_f1 ? nlohmann::json(Round(*trained->holdout_macro_f1))
                                                                  : nlohmann::json(nullptr)}};
    nlohmann::json out{{"field", trained->field},      {"examples", trained->examples},
                       {"labels", trained->labels},    {"holdout", holdout},
                       {"memory_bytes", trained->memory_bytes}, {"seconds", Round(trained->seconds, 100)}};
    std::cout << out.dump() << std::endl;
    return 0;
}

int TriageCommands::Run() const {
    if (*train_) return Train();
    if (*eval_) return Eval();
    return Classify();
}

int TriageCommands::Train() const {
    if (data_file_.empty() || model_file_.empty() || text_column_.empty() || label_column_.empty()) {
        return Fail({core::ErrorCode::kInvalidArgument,
                     "train needs --train CSV --model OUT --text-column C --label-column L, or --db FILE --field F "
                     "for a tenant's own model",
                     "train", {}});
    }
    auto data = ReadLabelledCsv(data_file_, text_column_, label_column_, where_);
    if (!data) return Fail(data.error());
    auto options = Options();
    auto start = std::chrono::steady_clock::now();
    auto model = triage::TextModel::Train(data->examples, options);
    if (!model) return Fail(model.error());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (auto saved = model->Save(model_file_); !saved) return Fail(saved.error());
    nlohmann::json out{{"model", model_file_},
                       {"examples", data->examples.size()},
                       {"skipped", data->skipped},
                       {"labels", model->labels()},
                       {"temperature", Round(model->temperature())},
                       {"naive_bayes_weight", model->summary().naive_bayes_weight},
                       {"learning_rate", model->summary().learning_rate},
                       {"learner", triage::LearnerName(model->learner())},
                       {"idf", model->idf()},
                       {"block_norm", model->block_norm()},
                       {"lexicon", model->tokens().lexicon},
                       {"svm_cost", Round(model->summary().svm_cost)},
                       {"memory_bytes", model->memory_bytes()},
                       {"seconds", Round(seconds, 100)}};
    std::cout << out.dump() << std::endl;
    return 0;
}

int TriageCommands::Eval() const {
    auto model = triage::TextModel::Load(model_file_);
    if (!model) return Fail(model.error());
    auto data = ReadLabelledCsv(data_file_, text_column_, label_column_, where_);
    if (!data) return Fail(data.error());
    if (data->examples.empty()) {
        return Fail({core::ErrorCode::kInvalidArgument, data_file_ + " has no labelled rows", "test", {}});
    }
    std::vector<std::vector<double>> probabilities;
    auto result =
        triage::Evaluate(*model, data->examples, predictions_file_.empty() ? nullptr : &probabilities);
    if (!predictions_file_.empty()) {
        if (auto written = WritePredictions(predictions_file_, *model, data->examples, result, probabilities);
            !written) {
            return Fail(written.error());
        }
    }
    nlohmann::json labels = nlohmann::json::object();
    for (const auto& label : result.labels) {
        labels[label.label] = {{"precision", Round(label.precision)},
                               {"recall", Round(label.recall)},
                               {"f1", Round(label.f1)},
                               {"support", label.support}};
    }
    nlohmann::json confusion = nlohmann::json::object();
    for (const auto& [gold, row] : result.confusion) {
        auto& counts = confusion[gold] = nlohmann::json::object();
        for (const auto& [guess, count] : row) counts[guess] = count;
    }
    nlohmann::json out{{"n", result.n},
                       {"skipped", data->skipped},
                       {"accuracy", Round(result.accuracy)},
                       {"macro_f1", Round(result.macro_f1)},
                       {"ece", Round(result.ece)},
                       {"docs_per_s", std::llround(result.docs_per_second)},
                       {"median_us", Round(result.median_microseconds, 10)},
                       {"model_memory_bytes", model->memory_bytes()},
                       {"labels", labels},
                       {"confusion", confusion}};
    std::cout << out.dump() << std::endl;
    return 0;
}

int TriageCommands::Classify() const {
    auto model = triage::TextModel::Load(model_file_);
    if (!model) return Fail(model.error());
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    auto top = model->Predict(text, top_);
    nlohmann::json labels = nlohmann::json::array();
    for (const auto& score : top) labels.push_back({{"label", score.label}, {"probability", Round(score.probability)}});
    auto reading = triage::ReadSentiment(text);
    nlohmann::json out{{"label", top.front().label},
                       {"confidence", Round(top.front().probability)},
                       {"top", labels},
                       {"sentiment_lexicon", {{"score", Round(reading.score)}, {"terms", reading.terms}}}};
    std::cout << out.dump() << std::endl;
    return 0;
}

}  // namespace heed::cli
