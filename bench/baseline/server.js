#!/usr/bin/env node
// The webhook receiver most teams write, as the yardstick for bench/run.sh: Express + AWS SDK v3, 2 workers
// (node:cluster). Per POST /webhook: check X-Hub-Signature-256 over the raw body (constant-time), parse the JSON,
// one conditional PutItem (attribute_not_exists) per message or status, 200 once written. No grains, no events.
// GET /stats returns the workers' counters summed: DynamoDB requests (every attempt, retries included) by
// operation, and messages stored, so the bench can print store operations per message.
// Environment: PORT, DYNAMODB_ENDPOINT, APP_SECRET, TABLE_NAME (BaselineMessages), WORKERS (2).
'use strict';

const cluster = require('node:cluster');
const crypto = require('node:crypto');
const express = require('express');
const { DynamoDBClient, CreateTableCommand, DescribeTableCommand, PutItemCommand } = require('@aws-sdk/client-dynamodb');

const port = Number(process.env.PORT ?? 3000);
const secret = process.env.APP_SECRET ?? '';
const table = process.env.TABLE_NAME ?? 'BaselineMessages';
const workers = Number(process.env.WORKERS ?? 2);

const client = new DynamoDBClient({
  endpoint: process.env.DYNAMODB_ENDPOINT ?? 'http://127.0.0.1:8000',
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

async function ensureTable() {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
  } catch (error) {
    if (error.name !== 'ResourceNotFoundException') throw error;
    await client.send(new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'Id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'Id', KeyType: 'HASH' }],
    }));
  }
}

// The primary only forks, and sums the workers' counters when one of them is asked for /stats.
function runPrimary() {
  const pending = new Map();
  cluster.on('message', (worker, message) => {
    if (message.statsRequest !== undefined) {
      const ask = { id: message.statsRequest, from: worker, waiting: Object.keys(cluster.workers).length, totals: {} };
      pending.set(ask.id, ask);
      for (const each of Object.values(cluster.workers)) each.send({ countRequest: ask.id });
    } else if (message.counted !== undefined && pending.has(message.counted)) {
      const ask = pending.get(message.counted);
      for (const [name, value] of Object.entries(message.counters)) ask.totals[name] = (ask.totals[name] ?? 0) + value;
      if (--ask.waiting === 0) {
        pending.delete(ask.id);
        ask.from.send({ statsReply: ask.id, totals: ask.totals });
      }
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); stopping`);
    process.exit(1);
  });
  const stop = () => {
    cluster.removeAllListeners('exit');
    for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGTERM');
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  for (let i = 0; i < workers; i++) cluster.fork();
}

function runWorker() {
  const counters = { messages: 0 };
  client.middlewareStack.add((next, context) => (args) => {
    // The deserialize step runs once per attempt (the retry middleware sits before it), so retries count too.
    const operation = context.commandName.replace(/Command$/, '');
    counters[operation] = (counters[operation] ?? 0) + 1;
    return next(args);
  }, { step: 'deserialize', name: 'countRequests' });

  const statsReplies = new Map();
  let nextStatsId = 0;
  process.on('message', (message) => {
    if (message.countRequest !== undefined) process.send({ counted: message.countRequest, counters });
    else if (message.statsReply !== undefined) statsReplies.get(message.statsReply)?.(message.totals);
  });
  process.on('disconnect', () => process.exit(0));
  const clusterTotals = () => new Promise((resolve) => {
    const id = `${process.pid}-${nextStatsId++}`;
    statsReplies.set(id, (totals) => { statsReplies.delete(id); resolve(totals); });
    process.send({ statsRequest: id });
  });

  const key = Buffer.from(secret, 'utf8');
  const validSignature = (header, body) => {
    if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
    const given = Buffer.from(header.slice('sha256='.length), 'hex');
    const expected = crypto.createHmac('sha256', key).update(body).digest();
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  };

  // One item per inbound message or status update, keyed so a redelivery of the same webhook is not stored twice.
  const itemsOf = (payload) => {
    const items = [];
    for (const entry of payload.entry ?? []) {
      for (const change of entry.changes ?? []) {
        const value = change.value ?? {};
        const phoneNumberId = value.metadata?.phone_number_id ?? '';
        for (const message of value.messages ?? []) {
          items.push({ Id: message.id, PhoneNumberId: phoneNumberId, From: message.from, Kind: 'message', Body: message });
        }
        for (const status of value.statuses ?? []) {
          items.push({ Id: `${status.id}#${status.status}`, PhoneNumberId: phoneNumberId, From: status.recipient_id, Kind: 'status', Body: status });
        }
      }
    }
    return items;
  };

  const store = async (item) => {
    try {
      await client.send(new PutItemCommand({
        TableName: table,
        Item: {
          Id: { S: String(item.Id) },
          PhoneNumberId: { S: String(item.PhoneNumberId) },
          From: { S: String(item.From ?? '') },
          Kind: { S: item.Kind },
          Body: { S: JSON.stringify(item.Body) },
          ReceivedAt: { N: String(Date.now()) },
        },
        ConditionExpression: 'attribute_not_exists(Id)',
      }));
      counters.messages++;
    } catch (error) {
      // A redelivery: already stored, so acknowledge it again.
      if (error.name !== 'ConditionalCheckFailedException') throw error;
    }
  };

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (request, response) => response.send('ok'));
  app.get('/stats', async (request, response) => response.json(await clusterTotals()));
  app.post('/webhook', express.raw({ type: () => true, limit: '1mb' }), async (request, response) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (!validSignature(request.get('x-hub-signature-256'), body)) return response.sendStatus(401);
    let payload;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return response.sendStatus(400);
    }
    try {
      for (const item of itemsOf(payload)) await store(item);
    } catch (error) {
      console.error(`store failed: ${error.name}`);
      return response.sendStatus(500);
    }
    return response.sendStatus(200);
  });
  app.listen(port, '127.0.0.1');
}

if (cluster.isPrimary) {
  ensureTable().then(runPrimary, (error) => {
    console.error(`cannot create table ${table}: ${error.message}`);
    process.exit(1);
  });
} else {
  runWorker();
}
