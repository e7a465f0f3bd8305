#pragma once
// The text-model commands: `heed train`, `heed eval` and `heed classify` (docs/text_models.md). They need no database,
// except `heed train --db FILE --field F`, which trains a tenant's own model from its labelled complaints.

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/ports/text_classifier.hpp"
#include "triage/text_model.hpp"

namespace heed::cli {

// Labelled examples from a CSV file with a header row: the text and label columns by name, optionally only the rows
// whose column `where_column` equals `where_value`. Rows with an empty text or label are skipped and counted; a
// malformed row is an error naming its line.
struct LabelledCsv {
    std::vector<triage::Example> examples;
    std::size_t skipped = 0;
};
core::Result<LabelledCsv> ReadLabelledCsv(const std::string& path, const std::string& text_column,
                                          const std::string& label_column, const std::string& where = {});

class TriageCommands {
public:
    // Adds the subcommands to `app`.
    explicit TriageCommands(CLI::App& app);
    // Whether one of them was given on the command line (after parsing).
    bool Selected() const;
    // `heed train --db … --field F`: a tenant's own model from its database, which the caller opens; it trains
    // with TextModelService and prints the result with ReportTenantModel.
    bool WantsDatabase() const;
    const std::string& field() const { return field_; }
    triage::TrainingOptions Options() const;
    static int ReportTenantModel(const core::Result<core::ports::TrainedModel>& trained);
    // Runs the selected one; returns the process exit code.
    int Run() const;

private:
    int Train() const;
    int Eval() const;
    int Classify() const;

    CLI::App* train_ = nullptr;
    CLI::App* eval_ = nullptr;
    CLI::App* classify_ = nullptr;
    std::string data_file_, model_file_, text_column_, label_column_, where_, field_, predictions_file_;
    triage::TrainingOptions options_;
    bool no_calibration_ = false;
    bool no_naive_bayes_ = false;
    bool no_rate_choice_ = false;
    bool no_balance_ = false;
    std::string learner_;
    std::size_t top_ = 3;
};

}  // namespace heed::cli
