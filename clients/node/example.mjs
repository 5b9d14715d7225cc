// A first program with the BoyoDB driver: create a table, insert rows with parameters, query.
//
//   npm install && npx tsc
//   BOYODB_HOST=127.0.0.1 BOYODB_PORT=8765 BOYODB_USER=admin BOYODB_PASSWORD=... node example.mjs
import { connect } from 'boyodb';

const client = await connect({
  host: process.env.BOYODB_HOST ?? '127.0.0.1',
  port: Number(process.env.BOYODB_PORT ?? 8765),
  user: process.env.BOYODB_USER ?? 'admin',
  password: process.env.BOYODB_PASSWORD ?? '',
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
  for (const order of orders) {
    await client.query('INSERT INTO example_orders VALUES ($1, $2, $3, $4, $5)', order);
  }

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
