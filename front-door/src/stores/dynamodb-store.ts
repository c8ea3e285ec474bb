import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { Store } from '../ports/store.ts';

/**
 * The front door's store in one DynamoDB table: partition key `pk` (string), the value as JSON in `v`,
 * counters in `n`, and `ttl` (epoch seconds) on every item, the table's TTL attribute. DynamoDB deletes
 * expired items late (days), so every read and conditional write here treats `ttl <= now` as absent.
 */
export interface DynamoDbStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  now?: () => number;
}

/** The table the store expects (Terraform creates it in a deployment; tests create it with this). TTL on `ttl`. */
export const tableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
});

const seconds = (ms: number) => Math.ceil(ms / 1000);
const names = { '#ttl': 'ttl' };
const failedCondition = (err: unknown) => err instanceof ConditionalCheckFailedException || (err as { name?: string }).name === 'ConditionalCheckFailedException';

export class DynamoDbStore implements Store {
  readonly #client: DynamoDBClient;
  readonly #table: string;
  readonly #now: () => number;

  constructor(options: DynamoDbStoreOptions) {
    this.#client = options.client;
    this.#table = options.tableName;
    this.#now = options.now ?? Date.now;
  }

  #nowValue() {
    return { ':now': { N: String(Math.floor(this.#now() / 1000)) } };
  }

  #item(key: string, value: unknown, expiresAt: number) {
    return { pk: { S: key }, v: { S: JSON.stringify(value) }, ttl: { N: String(seconds(expiresAt)) } };
  }

  async get<T>(key: string): Promise<T | undefined> {
    const { Item } = await this.#client.send(new GetItemCommand({ TableName: this.#table, Key: { pk: { S: key } }, ConsistentRead: true }));
    if (!Item?.v?.S || Number(Item.ttl?.N ?? 0) <= Math.floor(this.#now() / 1000)) return undefined;
    return JSON.parse(Item.v.S) as T;
  }

  async put<T>(key: string, value: T, expiresAt: number): Promise<void> {
    await this.#client.send(new PutItemCommand({ TableName: this.#table, Item: this.#item(key, value, expiresAt) }));
  }

  async create<T>(key: string, value: T, expiresAt: number): Promise<boolean> {
    try {
      await this.#client.send(
        new PutItemCommand({
          TableName: this.#table,
          Item: this.#item(key, value, expiresAt),
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: this.#nowValue(),
        }),
      );
      return true;
    } catch (err) {
      if (failedCondition(err)) return false;
      throw err;
    }
  }

  async take<T>(key: string): Promise<T | undefined> {
    try {
      const { Attributes } = await this.#client.send(
        new DeleteItemCommand({
          TableName: this.#table,
          Key: { pk: { S: key } },
          ConditionExpression: 'attribute_exists(pk) AND #ttl > :now',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: this.#nowValue(),
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes?.v?.S ? (JSON.parse(Attributes.v.S) as T) : undefined;
    } catch (err) {
      if (failedCondition(err)) return undefined;
      throw err;
    }
  }

  /** A live counter below the limit is incremented; an absent or expired one is started at 1. Both conditional. */
  async increment(key: string, limit: number, expiresAt: number): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.#client.send(
          new UpdateItemCommand({
            TableName: this.#table,
            Key: { pk: { S: key } },
            UpdateExpression: 'ADD n :one',
            ConditionExpression: 'attribute_exists(pk) AND #ttl > :now AND n < :limit',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ...this.#nowValue(), ':one': { N: '1' }, ':limit': { N: String(limit) } },
          }),
        );
        return true;
      } catch (err) {
        if (!failedCondition(err)) throw err;
      }
      if (limit < 1) return false;
      try {
        await this.#client.send(
          new PutItemCommand({
            TableName: this.#table,
            Item: { pk: { S: key }, n: { N: '1' }, ttl: { N: String(seconds(expiresAt)) } },
            ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: this.#nowValue(),
          }),
        );
        return true;
      } catch (err) {
        if (!failedCondition(err)) throw err;
        // A live counter exists: at its limit (the update failed for that), or created meanwhile: look again.
        const { Item } = await this.#client.send(new GetItemCommand({ TableName: this.#table, Key: { pk: { S: key } }, ConsistentRead: true }));
        if (Item && Number(Item.n?.N ?? 0) >= limit && Number(Item.ttl?.N ?? 0) > Math.floor(this.#now() / 1000)) return false;
      }
    }
    return false;
  }
}
