import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbStore, tableDefinition } from '../../src/stores/dynamodb-store.ts';
import { MemoryStore } from '../../src/stores/memory-store.ts';
import type { Store } from '../../src/ports/store.ts';
import { authorizeParams, harness, pkce, RESOURCE } from '../helpers/harness.ts';

/** A real DynamoDB implementation (dynalite, on LevelDB in memory) run by the test: conditional writes are enforced. */
let server: Server;
let client: DynamoDBClient;
let tables = 0;
beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterAll(async () => {
  client.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

async function freshTable(): Promise<string> {
  const name = `front-door-${++tables}`;
  await client.send(new CreateTableCommand(tableDefinition(name)));
  // dynalite keeps a new table CREATING until a timer fires (even at createTableMs 0); on a loaded machine a
  // write can arrive first and get ResourceNotFound. Wait for ACTIVE, as a real client of DynamoDB must.
  for (let i = 0; i < 200; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') return name;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`table ${name} never became ACTIVE`);
}

/** Both stores pass the same contract; the clock is the test's, so expiry can be crossed without waiting. */
const stores: [string, (now: () => number) => Promise<Store>][] = [
  ['memory', async (now) => new MemoryStore(now)],
  ['DynamoDB (dynalite)', async (now) => new DynamoDbStore({ client, tableName: await freshTable(), now })],
];

describe.each(stores)('%s store', (_name, make) => {
  it('reads what it wrote, and treats an expired item as absent on reads, creates and takes', async () => {
    let now = 1_000_000_000_000;
    const store = await make(() => now);
    await store.put('a', { x: 1 }, now + 60_000);
    expect(await store.get('a')).toEqual({ x: 1 });
    now += 61_000;
    expect(await store.get('a')).toBeUndefined();
    expect(await store.take('a')).toBeUndefined();
    expect(await store.create('a', { x: 2 }, now + 60_000)).toBe(true);
    expect(await store.get('a')).toEqual({ x: 2 });
  });

  it('create is conditional: a live item keeps its key', async () => {
    const now = 1_000_000_000_000;
    const store = await make(() => now);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.create('k', { i }, now + 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('take is atomic: of concurrent takers exactly one gets the item (single-use codes)', async () => {
    const now = 1_000_000_000_000;
    const store = await make(() => now);
    await store.put('code', { secret: 'c' }, now + 60_000);
    const taken = await Promise.all(Array.from({ length: 8 }, () => store.take('code')));
    expect(taken.filter((t) => t !== undefined)).toEqual([{ secret: 'c' }]);
    expect(await store.get('code')).toBeUndefined();
  });

  it('increment never passes the limit under concurrency, and starts again once the counter expired', async () => {
    let now = 1_000_000_000_000;
    const store = await make(() => now);
    const counted = await Promise.all(Array.from({ length: 25 }, () => store.increment('count', 10, now + 60_000)));
    expect(counted.filter(Boolean)).toHaveLength(10);
    expect(await store.increment('count', 10, now + 60_000)).toBe(false);
    now += 61_000;
    expect(await store.increment('count', 10, now + 60_000)).toBe(true);
  });

  it('the front door on this store holds the registration ceiling under concurrent registrations', async () => {
    const store = await make(Date.now);
    const { call } = harness({ registration: { maxPerWindow: 5 } }, { store });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call('POST', '/register', JSON.stringify({ client_name: `c${i}`, redirect_uris: ['http://127.0.0.1/cb'] }))),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 503)).toHaveLength(15);
  });
});

describe('DynamoDB item layout', () => {
  it('stores the value as JSON with a ttl attribute in epoch seconds (the table\'s TTL attribute)', async () => {
    const tableName = await freshTable();
    const store = new DynamoDbStore({ client, tableName });
    await store.put('client#x', { a: 1 }, 1_900_000_000_500);
    const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'client#x' } } }));
    expect(Item).toEqual({ pk: { S: 'client#x' }, v: { S: '{"a":1}' }, ttl: { N: '1900000001' } });
  });
});

describe('the front door on DynamoDB (dynalite), a whole sign-in', () => {
  it('registers, authorizes through consent, redeems the code once, refreshes with rotation, detects a replay', async () => {
    const store = new DynamoDbStore({ client, tableName: await freshTable() });
    const h = harness({}, { store });
    const redirect = 'http://127.0.0.1:50000/callback';
    const clientId = String((await h.register({ client_name: 'On DynamoDB', redirect_uris: [redirect] })).body.client_id);
    expect((await h.register({ client_name: 'On DynamoDB', redirect_uris: [redirect] })).body.client_id).toBe(clientId);
    const { challenge, verifier } = pkce();
    const done = await h.authorizeThrough(authorizeParams(clientId, redirect, challenge));
    const code = new URL(done.headers.location!).searchParams.get('code')!;
    const redeem = () => h.form('/token', { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: clientId, redirect_uri: redirect, resource: RESOURCE });
    const first = JSON.parse((await redeem()).body) as Record<string, string>;
    expect(first.scope).toBe('tasks:read tasks:write');
    // Three concurrent refreshes with the same token: exactly one wins.
    const attempts = await Promise.all([1, 2, 3].map(() => h.form('/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token!, client_id: clientId })));
    const winners = attempts.map((a) => JSON.parse(a.body) as Record<string, string>).filter((a) => a.refresh_token);
    expect(winners).toHaveLength(1);
    const refreshed = winners[0]!;
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
    const replay = await redeem();
    expect(JSON.parse(replay.body).error).toBe('invalid_grant');
    expect(h.upstream.revoked.length).toBeGreaterThan(0);
    // The replay ended the whole grant, the token rotated after the first redemption included.
    const after = await h.form('/token', { grant_type: 'refresh_token', refresh_token: refreshed.refresh_token!, client_id: clientId });
    expect(JSON.parse(after.body).error).toBe('invalid_grant');
  });
});
