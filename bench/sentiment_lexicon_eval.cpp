// How well the sentiment lexicons alone (triage/sentiment_score.hpp: what a new install uses while no sentiment model
// exists) read labelled texts. BENCHMARKS.md, "Text models", has the figures.
//
//   build/bench/sentiment_lexicon_eval FILE TEXT_COLUMN LABEL_COLUMN NEGATIVE_LABEL POSITIVE_LABEL [NEUTRAL_LABEL]
//
// With a neutral label: negative below −0.05, positive above 0.05, neutral between (VADER's cut-offs); without one:
// negative below 0, positive otherwise. Prints one JSON line: accuracy, macro-F1 over the file's labels, the share of
// texts with at least one lexicon word (coverage), texts per second.
#include <chrono>
#include <iostream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/triage_commands.hpp"
#include "triage/sentiment_score.hpp"

int main(int argc, char** argv) {
    if (argc < 6) {
        std::cerr << "usage: sentiment_lexicon_eval FILE TEXT_COLUMN LABEL_COLUMN NEGATIVE POSITIVE [NEUTRAL]\n";
        return 2;
    }
    const std::string negative = argv[4], positive = argv[5], neutral = argc > 6 ? argv[6] : "";
    auto csv = heed::cli::ReadLabelledCsv(argv[1], argv[2], argv[3]);
    if (!csv) {
        std::cerr << csv.error().message << "\n";
        return 1;
    }
    std::map<std::string, std::size_t> true_positive, predicted, support;
    std::size_t correct = 0, covered = 0, n = 0;
    auto start = std::chrono::steady_clock::now();
    for (const auto& example : csv->examples) {
        auto reading = heed::triage::ReadSentiment(example.text);
        std::string guess = neutral.empty() ? (reading.score < 0 ? negative : positive)
                            : reading.score < -0.05 ? negative
                            : reading.score > 0.05  ? positive
                                                    : neutral;
        ++n;
        covered += reading.terms.empty() ? 0 : 1;
        ++support[example.label];
        ++predicted[guess];
        if (guess == example.label) {
            ++correct;
            ++true_positive[guess];
        }
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double f1_sum = 0.0;
    for (const auto& [label, count] : support) {
        double tp = static_cast<double>(true_positive[label]);
        double precision = predicted[label] ? tp / static_cast<double>(predicted[label]) : 0.0;
        double recall = tp / static_cast<double>(count);
        f1_sum += precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
    }
    nlohmann::json out{{"n", n},
                       {"accuracy", n ? static_cast<double>(correct) / static_cast<double>(n) : 0.0},
                       {"macro_f1", support.empty() ? 0.0 : f1_sum / static_cast<double>(support.size())},
                       {"coverage", n ? static_cast<double>(covered) / static_cast<double>(n) : 0.0},
                       {"docs_per_s", seconds > 0 ? static_cast<double>(n) / seconds : 0.0}};
    std::cout << out.dump() << std::endl;
    return 0;
}
