/**
 * The v2 orders that the HTTP tests send, with the field HTTP names for each
 * refused one: shared by `create-computer-order.test.ts` and the gRPC parity
 * test (`test/grpc/parity.test.ts`), so both front ends meet the same table.
 */
export const ACCEPTED_ORDERS: Array<[string, Record<string, unknown>]> = [
  ['only the required fields are sent', { created_by: 'USER14', equipment: ['KEYBOARD', 'MOUSE'] }],
  ['every field is sent', { id: 'order-2026-0001', status: 'Queued', created_at: '2026-11-27T09:15:00.123+01:00', created_by: 'USER14', equipment: ['MONITOR'] }],
  ['created_at has nine fractional digits and Z', { created_by: 'U', equipment: ['WEBCAM'], created_at: '2026-01-01T10:00:00.123456789Z' }],
  ['equipment repeats an item', { created_by: 'U', equipment: ['MOUSE', 'MOUSE'] }],
];

export const REFUSED_ORDERS: Array<[string, Record<string, unknown>, string]> = [
  ['created_by is missing', { equipment: ['MOUSE'] }, '/created_by'],
  ['equipment is empty', { created_by: 'U', equipment: [] }, '/equipment'],
  ['equipment is unknown', { created_by: 'U', equipment: ['PRINTER'] }, '/equipment/0'],
  ['a field is unknown', { created_by: 'U', equipment: ['MOUSE'], price: 3 }, '/price'],
  ['equipment is not an array', { created_by: 'U', equipment: 'MOUSE' }, '/equipment'],
  ['created_by is not a string', { created_by: 14, equipment: ['MOUSE'] }, '/created_by'],
  ['created_by is too long', { created_by: 'U'.repeat(129), equipment: ['MOUSE'] }, '/created_by'],
  ['status is not Queued', { created_by: 'U', equipment: ['MOUSE'], status: 'Completed' }, '/status'],
  ['created_at has no offset', { created_by: 'U', equipment: ['MOUSE'], created_at: '2020-10-16T10:31:10' }, '/created_at'],
  ['created_at has an offset past 23:59', { created_by: 'U', equipment: ['MOUSE'], created_at: '2026-01-01T10:00:00+99:99' }, '/created_at'],
  ['created_at has ten fractional digits', { created_by: 'U', equipment: ['MOUSE'], created_at: '2026-01-01T10:00:00.1234567890Z' }, '/created_at'],
  ['created_at leaves the year 9999 in UTC', { created_by: 'U', equipment: ['MOUSE'], created_at: '9999-12-31T23:30:00-01:00' }, '/created_at'],
  ['created_at is not a calendar day', { created_by: 'U', equipment: ['MOUSE'], created_at: '2026-02-30T10:00:00Z' }, '/created_at'],
  ['id has unsafe characters', { id: '../etc', created_by: 'U', equipment: ['MOUSE'] }, '/id'],
  ['created_by holds a control character', { created_by: 'a\u0001', equipment: ['MOUSE'] }, '/created_by'],
  ['equipment has more than 32 items', { created_by: 'U', equipment: Array.from({ length: 33 }, () => 'MOUSE') }, '/equipment'],
  ['several fields are wrong at once', { id: '', created_by: '', equipment: ['PRINTER', 'MOUSE'], status: 'x', created_at: 'nope' }, '/id'],
];
