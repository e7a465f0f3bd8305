#pragma once
// The closed vocabularies of the complaint record (SPEC §1) with their wire names.

#include <optional>
#include <string_view>
#include <vector>

#include "core/common/enum_names.hpp"

namespace heed::core::complaint {

enum class Channel { kPhone, kEmail, kWeb, kApp, kWechat, kInPerson, kLetter, kApi };
enum class ServiceType { kConsultation, kComplaint, kAfterSales, kSuggestion };
enum class CustomerTier { kRegular, kVip };
enum class Urgency { kUrgent, kImportant, kGeneral };
enum class Difficulty { kSimple, kComplex, kDifficult };
enum class ServiceStage { kPreSale, kInSale, kAfterSale };
enum class RiskFlag { kSafety, kLegal, kMedia, kRegulator, kMassIncident, kVip };
enum class FieldSource { kModel, kRule, kPerson };
enum class Acceptance { kAccepted, kRejected };

inline constexpr EnumNames<Channel, 8> kChannelNames{{{Channel::kPhone, "phone"},
                                                      {Channel::kEmail, "email"},
                                                      {Channel::kWeb, "web"},
                                                      {Channel::kApp, "app"},
                                                      {Channel::kWechat, "wechat"},
                                                      {Channel::kInPerson, "in_person"},
                                                      {Channel::kLetter, "letter"},
                                                      {Channel::kApi, "api"}}};
inline constexpr EnumNames<ServiceType, 4> kServiceTypeNames{{{ServiceType::kConsultation, "consultation"},
                                                              {ServiceType::kComplaint, "complaint"},
                                                              {ServiceType::kAfterSales, "after_sales"},
                                                              {ServiceType::kSuggestion, "suggestion"}}};
inline constexpr EnumNames<CustomerTier, 2> kCustomerTierNames{
    {{CustomerTier::kRegular, "regular"}, {CustomerTier::kVip, "vip"}}};
inline constexpr EnumNames<Urgency, 3> kUrgencyNames{
    {{Urgency::kUrgent, "urgent"}, {Urgency::kImportant, "important"}, {Urgency::kGeneral, "general"}}};
inline constexpr EnumNames<Difficulty, 3> kDifficultyNames{
    {{Difficulty::kSimple, "simple"}, {Difficulty::kComplex, "complex"}, {Difficulty::kDifficult, "difficult"}}};
inline constexpr EnumNames<ServiceStage, 3> kServiceStageNames{{{ServiceStage::kPreSale, "pre_sale"},
                                                                {ServiceStage::kInSale, "in_sale"},
                                                                {ServiceStage::kAfterSale, "after_sale"}}};
inline constexpr EnumNames<RiskFlag, 6> kRiskFlagNames{{{RiskFlag::kSafety, "safety"},
                                                        {RiskFlag::kLegal, "legal"},
                                                        {RiskFlag::kMedia, "media"},
                                                        {RiskFlag::kRegulator, "regulator"},
                                                        {RiskFlag::kMassIncident, "mass_incident"},
                                                        {RiskFlag::kVip, "vip"}}};
inline constexpr EnumNames<FieldSource, 3> kFieldSourceNames{
    {{FieldSource::kModel, "model"}, {FieldSource::kRule, "rule"}, {FieldSource::kPerson, "person"}}};
inline constexpr EnumNames<Acceptance, 2> kAcceptanceNames{
    {{Acceptance::kAccepted, "accepted"}, {Acceptance::kRejected, "rejected"}}};

inline std::string_view ToString(Channel v) { return NameOf(kChannelNames, v); }
inline std::string_view ToString(ServiceType v) { return NameOf(kServiceTypeNames, v); }
inline std::string_view ToString(CustomerTier v) { return NameOf(kCustomerTierNames, v); }
inline std::string_view ToString(Urgency v) { return NameOf(kUrgencyNames, v); }
inline std::string_view ToString(Difficulty v) { return NameOf(kDifficultyNames, v); }
inline std::string_view ToString(ServiceStage v) { return NameOf(kServiceStageNames, v); }
inline std::string_view ToString(RiskFlag v) { return NameOf(kRiskFlagNames, v); }
inline std::string_view ToString(FieldSource v) { return NameOf(kFieldSourceNames, v); }
inline std::string_view ToString(Acceptance v) { return NameOf(kAcceptanceNames, v); }

}  // namespace heed::core::complaint
