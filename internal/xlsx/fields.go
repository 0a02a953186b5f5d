package xlsx

// ColumnFor names the column and header of a report field by its English name (value,
// period, cumulative, last_year, amount, done, note, cause, remedy), so that a domain
// check made after reading can still point at the cell; ok is false for other names.
func ColumnFor(name string) (col, header string, ok bool) {
	for f := field(0); f < nFields; f++ {
		if columns[f].en == name {
			return f.col(), f.header(), true
		}
	}
	return "", "", false
}
