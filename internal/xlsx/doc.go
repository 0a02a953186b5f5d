// Package xlsx is the reporting workbook: the .xlsx template a department clerk
// downloads for a period, fills and uploads, and the CSV form of the same for systems
// that export CSV. It is an adapter: no database, no HTTP; the service layer decides
// who may upload what (see "What the service must still check" below).
//
// # The form
//
// WriteTemplate writes three sheets: 填报 (the form), 说明 (instructions) and _meta
// (very hidden: template version, period, and each line's indicator id, code, kind,
// unit and cumulative default). 填报 has a title line, Chinese headers (row 2), English
// headers (row 3), and one line per indicator from row 4:
//
//	A 指标编号 id          locked      H 本期数值 value        numeric
//	B 指标代码 code        locked      I 是否累计 cumulative   是/否 list, prefilled
//	C 指标名称 name        locked      J 上年同期 last_year    numeric (not milestones)
//	D 单位 unit            locked      K 本期累计额 amount     numeric (growth only)
//	E 目标 target          locked      L 是否完成 done         是/否 list (milestones only)
//	F 上期数值 last        locked      M 备注 note             text ≤ 2000
//	G 报告期 period        locked      N 原因说明 cause        text ≤ 2000
//	                                   O 整改措施 remedy       text ≤ 2000
//
// The target is written in words with 万/亿 and the exact figure after a scaled or
// rounded form: 不低于8亿美元（800,000,000）. The last figure is an Excel number shown
// with exactly its decimals (its period in a comment). Columns that do not apply to a
// line's kind are grey and locked. The sheet is protected WITHOUT a password: it stops
// slips, not people; everything is checked again on upload.
//
// Numbers are written as Excel numbers only when float64 holds them exactly within 15
// significant digits, with a number format that shows exactly their decimals;
// otherwise they are written as text. Either way the cell shows the exact figure.
//
// # Reading an upload
//
// ReadWorkbook and ReadCSV/ReadCSVFor return the reported lines as Entry values, or
// Errors listing every bad cell (sheet, row, column letter, field, value, and a reason
// code with its values — never sentences: internal/i18n says them in the reader's
// language), sorted by row then column; one error refuses the whole file. Input that is
// not a workbook or not a lantu template gives a *FileError (a code and values) that
// errors.Is matches to ErrNotXLSX or ErrNotTemplate.
//
// Cells are read as the text stored in the file (excelize RawCellValue), never as
// Excel formats them, and parsed as decimals. Excel keeps numbers as float64, so a
// computed 25.8 may be stored as 25.800000000000001: figures are therefore rounded to
// 15 significant digits (what Excel itself keeps and shows) and at most 10 decimal
// places, which strips that noise and nothing a clerk typed. Accepted:
//
//   - thousands separators in threes (1,234,567.5), full-width digits and signs
//     (１２３４．５, －３), an exponent (1E3);
//   - a scale word: 3万 = 30000, 1.5亿 = 150000000, 2万亿 = 2×10^12 — except when the
//     unit is itself scaled (万元, 亿美元, 万人), where only a plain number in that unit
//     is taken (1.5亿 in 万元 would be ambiguous);
//   - the line's own unit after the number (25.8公里);
//   - for a percentage unit (%, 个百分点) a % sign (5% = 5) and an Excel cell formatted
//     as a percentage (stored 0.05, shown 5%, read 5);
//   - booleans 是/否, Y/N, yes/no, true/false, 1/0, 对/错, √/×, 已完成/未完成, and
//     Excel's own TRUE/FALSE;
//   - periods 2022-06, 2022Q2, 2022 and what Excel makes of them: 2022/6, 2022/6/1,
//     2022年6月, 2022年第2季度, 2022-Q2, 2022年;
//   - blank lines, and lines with nothing in H–O but the prefilled 是否累计: not
//     reported, skipped.
//
// Refused, each naming the cell: a value that is not a number, or is 10^15 or more; a
// scale word in a scaled unit, or a % in a unit that is not a percentage; a period that
// does not parse or is not the template's (a CSV read without its template: not the
// file's first period); a missing, malformed, unknown (not in the template) or repeated
// indicator id; a code that is not the id's; a value, last year or amount where the
// kind does not take it (a milestone's figure is 是否完成, 本期累计额 is for growth);
// 是否完成 or 是否累计 that is not a boolean; a milestone line without 是否完成; any
// other reported line without 本期数值 (a growth line may give 本期累计额 and 上年同期
// instead); a note, cause or remedy over 2000 characters. A blank 是否累计 takes the
// template's default (false in a CSV read without its template).
//
// Domain rules are not checked here: negative values are valid for growth, and the
// bounds of levels and shares, the growth pair's rules and the frequency of the period
// belong to progress.Validate.
//
// # CSV
//
// WriteTemplateCSV writes the same 15 columns with a Chinese header line, UTF-8 with a
// byte-order mark and CRLF. ReadCSV takes a header in Chinese or English (any order;
// 指标编号, 指标代码, 报告期 and 本期数值 required), UTF-8 with or without BOM or
// GB18030 (Chinese Excel's "CSV"), and skips a title line above the header and an
// English header line below it, so the workbook saved as CSV reads too. Errors name the
// line and the column letter Excel shows, with Sheet "CSV". ReadCSV alone can only check
// the file against itself; ReadCSVFor checks against the template like the meta sheet.
//
// # What the service must still check
//
// The meta sheet is hidden, not secret: a clerk can edit it. The service must
//
//   - check every Entry.IndicatorID is an indicator of the uploader's department in
//     the plan, and that Entry.Period is the period being reported and still open
//     (not locked, not a closed year);
//   - build progress.Report values (value required except for milestones) and run
//     progress.Validate and, where the status calls for it, progress.CheckExplanation,
//     turning their errors into CellError values with Entry.Fail, and refuse the whole
//     upload if any (Errors.Sort, then show the list);
//   - decide what an entry does to an existing report (edit a draft with Update, start a
//     correction of an approved one, refuse one under review) and apply all entries in
//     one transaction;
//   - cap the request body (MaxUpload) and pass the upload's size to ReadWorkbook;
//   - escape CellError.Value when showing it: it is the uploader's text.
package xlsx
