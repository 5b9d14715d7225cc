/**
 * A pool of at most `max` logged-in clients, each opened with the same options (TLS included).
 * One Client already queues concurrent calls; the pool is for running them at the same time
 * on several server sessions, and for handing out a client for the length of a transaction.
 */
import { type Table } from 'apache-arrow';
import { Client, type ConnectOptions, type QueryResult, connect } from './client.js';
import { BoyoError, ClientErrorCode } from './errors.js';

export interface PoolOptions extends ConnectOptions {
  /** Most connections open at once; default 10. */
  max?: number;
}

interface Waiter {
  resolve: (client: Client) => void;
  reject: (error: unknown) => void;
}

export class Pool {
  private readonly max: number;
  private readonly idle: Client[] = [];
  private readonly waiters: Waiter[] = [];
  /** Clients open or being opened, idle or lent out. */
  private size = 0;
  private ended = false;

  constructor(private readonly options: PoolOptions) {
    this.max = options.max ?? 10;
    if (!Number.isInteger(this.max) || this.max < 1) throw new RangeError('max must be a positive integer');
  }

  /** Runs one query on a client of the pool. */
  query(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    return this.borrow((client) => client.query(sql, params), true);
  }

  queryArrow(sql: string, params?: readonly unknown[]): Promise<Table> {
    return this.borrow((client) => client.queryArrow(sql, params), true);
  }

  /**
   * Lends a client to `work` and takes it back when the returned promise settles: the way to
   * run a transaction, or to use prepared statements (a statement lives in one client's
   * session: prepare, execute and close it inside `work`). If `work` throws, the client is
   * closed rather than reused, because its session may be left inside a transaction.
   */
  withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return this.borrow(work, false);
  }

  /** Closes idle clients now and lent ones when they come back; waiting calls fail with 08003. */
  async end(): Promise<void> {
    this.ended = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(poolEnded());
    const idle = this.idle.splice(0);
    this.size -= idle.length;
    await Promise.all(idle.map((client) => client.close()));
  }

  private async borrow<T>(work: (client: Client) => Promise<T>, reuseAfterError: boolean): Promise<T> {
    const client = await this.acquire();
    let reusable = reuseAfterError;
    try {
      const result = await work(client);
      reusable = true;
      return result;
    } finally {
      this.release(client, reusable);
    }
  }

  private async acquire(): Promise<Client> {
    if (this.ended) throw poolEnded();
    for (let client = this.idle.pop(); client !== undefined; client = this.idle.pop()) {
      if (client.isOpen) return client;
      --this.size;
    }
    if (this.size < this.max) {
      ++this.size;
      try {
        return await connect(this.options);
      } catch (error) {
        --this.size;
        throw error;
      }
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(client: Client, reusable: boolean): void {
    if (reusable && client.isOpen && !this.ended) {
      const waiter = this.waiters.shift();
      if (waiter === undefined) this.idle.push(client);
      else waiter.resolve(client);
      return;
    }
    --this.size;
    void client.close();
    this.openForWaiter();
  }

  /** A client left the pool: if someone is waiting, open a new one for them. */
  private openForWaiter(): void {
    const waiter = this.waiters.shift();
    if (waiter === undefined) return;
    ++this.size;
    connect(this.options).then(waiter.resolve, (error: unknown) => {
      --this.size;
      waiter.reject(error);
    });
  }
}

function poolEnded(): BoyoError {
  return new BoyoError('the pool has ended', { code: ClientErrorCode.connectionDoesNotExist });
}
