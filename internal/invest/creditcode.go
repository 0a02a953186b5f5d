package invest

import "strings"

// creditAlphabet is the character set of a unified social credit code (统一社会信用代码,
// GB 32100-2015): digits and the capital letters without I, O, S, V and Z, which are too
// easily misread. A character's value is its index (0–30).
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are the weights of the first 17 characters: 3^(i-1) mod 31.
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// registrationAuthorities are the first characters GB 32100-2015 assigns (1 机构编制,
// 5 民政, 9 工商, N 农业, Y 其他 …).
const registrationAuthorities = "123456789ANY"

// CreditCheckChar computes the check character of the first 17 characters of a code. ok
// is false when a character is outside the alphabet.
func CreditCheckChar(first17 string) (byte, bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditAlphabet, first17[i])
		if v < 0 {
			return 0, false
		}
		sum += v * creditWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return creditAlphabet[c], true
}

// NormalizeCreditCode trims a code as typed and makes it upper case, full-width
// characters narrowed (a code pasted from a Chinese document often is).
func NormalizeCreditCode(s string) string {
	return strings.ToUpper(strings.ReplaceAll(narrow(strings.TrimSpace(s)), " ", ""))
}

// CheckCreditCode checks a normalised code: 18 characters of the alphabet, a known
// registration authority, a six-digit administrative division, and the check character
// GB 32100-2015 computes. The error (an *Error) names what is wrong: for a wrong check
// character, the code, the character given and the one expected.
func CheckCreditCode(code string) error {
	const field = "credit_code"
	n := len([]rune(code))
	if n != 18 || len(code) != 18 {
		return invalid(field, "credit_code.length", code, n)
	}
	for i := 0; i < 18; i++ {
		if strings.IndexByte(creditAlphabet, code[i]) < 0 {
			return invalid(field, "credit_code.char", code, string(code[i]), i+1)
		}
	}
	if strings.IndexByte(registrationAuthorities, code[0]) < 0 {
		return invalid(field, "credit_code.authority", code, string(code[0]))
	}
	for i := 2; i < 8; i++ {
		if code[i] < '0' || code[i] > '9' {
			return invalid(field, "credit_code.division", code, code[2:8])
		}
	}
	want, _ := CreditCheckChar(code[:17])
	if code[17] != want {
		return invalid(field, "credit_code.check", code, string(code[17]), string(want))
	}
	return nil
}
