#!/usr/bin/env node
// Starts dynalite (a local DynamoDB API) and waits until it answers.
// Usage: node start.js [--port 8000] [--host 127.0.0.1] [--path DIR] [--ready-file FILE]
// Prints "dynalite listening on http://HOST:PORT" once requests are served.
// With --port 0 a free port is chosen; the line then tells which one.
'use strict';

const fs = require('fs');
const dynalite = require('dynalite');
const { parseArgs, waitUntilAnswering, announce } = require('./launcher');

async function main() {
  const options = parseArgs(process.argv.slice(2), 'node start.js [--port 8000] [--host 127.0.0.1] [--path DIR] [--ready-file FILE]');
  if (options.path) fs.mkdirSync(options.path, { recursive: true });

  // Tables become ACTIVE at once so tests and start-up need not wait half a second per table.
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.on('error', (error) => {
    console.error(`dynalite failed: ${error.message}`);
    process.exit(1);
  });
  await new Promise((resolve) => server.listen(options.port, options.host, resolve));
  const port = server.address().port;
  await waitUntilAnswering(options.host, port, Date.now() + 15000);
  announce('dynalite', options, port, () => server.close(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
