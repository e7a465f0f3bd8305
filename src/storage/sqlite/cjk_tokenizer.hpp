#pragma once
// The "heed_cjk" FTS5 tokenizer: full-text search over complaints written in Chinese, Japanese, Korean, English and
// any mix of them, without a dictionary.
//
// Tokens (input is UTF-8, already normalised upstream; only ASCII is lower-cased here):
//   - Latin words: maximal runs of ASCII letters/digits and Latin-1 Supplement / Latin Extended letters form one
//     token each. Token text longer than 64 bytes is cut to 64 bytes on a code point boundary; the reported byte
//     range still covers the whole word.
//   - CJK runs (Han ideographs incl. extensions and compatibility blocks, Hiragana, Katakana, Hangul syllables):
//       document: at each character position i the unigram c_i, plus the bigram c_i c_i+1 colocated with it;
//       query (also with FTS5_TOKENIZE_PREFIX): a one-character run is its unigram; a longer run is the bigrams
//       c_0c_1 .. c_n-2c_n-1 at consecutive positions followed by the unigram c_n-1, so "物流太慢" only matches
//       where the four characters are contiguous, and highlight()/snippet() wrap exactly the matched characters.
//     Bigrams never span two runs, so "流态" does not match "物流 态度".
//   - Everything else (punctuation, spaces, full-width punctuation, emoji, invalid UTF-8 bytes) separates tokens.
//   Each token's byte range is its exact range in the input (a bigram spans both characters).
//
// Thread-safety: the tokenizer is stateless and reentrant. RegisterCjkTokenizer must be called once on every
// connection that creates or reads a table using tokenize='heed_cjk', under the usual rule that a connection is
// used by one thread at a time.

#include <sqlite3.h>

namespace heed::storage::sqlite {

// Registers the FTS5 tokenizer named "heed_cjk" on `db`. Returns SQLITE_OK or an SQLite error code (SQLITE_ERROR if
// the SQLite library lacks FTS5). The tokenizer takes no arguments; tokenize='heed_cjk anything' is rejected.
int RegisterCjkTokenizer(sqlite3* db);

}  // namespace heed::storage::sqlite
