// Package extract finds quantitative facts (counts, amounts of money,
// lengths, areas, shares, growth rates …) in Chinese policy and news text.
//
// It follows the annotation guideline of the project
// (shared/extraction/GUIDELINE.md): one number is one fact, with its kind
// (target, actual, estimate), metric (level, growth, share), subject, value
// with the magnitude multiplied out, unit, qualifier and period, and the
// offsets of the mention in the original input in Unicode code points.
//
// The package is pure: it does no file or network I/O of its own and keeps
// no mutable global state. Its parts:
//
//   - Decode turns the bytes of a file (UTF-8, GBK/GB18030, HTML, .docx)
//     into text.
//   - Clean splits text into paragraphs, drops repeated paragraphs, joins
//     words broken across line breaks, sets headlines, captions and bylines
//     apart and normalises full-width and spaced digits, keeping a map from
//     every cleaned rune back to the original input.
//   - ParseQuantity reads one number mention (Arabic, Chinese, mixed,
//     percentages, fractions, ranges).
//   - Extract and ExtractReader find the facts; ExtractReader streams an
//     io.Reader paragraph by paragraph in bounded memory.
package extract
