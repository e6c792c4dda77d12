package pricing

import "time"

// Delivery is one ladle trip (one weighing ticket): the weight tapped and
// weighed out at the smelter, and the weight weighed in at the buyer's end.
// Rule 2.6 bills the delivered weight.
type Delivery struct {
	TicketText []byte // the ticket, in the reader's text: valid until its next batch
	Month      Month  // the month of the delivery date
	Day        int    // the day of the month of the delivery date
	Buyer      string // an agreement id or a buyer name
	Tapped     Weight // 出厂重量
	Delivered  Weight // 到位重量, the billed weight
	Line       int
	Problems   ErrorList // why the row is bad; nil for a good row

}

// Ticket returns the ticket number.
func (d *Delivery) Ticket() string { return string(d.TicketText) }

// Date returns the delivery date.
func (d *Delivery) Date() time.Time { return d.Month.First().AddDate(0, 0, d.Day-1) }

// DeliveryField names a field of a deliveries row, for messages about it.
type DeliveryField int

// The fields of a deliveries row.
const (
	TicketField DeliveryField = iota
	DateField
	BuyerField
	TappedField
	DeliveredField
	NDeliveryFields // how many fields a row has
)
