#!/usr/bin/env node
// Prints an Orleans cluster's membership as stored by WaApp.DynamoDB (no AWS CLI needed).
// Usage: node membership.js [--endpoint http://127.0.0.1:8000] [--table waapp-dev-OrleansSilos] [--cluster dev]
// Works against dynalite, DynamoDB Local and any endpoint that accepts unsigned-key requests.
'use strict';

const args = { endpoint: 'http://127.0.0.1:8000', table: 'waapp-dev-OrleansSilos', cluster: 'dev' };
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '');
  if (!(name in args)) {
    console.error(`unknown argument --${name}`);
    process.exit(2);
  }
  args[name] = process.argv[i + 1];
}

const statuses = ['None', 'Created', 'Joining', 'Active', 'ShuttingDown', 'Stopping', 'Dead'];

async function query() {
  const items = [];
  let startKey;
  do {
    const response = await fetch(args.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': 'DynamoDB_20120810.Query',
        // dynalite wants signature headers but does not check them.
        'X-Amz-Date': '20260101T000000Z',
        Authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify({
        TableName: args.table,
        ConsistentRead: true,
        KeyConditionExpression: 'DeploymentId = :d',
        ExpressionAttributeValues: { ':d': { S: args.cluster } },
        ExclusiveStartKey: startKey,
      }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`${body.__type}: ${body.message}`);
    items.push(...body.Items);
    startKey = body.LastEvaluatedKey;
  } while (startKey);
  return items;
}

query().then((items) => {
  const versionRow = items.find((i) => i.SiloIdentity.S === 'VersionRow');
  if (!versionRow) {
    console.log(`No cluster '${args.cluster}' in ${args.table}.`);
    return;
  }
  const alive = Object.fromEntries(items
    .filter((i) => i.SiloIdentity.S.startsWith('alive#'))
    .map((i) => [i.SiloIdentity.S.slice('alive#'.length), i.IAmAliveTime.S]));
  console.log(`cluster ${args.cluster}: table version ${versionRow.MembershipVersion.N} (etag ${versionRow.ETag.N})`);
  const rows = Object.entries(versionRow.Silos.M).map(([id, { M: row }]) => ({
    silo: id,
    name: row.SiloName ? row.SiloName.S : '',
    status: statuses[Number(row.SiloStatus.N)] || row.SiloStatus.N,
    gateway: Number(row.ProxyPort.N) || '',
    started: row.StartTime.S,
    iAmAlive: [row.IAmAliveTime.S, alive[id] || ''].sort().pop(),
    suspicions: row.Suspicions ? row.Suspicions.L.length : 0,
    etag: row.ETag.N,
  }));
  console.table(rows);
}).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
