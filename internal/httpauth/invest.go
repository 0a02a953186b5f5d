package httpauth

// How the investment centre's routes find the record their action is checked on.
const (
	ByEnterprise Find = "enterprise {id}" // the enterprise of {id}: its region, department and owning officer
	ByLead       Find = "lead {id}"       // the project lead of {id}: its region, department and owning officer
	ByVisit      Find = "visit {id}"      // the visit of {id}: its region, department and owning officer
	ByChain      Find = "chain {id}"      // the industry chain of {id}: its region
	BySecret     Find = "secret ?key"     // the calendar subscription whose secret is in the query: its officer
)
