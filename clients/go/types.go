package boyodb

import "boyodb.dev/clients/go/boyodb/arrow"

// Interval is an INTERVAL value: months, days and nanoseconds, kept apart as PostgreSQL does.
// Query results hold Interval values, and an Interval argument is sent as an interval literal.
type Interval = arrow.Interval

// KeyValue is one entry of a MAP value; a MAP column reads as []KeyValue.
type KeyValue = arrow.KeyValue
