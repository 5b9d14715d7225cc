// A first program with the BoyoDB driver: create a table, insert rows with parameters, query.
//
//   npm install && npx tsc
//   BOYODB_HOST=127.0.0.1 BOYODB_PORT=8765 BOYODB_USER=admin BOYODB_PASSWORD=... node example.mjs
//
// For a server with TLS on, also set BOYODB_TLS_CA (the CA's PEM file) and, when it requires
// client certificates, BOYODB_TLS_CERT and BOYODB_TLS_KEY.
import { connect } from 'boyodb';

const { BOYODB_TLS_CA, BOYODB_TLS_CERT, BOYODB_TLS_KEY } = process.env;
const client = await connect({
  host: process.env.BOYODB_HOST ?? '127.0.0.1',
  port: Number(process.env.BOYODB_PORT ?? 8765),
  user: process.env.BOYODB_USER ?? 'admin',
  password: process.env.BOYODB_PASSWORD ?? '',
  tls: BOYODB_TLS_CA ? { ca: BOYODB_TLS_CA, cert: BOYODB_TLS_CERT, key: BOYODB_TLS_KEY } : false,
});

try {
  await client.query('DROP TABLE IF EXISTS example_orders');
  await client.createTable('example_orders', [
    { name: 'id', type: 'BIGINT', nullable: false },
    { name: 'customer', type: 'TEXT' },
    { name: 'amount', type: 'DECIMAL(10,2)' },
    { name: 'placed_at', type: 'TIMESTAMPTZ' },
    { name: 'tags', type: 'TEXT[]' },
  ]);

  const orders = [
    [1n, "O'Brien", '19.99', new Date('2024-05-01T09:30:00Z'), ['new']],
    [2n, 'Lovelace', '250.00', new Date('2024-05-02T14:00:00Z'), ['vip', 'repeat']],
    [3n, 'Hopper', '42.50', new Date('2024-05-03T08:15:00Z'), []],
  ];
  // Prepared once on the server, run once per order with the values sent apart from the SQL.
  const insert = await client.prepare('INSERT INTO example_orders VALUES ($1, $2, $3, $4, $5)');
  for (const order of orders) await insert.execute(order);
  await insert.close();

  const { command, rows } = await client.query(
    'SELECT id, customer, amount, placed_at, tags FROM example_orders WHERE amount > $1 ORDER BY id',
    [20],
  );
  console.log(command);
  for (const row of rows) {
    console.log(`#${row.id} ${row.customer}: ${row.amount} at ${row.placed_at.toISOString()} [${row.tags.join(', ')}]`);
  }

  const total = await client.query('SELECT sum(amount) AS total, count(*) AS orders FROM example_orders');
  console.log(`total ${total.rows[0].total} over ${total.rows[0].orders} orders`);
} finally {
  await client.close();
}
