"""The evaluation tasks of the triage text models: one train file, one test file, a text column, a label column and
an optional row filter. Shared by the fastText baseline and the Heed runner. Paths are relative to the data folder
(../shared/data from the repository, or $HEED_DATA)."""

TASKS = [
    # name, train, test, text column, label column, filter (column, value) or None
    ("online_shopping_cat", "zh/online_shopping_10_cats_train.csv", "zh/online_shopping_10_cats_test.csv",
     "review", "cat", None),
    ("online_shopping_label", "zh/online_shopping_10_cats_train.csv", "zh/online_shopping_10_cats_test.csv",
     "review", "label", None),
    ("waimai_label", "zh/waimai_10k_train.csv", "zh/waimai_10k_test.csv", "review", "label", None),
    ("chnsenticorp_label", "zh/ChnSentiCorp_htl_all_train.csv", "zh/ChnSentiCorp_htl_all_test.csv",
     "review", "label", None),
    ("airline_sentiment", "airline/tweets_train.csv", "airline/tweets_test.csv", "text", "airline_sentiment", None),
    ("airline_negativereason", "airline/tweets_train.csv", "airline/tweets_test.csv", "text", "negativereason",
     ("airline_sentiment", "negative")),
    ("cfpb_product", "cfpb/complaints_train.csv", "cfpb/complaints_test.csv",
     "Consumer complaint narrative", "Product", None),
    ("cfpb2015_product", "cfpb/narratives2015_train.csv", "cfpb/narratives2015_test.csv",
     "Consumer complaint narrative", "Product", None),
]
